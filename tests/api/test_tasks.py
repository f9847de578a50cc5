"""Everyone's to-do list: tasks open when their fact appears and close when it goes.

Each role reads its own list (GET /tasks): the advisor what waits on them across
their cases and the unassigned ones, the manager the whole unit's, the entrepreneur
what their own cases ask of them, which their case's status names first.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from casework.vocabulary import Role
from tests.conftest import People, Person, make_person
from tests.journey import assess, case_at, move, ok, open_case, plan_body

pytestmark = pytest.mark.usefixtures("prefect_server")


def tasks(client: TestClient, person: Person, **query: Any) -> list[dict[str, Any]]:
    answer = ok(client.get("/tasks", params=query, headers=person.headers))
    assert answer["total"] == len(answer["items"])
    return list(answer["items"])


def kinds(items: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(item["kind"], item["reference"]) for item in items]


def test_the_staffs_tasks_follow_the_case_from_its_opening_to_its_first_move(client, people):
    colleague = make_person("binta@unit.example", Role.ADVISOR, "Binta Fall")
    case = open_case(client, people.entrepreneur)
    ref = case["reference"]

    # Nobody holds a new case yet: every advisor and the manager see it waiting.
    for person in (people.advisor, colleague, people.manager):
        assert kinds(tasks(client, person)) == [("assign_advisor", ref)]
    assert tasks(client, people.entrepreneur) == []
    [waiting] = tasks(client, people.advisor)
    assert waiting["case_id"] == case["id"]
    assert waiting["closed_at"] is None
    assert "Cold storage for fish" in waiting["summary"]

    body = {"advisor_id": people.advisor.id}
    ok(client.put(f"/cases/{case['id']}/advisor", json=body, headers=people.advisor.headers))
    assert tasks(client, people.advisor) == []
    assert tasks(client, colleague) == []
    [closed] = tasks(client, people.advisor, include_closed="true")
    assert closed["id"] == waiting["id"]
    assert closed["closed_at"] is not None

    assess(client, case["id"], people.advisor)
    assert kinds(tasks(client, people.advisor)) == [("move_case", ref)]
    assert tasks(client, colleague) == []  # the case is someone else's now
    assert kinds(tasks(client, people.manager, advisor_id=people.advisor.id)) == [
        ("move_case", ref)
    ]
    assert tasks(client, people.manager, advisor_id=colleague.id) == []

    move(client, case["id"], "support", people.advisor)
    assert tasks(client, people.advisor) == []
    history = tasks(client, people.manager, include_closed="true", kind="move_case")
    assert [item["closed_at"] is not None for item in history] == [True]


def test_the_entrepreneur_is_asked_to_approve_the_plan_they_have_not_approved(client, people):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    move(client, case["id"], "support", people.advisor)
    headers = people.entrepreneur.headers
    ok(client.put(f"/cases/{case['id']}/investment-plan", json=plan_body(), headers=headers))

    [approve] = tasks(client, people.entrepreneur)
    assert approve["kind"] == "approve_plan"
    assert "version 1 of your investment plan" in approve["summary"]
    status = ok(client.get(f"/cases/{case['id']}/status", headers=headers))
    assert status["next_steps"][0] == approve["summary"]
    assert tasks(client, people.other_entrepreneur) == []
    assert "approve_plan" not in [item["kind"] for item in tasks(client, people.manager)]

    ok(client.post(f"/cases/{case['id']}/investment-plan/approval", headers=headers))
    assert tasks(client, people.entrepreneur) == []
    status = ok(client.get(f"/cases/{case['id']}/status", headers=headers))
    assert approve["summary"] not in status["next_steps"]


class Linkage:
    """A case in linkage, one partner, and each person's hand on its referrals."""

    def __init__(self, client: TestClient, people: People) -> None:
        self.client, self.people = client, people
        self.case_id = case_at(client, "linkage", people)["id"]
        body = {"name": "BIO", "kind": "financial", "services": ["meso_credit", "loan"]}
        partner = ok(client.post("/partners", json=body, headers=people.manager.headers), 201)
        self.partner_id = partner["id"]

    def refer(self) -> str:
        body = {"partner_id": self.partner_id, "purpose": "Meso-credit for the cold room"}
        url = f"/cases/{self.case_id}/referrals"
        return str(
            ok(self.client.post(url, json=body, headers=self.people.advisor.headers), 201)["id"]
        )

    def consent(self) -> str:
        url = f"/cases/{self.case_id}/consents"
        body = {"partner_id": self.partner_id}
        return str(
            ok(self.client.post(url, json=body, headers=self.people.entrepreneur.headers), 201)[
                "id"
            ]
        )

    def withdraw_consent(self, consent_id: str) -> None:
        url = f"/cases/{self.case_id}/consents/{consent_id}"
        answer = self.client.delete(url, headers=self.people.entrepreneur.headers)
        assert answer.status_code == 204, answer.text

    def answer(self, referral_id: str, **body: Any) -> None:
        url = f"/cases/{self.case_id}/referrals/{referral_id}"
        ok(self.client.patch(url, json=body, headers=self.people.advisor.headers))

    def staff_tasks(self) -> list[str]:
        items = tasks(self.client, self.people.manager)
        return [item["kind"] for item in items if item["case_id"] == self.case_id]


