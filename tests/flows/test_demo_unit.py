"""The demo unit: loaded through real flows, a case at every stage, passwords made once."""

import stat
from pathlib import Path

import pytest
from sqlmodel import select

from casework.database import open_session
from casework.models import Case, Partner, User
from casework.passwords import verify_password
from demo.accounts import demo_accounts_path
from demo.unit import load_demo_unit


@pytest.mark.usefixtures("prefect_server")
def test_the_demo_has_a_case_at_every_stage_and_passwords_that_survive_a_reload(database, tmp_path):
    accounts_file = tmp_path / "demo-accounts.txt"
    people = load_demo_unit(accounts_file)
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

    # Only the user may read the file, and it holds every account's password.
    assert stat.S_IMODE(accounts_file.stat().st_mode) == 0o600
    kept = accounts_file.read_text()
    assert all(f"{p.email}  " in kept and p.password in kept for p in people)

    # A second load (a restart, or a second `serve --demo`) changes nobody's password.
    assert load_demo_unit(accounts_file) == []
    with open_session() as session:
        assert len(session.exec(select(Case)).all()) == len(cases)
        again = {u.email: u for u in session.exec(select(User)).all()}
    assert all(again[p.email].password_hash == users[p.email].password_hash for p in people)
    assert accounts_file.read_text() == kept


def test_the_demo_passwords_sit_beside_a_sqlite_store_and_in_the_folder_for_a_server():
    beside = demo_accounts_path("sqlite:////srv/unit/casework.db")
    assert str(beside) == "/srv/unit/.casework-demo-accounts.txt"
    elsewhere = demo_accounts_path("postgresql+psycopg://u:p@db.example/casework")
    assert elsewhere.name == ".casework-demo-accounts.txt"
    assert elsewhere.parent == Path.cwd()
