"""A request's session is closed on the event loop only when its commit sends nothing.

`nothing_to_commit` decides it: true after reads alone on SQLite, false as soon as a
change is pending or written, whatever the driver.
"""

import uuid

from sqlalchemy import select
from sqlmodel import Session

from casework.database import nothing_to_commit, open_session
from casework.models import Case, User
from casework.vocabulary import Role


def an_account(session: Session) -> User:
    user = User(
        email="f@mail.example", full_name="Fatou", role=Role.ENTREPRENEUR, password_hash="x"
    )
    session.add(user)
    return user


def test_a_fresh_session_and_one_that_only_read_have_nothing_to_commit(database):
    with open_session() as session:
        assert nothing_to_commit(session)
        assert session.get(Case, uuid.uuid4()) is None
        session.execute(select(User.id)).all()
        assert session.in_transaction()
        assert nothing_to_commit(session) is (database.dialect.name == "sqlite")


def test_a_pending_or_written_change_is_something_to_commit(database):
    with open_session() as session:
        user = an_account(session)
        assert not nothing_to_commit(session)  # pending
        session.flush()
        assert not nothing_to_commit(session)  # written, not committed
        session.commit()
        assert nothing_to_commit(session)
        user.full_name = "Fatou Diop"
        assert not nothing_to_commit(session)  # changed
        session.commit()
    with open_session() as session:
        found = session.get(User, user.id)
        assert found is not None
        assert found.full_name == "Fatou Diop"
        session.delete(found)
        assert not nothing_to_commit(session)  # deleted
