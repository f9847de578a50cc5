"""Follow-up: milestones, the follow-up period, and advisor time."""

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlmodel import Session, col, select

from casework.errors import InvalidInput, NotFound
from casework.models import Case, Milestone, TimeLog
from casework.models.columns import utc_now
from casework.services.cases import require_edit
from casework.services.plan_follow_up import (
    add_plan_milestones,
    approved_plan,
    drop_plan_milestones_after,
)
from casework.services.timeline import record_event
from casework.stages import Edit


class MilestoneInput(BaseModel):
    """A milestone to reach by a date."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=2, max_length=200)
    due_date: date


class MilestoneUpdate(BaseModel):
    """What happened: when it was done, and a note."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=2, max_length=200)
    due_date: date | None = None
    done_on: date | None = Field(default=None, description="null: not done after all")
    note: str | None = Field(default=None, max_length=5_000)

    @field_validator("title", "due_date", "note")
    @classmethod
    def _given_means_not_null(cls, value: object) -> object:
        # Omitted fields keep their value; only `done_on` may be cleared with null.
        if value is None:
            raise ValueError("may be left out, but not set to null")
        return value


class TimeLogInput(BaseModel):
    """Minutes an advisor spent on the case."""

    model_config = ConfigDict(extra="forbid")

    minutes: int = Field(gt=0, le=24 * 60)
    activity: str = Field(default="", max_length=200)
    logged_on: date | None = None


class FollowUpPeriodInput(BaseModel):
    """When the follow-up period ends."""

    model_config = ConfigDict(extra="forbid")

    until: date


def add_milestone(
    case: Case, data: MilestoneInput, actor_id: uuid.UUID, *, session: Session
) -> Milestone:
    """Add a milestone to the case's follow-up."""
    require_edit(case, Edit.MILESTONES)
    milestone = Milestone(case_id=case.id, title=data.title, due_date=data.due_date)
    session.add(milestone)
    record_event(
        case,
        "milestone_added",
        f"Milestone planned: {{milestone}} (due {data.due_date.isoformat()}).",
        session=session,
        actor_id=actor_id,
        texts={"milestone": data.title},
    )
    return milestone


def update_milestone(
    case: Case,
    milestone_id: uuid.UUID,
    data: MilestoneUpdate,
    actor_id: uuid.UUID,
    *,
    session: Session,
) -> Milestone:
    """Record a milestone's actuals (or correct its plan)."""
    milestone = session.get(Milestone, milestone_id)
    if milestone is None or milestone.case_id != case.id:
        raise NotFound("This case has no milestone with this id.")
    if data.done_on is not None and data.done_on > utc_now().date():
        raise InvalidInput("done_on", "a milestone cannot be done on a future date")
    for name, value in data.model_dump(exclude_unset=True).items():
        setattr(milestone, name, value)
    milestone.updated_at = utc_now()
    session.add(milestone)
    done = f" done on {milestone.done_on.isoformat()}" if milestone.done_on else " updated"
    record_event(
        case,
        "milestone_updated",
        f"Milestone {{milestone}}{done}.",
        session=session,
        actor_id=actor_id,
        texts={"milestone": milestone.title},
    )
    return milestone


def milestones_of(case: Case, *, session: Session) -> list[Milestone]:
    """The case's milestones, by due date."""
    query = select(Milestone).where(Milestone.case_id == case.id)
    return list(session.exec(query.order_by(col(Milestone.due_date))).all())


def set_follow_up_period(
    case: Case, data: FollowUpPeriodInput, actor_id: uuid.UUID, *, session: Session
) -> Case:
    """Move the end of the follow-up period (while the case is in follow-up)."""
    require_edit(case, Edit.FOLLOW_UP_PERIOD)
    if data.until < case.stage_entered_at.date():
        raise InvalidInput("until", "the follow-up period cannot end before it began")
    case.follow_up_until = data.until
    plan = approved_plan(case, session=session)
    added = add_plan_milestones(case, plan, session=session) if plan else []
    dropped = drop_plan_milestones_after(case, data.until, session=session)
    summary = f"Follow-up runs until {data.until.isoformat()}."
    if added:
        summary += f" {len(added)} milestone(s) of the plan now fall within it."
    if dropped:
        summary += f" {dropped} milestone(s) of the plan fall after it and are no longer followed."
    record_event(
        case,
        "follow_up_period_set",
        summary,
        session=session,
        actor_id=actor_id,
        detail={"plan_milestones_added": len(added), "plan_milestones_dropped": dropped},
    )
    return case


def log_time(case: Case, data: TimeLogInput, advisor_id: uuid.UUID, *, session: Session) -> TimeLog:
    """Log advisor minutes on the case."""
    if data.logged_on is not None and data.logged_on > utc_now().date():
        raise InvalidInput("logged_on", "time cannot be logged on a future date")
    entry = TimeLog(
        case_id=case.id,
        advisor_id=advisor_id,
        minutes=data.minutes,
        activity=data.activity,
        logged_on=data.logged_on or utc_now().date(),
    )
    session.add(entry)
    return entry
