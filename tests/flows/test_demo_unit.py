"""The demo unit: loaded through real flows, a case at every stage, fresh passwords each time."""

import pytest
from sqlmodel import select

from casework.database import open_session
from casework.models import Case, Partner, User
from casework.passwords import verify_password
from flows.demo_unit import load_demo_unit

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_the_demo_has_a_case_at_every_stage_and_working_accounts(database):
    people = load_demo_unit()
    with open_session() as session:
        cases = session.exec(select(Case)).all()
        partners = session.exec(select(Partner)).all()
        users = {u.email: u for u in session.exec(select(User)).all()}
    assert {(c.stage, c.status) for c in cases} == {
        ("reception", "active"),
        ("support", "active"),
        ("linkage", "active"),
        ("follow_up", "active"),
        ("completed", "completed"),
        ("reception", "reoriented"),
    }
    assert len(partners) == 5
    assert all(p.is_example for p in partners)
    assert {p.role for p in people} == {"manager", "advisor", "entrepreneur"}
    for person in people:
        assert verify_password(person.password, users[person.email].password_hash)

    again = load_demo_unit()
    with open_session() as session:
        assert len(session.exec(select(Case)).all()) == len(cases)
    assert {p.email for p in again} == {p.email for p in people}
    assert all(a.password != b.password for a, b in zip(again, people, strict=True))
