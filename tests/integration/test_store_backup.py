"""Backups of the case store: a restore gives back every row, and refuses what would lose data.

Each test runs on SQLite, and again on PostgreSQL (in a schema of its own) when
CASEWORK_TEST_POSTGRES_URL is set.
"""

import re
import uuid
from typing import Any

import pytest
from alembic import command
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Table,
    column,
    create_engine,
    delete,
    inspect,
    select,
    table,
    update,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from casework.actors import Actor
from casework.database import open_session
from casework.dossier.keeping import keep_moment, keep_print, print_kept
from casework.migrations import alembic_config
from casework.models import Case, Partner, Task, TimeLog
from casework.models.columns import utc_now
from casework.services import partners, reorientation
from casework.services.erasure import ask_to_be_forgotten
from casework.services.intake import IntakeInput, record_intake
from casework.services.users import RegistrationInput, create_user
from casework.settings import get_settings
from casework.sign_in_throttle import Attempt, record_failure
from casework.store_backup import VERSION_TABLE, BackupFailed, BackupRefused, backup, restore
from casework.vocabulary import (
    ActivityKind,
    Audience,
    CaseStatus,
    Mobility,
    PartnerKind,
    ProjectReason,
    Role,
)
from demo.guides import write_guides
from demo.portfolio import portfolio_entrepreneurs, write_portfolio
from demo.stories import portfolio_stories
from demo.unit import PARTNERS
from tests.conftest import POSTGRES_URL, postgres_schema


def store_url() -> str:
    return get_settings().database_url


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table casework declares, and of Alembic's, in primary-key order."""
    tables = [*SQLModel.metadata.sorted_tables, table(VERSION_TABLE, column("version_num"))]
    with engine.connect() as connection:
        return {
            each.name: [
                tuple(row)
                for row in connection.execute(
                    select(each).order_by(*(each.primary_key or each.columns))
                )
            ]
            for each in tables
        }


def migrated(engine: Engine) -> None:
    """The fixture's store (its tables made from the models) recorded at the latest migration."""
    command.stamp(alembic_config(engine), "head")


def fill(engine: Engine) -> None:
    """A unit with cases at every stage and ending, written through the services."""
    migrated(engine)
    every = portfolio_stories(utc_now().date())
    endings = dict.fromkeys(story.ending for story in every)
    # Two cases of each ending: plans, studies, referrals, reports, trainings, outcomes ...
    stories = [
        story for ending in endings for story in [s for s in every if s.ending == ending][:2]
    ]
    with open_session() as session:
        for partner in PARTNERS:
            partners.add_partner(partners.PartnerInput(**partner), session=session)
        data = RegistrationInput(
            email="awa@unit.example", full_name="Awa Ndiaye", password="a long test password"
        )
        advisor = create_user(data, Role.ADVISOR, session=session)
        emails = [f"entrepreneur{n}@mail.example" for n in range(len(stories))]
        owners = portfolio_entrepreneurs(stories, emails, "a long password", session=session)
        activity = reorientation.ActivityInput(title="Bookkeeping", kind=ActivityKind.TRAINING)
        reorientation.add_activity(activity, session=session)
        record_failure(Attempt("awa@unit.example", "192.0.2.1"), session=session)
        # Guides first: the cases opened next gain those of their country.
        write_guides(Actor(advisor.id, Role.MANAGER), utc_now().date(), session=session)
        session.commit()
        directory = {p.name: p.id for p in partners.list_partners(session=session)}
    cast = [Actor(advisor.id, Role.ADVISOR, advisor.full_name)]
    write_portfolio(stories, [owner for _, owner in owners], cast, directory)
    # The portfolio keeps no print: one real PDF, so that a large binary goes round too.
    with open_session() as session:
        case = session.scalars(select(Case).order_by(Case.reference).limit(1)).one()
        [dossier] = keep_moment(case, "Backup", {Audience.UNIT: uuid.uuid4()}, session=session)
        keep_print(dossier, print_kept(dossier), session=session)
        ask_to_be_forgotten(owners[0][1], session=session)
        answers = IntakeInput(reasons=[ProjectReason.INVESTMENT], mobility=Mobility.UNDECIDED)
        open_one = session.scalars(select(Case).where(Case.status == CaseStatus.ACTIVE)).first()
        assert open_one is not None
        owner = Actor(open_one.entrepreneur_id, Role.ENTREPRENEUR)
        record_intake(open_one, answers, owner, session=session)
        session.commit()


