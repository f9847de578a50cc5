"""Freezing keeps the figures the entrepreneur approved, whatever the settings say later."""

import pytest
from fastapi.testclient import TestClient

from casework.settings import get_settings
from tests.conftest import People
from tests.journey import case_at, move, ok, prepare_support


def test_the_frozen_figures_are_the_approved_ones_after_a_settings_change(
    client: TestClient, people: People, monkeypatch: pytest.MonkeyPatch
):
    case = case_at(client, "support", people)
    prepare_support(client, case["id"], people)
    plan = f"/cases/{case['id']}/investment-plan"
    approved = ok(client.get(plan, headers=people.advisor.headers))
    assert approved["results"]["funding_band"] == "micro"

    # The unit lowers its bands: recomputing now would class the plan differently.
    monkeypatch.setenv("CASEWORK_MICRO_MAX_EUR", "100")
    monkeypatch.setenv("CASEWORK_MESO_MAX_EUR", "1000")
    get_settings.cache_clear()
    move(client, case["id"], "linkage", people.advisor)

    frozen = ok(client.get(plan, headers=people.advisor.headers))
    assert frozen["version"] == approved["version"]
    assert frozen["results"] == approved["results"]
    assert frozen["results_frozen_at"] is not None
