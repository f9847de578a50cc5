"""The status view stays cheap: a fixed, small number of statements and no plan JSON read.

Its facts must still be those the gates see: at every point of a case's journey they
equal `gather_facts`, and the answer equals the one built from the full facts.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from api.schemas import CaseStatusPublic
from casework.database import open_session
from casework.models import Case, InvestmentPlanVersion
from casework.services.cases import timeline, today
from casework.services.facts import gather_facts
from casework.services.status import CaseStatusView, PublicEvent, status_facts, status_view
from casework.stages import next_steps
from tests.journey import (
    accepted_referral,
    add_partner,
    assess,
    close_follow_up,
    move,
    ok,
    open_case,
    plan_body,
    prepare_support,
)

pytestmark = pytest.mark.usefixtures("prefect_server")

# The view's own statements once the case is known: the gate facts, then the timeline.
VIEW_STATEMENTS = 2
# Over HTTP the token's user and the case are read first, by the permission dependency.
REQUEST_STATEMENTS = 2 + VIEW_STATEMENTS
PLAN_JSON_COLUMNS = {"body", "results"}


@dataclass
class Statements:
    """The SQL a block ran, and the names of the columns each one returned."""

    sql: list[str] = field(default_factory=list)
    columns: list[set[str]] = field(default_factory=list)


@contextmanager
def recorded(engine: Engine) -> Iterator[Statements]:
    """Every statement `engine` runs inside the block."""
    seen = Statements()

    def record(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        seen.sql.append(statement)
        seen.columns.append({str(d[0]).lower() for d in cursor.description or ()})

    event.listen(engine, "after_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "after_cursor_execute", record)


def full_view(case: Case, session: Any) -> CaseStatusView:
    """The view as it was built before it was made cheap: every fact, every event row."""
    facts = gather_facts(case, session=session, today=today())
    events = [PublicEvent(e.at, e.kind, e.summary) for e in timeline(case, session=session)]
    return CaseStatusView(case.reference, case.stage, case.status, next_steps(facts), events)


def check_point(client: Any, database: Engine, case_id: str, entrepreneur: Any) -> None:
    """At this point of the journey: same facts, same answer, bounded statements, no plan JSON."""
    with open_session() as session:
        case = session.get(Case, uuid.UUID(case_id))
        assert case is not None
        assert status_facts(case, session=session, today=today()) == gather_facts(
            case, session=session, today=today()
        )
        expected = CaseStatusPublic.model_validate(full_view(case, session)).model_dump(mode="json")
    with open_session() as session:
        case = session.get(Case, uuid.UUID(case_id))
        assert case is not None
        with recorded(database) as seen:
            status_view(case, session=session)
        assert len(seen.sql) <= VIEW_STATEMENTS, seen.sql
        assert not any(PLAN_JSON_COLUMNS & names for names in seen.columns), seen.columns
        assert not any(
            isinstance(obj, InvestmentPlanVersion) for obj in session.identity_map.values()
        )
    with recorded(database) as seen:
        answer = ok(client.get(f"/cases/{case_id}/status", headers=entrepreneur.headers))
    assert len(seen.sql) <= REQUEST_STATEMENTS, seen.sql
    assert answer == expected


def test_the_status_view_stays_cheap_and_right_through_a_whole_journey(client, database, people):
    case_id = open_case(client, people.entrepreneur)["id"]
    check_point(client, database, case_id, people.entrepreneur)
    assess(client, case_id, people.advisor)
    check_point(client, database, case_id, people.entrepreneur)
    move(client, case_id, "support", people.advisor)
    body = plan_body()
    ent = people.entrepreneur.headers
    ok(client.put(f"/cases/{case_id}/investment-plan", json=body, headers=ent))
    check_point(client, database, case_id, people.entrepreneur)  # a plan not yet approved
    add_partner(client, people.manager, "CDE")
    prepare_support(client, case_id, people)
    check_point(client, database, case_id, people.entrepreneur)  # the latest of two, approved
    move(client, case_id, "linkage", people.advisor)
    check_point(client, database, case_id, people.entrepreneur)
    accepted_referral(client, case_id, people)
    check_point(client, database, case_id, people.entrepreneur)
    move(client, case_id, "follow_up", people.advisor)
    check_point(client, database, case_id, people.entrepreneur)
    close_follow_up(client, case_id, people.advisor)
    move(client, case_id, "completed", people.advisor)
    check_point(client, database, case_id, people.entrepreneur)


def test_a_reoriented_case_reads_the_same_facts_cheaply(client, database, people):
    case_id = open_case(client, people.entrepreneur)["id"]
    assess(client, case_id, people.advisor, decision="reorient")
    check_point(client, database, case_id, people.entrepreneur)
    body = {"reason": "The market is saturated.", "suggestions": ["Join the cooperative"]}
    ok(client.post(f"/cases/{case_id}/reorientation", json=body, headers=people.advisor.headers))
    check_point(client, database, case_id, people.entrepreneur)
