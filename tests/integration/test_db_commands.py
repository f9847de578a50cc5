"""`casework db`: where the store stands among the migrations, upgrading it, backups by hand.

Each test runs on SQLite, and again on PostgreSQL (in a schema of its own) when
CASEWORK_TEST_POSTGRES_URL is set.
"""

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import column, func, select, table, update
from sqlalchemy.engine import Engine, make_url
from typer.testing import CliRunner

from casework.database import get_engine, open_session
from casework.migrations import alembic_config
from casework.models import Partner
from casework.schema_state import head_revision, outdated_schema, schema_revision
from casework.services import partners
from casework.settings import get_settings
from commands.db_commands import db_app
from tests.conftest import store_url

UPGRADE = "run `casework db upgrade`."


@pytest.fixture
def new_store(tmp_path, monkeypatch) -> Iterator[Engine]:
    """A store with nothing in it yet, as CASEWORK_DATABASE_URL names it."""
    with store_url(tmp_path) as url:
        monkeypatch.setenv("CASEWORK_DATABASE_URL", url)
        get_settings.cache_clear()
        get_engine.cache_clear()
        yield get_engine()
        get_engine().dispose()
        get_engine.cache_clear()
        get_settings.cache_clear()


def at(engine: Engine) -> str:
    """The store's URL as messages show it (its password masked)."""
    return engine.url.render_as_string(hide_password=True)


def db(*arguments: str):
    return CliRunner().invoke(db_app, list(arguments))


def add_partner(name: str) -> None:
    with open_session() as session:
        body = {"name": name, "kind": "technical", "services": ["mentoring"]}
        partners.add_partner(partners.PartnerInput(**body), session=session)
        session.commit()


def partner_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Partner)).scalar_one()


def test_an_empty_store_is_told_to_upgrade_and_upgrading_brings_it_to_the_latest(new_store):
    head = head_revision()
    empty = f"The case store at {at(new_store)} has no tables yet: {UPGRADE}"
    assert outdated_schema(new_store) == empty
    result = db("current")
    assert (result.exit_code, result.output.strip()) == (1, empty)

    result = db("upgrade")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"Upgraded the case store at {at(new_store)} from nothing (a new store) "
        f"to migration {head}."
    )
    assert outdated_schema(new_store) is None

    again = db("upgrade")
    assert again.exit_code == 0, again.output
    assert "nothing to apply" in again.output
    result = db("current")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"The case store at {at(new_store)} is at migration {head}, the latest."
    )


def test_a_store_behind_the_code_says_which_migration_it_is_at_and_upgrades(database):
    config = alembic_config(database)
    command.stamp(config, "head")
    assert outdated_schema(database) is None
    command.downgrade(config, "-2")
    older, head = schema_revision(database), head_revision()
    assert older not in (None, head)

    expected = (
        f"The case store at {at(database)} is at migration {older} (head is {head}): {UPGRADE}"
    )
    assert outdated_schema(database) == expected
    result = db("current")
    assert (result.exit_code, result.output.strip()) == (1, expected)

    result = db("upgrade")
    assert result.exit_code == 0, result.output
    assert f"from migration {older} to migration {head}." in result.output
    assert outdated_schema(database) is None


def test_a_store_ahead_of_the_code_says_to_upgrade_casework_and_is_not_touched(database):
    command.stamp(alembic_config(database), "head")
    with database.begin() as connection:
        version = table("alembic_version", column("version_num"))
        connection.execute(update(version).values(version_num="9999"))

    expected = (
        f"The case store at {at(database)} is at migration 9999, newer than this casework "
        f"(head is {head_revision()}): upgrade casework."
    )
    assert outdated_schema(database) == expected
    for asked in ("current", "upgrade"):
        result = db(asked)
        assert (result.exit_code, result.output.strip()) == (1, expected)
    assert schema_revision(database) == "9999"


def test_a_store_with_tables_but_no_migration_revision_is_not_upgraded(database):
    problem = outdated_schema(database)
    assert problem is not None
    assert problem.startswith(
        f"The case store at {at(database)} has tables but no migration revision"
    )
    result = db("upgrade")
    assert (result.exit_code, result.output.strip()) == (1, problem)
    assert schema_revision(database) is None


def test_backup_and_restore_by_hand_refuse_to_replace_a_store_unless_told(database, tmp_path):
    command.stamp(alembic_config(database), "head")
    add_partner("Kept in the backup")
    saved = tmp_path / "unit.backup"

    result = db("backup", str(saved))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Backed up the case store at {at(database)} to {saved} (")
    assert result.output.strip().endswith(f" kB, migration {head_revision()}).")

    add_partner("Added after the backup")
    result = db("restore", str(saved))
    assert result.exit_code == 2, result.output
    assert "--replace" in result.output
    assert partner_count(database) == 2

    result = db("restore", str(saved), "--replace")
    assert result.exit_code == 0, result.output
    expected = (
        f"Restored {saved} into the case store at {at(database)} (migration {head_revision()})."
    )
    assert result.output.strip() == expected
    assert partner_count(database) == 1


def test_restoring_what_is_no_backup_exits_2_and_an_unreachable_store_exits_1(
    database, tmp_path, monkeypatch
):
    missing = db("restore", str(tmp_path / "missing.backup"), "--replace")
    assert (missing.exit_code, missing.output.strip()) == (
        2,
        f"There is no backup file at {tmp_path / 'missing.backup'}.",
    )
    stranger = tmp_path / "notes.txt"
    stranger.write_text("not a backup\n")
    assert db("restore", str(stranger), "--replace").exit_code == 2

    url = "postgresql+psycopg://casework:pw-never-shown@127.0.0.1:1/casework"
    monkeypatch.setenv("CASEWORK_DATABASE_URL", url)
    get_settings.cache_clear()
    result = db("backup", str(tmp_path / "unit.backup"))
    assert result.exit_code == 1, result.output
    assert make_url(url).render_as_string(hide_password=True) in result.output
    assert "pw-never-shown" not in result.output
    assert len(result.output.strip().splitlines()) == 1
