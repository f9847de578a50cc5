"""The API answers a plan version's results as kept: whole for new versions, as saved for old."""

import uuid

from casework.database import open_session
from casework.investment_plan import InvestmentPlan
from casework.models import InvestmentPlanVersion
from casework.services.plans import evaluate_plan
from casework.vocabulary import Role
from tests.dossier_samples import LEGACY_BODY, LEGACY_RESULTS, PLAN_BODY
from tests.journey import SECTIONS, ok, open_case


def _keep_legacy_version(case_id: str, author_id: str) -> None:
    with open_session() as session:
        session.add(
            InvestmentPlanVersion(
                case_id=uuid.UUID(case_id),
                version=1,
                body=LEGACY_BODY,
                results=LEGACY_RESULTS,
                author_id=uuid.UUID(author_id),
                author_role=Role.ENTREPRENEUR,
            )
        )
        session.commit()


def test_a_version_saved_by_an_older_release_is_answered_with_only_its_own_figures(
    client, people
) -> None:
    case = open_case(client, people.entrepreneur)
    _keep_legacy_version(case["id"], people.entrepreneur.id)
    url = f"/cases/{case['id']}/investment-plan"
    headers = people.entrepreneur.headers
    assert ok(client.get(url, headers=headers))["results"] == LEGACY_RESULTS
    assert [v["results"] for v in ok(client.get(f"{url}/versions", headers=headers))] == [
        LEGACY_RESULTS
    ]
    assert ok(client.get(f"{url}/versions/1", headers=headers))["results"] == LEGACY_RESULTS
    assert ok(client.post(f"{url}/approval", headers=headers))["results"] == LEGACY_RESULTS


def test_a_new_version_is_answered_with_every_figure_in_the_models_order(client, people) -> None:
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/investment-plan"
    saved = ok(client.put(url, json=PLAN_BODY, headers=people.entrepreneur.headers))
    expected = evaluate_plan(InvestmentPlan.model_validate(PLAN_BODY)).model_dump(mode="json")
    assert saved["results"] == expected
    assert list(saved["results"]) == list(expected)


def test_the_diff_from_an_old_version_lists_the_figures_computed_since(client, people) -> None:
    case = open_case(client, people.entrepreneur)
    _keep_legacy_version(case["id"], people.entrepreneur.id)
    url = f"/cases/{case['id']}/investment-plan"
    ok(client.put(url, json=PLAN_BODY, headers=people.entrepreneur.headers))
    changes = ok(client.get(f"{url}/diff?from=1&to=2", headers=people.entrepreneur.headers))
    added = {c["path"] for c in changes["results"] if c["before"] is None}
    # Figures the old version never computed appear as added, not as changed from null.
    assert {"equity.npv", "mirr", "warnings[0]", "loans[0].amount"} <= added
    assert "npv" not in added


def test_an_old_approved_plan_gives_the_feasibility_study_its_figures(client, people) -> None:
    case = open_case(client, people.entrepreneur)
    _keep_legacy_version(case["id"], people.entrepreneur.id)
    headers = people.entrepreneur.headers
    ok(client.post(f"/cases/{case['id']}/investment-plan/approval", headers=headers))
    sections = {k: {"text": f"{k} analysed", "status": "complete"} for k in SECTIONS}
    study = ok(
        client.put(f"/cases/{case['id']}/feasibility", json={"sections": sections}, headers=headers)
    )
    assert study["financial_figures"] == {
        "plan_version": 1,
        "npv": LEGACY_RESULTS["npv"],
        "irr": LEGACY_RESULTS["irr"],
        "irr_note": None,
        "mirr": None,  # not computed when the version was saved
        "payback_years": LEGACY_RESULTS["payback_years"],
        "min_dscr": None,
        "funding_gap": LEGACY_RESULTS["funding_gap"],
        "external_financing_eur": LEGACY_RESULTS["external_financing_eur"],
        "funding_band": "micro",
        "warnings": None,
    }