def changed(engine: Engine) -> None:
    """Rows updated, deleted and added, and a table the backup never had."""
    with Session(engine) as session:
        session.execute(update(Case).values(title="Changed after the backup"))
        session.execute(delete(TimeLog))
        session.execute(delete(Task))
        session.add(Partner(name="Added after the backup", kind=PartnerKind.TECHNICAL))
        session.commit()
    Table("left_over", MetaData(), Column("id", Integer, primary_key=True)).create(engine)


def test_a_restored_store_holds_every_row_it_was_backed_up_with(database, tmp_path):
    fill(database)
    before = snapshot(database)
    empty = [name for name, rows in before.items() if not rows]
    assert len(empty) <= 2, f"the fill leaves too many tables empty: {empty}"
    saved = tmp_path / "store.backup"
    backup(store_url(), saved)

    changed(database)
    assert snapshot(database) != before
    restore(store_url(), saved, replace=True)

    # Read through the engine the store was open on all along (its pooled connections).
    after = snapshot(database)
    for name, rows in before.items():
        assert after[name] == rows, name
    assert set(inspect(database).get_table_names()) == set(before)


def test_a_backup_taken_during_a_write_holds_what_was_committed_then(database, tmp_path):
    migrated(database)
    with open_session() as session:
        partners.add_partner(partners.PartnerInput(**PARTNERS[0]), session=session)
        session.commit()
    before = snapshot(database)
    saved = tmp_path / "store.backup"
    with Session(database) as writer:
        # Megabytes, more than SQLite's page cache holds: pages of the open write reach the WAL.
        writer.add_all(
            Partner(name=f"Partner {n}", kind=PartnerKind.TECHNICAL, description="x" * 10_000)
            for n in range(400)
        )
        writer.execute(update(Partner).values(description="Rewritten"))
        writer.flush()
        backup(store_url(), saved)
        writer.commit()
    assert len(snapshot(database)["partners"]) == 401

    restore(store_url(), saved, replace=True)
    assert snapshot(database) == before


def test_a_restore_into_a_store_with_tables_is_refused_unless_asked_to_replace_them(
    database, tmp_path
):
    migrated(database)
    saved = tmp_path / "store.backup"
    backup(store_url(), saved)
    with open_session() as session:
        partners.add_partner(partners.PartnerInput(**PARTNERS[0]), session=session)
        session.commit()
    before = snapshot(database)

    with pytest.raises(BackupRefused, match=r"holds \d+ tables: .*--replace"):
        restore(store_url(), saved)
    assert snapshot(database) == before


def test_a_restore_from_a_file_that_is_not_there_is_refused(database, tmp_path):
    missing = tmp_path / "never-written.backup"
    with pytest.raises(BackupRefused, match=re.escape(f"There is no backup file at {missing}.")):
        restore(store_url(), missing, replace=True)


@pytest.mark.parametrize(
    "content", [b"name,email\nAwa,awa@unit.example\n", b""], ids=["text", "empty"]
)
def test_a_restore_from_a_file_that_is_no_backup_is_refused_and_changes_nothing(
    database, tmp_path, content
):
    migrated(database)
    before = snapshot(database)
    stranger = tmp_path / "stranger.backup"
    stranger.write_bytes(content)
    with pytest.raises(BackupRefused, match=r"is not a backup of a .*case store") as refused:
        restore(store_url(), stranger, replace=True)
    assert "\n" not in str(refused.value)
    assert snapshot(database) == before


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///{tmp_path}/no-such-folder/casework.db",
        "postgresql+psycopg://casework:pw-never-shown@127.0.0.1:1/casework",
    ],
    ids=["sqlite-missing-folder", "postgresql-nobody-listening"],
)
def test_an_unreachable_store_fails_in_one_line_with_its_password_masked(tmp_path, url):
    url = url.format(tmp_path=tmp_path)
    saved = tmp_path / "store.backup"
    with pytest.raises(BackupFailed) as failed:
        backup(url, saved)
    message = str(failed.value)
    assert "\n" not in message
    assert "pw-never-shown" not in message
    assert not saved.exists()
    assert list(tmp_path.iterdir()) == []  # nothing half-written left beside it


@pytest.mark.skipif(not POSTGRES_URL, reason="CASEWORK_TEST_POSTGRES_URL not set")
def test_a_postgresql_backup_goes_back_only_into_the_schema_it_was_made_of(database, tmp_path):
    migrated(database)
    saved = tmp_path / "store.backup"
    backup(store_url(), saved)
    with postgres_schema() as elsewhere:
        with pytest.raises(BackupRefused, match="restored into its own schema"):
            restore(elsewhere, saved, replace=True)
        other = create_engine(elsewhere)
        assert inspect(other).get_table_names() == []
        other.dispose()
