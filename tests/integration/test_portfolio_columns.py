"""The portfolio's columns: kept by the services, and filled by migration 0012 alike.

A store made by the services is taken back before revision 0012 (its columns
dropped) and brought up again: the migration must fill each plan version's band
and amounts, and each event's stage, exactly as the services wrote them.
"""

import pytest
from alembic import command
from sqlmodel import select

from casework.database import open_session
from casework.migrations import alembic_config
from casework.models import CaseEvent, InvestmentPlanVersion
from tests.journey import assess, case_at, move, open_case

pytestmark = pytest.mark.usefixtures("prefect_server")


def written(session) -> tuple[dict, dict]:
    plans = {
        v.id: (v.funding_band, v.investment_eur, v.external_financing_eur)
        for v in session.exec(select(InvestmentPlanVersion)).all()
    }
    events = {e.id: e.stage for e in session.exec(select(CaseEvent)).all()}
    return plans, events


def test_migration_0012_fills_what_the_services_keep(client, database, people):
    case_at(client, "follow_up", people)
    held = open_case(client, people.entrepreneur)
    assess(client, held["id"], people.advisor)
    move(client, held["id"], "support", people.advisor)
    with open_session() as session:
        plans, events = written(session)
    # The journey's plan: 9.0 M XOF invested at 655.957 XOF a euro, 7.0 M lent from outside.
    assert set(plans.values()) == {("micro", 13720.41, 10671.43)}
    assert set(events.values()) == {
        "reception",
        "support",
        "linkage",
        "follow_up",
    }

    config = alembic_config(database)
    command.stamp(config, "head")
    command.downgrade(config, "0011")
    command.upgrade(config, "head")
    with open_session() as session:
        assert written(session) == (plans, events)
