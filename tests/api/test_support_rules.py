"""Ownership rules of the support stage: the plan's approval, the feasibility verdict."""

from datetime import UTC, datetime, timedelta

from tests.journey import SECTIONS, assess, ok, open_case, plan_body


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


def test_an_unchanged_save_by_the_owner_keeps_the_advisors_verdict(client, people):
    case = open_case(client, people.entrepreneur)
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
