"""Hold, resume and withdrawal are real transitions: rows of the table, flows, events, dossiers."""

from fastapi.testclient import TestClient

from tests.conftest import People
from tests.journey import ok, open_case


def request(client: TestClient, case_id: str, headers: dict[str, str], **body: str):
    return client.post(f"/cases/{case_id}/transitions", json=body, headers=headers)


def events(client: TestClient, case_id: str, people: People) -> list[dict]:
    return ok(client.get(f"/cases/{case_id}/events", headers=people.advisor.headers))


def test_an_advisor_holds_and_resumes_a_case_with_a_reason(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    advisor = people.advisor.headers

    unexplained = request(client, case["id"], advisor, to="on_hold")
    assert unexplained.status_code == 422
    assert unexplained.json()["detail"][0]["loc"] == ["body", "reason"]

    held = ok(request(client, case["id"], advisor, to="on_hold", reason="Waiting for land title"))
    assert (held["stage"], held["status"]) == ("reception", "on_hold")
    closed = request(client, case["id"], advisor, to="support")
    assert closed.status_code == 409
    assert "on hold" in " ".join(closed.json()["detail"]["unmet"])

    resumed = ok(request(client, case["id"], advisor, to="active", reason="Title received"))
    assert (resumed["stage"], resumed["status"]) == ("reception", "active")
    kinds = [(e["kind"], e["summary"]) for e in events(client, case["id"], people)]
    assert ("put_on_hold", "The case was put on hold: Waiting for land title") in kinds
    assert ("resumed", "The case resumed: Title received") in kinds
    kept = ok(client.get(f"/cases/{case['id']}/dossiers", headers=advisor))
    assert [d["moment"] for d in kept] == ["Put on hold", "Put on hold", "Resumption", "Resumption"]


def test_the_entrepreneur_withdraws_their_case_and_only_they_may(
    client: TestClient, people: People
):
    case = open_case(client, people.entrepreneur)
    assert request(client, case["id"], people.advisor.headers, to="withdrawn").status_code == 403
    stranger = request(client, case["id"], people.other_entrepreneur.headers, to="withdrawn")
    assert stranger.status_code == 404

    owner = people.entrepreneur.headers
    gone = ok(request(client, case["id"], owner, to="withdrawn", reason="I found a job"))
    assert gone["status"] == "withdrawn"
    assert ok(request(client, case["id"], owner, to="withdrawn"))["status"] == "withdrawn"
    status = ok(client.get(f"/cases/{case['id']}/status", headers=owner))
    assert status["next_steps"] == ["The project was withdrawn; nothing more is planned."]
    assert "The entrepreneur withdrew the case: I found a job." in [
        line["summary"] for line in status["timeline"]
    ]
    held = request(client, case["id"], people.advisor.headers, to="on_hold", reason="Check")
    assert held.status_code == 409


def test_an_entrepreneur_may_not_hold_or_move_their_own_case(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    owner = people.entrepreneur.headers
    assert request(client, case["id"], owner, to="on_hold", reason="A pause").status_code == 403
    assert request(client, case["id"], owner, to="support").status_code == 403
