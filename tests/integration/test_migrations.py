"""The Alembic migrations build exactly the schema the tables declare."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import casework.models  # noqa: F401
from casework.database import make_engine
from casework.migrations import upgrade_database


def test_migrating_an_empty_store_gives_the_declared_schema(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    upgrade_database(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_upgrading_twice_is_harmless(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    upgrade_database(engine)
    upgrade_database(engine)
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0002"
