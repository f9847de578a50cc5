"""Follow-up against the plan: the plan's milestones, reported figures, plan against actual.

Issue 9, part 1. The journey's plan (DESIGN.md §6): revenue 6.0 M XOF in year 1,
operating costs 4.0 M, and a 7.0 M meso-credit at 9 % over four years, the first
one of grace, so year 1's instalment is its interest alone, 630,000 XOF.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from casework.vocabulary import Stage
from journey import over_http, steps
from journey.over_http import HttpDriver
from tests.conftest import People
from tests.dossier_samples import pdf_text
from tests.journey import ok

pytestmark = pytest.mark.usefixtures("prefect_server")


def today() -> date:
    return datetime.now(UTC).date()


def in_follow_up(client: TestClient, people: People) -> str:
    """A case taken into follow-up with the journey's plan."""
    case = over_http.open_case(client, people.entrepreneur.headers)
    cast = (people.advisor, people.entrepreneur, people.manager)
    driver = HttpDriver(client, case, {person.role: person.headers for person in cast})
    steps.take_case(driver, Stage.FOLLOW_UP)
    return str(case["id"])


def milestones(client: TestClient, case_id: str, people: People) -> list[dict[str, Any]]:
    return list(ok(client.get(f"/cases/{case_id}/milestones", headers=people.advisor.headers)))


def test_entering_follow_up_sets_the_plans_milestones_within_the_period(client, people):
    case_id = in_follow_up(client, people)
    case = ok(client.get(f"/cases/{case_id}", headers=people.advisor.headers))
    assert case["plan_start_on"] == today().isoformat()
    year_one_ends = (today().replace(year=today().year + 1) - timedelta(days=1)).isoformat()
    drawn = [
        (m["kind"], m["due_date"], m["period"], m["amount_due"])
        for m in milestones(client, case_id, people)
    ]
    assert drawn == [
        ("start_of_operations", today().isoformat(), 1, None),
        ("instalment", year_one_ends, 1, 630_000),
        ("yearly_review", year_one_ends, 1, None),
    ]
    titles = [m["title"] for m in milestones(client, case_id, people)]
    assert titles[1] == "Meso credit: instalment of year 1, 630,000 XOF"

    # Two years more reach the instalments and reviews of years 2 and 3; none is doubled.
    longer = {"until": (today() + timedelta(days=3 * 365 + 1)).isoformat()}
    url = f"/cases/{case_id}/follow-up-period"
    ok(client.put(url, json=longer, headers=people.advisor.headers))
    keys = [(m["kind"], m["period"]) for m in milestones(client, case_id, people)]
    assert keys.count(("instalment", 3)) == 1
    assert keys.count(("yearly_review", 1)) == 1
    assert len(keys) == 7

    # Ending it today drops what falls later and is not done; the start stays.
    ok(client.put(url, json={"until": today().isoformat()}, headers=people.advisor.headers))
    assert [m["kind"] for m in milestones(client, case_id, people)] == ["start_of_operations"]


def test_a_plan_that_started_earlier_counts_its_years_from_its_start_date(
    client, people, monkeypatch
):
    started = today() - timedelta(days=400)
    journeys_plan = steps.plan_body
    monkeypatch.setattr(
        steps, "plan_body", lambda: {**journeys_plan(), "start_date": started.isoformat()}
    )
    case_id = in_follow_up(client, people)
    case = ok(client.get(f"/cases/{case_id}", headers=people.advisor.headers))
    assert case["plan_start_on"] == started.isoformat()
    found = milestones(client, case_id, people)
    assert found[0]["due_date"] == started.isoformat()
    # Year 2's instalment: the first repayment of principal with its interest, an annuity.
    assert [m["amount_due"] for m in found if m["kind"] == "instalment"] == [630_000, 2_765_383.3]


