"""Shared fixtures: a fresh SQLite case store per test, a Prefect test server, the API, people."""

import os
import random
import string
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import col, select

# The flows' info lines are not sent to the test server (fewer API calls per test);
# tests/flows/test_run_pages.py lets them through to read them back.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from casework.database import create_tables, get_engine, open_session
from casework.models import Unit, User
from casework.passwords import hash_password
from casework.services.users import ProfileInput, save_profile
from casework.settings import get_settings
from casework.vocabulary import Gender, Role

PASSWORD = "a long test password"


@lru_cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


# Set to a PostgreSQL URL (postgresql+psycopg://...) to run every store test on PostgreSQL,
# the scaled mode's case store; each test then gets a schema of its own.
POSTGRES_URL = os.environ.get("CASEWORK_TEST_POSTGRES_URL")


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema on the test PostgreSQL server, and a store URL that works inside it."""
    from sqlalchemy import create_engine, text

    assert POSTGRES_URL
    schema = "t_" + "".join(random.choices(string.ascii_lowercase, k=12))
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@contextmanager
def store_url(tmp_path: Path) -> Iterator[str]:
    """A new, empty store's URL: a SQLite file in `tmp_path`, or a PostgreSQL schema."""
    if POSTGRES_URL:
        with postgres_schema() as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'casework.db'}"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A new, empty case store for this test (flows open sessions on it too)."""
    with store_url(tmp_path) as url:
        monkeypatch.setenv("CASEWORK_DATABASE_URL", url)
        # The Prefect test server outlives each store: a prefix of its own keeps each
        # test's references, and so its flow runs' names and tags, apart from the others'.
        prefix = "".join(random.choices(string.ascii_uppercase, k=6))
        monkeypatch.setenv("CASEWORK_REFERENCE_PREFIX", prefix)
        get_settings.cache_clear()
        get_engine.cache_clear()
        engine = get_engine()
        create_tables(engine)
        yield engine
        settle_prints()
        engine.dispose()
        get_engine.cache_clear()
        get_settings.cache_clear()


def settle_prints() -> None:
    """Let the dossier prints a test's moves queued finish on its own store, before it goes."""
    launcher = sys.modules.get("flows.launcher")  # never imported by tests without flows
    if launcher is not None:
        assert launcher.flow_runner().settle(timeout=300), "a dossier print never finished"


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """A real, temporary Prefect server for the whole test session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def client(database: Engine) -> Iterator[TestClient]:
    """The API over real HTTP semantics (Starlette's test transport)."""
    from api.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@dataclass(frozen=True)
class Person:
    """A user of the test unit, with the header that signs their requests."""

    id: str
    email: str
    role: Role
    headers: dict[str, str]


@dataclass(frozen=True)
class People:
    """Everyone a test may need: staff and two unrelated entrepreneurs."""

    advisor: Person
    manager: Person
    entrepreneur: Person
    other_entrepreneur: Person

    def by_role(self, name: str) -> Person:
        """The person standing for `name` (`advisor`, `manager`, `entrepreneur`, ...)."""
        return getattr(self, name)


def make_person(
    email: str,
    role: Role,
    full_name: str,
    gender: Gender | None = None,
    unit: str | None = None,
) -> Person:
    """Create an account straight in the store and sign a token for it.

    It belongs to the unit coded `unit`; with none, an entrepreneur or an advisor belongs
    to the default unit, and a manager is the programme's.
    """
    from api.tokens import issue_token

    with open_session() as session:
        query = select(Unit.id).where(Unit.code == unit if unit else col(Unit.is_default))
        unit_id = session.exec(query).one() if unit or role != Role.MANAGER else None
        user = User(
            email=email,
            full_name=full_name,
            role=role,
            unit_id=unit_id,
            password_hash=_password_hash(),
        )
        session.add(user)
        session.flush()
        if role == Role.ENTREPRENEUR:
            save_profile(user, ProfileInput(gender=gender, diaspora=True), session=session)
        session.commit()
        token = issue_token(user.id, user.token_generation)
        return Person(str(user.id), email, role, {"Authorization": f"Bearer {token}"})


@pytest.fixture
def people(database: Engine) -> People:
    """An advisor, a manager, and two entrepreneurs who do not know each other."""
    return People(
        advisor=make_person("awa@unit.example", Role.ADVISOR, "Awa Ndiaye"),
        manager=make_person("moussa@unit.example", Role.MANAGER, "Moussa Sow"),
        entrepreneur=make_person(
            "fatou@mail.example", Role.ENTREPRENEUR, "Fatou Diop", Gender.WOMAN
        ),
        other_entrepreneur=make_person("ali@mail.example", Role.ENTREPRENEUR, "Ali Ba", Gender.MAN),
    )


@dataclass(frozen=True)
class OtherUnit:
    """A second unit of the programme, Dakar, with its own advisor, manager and entrepreneur."""

    code: str
    id: str
    advisor: Person
    manager: Person
    entrepreneur: Person


@pytest.fixture
def dakar(client: TestClient, people: People) -> OtherUnit:
    """A second unit, made by the programme's manager (`people.manager`), and its people."""
    body = {"code": "dakar", "name": "Dakar reception unit"}
    made = client.post("/units", json=body, headers=people.manager.headers)
    assert made.status_code == 201, made.text
    return OtherUnit(
        code="dakar",
        id=made.json()["id"],
        advisor=make_person("ousmane@dakar.example", Role.ADVISOR, "Ousmane Fall", unit="dakar"),
        manager=make_person("khady@dakar.example", Role.MANAGER, "Khady Sarr", unit="dakar"),
        entrepreneur=make_person(
            "binta@mail.example", Role.ENTREPRENEUR, "Binta Kane", Gender.WOMAN, unit="dakar"
        ),
    )