@pytest.fixture
def linkage(client: TestClient, people: People) -> Linkage:
    return Linkage(client, people)


def test_the_entrepreneur_is_asked_for_consent_and_the_status_names_the_partner(linkage, people):
    client = linkage.client
    assert tasks(client, people.entrepreneur) == []
    linkage.refer()

    [consent] = tasks(client, people.entrepreneur)
    assert consent["kind"] == "give_consent"
    assert "send your dossier to BIO" in consent["summary"]
    url = f"/cases/{linkage.case_id}/status"
    status = ok(client.get(url, headers=people.entrepreneur.headers))
    assert status["next_steps"][0] == consent["summary"]
    assert tasks(client, people.other_entrepreneur) == []
    # A second draft to the same partner asks for the same, single consent.
    linkage.refer()
    assert len(tasks(client, people.entrepreneur)) == 1

    assert status["partners"][0] == {
        "partner": "BIO",
        "status": "draft",
        "summary": "BIO: your advisor proposes to send them your dossier, once you consent.",
    }

    linkage.consent()
    assert tasks(client, people.entrepreneur) == []
    status = ok(client.get(url, headers=people.entrepreneur.headers))
    assert not any("BIO" in step for step in status["next_steps"])
    assert status["partners"][0]["summary"] == (
        "BIO: your advisor is ready to send them your dossier."
    )


def test_the_status_says_where_each_partner_stands_and_nothing_staff_wrote(linkage, people):
    referral = linkage.refer()
    linkage.consent()
    linkage.answer(referral, status="sent", internal_note="ZQX ask about their guarantee fund")
    url = f"/cases/{linkage.case_id}/status"
    [bio] = ok(linkage.client.get(url, headers=people.entrepreneur.headers))["partners"]
    assert bio["summary"].startswith("BIO received your dossier on ")
    assert bio["summary"].endswith(" and has not answered yet.")
    linkage.answer(referral, status="declined", decline_reason="ZQX ticket too small")
    status = ok(linkage.client.get(url, headers=people.entrepreneur.headers))
    [bio] = status["partners"]
    assert bio["status"] == "declined"
    assert "your advisor will tell you why" in bio["summary"]
    assert "ZQX" not in str(status)


def test_a_decline_without_its_reason_waits_on_the_advisor_until_recorded(linkage):
    referral = linkage.refer()
    linkage.consent()
    linkage.answer(referral, status="sent")
    linkage.answer(referral, status="declined")
    assert "complete_referral_record" in linkage.staff_tasks()
    [record] = [
        t
        for t in tasks(linkage.client, linkage.people.advisor)
        if t["kind"] == "complete_referral_record"
    ]
    assert record["summary"] == (
        "The referral to BIO is declined: record the partner's reason for declining."
    )

    linkage.answer(referral, status="declined", decline_reason="Ticket too small for us.")
    assert "complete_referral_record" not in linkage.staff_tasks()


def test_consent_withdrawn_after_sending_waits_on_the_advisor_until_the_referral_closes(linkage):
    referral = linkage.refer()
    consent = linkage.consent()
    linkage.answer(referral, status="sent")
    assert "consent_withdrawn" not in linkage.staff_tasks()

    linkage.withdraw_consent(consent)
    assert "consent_withdrawn" in linkage.staff_tasks()
    linkage.answer(referral, status="withdrawn")
    assert "consent_withdrawn" not in linkage.staff_tasks()


def test_the_list_is_filtered_by_kind_and_refuses_a_kind_it_does_not_know(client, people):
    open_case(client, people.entrepreneur)
    assert len(tasks(client, people.manager, kind="assign_advisor")) == 1
    assert tasks(client, people.manager, kind="move_case") == []
    refused = client.get("/tasks", params={"kind": "chores"}, headers=people.manager.headers)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["query", "kind"]
