"""The entrepreneur's view of a case: where it stands, what comes next, what happened.

Every party to a case reads this view, often and at once, so it costs five small
statements once the case is known: the gate facts (`gather_facts`, one statement
that loads no plan JSON), what waits on the entrepreneur (their open tasks), where
each partner stands, the public timeline, and the country guides on the case with
what the person intends (for the test-period checklist).
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, select
from sqlalchemy.sql.elements import BindParameter
from sqlmodel import Session, col

from casework.before_a_test_period import TEST_PERIOD_CHECKLIST
from casework.countries import country_name
from casework.database import read_rows
from casework.investment_plan.phrases import Phrase, in_english
from casework.models import (
    Case,
    CaseEvent,
    CaseEventText,
    CaseGuide,
    CaseIntake,
    CountryGuide,
    Partner,
    Referral,
)
from casework.referral_lifecycle import where_it_stands
from casework.services.case_guides import topics_in_words
from casework.services.cases import today
from casework.services.consents import consent_stands_for_referral
from casework.services.facts import gather_facts
from casework.services.tasks import waiting_on_entrepreneur
from casework.settings import get_settings
from casework.stages import CaseFacts, next_step_phrases
from casework.timeline_words import in_words
from casework.vocabulary import Mobility, ReferralStatus, Transition


@dataclass(frozen=True)
class PublicEvent:
    """A timeline line anyone on the case may read."""

    at: datetime
    kind: str
    summary: str


@dataclass(frozen=True)
class PartnerStanding:
    """A partner the project was referred to, and where that stands, in plain words."""

    partner: str
    status: str
    summary: str


@dataclass(frozen=True)
class GuideLine:
    """A country guide on the case, by its id, topic, title and language."""

    id: uuid.UUID
    topic: str
    title: str
    language: str


@dataclass(frozen=True)
class Guidance:
    """What to know before investing, as a sentence and the guides to read."""

    summary: str
    guides: list[GuideLine]


@dataclass(frozen=True)
class CaseStatusView:
    """Reference, stage, status, the next steps and the public timeline.

    The next steps begin with what the entrepreneur is asked to do (their open tasks),
    then what the case still needs before it moves on. The guidance lists the country
    guides on the case; the checklist is there when the person plans a test period in
    the country (for those who may know that), as information, never as a condition.
    """

    reference: str
    stage: str
    status: str
    next_steps: list[str]
    timeline: list[PublicEvent]
    partners: list[PartnerStanding]
    guidance: Guidance | None
    test_period_checklist: list[str]
    # The same next steps as phrases, for a page in the reader's language.
    next_step_phrases: list[Phrase]


def moves_run_elsewhere() -> bool:
    """Whether a case's move may be under way while its status is read (scaled mode)."""
    return get_settings().flow_runner == "deployment"


def pending_move(case: Case) -> str | None:
    """The move under way of the case, by name, if any."""
    moving = case.pending_transition
    return None if moving is None else moving.to


def status_view(
    case: Case, *, session: Session, sensitive: bool = False, facts: CaseFacts | None = None
) -> CaseStatusView:
    """The case as its entrepreneur follows it, with no internal detail; `sensitive`: the
    reader may know what the person intends (the person, the case's advisor, managers);
    `facts`: the case's facts, when the caller has just read them."""
    facts = facts or gather_facts(case, session=session, today=today())
    waiting = waiting_on_entrepreneur(case.id, session=session)
    standing = read_rows(session, _partners_query(), {"case_id": case.id}).all()
    rows = read_rows(session, _timeline_query(), {"case_id": case.id}).all()
    guides = read_rows(session, _guidance_query(), {"case_id": case.id}).all()
    moving = pending_move(case) if moves_run_elsewhere() else None
    under_way = [] if moving is None else [_under_way(moving)]
    test_period = bool(guides) and guides[0][0] == Mobility.TEST_PERIOD
    steps = [*(Phrase(text=line) for line in [*under_way, *waiting]), *next_step_phrases(facts)]
    return CaseStatusView(
        reference=case.reference,
        stage=case.stage,
        status=case.status,
        next_steps=[in_english(step) for step in steps],
        timeline=public_events(rows),
        partners=partner_standings(standing),
        guidance=guidance(case.country, guides),
        test_period_checklist=list(TEST_PERIOD_CHECKLIST) if sensitive and test_period else [],
        next_step_phrases=steps,
    )


