"""The status view stays cheap: a fixed, small number of statements and no plan JSON read.

Its facts are the gates' own (`gather_facts`, one statement): at every point of a case's
journey they equal the facts read row by row, as the gates once read them, and the answer
equals the one built from those.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select

from api.schemas import CaseStatusPublic
from casework.countries import country_name
from casework.database import open_session
from casework.financing_coverage import Cover, financing_gaps, plan_lines
from casework.investment_plan.phrases import Phrase, in_english
from casework.models import (
    Assessment,
    Case,
    Consent,
    FeasibilityStudy,
    InvestmentPlanVersion,
    Milestone,
    Partner,
    Referral,
    Task,
    TrainingEnrolment,
)
from casework.referral_lifecycle import where_it_stands
from casework.services.case_guides import guides_on, topics_in_words
from casework.services.cases import today
from casework.services.facts import gather_facts
from casework.services.plans import current_plan, results_of
from casework.services.status import (
    CaseStatusView,
    Guidance,
    GuideLine,
    PartnerStanding,
    PublicEvent,
    status_view,
)
from casework.services.timeline import timeline
from casework.settings import get_settings
from casework.stages import CaseFacts, next_step_phrases
from casework.vocabulary import (
    AssessmentDecision,
    CaseStatus,
    FeasibilityConclusion,
    ReferralStatus,
    Role,
    Stage,
    TrainingStatus,
)
from flows.launcher import flow_runner
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

# The view's own statements once the case is known: the gate facts, what waits on the
# entrepreneur, where each partner stands, the timeline, then the guides and intentions.
VIEW_STATEMENTS = 5
# Over HTTP the token's account and the case are read first, in one statement, by the
# permission dependency.
REQUEST_STATEMENTS = 1 + VIEW_STATEMENTS
LINKAGE_STATEMENTS = 1
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


def facts_row_by_row(case: Case, session: Any) -> CaseFacts:
    """The gate facts read one record and one count at a time: the reference to match."""
    assessment = session.get(Assessment, case.id)
    feasibility = session.get(FeasibilityStudy, case.id)
    plan = current_plan(case, session=session)
    records = {"accepted": Referral, "open": Milestone, "training": TrainingEnrolment}
    counted = {
        name: list(session.exec(select(model).where(model.case_id == case.id)))
        for name, model in records.items()
    }
    approved = plan is not None and plan.approved_at is not None
    return CaseFacts(
        stage=Stage(case.stage),
        status=CaseStatus(case.status),
        today=today(),
        assessment_decision=AssessmentDecision(assessment.decision) if assessment else None,
        training_required=assessment.training_required if assessment else False,
        training_completed=assessment.training_completed if assessment else False,
        required_trainings_open=sum(
            t.required and t.status != TrainingStatus.COMPLETED for t in counted["training"]
        ),
        feasibility_conclusion=(
            FeasibilityConclusion(feasibility.conclusion) if feasibility else None
        ),
        plan_version=plan.version if plan else None,
        plan_approved=approved,
        plan_advisor_share=plan.advisor_share if plan else 0.0,
        supplant_threshold=get_settings().supplant_threshold,
        accepted_referrals=sum(
            r.status in (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)
            for r in counted["accepted"]
        ),
        self_financed=approved and results_of(plan).external_financing_eur == 0,
        open_milestones=sum(m.done_on is None for m in counted["open"]),
        follow_up_until=case.follow_up_until,
        financing_gaps=_gaps_row_by_row(case, plan, counted["accepted"]),
    )


def _gaps_row_by_row(case: Case, plan: Any, referrals: list[Any]) -> tuple[str, ...]:
    """The uncovered lines worked out from the whole plan body (only a case in linkage has any)."""
    if case.stage != Stage.LINKAGE or plan is None:
        return ()
    covers = [
        Cover(tuple(r.financing_lines), r.amount_offered)
        for r in referrals
        if r.status in (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)
    ]
    lines = plan_lines(plan.body["financing"])
    outside = [int(line) for line in case.financed_outside]
    return tuple(financing_gaps(lines, covers, outside, plan.body["currency"]))


def full_view(case: Case, session: Any) -> CaseStatusView:
    """The view as it was built before it was made cheap: every fact, every event row."""
    facts = facts_row_by_row(case, session)
    events = [PublicEvent(e.at, e.kind, e.summary) for e in timeline(case, session=session)]
    tasks = session.exec(select(Task).where(Task.case_id == case.id)).all()
    waiting = [
        t.summary
        for t in sorted(tasks, key=lambda t: (t.created_at, t.id))
        if t.for_role == Role.ENTREPRENEUR and t.closed_at is None
    ]
    phrases = [*(Phrase(text=line) for line in waiting), *next_step_phrases(facts)]
    steps = [in_english(phrase) for phrase in phrases]
    partners = [
        PartnerStanding(name, status, words)
        for name, status, words in _standings_row_by_row(case, session)
    ]
    on_case = guides_on(case, session=session)
    guidance = (
        Guidance(
            f"Before you invest in {country_name(case.country)}: "
            f"{topics_in_words(g.guide.topic for g in on_case)}.",
            [
                GuideLine(g.guide.id, g.guide.topic, g.guide.title, g.guide.language)
                for g in on_case
            ],
        )
        if on_case
        else None
    )
    return CaseStatusView(
        case.reference, case.stage, case.status, steps, events, partners, guidance, [], phrases
    )


def _standings_row_by_row(case: Case, session: Any) -> list[tuple[str, str, str]]:
    referrals = session.exec(
        select(Referral).where(Referral.case_id == case.id).order_by(Referral.created_at)
    ).all()
    found = []
    for r in referrals:
        partner = session.get(Partner, r.partner_id)
        consents = session.exec(
            select(Consent).where(Consent.case_id == case.id, Consent.partner_id == r.partner_id)
        ).all()
        words = where_it_stands(
            partner.name,
            ReferralStatus(r.status),
            consented=any(c.withdrawn_at is None for c in consents),
            sent_on=r.sent_at.date().isoformat() if r.sent_at else None,
            answered_on=r.answered_at.date().isoformat() if r.answered_at else None,
            closed_on=r.closed_at.date().isoformat() if r.closed_at else None,
        )
        if words is not None:
            found.append((partner.name, r.status, words))
    return found


def check_point(
    client: Any, database: Engine, case_id: str, entrepreneur: Any, *, in_linkage: bool = False
) -> None:
    """At this point of the journey: same facts, same answer, bounded statements, no plan JSON.

    In linkage, a plan that needs outside money costs one statement more: the accepted
    referrals' lines and offers, to say which lines remain uncovered.
    """
    extra = LINKAGE_STATEMENTS if in_linkage else 0
    # The moves' dossiers are printed on another thread, on the same engine: let them finish
    # so that only the view's own statements are counted.
    assert flow_runner().settle(timeout=120)
    with open_session() as session:
        case = session.get(Case, uuid.UUID(case_id))
        assert case is not None
        assert gather_facts(case, session=session, today=today()) == facts_row_by_row(case, session)
        expected = CaseStatusPublic.model_validate(full_view(case, session)).model_dump(mode="json")
    with open_session() as session:
        case = session.get(Case, uuid.UUID(case_id))
        assert case is not None
        with recorded(database) as seen:
            status_view(case, session=session)
        assert len(seen.sql) <= VIEW_STATEMENTS + extra, seen.sql
        assert not any(PLAN_JSON_COLUMNS & names for names in seen.columns), seen.columns
        assert not any(
            isinstance(obj, InvestmentPlanVersion) for obj in session.identity_map.values()
        )
    with recorded(database) as seen:
        answer = ok(client.get(f"/cases/{case_id}/status", headers=entrepreneur.headers))
    assert len(seen.sql) <= REQUEST_STATEMENTS + extra, seen.sql
    assert answer == expected


def test_the_status_view_stays_cheap_and_right_through_a_whole_journey(client, database, people):
    # Two country guides the case gains when it opens: the view names them too.
    for topic in ("special_economic_zones", "foreign_currency_accounts"):
        guide = {
            "country": "SN",
            "topic": topic,
            "title": f"About {topic}",
            "text": "Ask the agency.",
            "language": "en",
            "checked_on": "2026-01-05",
        }
        ok(client.post("/guides", json=guide, headers=people.manager.headers), 201)
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
    check_point(client, database, case_id, people.entrepreneur, in_linkage=True)
    accepted_referral(client, case_id, people)
    check_point(client, database, case_id, people.entrepreneur, in_linkage=True)
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