def test_reported_figures_are_compared_with_the_plan_and_confirmed_by_an_advisor(client, people):
    case_id = in_follow_up(client, people)
    url = f"/cases/{case_id}/follow-up-reports"
    report = {
        "period": 1,
        "visit_date": today().isoformat(),
        "revenue": 3_720_000,
        "operating_costs": 4_000_000,
        "jobs_created": {"women": 2, "men": 1},
        "jobs_kept": {"women": 1, "men": 0},
        "repayments_made": 630_000,
        "notes": "A slow first season.",
    }
    made = ok(client.post(url, json=report, headers=people.entrepreneur.headers), 201)
    assert made["confirmed_at"] is None
    assert made["jobs_created"] == {"women": 2, "men": 1}

    comparison = f"/cases/{case_id}/plan-vs-actual"
    compared = ok(client.get(comparison, headers=people.entrepreneur.headers))
    year1 = compared["years"][0]
    # Planned net: 6.0 M − 4.0 M − 0.63 M = 1.37 M; actual: 3.72 − 4.0 − 0.63 = −0.91 M.
    assert year1["planned"]["net_cash_flow"] == 1_370_000
    assert year1["actual"]["net_cash_flow"] == -910_000
    assert year1["actual"]["cumulative"] == -910_000
    assert year1["confirmed"] is False
    assert year1["repayment_status"] == "on_schedule"
    assert year1["deviations"] == [
        "revenue 38.0% below plan in year 1",
        "net cash flow 166.4% below plan in year 1",
    ]
    assert compared["deviations"] == year1["deviations"]
    assert compared["years"][1]["actual"] is None
    assert compared["threshold"] == 0.2

    confirm = f"{url}/{made['id']}/confirmation"
    assert client.post(confirm, headers=people.entrepreneur.headers).status_code == 403
    assert client.post(confirm, headers=people.manager.headers).status_code == 403
    assert client.post(confirm, headers=people.other_entrepreneur.headers).status_code == 404
    confirmed = ok(client.post(confirm, headers=people.advisor.headers))
    assert confirmed["confirmed_at"] is not None
    assert ok(client.post(confirm, headers=people.advisor.headers)) == confirmed
    compared = ok(client.get(comparison, headers=people.advisor.headers))
    assert compared["years"][0]["confirmed"] is True

    # The dossier gains the comparison.
    dossier = client.get(f"/cases/{case_id}/dossier.pdf", headers=people.entrepreneur.headers)
    text = pdf_text(dossier.content)
    assert "9. Plan against actual" in text
    assert "Revenue 38.0% below plan in year 1." in text
    # The follow-up report in French words the same deviation as French writes it.
    report_fr = client.get(
        f"/cases/{case_id}/dossier.pdf",
        params={"kind": "follow_up", "lang": "fr"},
        headers=people.entrepreneur.headers,
    )
    french = pdf_text(report_fr.content)
    assert "3. Réalisé face au plan" in french
    assert "Chiffre d'affaires inférieur de 38,0 % au plan l'année 1." in french

    # An advisor's own report, after a visit, stands confirmed.
    visit = {**report, "revenue": 6_100_000}
    by_advisor = ok(client.post(url, json=visit, headers=people.advisor.headers), 201)
    assert by_advisor["confirmed_at"] is not None


def test_bad_reports_are_refused_with_the_field_and_the_reason(client, people):
    case_id = in_follow_up(client, people)
    url = f"/cases/{case_id}/follow-up-reports"
    body = {"period": 6, "revenue": 1, "operating_costs": 1}
    refused = client.post(url, json=body, headers=people.entrepreneur.headers)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "period"]
    assert "years 1 to 5" in refused.json()["detail"][0]["msg"]
    negative = client.post(
        url, json={**body, "period": 1, "revenue": -5}, headers=people.entrepreneur.headers
    )
    assert negative.status_code == 422
    assert negative.json()["detail"][0]["loc"] == ["body", "revenue"]
    other = client.post(url, json={**body, "period": 1}, headers=people.other_entrepreneur.headers)
    assert other.status_code == 404
    assert client.get(url, headers=people.other_entrepreneur.headers).status_code == 404


def test_reports_wait_for_follow_up(client, people):
    case = over_http.open_case(client, people.entrepreneur.headers)
    url = f"/cases/{case['id']}/follow-up-reports"
    body = {"period": 1, "revenue": 1, "operating_costs": 1}
    early = client.post(url, json=body, headers=people.entrepreneur.headers)
    assert early.status_code == 409
    assert "follow-up" in early.text
    early = client.get(f"/cases/{case['id']}/plan-vs-actual", headers=people.entrepreneur.headers)
    assert early.status_code == 409
