"""Steps of a case's journey through the API, for tests that need a case at some stage."""

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from casework.investment_plan.examples import design_example
from casework.vocabulary import FeasibilitySection
from tests.conftest import People, Person

SECTIONS = tuple(section.value for section in FeasibilitySection)


def plan_body(**overrides: Any) -> dict[str, Any]:
    """The investment plan of DESIGN.md §6 (a cold room in Senegal), with `overrides`."""
    return {**design_example(), **overrides}


def ok(response: Any, status: int = 200) -> Any:
    """The JSON of a response that must have `status`."""
    assert response.status_code == status, response.text
    return response.json()


def open_case(
    client: TestClient, owner: Person, title: str = "Cold storage for fish"
) -> dict[str, Any]:
    """An entrepreneur opens a case in reception."""
    body = {
        "title": title,
        "sector": "agri_food",
        "country": "SN",
        "summary": "A cold room in Mbour so that fishers can sell at better prices.",
    }
    return ok(client.post("/cases", json=body, headers=owner.headers), 201)


def assess(client: TestClient, case_id: str, advisor: Person, decision: str = "proceed") -> None:
    """The advisor records the reception assessment."""
    body = {
        "technical": 4,
        "financial": 3,
        "motivation": 5,
        "training_required": False,
        "decision": decision,
        "notes": "Experienced in fish trade.",
    }
    ok(client.put(f"/cases/{case_id}/assessment", json=body, headers=advisor.headers))


def move(client: TestClient, case_id: str, to: str, advisor: Person) -> dict[str, Any]:
    """The advisor moves the case; the move must succeed."""
    return ok(
        client.post(f"/cases/{case_id}/transitions", json={"to": to}, headers=advisor.headers)
    )


def prepare_support(client: TestClient, case_id: str, people: People) -> None:
    """Plan saved and approved by the entrepreneur, feasibility concluded viable by the advisor."""
    ok(
        client.put(
            f"/cases/{case_id}/investment-plan",
            json=plan_body(),
            headers=people.entrepreneur.headers,
        )
    )
    ok(
        client.post(
            f"/cases/{case_id}/investment-plan/approval", headers=people.entrepreneur.headers
        )
    )
    sections = {k: {"text": f"{k} analysed", "status": "complete"} for k in SECTIONS}
    ok(
        client.put(
            f"/cases/{case_id}/feasibility",
            json={"sections": sections, "conclusion": "viable"},
            headers=people.advisor.headers,
        )
    )


def add_partner(client: TestClient, manager: Person, name: str = "CDE") -> dict[str, Any]:
    """A technical partner working everywhere."""
    body = {
        "name": name,
        "kind": "technical",
        "services": ["feasibility studies"],
        "sectors": [],
        "countries": [],
    }
    return ok(client.post("/partners", json=body, headers=manager.headers), 201)


def accepted_referral(client: TestClient, case_id: str, people: People) -> dict[str, Any]:
    """A referral to a new partner, sent and accepted."""
    partner = add_partner(client, people.manager, name=f"Partner {uuid.uuid4().hex[:8]}")
    referral = ok(
        client.post(
            f"/cases/{case_id}/referrals",
            json={"partner_id": partner["id"], "purpose": "Technical assistance"},
            headers=people.advisor.headers,
        ),
        201,
    )
    for status in ("sent", "accepted"):
        ok(
            client.patch(
                f"/cases/{case_id}/referrals/{referral['id']}",
                json={"status": status},
                headers=people.advisor.headers,
            )
        )
    return referral


def close_follow_up(client: TestClient, case_id: str, advisor: Person) -> None:
    """One milestone done today, and the follow-up period ending today."""
    today = datetime.now(UTC).date().isoformat()
    milestone = ok(
        client.post(
            f"/cases/{case_id}/milestones",
            json={"title": "Cold room running", "due_date": today},
            headers=advisor.headers,
        ),
        201,
    )
    ok(
        client.patch(
            f"/cases/{case_id}/milestones/{milestone['id']}",
            json={"done_on": today},
            headers=advisor.headers,
        )
    )
    ok(
        client.put(
            f"/cases/{case_id}/follow-up-period", json={"until": today}, headers=advisor.headers
        )
    )


def case_at(client: TestClient, stage: str, people: People) -> dict[str, Any]:
    """A new case of the entrepreneur's, taken through real flows up to `stage`."""
    case = open_case(client, people.entrepreneur)
    steps = ["reception", "support", "linkage", "follow_up", "completed"]
    for target in steps[1 : steps.index(stage) + 1]:
        if target == "support":
            assess(client, case["id"], people.advisor)
        elif target == "linkage":
            prepare_support(client, case["id"], people)
        elif target == "follow_up":
            accepted_referral(client, case["id"], people)
        elif target == "completed":
            close_follow_up(client, case["id"], people.advisor)
        case = move(client, case["id"], target, people.advisor)
    return case
