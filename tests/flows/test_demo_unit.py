"""The demo unit: a handful of cases through real flows, a portfolio with months of history."""

import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from casework.database import open_session
from casework.models import (
    Case,
    CaseEvent,
    CaseFigures,
    Dossier,
    EntrepreneurProfile,
    FollowUpReport,
    InvestmentPlanVersion,
    Partner,
    Referral,
    TimeLog,
    User,
)
from casework.passwords import verify_password
from casework.services.case_figures import refresh_case_figures
from casework.services.portfolio import portfolio
from demo.accounts import demo_accounts_path
from demo.stories import portfolio_stories
from demo.unit import PLAN_IDEAS, PROJECTS, load_demo_unit


@pytest.mark.usefixtures("prefect_server")
def test_the_demo_has_a_case_at_every_stage_and_passwords_that_survive_a_reload(database, tmp_path):
    accounts_file = tmp_path / "demo-accounts.txt"
    people = load_demo_unit(accounts_file)
    with open_session() as session:
        cases = session.exec(select(Case)).all()
        partners = session.exec(select(Partner)).all()
        users = {u.email: u for u in session.exec(select(User)).all()}
    assert 36 <= len(cases) <= 60
    assert {c.stage for c in cases if c.status == "active"} == {
        "reception",
        "support",
        "linkage",
        "follow_up",
    }
    assert {"completed", "reoriented", "withdrawn", "on_hold"} <= {c.status for c in cases}
    assert len(partners) == 8
    assert all(p.is_example for p in partners)
    assert {p.role for p in people} == {"manager", "advisor", "entrepreneur"}
    for person in people:
        assert verify_password(person.password, users[person.email].password_hash)

    # Only the user may read the file, and it holds every account's password.
    assert stat.S_IMODE(accounts_file.stat().st_mode) == 0o600
    kept = accounts_file.read_text()
    assert all(f"{p.email}  " in kept and p.password in kept for p in people)

    # A second load (a restart, or a second `serve --demo`) adds nothing, changes no password.
    counted = _counts()
    assert load_demo_unit(accounts_file) == []
    assert _counts() == counted
    with open_session() as session:
        again = {u.email: u for u in session.exec(select(User)).all()}
    assert all(again[p.email].password_hash == users[p.email].password_hash for p in people)
    assert accounts_file.read_text() == kept


@pytest.mark.usefixtures("prefect_server")
def test_the_demo_portfolio_says_something_about_who_is_served_and_what_it_costs(
    database, tmp_path
):
    load_demo_unit(tmp_path / "demo-accounts.txt")
    with open_session() as session:
        served = session.exec(
            select(EntrepreneurProfile.gender, EntrepreneurProfile.diaspora).join(
                Case, col(Case.entrepreneur_id) == col(EntrepreneurProfile.user_id)
            )
        ).all()
        currencies = {p.body["currency"] for p in session.exec(select(InvestmentPlanVersion))}
        minutes = session.exec(select(func.sum(TimeLog.minutes))).one()
        answers = {r.status for r in session.exec(select(Referral))}
        reports = session.exec(select(FollowUpReport)).all()
        oldest = session.exec(select(func.min(CaseEvent.at))).one()
        printed = session.exec(select(Dossier.case_id).distinct()).all()
        report = portfolio(session=session)
    assert {gender for gender, _ in served} == {"woman", "man"}
    assert {diaspora for _, diaspora in served} == {True, False}
    assert {"XOF", "XAF", "MAD", "TND", "EUR"} <= currencies
    # The handful taken through real flows each have their own plan, in their currency.
    with open_session() as session:
        flown = session.exec(
            select(Case.title, InvestmentPlanVersion.body).join(
                InvestmentPlanVersion, col(InvestmentPlanVersion.case_id) == col(Case.id)
            )
        ).all()
    own = {title: body["currency"] for title, body in flown if title in PLAN_IDEAS}
    assert own == {
        "Cold storage for fishers": "XOF",
        "Solar irrigation pumps": "MAD",
        "Wax-print fabric stall": "XAF",
    }
    assert minutes > 0
    assert {"sent", "acknowledged", "accepted", "declined", "completed"} <= answers
    assert reports
    assert any(r.jobs_created_women for r in reports)
    assert any(r.jobs_created_men for r in reports)
    # The portfolio's history lies months back, and only the handful's moves were printed.
    assert oldest is not None
    assert (datetime.now(UTC) - oldest).days > 365
    assert len(printed) <= len(PROJECTS)
    for stage, figures in report.time_in_stage.items():
        assert figures["median_days"], stage
    assert all(band["cases"] for band in report.support_cost_by_band.values())
    assert report.outcomes["jobs_created"]["total"] > 0
    assert report.financing["obtained_eur"] > 0
    assert report.partners["acceptance_rate"] is not None
    # The back-dated history is what the portfolio counts: every case's figures are
    # those the services would draw from its rows now.
    with open_session() as session:
        kept = {row.case_id: row.model_dump() for row in session.exec(select(CaseFigures))}
        refresh_case_figures(list(kept), session=session)
        session.flush()
        drawn = {row.case_id: row.model_dump() for row in session.exec(select(CaseFigures))}
        session.rollback()
    assert len(kept) == len(served)
    assert drawn == kept


def test_the_portfolio_stories_are_drawn_from_the_seed_and_lie_in_the_past():
    today = date(2027, 1, 15)
    stories = portfolio_stories(today)
    assert stories == portfolio_stories(today)
    assert stories != portfolio_stories(today, seed=1)
    assert all(step.at.date() < today for story in stories for step in story.steps)
    assert all(
        [step.at for step in story.steps] == sorted(step.at for step in story.steps)
        for story in stories
    )


def _counts() -> tuple[int, ...]:
    with open_session() as session:
        return tuple(
            session.exec(select(func.count()).select_from(table)).one()
            for table in (Case, User, CaseEvent, TimeLog, Referral, InvestmentPlanVersion)
        )


def test_the_demo_passwords_sit_beside_a_sqlite_store_and_in_the_folder_for_a_server():
    beside = demo_accounts_path("sqlite:////srv/unit/casework.db")
    assert str(beside) == "/srv/unit/.casework-demo-accounts.txt"
    elsewhere = demo_accounts_path("postgresql+psycopg://u:p@db.example/casework")
    assert elsewhere.name == ".casework-demo-accounts.txt"
    assert elsewhere.parent == Path.cwd()
