"""Ownership rules of the support stage: the plan's approval, the feasibility verdict."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.journey import SECTIONS, assess, move, ok, open_case, plan_body


def _sections(text="analysed"):
    return {k: {"text": f"{k} {text}", "status": "complete"} for k in SECTIONS}


def test_only_the_owner_approves_and_a_new_version_voids_the_approval(client, people):
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/investment-plan"
    ok(client.put(url, json=plan_body(), headers=people.entrepreneur.headers))
    assert client.post(f"{url}/approval", headers=people.advisor.headers).status_code == 403
    approved = ok(client.post(f"{url}/approval", headers=people.entrepreneur.headers))
    assert (approved["version"], approved["approved"]) == (1, True)

    revised = ok(
        client.put(url, json=plan_body(discount_rate=0.12), headers=people.advisor.headers)
    )
    assert (revised["version"], revised["approved"], revised["author_role"]) == (
        2,
        False,
        "advisor",
    )
    stale = client.post(f"{url}/approval", json={"version": 1}, headers=people.entrepreneur.headers)
    assert stale.status_code == 409
    versions = ok(client.get(f"{url}/versions", headers=people.entrepreneur.headers))
    assert [(v["version"], v["approved"]) for v in versions] == [(1, True), (2, False)]


def _approved_plan(client, case, people):
    url = f"/cases/{case['id']}/investment-plan"
    ok(client.put(url, json=plan_body(), headers=people.entrepreneur.headers))
    ok(client.post(f"{url}/approval", headers=people.entrepreneur.headers))


def test_an_unchanged_save_by_the_owner_keeps_the_advisors_verdict(client, people):
    case = open_case(client, people.entrepreneur)
    _approved_plan(client, case, people)
    url = f"/cases/{case['id']}/feasibility"
    ok(
        client.put(
            url,
            json={"sections": _sections(), "conclusion": "viable"},
            headers=people.advisor.headers,
        )
    )
    same = ok(client.put(url, json={"sections": _sections()}, headers=people.entrepreneur.headers))
    assert same["conclusion"] == "viable"
    edited = ok(
        client.put(
            url, json={"sections": _sections("revised")}, headers=people.entrepreneur.headers
        )
    )
    assert edited["conclusion"] == "pending"


def test_the_owner_cannot_conclude_the_feasibility_study(client, people):
    case = open_case(client, people.entrepreneur)
    _approved_plan(client, case, people)
    response = client.put(
        f"/cases/{case['id']}/feasibility",
        json={"sections": _sections(), "conclusion": "viable"},
        headers=people.entrepreneur.headers,
    )
    assert response.status_code == 403


def test_time_cannot_be_logged_on_a_future_date(client, people):
    case = open_case(client, people.entrepreneur)
    tomorrow = (datetime.now(UTC).date() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/cases/{case['id']}/time-logs",
        json={"minutes": 30, "logged_on": tomorrow},
        headers=people.advisor.headers,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "logged_on"]


def test_the_assessing_advisor_is_assigned_to_the_case(client, people):
    case = open_case(client, people.entrepreneur)
    assert case["advisor_id"] is None
    assess(client, case["id"], people.advisor)
    read = ok(client.get(f"/cases/{case['id']}", headers=people.entrepreneur.headers))
    assert read["advisor_id"] == people.advisor.id


def test_the_financial_section_is_complete_only_with_an_approved_plan(client, people):
    case = open_case(client, people.entrepreneur)
    body = {"sections": {"financial": {"text": "See the plan", "status": "complete"}}}
    refused = client.put(
        f"/cases/{case['id']}/feasibility", json=body, headers=people.advisor.headers
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "sections", "financial", "status"]
    _approved_plan(client, case, people)
    study = ok(
        client.put(f"/cases/{case['id']}/feasibility", json=body, headers=people.advisor.headers)
    )
    figures = study["financial_figures"]
    assert (figures["plan_version"], figures["funding_band"]) == (1, "micro")
    assert (
        figures["npv"]
        == ok(client.get(f"/cases/{case['id']}/investment-plan", headers=people.advisor.headers))[
            "results"
        ]["npv"]
    )


def test_each_section_keeps_its_author_and_the_advisors_review(client, people):
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/feasibility"
    body = {"sections": {"market": {"text": "300 fishers", "status": "draft"}}}
    ok(client.put(url, json=body, headers=people.entrepreneur.headers))
    body["sections"]["legal"] = {"text": "Lease signed", "status": "complete"}
    ok(client.put(url, json=body, headers=people.advisor.headers))
    ok(
        client.post(
            f"{url}/sections/market/comments",
            json={"text": "Which prices?"},
            headers=people.advisor.headers,
        )
    )
    study = ok(client.get(url, headers=people.entrepreneur.headers))
    market, legal = study["sections"]["market"], study["sections"]["legal"]
    assert (market["author_role"], legal["author_role"]) == ("entrepreneur", "advisor")
    assert [c["text"] for c in market["review_comments"]] == ["Which prices?"]
    assert study["sections"]["risks"]["status"] == "missing"


@pytest.mark.usefixtures("prefect_server")
def test_an_advisor_written_plan_flags_the_case_and_closes_the_linkage_gate(client, people):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    move(client, case["id"], "support", people.advisor)
    url = f"/cases/{case['id']}/investment-plan"
    ok(client.put(url, json=plan_body(), headers=people.advisor.headers))
    own = ok(client.post(f"{url}/approval", headers=people.entrepreneur.headers))
    assert (own["advisor_share"], own["entrepreneur_share"]) == (1.0, 0.0)
    flagged = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert flagged["project_leader_supplanted"]
    sections = {k: {"text": k, "status": "complete"} for k in SECTIONS}
    ok(
        client.put(
            f"/cases/{case['id']}/feasibility",
            json={"sections": sections, "conclusion": "viable"},
            headers=people.advisor.headers,
        )
    )

    held = client.post(
        f"/cases/{case['id']}/transitions", json={"to": "linkage"}, headers=people.advisor.headers
    )
    assert held.status_code == 409
    [unmet] = held.json()["detail"]["unmet"]
    assert unmet.startswith("Project leader supplanted? Advisors wrote 100% of investment plan")

    # The entrepreneur puts the figures in their own words: the flag drops, the gate opens.
    own_words = plan_body(
        revenues=[5500000, 8500000, 10500000, 11500000, 11500000],
        operating_costs=[3900000, 4900000, 5900000, 6400000, 6400000],
        investments=[
            {
                "label": "Solar cold room",
                "year": 0,
                "amount": 8800000,
                "useful_life_years": 12,
                "salvage_value": 500000,
            }
        ],
        financing=[
            {"source": "own_funds", "amount": 1800000},
            {
                "source": "meso_credit",
                "amount": 7000000,
                "interest_rate": 0.08,
                "term_years": 5,
                "grace_years": 1,
            },
        ],
        discount_rate=0.12,
        eur_rate=655.96,
    )
    ok(client.put(url, json=own_words, headers=people.entrepreneur.headers))
    ok(client.post(f"{url}/approval", headers=people.entrepreneur.headers))
    assert not ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))[
        "project_leader_supplanted"
    ]
    assert move(client, case["id"], "linkage", people.advisor)["stage"] == "linkage"


def test_versions_and_their_diff_say_who_changed_what(client, people):
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/investment-plan"
    ok(client.put(url, json=plan_body(), headers=people.entrepreneur.headers))
    revenues = [6000000, 9000000, 11000000, 12000000, 13000000]
    second = ok(client.put(url, json=plan_body(revenues=revenues), headers=people.advisor.headers))
    assert 0 < second["advisor_share"] < 0.2
    first = ok(client.get(f"{url}/versions/1", headers=people.entrepreneur.headers))
    assert first["author_role"] == "entrepreneur"
    changes = ok(
        client.get(f"{url}/diff", params={"from": 1, "to": 2}, headers=people.entrepreneur.headers)
    )
    assert changes["to_author_role"] == "advisor"
    assert changes["plan"] == [{"path": "revenues[4]", "before": 12000000, "after": 13000000}]
    assert any(c["path"] == "npv" for c in changes["results"])
    assert client.get(f"{url}/versions/9", headers=people.advisor.headers).status_code == 404


def test_what_if_evaluation_saves_nothing(client, people):
    case = open_case(client, people.entrepreneur)
    results = ok(
        client.post(
            "/investment-plans/evaluate", json=plan_body(), headers=people.entrepreneur.headers
        )
    )
    assert results["cash_flows"][0] == -9000000
    assert (
        client.get(
            f"/cases/{case['id']}/investment-plan", headers=people.entrepreneur.headers
        ).status_code
        == 404
    )
