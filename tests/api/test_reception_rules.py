"""Reception in depth: a rubric that explains the scores, and training that holds the gate."""

import pytest

from tests.journey import assess, ok, open_case

pytestmark = pytest.mark.usefixtures("prefect_server")

CRITERIA = {
    "trade_experience": 5,
    "management_skills": 3,
    "local_knowledge": 4,
    "own_contribution": 2,
    "repayment_capacity": 3,
    "financial_literacy": 1,
    "commitment": 5,
    "clarity_of_goal": 4,
    "resilience": 3,
}


def test_scores_come_from_the_rubric_and_explain_themselves(client, people):
    case = open_case(client, people.entrepreneur)
    body = {"criteria": CRITERIA, "training_required": False, "decision": "proceed"}
    saved = ok(
        client.put(f"/cases/{case['id']}/assessment", json=body, headers=people.advisor.headers)
    )
    # technical (5*3 + 3*2 + 4*1) / 6 = 4.17 → 4; financial (2*3 + 3*2 + 1) / 6 = 2.17 → 2;
    # motivation (5*2 + 4*2 + 3) / 5 = 4.2 → 4
    assert (saved["technical"], saved["financial"], saved["motivation"]) == (4, 2, 4)
    assert saved["explanation"]["financial"][0].startswith("Own contribution available: 2/5")
    rubric = ok(client.get("/assessment-rubric", headers=people.entrepreneur.headers))
    assert {c["ability"] for c in rubric} == {"technical", "financial", "motivation"}


def test_a_score_that_contradicts_its_criteria_is_refused_naming_it(client, people):
    case = open_case(client, people.entrepreneur)
    body = {"criteria": CRITERIA, "technical": 1, "training_required": False, "decision": "proceed"}
    refused = client.put(
        f"/cases/{case['id']}/assessment", json=body, headers=people.advisor.headers
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "technical"]


def test_an_unknown_criterion_is_refused(client, people):
    case = open_case(client, people.entrepreneur)
    body = {
        "criteria": {"charisma": 5},
        "technical": 3,
        "financial": 3,
        "motivation": 3,
        "training_required": False,
        "decision": "proceed",
    }
    refused = client.put(
        f"/cases/{case['id']}/assessment", json=body, headers=people.advisor.headers
    )
    assert refused.status_code == 422
    assert "charisma" in refused.json()["detail"][0]["msg"]


def test_required_training_holds_the_case_in_reception_until_completed(client, people):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    course = ok(
        client.post(
            f"/cases/{case['id']}/training",
            json={"course": "Bookkeeping", "provider": "Chamber of commerce"},
            headers=people.advisor.headers,
        ),
        201,
    )
    held = client.post(
        f"/cases/{case['id']}/transitions", json={"to": "support"}, headers=people.advisor.headers
    )
    assert held.status_code == 409
    assert held.json()["detail"]["unmet"] == [
        "1 required training course(s) are not completed yet."
    ]

    done = ok(
        client.patch(
            f"/cases/{case['id']}/training/{course['id']}",
            json={"status": "completed"},
            headers=people.advisor.headers,
        )
    )
    assert done["completed_on"] is not None
    moved = ok(
        client.post(
            f"/cases/{case['id']}/transitions",
            json={"to": "support"},
            headers=people.advisor.headers,
        )
    )
    assert moved["stage"] == "support"


@pytest.mark.usefixtures("prefect_server")
def test_a_closed_cases_training_can_no_longer_change(client, people):
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/training"
    body = {"course": "Bookkeeping", "provider": "Chamber of commerce"}
    course = ok(client.post(url, json=body, headers=people.advisor.headers), 201)
    reoriented = {"reason": "The market is saturated."}
    ok(
        client.post(
            f"/cases/{case['id']}/reorientation", json=reoriented, headers=people.advisor.headers
        )
    )
    changed = client.patch(
        f"{url}/{course['id']}", json={"status": "completed"}, headers=people.advisor.headers
    )
    assert changed.status_code == 409
    assert "training plan can no longer change" in changed.json()["detail"]
    assert ok(client.get(url, headers=people.advisor.headers))[0]["status"] == "planned"