def guidance(country: str, rows: Sequence[Any]) -> Guidance | None:
    """The guides of `_guidance_query`'s rows, with the sentence that names their topics."""
    lines = [
        GuideLine(gid, topic, title, language) for _, gid, topic, title, language in rows if gid
    ]
    if not lines:
        return None
    topics = topics_in_words(line.topic for line in lines)
    return Guidance(f"Before you invest in {country_name(country)}: {topics}.", lines)


@cache
def _guidance_query() -> Select[*tuple[Any, ...]]:
    # From the case's row, so that its intake is read even with no guide on it.
    on_case = and_(col(CaseGuide.case_id) == col(Case.id), col(CaseGuide.removed_at).is_(None))
    active = and_(col(CountryGuide.id) == col(CaseGuide.guide_id), col(CountryGuide.active))
    return (
        select(
            col(CaseIntake.mobility),
            col(CountryGuide.id),
            col(CountryGuide.topic),
            col(CountryGuide.title),
            col(CountryGuide.language),
        )
        .select_from(Case)
        .outerjoin(CaseIntake, col(CaseIntake.case_id) == col(Case.id))
        .outerjoin(CaseGuide, on_case)
        .outerjoin(CountryGuide, active)
        .where(col(Case.id) == bindparam("case_id"))
        .order_by(col(CountryGuide.topic), col(CountryGuide.language), col(CountryGuide.title))
    )


_BEING = {
    Transition.ON_HOLD: "put on hold",
    Transition.RESUME: "resumed",
    Transition.WITHDRAWAL: "withdrawn",
    Transition.REORIENTATION: "reoriented",
    Transition.COMPLETED: "completed",
}


def _under_way(transition: str) -> str:
    """What the entrepreneur reads while a move of their case is being made (scaled mode)."""
    move = Transition(transition)
    stage = move.value.replace("_", " ")
    doing = f"being {_BEING[move]}" if move in _BEING else f"moving to {stage}"
    return f"Your case is {doing}: this page will show it done in a moment."


def partner_standings(rows: Sequence[Any]) -> list[PartnerStanding]:
    """Each referral's partner and where it stands, from `_partners_query`'s rows."""
    found = []
    for name, status, consented, sent_at, answered_at, closed_at in rows:
        words = where_it_stands(
            name,
            ReferralStatus(status),
            consented=bool(consented),
            sent_on=_day(sent_at),
            answered_on=_day(answered_at),
            closed_on=_day(closed_at),
        )
        if words is not None:
            found.append(PartnerStanding(name, status, words))
    return found


def _day(moment: datetime | None) -> str | None:
    return moment.date().isoformat() if moment else None


@cache
def _partners_query() -> Select[*tuple[Any, ...]]:
    case_id: BindParameter[uuid.UUID] = bindparam("case_id")
    return (
        select(
            col(Partner.name),
            col(Referral.status),
            consent_stands_for_referral(),
            col(Referral.sent_at),
            col(Referral.answered_at),
            col(Referral.closed_at),
        )
        .join(Partner, col(Partner.id) == col(Referral.partner_id))
        .where(col(Referral.case_id) == case_id)
        .order_by(col(Referral.created_at), col(Referral.id))
    )


# Built once, on first use, with the case id as a parameter: building it cost ten times
# what running it does.
@cache
def _timeline_query() -> Select[int | None, datetime, str, str, str, str]:
    # Each event with its texts, if any (one row per text): one statement for the timeline.
    query = select(
        col(CaseEvent.id),
        col(CaseEvent.at),
        col(CaseEvent.kind),
        col(CaseEvent.summary),
        col(CaseEventText.name),
        col(CaseEventText.text),
    ).outerjoin(CaseEventText, col(CaseEventText.event_id) == col(CaseEvent.id))
    query = query.where(col(CaseEvent.case_id) == bindparam("case_id"))
    return query.order_by(col(CaseEvent.at), col(CaseEvent.id))


def public_events(
    rows: Iterable[tuple[int | None, datetime, str, str, str | None, str | None]],
) -> list[PublicEvent]:
    """The timeline's lines from the rows of `_timeline_query`, texts in their places."""
    lines: dict[int | None, tuple[datetime, str, str, dict[str, str]]] = {}
    for event_id, at, kind, summary, name, text in rows:
        texts = lines.setdefault(event_id, (at, kind, summary, {}))[3]
        if name is not None and text is not None:
            texts[name] = text
    return [
        PublicEvent(at, kind, in_words(summary, texts))
        for at, kind, summary, texts in lines.values()
    ]
