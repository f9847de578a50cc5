"""The Alembic migrations build exactly the schema the tables declare, on SQLite and PostgreSQL."""

import uuid
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Boolean,
    Integer,
    LargeBinary,
    String,
    Uuid,
    column,
    insert,
    select,
    table,
)
from sqlmodel import SQLModel

from casework.database import make_engine
from casework.migrations import alembic_config, upgrade_database
from casework.models import Case, Dossier, Unit, User
from casework.models.columns import UTCDateTime
from tests.conftest import POSTGRES_URL, postgres_schema


@contextmanager
def sqlite_store(tmp_path):
    yield f"sqlite:///{tmp_path / 'migrated.db'}"


@contextmanager
def postgres_store(_tmp_path):
    with postgres_schema() as url:
        yield url


STORES = [
    pytest.param(sqlite_store, id="sqlite"),
    pytest.param(
        postgres_store,
        id="postgresql",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="CASEWORK_TEST_POSTGRES_URL not set"),
    ),
]


@pytest.mark.parametrize("store", STORES)
def test_migrating_an_empty_store_gives_the_declared_schema(tmp_path, store):
    with store(tmp_path) as url:
        engine = make_engine(url)
        upgrade_database(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, SQLModel.metadata)
        engine.dispose()
    assert differences == []


@pytest.mark.parametrize("store", STORES)
def test_upgrading_twice_is_harmless(tmp_path, store):
    with store(tmp_path) as url:
        engine = make_engine(url)
        upgrade_database(engine)
        upgrade_database(engine)
        with engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
        head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
        engine.dispose()
    assert revision == head


@pytest.mark.parametrize("store", STORES)
def test_dossiers_kept_before_audiences_become_the_units_printed_copies(tmp_path, store):
    ids = {"user": uuid.uuid4(), "case": uuid.uuid4(), "dossier": uuid.uuid4()}
    now = datetime.now(UTC)
    with store(tmp_path) as url:
        engine = make_engine(url)
        command.upgrade(alembic_config(engine), "0002")
        # Only the columns revision 0002 has: the tables as declared today have more.
        with engine.begin() as connection:
            # The users table as revision 0002 declared it (no token generation yet).
            old_users = table(
                "users",
                column("id", Uuid()),
                *(column(name, String()) for name in ("email", "full_name", "role")),
                column("password_hash", String()),
                column("is_active", Boolean()),
                column("created_at", UTCDateTime()),
            )
            connection.execute(
                insert(old_users).values(
                    id=ids["user"],
                    email="a@example.org",
                    full_name="A",
                    role="entrepreneur",
                    password_hash="-",
                    is_active=True,
                    created_at=now,
                )
            )
            # The cases table as revision 0002 declared it: later columns are not there yet.
            old_cases = table(
                "cases",
                *(column(name, Uuid()) for name in ("id", "entrepreneur_id")),
                *(
                    column(name, String())
                    for name in ("reference", "title", "sector", "country", "summary")
                ),
                *(column(name, String()) for name in ("stage", "status")),
                column("version", Integer()),
                column("reorientation_suggestions", JSON()),
                *(column(name, UTCDateTime()) for name in ("created_at", "updated_at")),
                column("stage_entered_at", UTCDateTime()),
            )
            connection.execute(
                insert(old_cases).values(
                    id=ids["case"],
                    reference="RU-2026-0001",
                    title="T",
                    sector="other",
                    country="SN",
                    summary="S",
                    stage="support",
                    status="active",
                    entrepreneur_id=ids["user"],
                    version=1,
                    reorientation_suggestions=[],
                    created_at=now,
                    updated_at=now,
                    stage_entered_at=now,
                )
            )
            # The dossiers table as revision 0002 declared it: no audience, no status yet.
            old_dossiers = table(
                "dossiers",
                *(column(name, Uuid()) for name in ("id", "case_id")),
                *(column(name, String()) for name in ("moment", "stage", "sha256")),
                column("size_bytes", Integer()),
                column("content", LargeBinary()),
                column("created_at", UTCDateTime()),
            )
            connection.execute(
                insert(old_dossiers).values(
                    id=ids["dossier"],
                    case_id=ids["case"],
                    moment="Entry into support",
                    stage="support",
                    sha256="0" * 64,
                    size_bytes=3,
                    content=b"PDF",
                    created_at=now,
                )
            )
        upgrade_database(engine)
        with engine.connect() as connection:
            dossiers = Dossier.__table__.c
            kept = connection.execute(select(dossiers.audience, dossiers.status)).one()
        engine.dispose()
    assert tuple(kept) == ("unit", "ready")


@pytest.mark.parametrize("store", STORES)
def test_units_put_staff_and_cases_in_the_default_unit_and_managers_in_the_programme(
    tmp_path, store
):
    people = {role: uuid.uuid4() for role in ("entrepreneur", "advisor", "manager")}
    case_id = uuid.uuid4()
    now = datetime.now(UTC)
    with store(tmp_path) as url:
        engine = make_engine(url)
        config = alembic_config(engine)
        command.upgrade(config, "0018")
        with engine.begin() as connection:
            # The users table as revision 0018 declared it: no unit yet.
            users = table(
                "users",
                column("id", Uuid()),
                *(column(name, String()) for name in ("email", "full_name", "role")),
                column("password_hash", String()),
                column("is_active", Boolean()),
                column("token_generation", Integer()),
                column("created_at", UTCDateTime()),
            )
            for role, user_id in people.items():
                connection.execute(
                    insert(users).values(
                        id=user_id,
                        email=f"{role}@example.org",
                        full_name=role,
                        role=role,
                        password_hash="-",
                        is_active=True,
                        token_generation=0,
                        created_at=now,
                    )
                )
            # The cases table as revision 0018 declared it: no unit yet.
            cases = table(
                "cases",
                *(column(name, Uuid()) for name in ("id", "entrepreneur_id", "advisor_id")),
                *(column(name, String()) for name in ("reference", "title", "sector")),
                *(column(name, String()) for name in ("country", "summary", "stage", "status")),
                column("version", Integer()),
                column("project_leader_supplanted", Boolean()),
                *(
                    column(name, JSON())
                    for name in ("reorientation_suggestions", "financed_outside")
                ),
                column("reorientation_activity_ids", JSON()),
                *(column(name, UTCDateTime()) for name in ("created_at", "updated_at")),
                column("stage_entered_at", UTCDateTime()),
            )
            connection.execute(
                insert(cases).values(
                    id=case_id,
                    entrepreneur_id=people["entrepreneur"],
                    advisor_id=people["advisor"],
                    reference="RU-2026-0001",
                    title="T",
                    sector="other",
                    country="SN",
                    summary="S",
                    stage="reception",
                    status="active",
                    version=1,
                    project_leader_supplanted=False,
                    reorientation_suggestions=[],
                    reorientation_activity_ids=[],
                    financed_outside={},
                    created_at=now,
                    updated_at=now,
                    stage_entered_at=now,
                )
            )
        upgrade_database(engine)
        with engine.connect() as connection:
            units = connection.execute(select(Unit.id, Unit.code, Unit.is_default)).all()
            user_units = dict(connection.execute(select(User.role, User.unit_id)).all())
            case_unit = connection.execute(select(Case.unit_id)).scalar_one()
        # And back, and up again: the downgrade leaves a store the upgrade takes.
        command.downgrade(config, "0018")
        upgrade_database(engine)
        engine.dispose()
    [(main, code, is_default)] = units
    assert (code, is_default) == ("main", True)
    assert user_units == {"entrepreneur": main, "advisor": main, "manager": None}
    assert case_unit == main
