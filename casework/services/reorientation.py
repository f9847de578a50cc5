"""Reorientation that is followed: the catalogue of activities, and what became of a case.

A reoriented project is not a closed file: the advisor points the entrepreneur to
activities of the catalogue managers keep, staff record later what became of them,
and an entrepreneur who comes back opens a new case linked to the old one.
"""

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from casework.errors import Conflict, InvalidInput, NotFound
from casework.models import Case, ReorientationActivity, ReorientationOutcome
from casework.models.columns import utc_now
from casework.services.timeline import record_event
from casework.vocabulary import (
    ActivityKind,
    CaseStatus,
    ReorientationOutcomeKind,
    ReorientationReason,
)

REASON_WORDS = {
    ReorientationReason.NOT_VIABLE_MARKET: "the market is not viable",
    ReorientationReason.INSUFFICIENT_OWN_CONTRIBUTION: "the own contribution is insufficient",
    ReorientationReason.SKILLS_GAP: "skills are missing for now",
    ReorientationReason.OTHER_PROGRAMME_FITS: "another programme fits better",
    ReorientationReason.OTHER: "another reason",
}

OUTCOME_WORDS = {
    ReorientationOutcomeKind.TOOK_UP_ACTIVITY: "took up a suggested activity",
    ReorientationOutcomeKind.EMPLOYED: "found employment",
    ReorientationOutcomeKind.CAME_BACK_WITH_A_NEW_PROJECT: "came back with a new project",
    ReorientationOutcomeKind.NOT_TAKEN_UP: "did not take up the suggestions",
    ReorientationOutcomeKind.NO_NEWS: "could not be reached",
    ReorientationOutcomeKind.OTHER: "another outcome",
}

# A reoriented or withdrawn case can be come back from; support is never conditional.
_LEFT = frozenset({CaseStatus.REORIENTED, CaseStatus.WITHDRAWN})


class ActivityInput(BaseModel):
    """An activity of the catalogue: a training, employment services, another programme, ..."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=3, max_length=200)
    kind: ActivityKind
    description: str = Field(default="", max_length=2_000)


class ActivityUpdate(BaseModel):
    """A change to an activity; `active: false` retires it (it is never deleted)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=3, max_length=200)
    kind: ActivityKind | None = None
    description: str | None = Field(default=None, max_length=2_000)
    active: bool | None = None


class OutcomeInput(BaseModel):
    """What became of the reoriented entrepreneur, as staff learnt it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    outcome: ReorientationOutcomeKind
    activity_id: uuid.UUID | None = Field(
        default=None, description="the catalogue activity taken up, if one was"
    )
    observed_on: date | None = Field(
        default=None, description="when it was learnt; today if absent"
    )
    note: str = Field(default="", max_length=5_000)


def activities(*, session: Session, active: bool | None = None) -> list[ReorientationActivity]:
    """The catalogue by title, or only its offered (`active`) or retired activities."""
    query = select(ReorientationActivity)
    if active is not None:
        query = query.where(ReorientationActivity.active == active)
    return list(session.exec(query.order_by(col(ReorientationActivity.title))).all())


def add_activity(data: ActivityInput, *, session: Session) -> ReorientationActivity:
    """Add an activity to the catalogue; titles are unique."""
    activity = ReorientationActivity(**data.model_dump())
    session.add(activity)
    session.flush()
    return activity


def update_activity(
    activity_id: uuid.UUID, data: ActivityUpdate, *, session: Session
) -> ReorientationActivity:
    """Change an activity's title, kind, description, or retire it."""
    activity = session.get(ReorientationActivity, activity_id)
    if activity is None:
        raise NotFound("No reorientation activity with this id.")
    for name, value in data.model_dump(exclude_unset=True).items():
        if value is None:
            raise InvalidInput(name, "give a value, or leave the field out")
        setattr(activity, name, value)
    activity.updated_at = utc_now()
    session.add(activity)
    session.flush()
    return activity


def offered(ids: list[uuid.UUID], *, session: Session) -> list[ReorientationActivity]:
    """The catalogue's activities `ids`, each of them still offered; InvalidInput otherwise."""
    found = {
        a.id: a
        for a in session.exec(
            select(ReorientationActivity).where(col(ReorientationActivity.id).in_(ids))
        ).all()
    }
    for index, activity_id in enumerate(ids):
        activity = found.get(activity_id)
        if activity is None:
            raise InvalidInput(f"activity_ids.{index}", "no activity of the catalogue has this id")
        if not activity.active:
            raise InvalidInput(f"activity_ids.{index}", f"{activity.title!r} is no longer offered")
    return [found[i] for i in ids]


