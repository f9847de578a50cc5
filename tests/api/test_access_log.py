"""Every read of a person's data is in the access log, which managers query and nobody rewrites.

The personal-data read paths are enumerated from the routes themselves (the case
dependency's `personal` declaration), and each is called as every role the role matrix
lets through: one entry per read, naming who, whose data, which case and which fields.
"""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from api.app import ROUTERS
from api.permissions import CaseAccess
from casework.personal_data import EXPORT, PROFILE
from tests.api.test_role_matrix import ROWS, Call, Row, is_success, prepare
from tests.conftest import People

pytestmark = pytest.mark.usefixtures("prefect_server")

# Routes under a case that show nothing of the entrepreneur as a person (the case's own
# record, the project, the unit's work on it). A new case route must be put here, or
# declare the personal data it shows.
NOT_PERSONAL = {
    "GET /cases/{case_id}",  # the project: title, sector, country, stage
    "GET /cases/{case_id}/status",  # where the case stands, in words
    "GET /cases/{case_id}/events",  # the timeline's summaries
    "GET /cases/{case_id}/consents",
    "GET /cases/{case_id}/dossiers",  # the list of kept copies; reading one is logged
    "GET /cases/{case_id}/feasibility",  # the project's study
    "GET /cases/{case_id}/training",
    "GET /cases/{case_id}/milestones",
    "GET /cases/{case_id}/partner-matches",
    "GET /cases/{case_id}/referrals",
    "GET /cases/{case_id}/reorientation/outcomes",
    "GET /cases/{case_id}/guides",  # the country guides on the case, and advisors' notes
}
# The personal reads outside a case: a person's own profile and export (logged by their routes).
OWN_READS = {"GET /auth/me/profile": PROFILE, "GET /auth/me/export": EXPORT}


def case_reads() -> dict[str, tuple[str, ...]]:
    """Every GET route under a case, with the personal fields it declares (maybe none)."""
    found: dict[str, tuple[str, ...]] = {}
    for router in ROUTERS:
        for route in router.routes:
            assert isinstance(route, APIRoute)
            if "GET" not in route.methods or not route.path.startswith("/cases/{case_id}"):
                continue
            access = [d.call for d in route.dependant.dependencies]
            declared = [call for call in access if isinstance(call, CaseAccess)]
            assert declared, f"GET {route.path} reads no case through CaseAccess"
            found[f"GET {route.path}"] = tuple(str(f) for f in declared[0].personal)
    return found


PERSONAL = {name: fields for name, fields in case_reads().items() if fields}
PERSONAL_ROWS = [row for row in ROWS if str(row) in PERSONAL or str(row) in OWN_READS]


def test_every_case_read_either_logs_personal_data_or_is_known_to_show_none():
    reads = case_reads()
    assert PERSONAL, "no route declares personal data"
    undecided = {name for name, fields in reads.items() if not fields} - NOT_PERSONAL
    assert not undecided, f"declare the personal data these show, or list them: {undecided}"
    assert not NOT_PERSONAL - reads.keys(), "NOT_PERSONAL names routes that no longer exist"
    assert {str(row) for row in PERSONAL_ROWS} == {*PERSONAL, *OWN_READS}


def log_of(client: TestClient, people: People, **filters: str) -> list[dict]:
    answer = client.get(
        "/access-log", params=filters | {"limit": 200}, headers=people.manager.headers
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


@pytest.mark.parametrize("role", ["entrepreneur", "other_entrepreneur", "advisor", "manager"])
@pytest.mark.parametrize("row", PERSONAL_ROWS, ids=str)
def test_each_personal_read_is_logged_once_with_who_whose_and_what(
    client: TestClient, people: People, row: Row, role: str
):
    ids = prepare(row, role, client, people)
    before = {entry["id"] for entry in log_of(client, people)}
    reader = people.by_role(role)

    answer = row.request(client, Call(ids, people, role), reader.headers)

    assert answer.status_code == row.expected(role), answer.text[:300]
    new = [entry for entry in log_of(client, people) if entry["id"] not in before]
    if not is_success(answer.status_code):
        assert new == [], "a refused read is no read"
        return
    assert len(new) == 1, new
    (entry,) = new
    assert entry["route"] == str(row)
    assert entry["reader_id"] == reader.id
    if str(row) in OWN_READS:
        assert (entry["subject_id"], entry["case_id"]) == (reader.id, None)
        assert entry["fields"] == [str(f) for f in OWN_READS[str(row)]]
    else:
        assert entry["subject_id"] == people.entrepreneur.id
        assert entry["case_id"] == ids["case_id"]
        assert entry["fields"] == list(PERSONAL[str(row)])


def test_managers_filter_the_log_by_case_person_and_moment(client: TestClient, people: People):
    from tests.journey import open_case

    first = open_case(client, people.entrepreneur)["id"]
    second = open_case(client, people.entrepreneur)["id"]
    for case_id, person in ((first, people.advisor), (second, people.manager)):
        pdf = client.get(f"/cases/{case_id}/dossier.pdf", headers=person.headers)
        assert pdf.status_code == 200

    assert [e["case_id"] for e in log_of(client, people, case_id=first)] == [first]
    by_advisor = log_of(client, people, user_id=people.advisor.id)
    assert [e["case_id"] for e in by_advisor] == [first]
    whose = log_of(client, people, user_id=people.entrepreneur.id)  # whose data was read
    assert [e["case_id"] for e in whose] == [second, first]  # newest first
    later = (datetime.now(UTC) + timedelta(minutes=1)).isoformat()
    assert log_of(client, people, since=later) == []
    naive = client.get("/access-log", params={"since": "2026-01-01T00:00:00"},
                       headers=people.manager.headers)  # fmt: skip
    assert naive.status_code == 422
    assert naive.json()["detail"][0]["loc"] == ["query", "since"]


def test_the_log_refuses_an_update_and_a_delete_even_from_sql(
    client: TestClient, people: People, database: Engine
):
    from tests.journey import open_case

    case_id = open_case(client, people.entrepreneur)["id"]
    client.get(f"/cases/{case_id}/dossier.pdf", headers=people.advisor.headers)
    for statement in (
        "UPDATE access_log SET route = 'GET /health'",
        "DELETE FROM access_log",
    ):
        with pytest.raises(DatabaseError, match="append-only"), database.begin() as connection:
            connection.execute(text(statement))
    assert len(log_of(client, people, case_id=case_id)) == 1
    assert uuid.UUID(log_of(client, people, case_id=case_id)[0]["reader_id"])
