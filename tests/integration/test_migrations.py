"""The Alembic migrations build exactly the schema the tables declare, on SQLite and PostgreSQL."""

from contextlib import contextmanager

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import casework.models  # noqa: F401
from casework.database import make_engine
from casework.migrations import upgrade_database
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
        engine.dispose()
    assert revision == "0002"