def titles_of(ids: list[str], *, session: Session) -> list[str]:
    """The titles of the catalogue activities `ids` (retired ones too), in that order."""
    if not ids:
        return []
    wanted = [uuid.UUID(i) for i in ids]
    query = select(ReorientationActivity).where(col(ReorientationActivity.id).in_(wanted))
    found = {a.id: a.title for a in session.exec(query).all()}
    return [found[i] for i in wanted if i in found]


def reorientation_reason_words(case: Case) -> str:
    """The case's reorientation reason as printed: its code in words, then what was written."""
    written = case.reorientation_reason or ""
    code = case.reorientation_code
    if code is None or code == ReorientationReason.OTHER:
        return written
    return f"{REASON_WORDS[ReorientationReason(code)].capitalize()}. {written}"


def record_outcome(
    case: Case, data: OutcomeInput, actor_id: uuid.UUID, *, session: Session
) -> ReorientationOutcome:
    """Record what became of a reoriented case's entrepreneur, on its timeline too."""
    if case.status != CaseStatus.REORIENTED:
        raise Conflict(
            f"Only a reoriented case has a reorientation outcome; this one is {case.status}."
        )
    if (
        data.activity_id is not None
        and session.get(ReorientationActivity, data.activity_id) is None
    ):
        raise InvalidInput("activity_id", "no activity of the catalogue has this id")
    return _keep_outcome(
        case,
        ReorientationOutcomeKind(data.outcome),
        actor_id,
        session=session,
        activity_id=data.activity_id,
        observed_on=data.observed_on or utc_now().date(),
        note=data.note,
    )


def outcomes_of(case: Case, *, session: Session) -> list[ReorientationOutcome]:
    """What was recorded of the case's reorientation, oldest first."""
    query = select(ReorientationOutcome).where(ReorientationOutcome.case_id == case.id)
    return list(session.exec(query.order_by(col(ReorientationOutcome.recorded_at))).all())


def come_back_from(previous_id: uuid.UUID, owner_id: uuid.UUID, *, session: Session) -> Case:
    """The entrepreneur's earlier case a new case follows; InvalidInput if it cannot be one."""
    previous = session.get(Case, previous_id)
    if previous is None or previous.entrepreneur_id != owner_id:
        raise InvalidInput("previous_case_id", "no earlier case of this entrepreneur has this id")
    if previous.status not in _LEFT:
        raise InvalidInput(
            "previous_case_id",
            f"a new case follows a reoriented or withdrawn one; this one is {previous.status}",
        )
    return previous


def record_return(previous: Case, new: Case, actor_id: uuid.UUID, *, session: Session) -> None:
    """The old case learns that its entrepreneur came back with `new`."""
    if previous.status == CaseStatus.REORIENTED:
        _keep_outcome(
            previous,
            ReorientationOutcomeKind.CAME_BACK_WITH_A_NEW_PROJECT,
            actor_id,
            session=session,
            new_case_id=new.id,
            observed_on=utc_now().date(),
            note=f"Opened case {new.reference}.",
        )
    else:
        record_event(
            previous,
            "came_back",
            f"The entrepreneur came back with a new project: case {new.reference}.",
            session=session,
            actor_id=actor_id,
            detail={"new_case_id": str(new.id)},
        )


def _keep_outcome(
    case: Case,
    outcome: ReorientationOutcomeKind,
    actor_id: uuid.UUID,
    *,
    session: Session,
    observed_on: date,
    activity_id: uuid.UUID | None = None,
    new_case_id: uuid.UUID | None = None,
    note: str = "",
) -> ReorientationOutcome:
    kept = ReorientationOutcome(
        case_id=case.id,
        outcome=outcome,
        activity_id=activity_id,
        new_case_id=new_case_id,
        observed_on=observed_on,
        note=note,
        recorded_by=actor_id,
    )
    session.add(kept)
    record_event(
        case,
        "reorientation_followed",
        f"After the reorientation, the entrepreneur {OUTCOME_WORDS[outcome]}.",
        session=session,
        actor_id=actor_id,
        detail={"outcome_id": str(kept.id), "outcome": outcome.value},
        texts={"note": note},
    )
    session.flush()
    return kept
