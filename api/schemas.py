"""What the API answers with: public shapes of the store's records."""

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from casework.investment_plan import PlanResults
from casework.vocabulary import DossierStatus, MilestoneKind


class Public(BaseModel):
    """Read from ORM objects and dataclasses by attribute."""

    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def fields_of(cls, record: object) -> dict[str, Any]:
        """The record's attributes this shape shows under the same name (the rest are
        worked out by the caller)."""
        return {name: getattr(record, name) for name in cls.model_fields if hasattr(record, name)}


class UnitPublic(Public):
    id: uuid.UUID
    code: str
    name: str
    is_default: bool = Field(description="The unit of those who register without naming one.")


class UnitBrief(Public):
    id: uuid.UUID
    code: str
    name: str


class UserPublic(Public):
    id: uuid.UUID
    email: str
    full_name: str
    role: str
    is_active: bool
    created_at: datetime
    unit: UnitBrief | None = Field(
        default=None,
        description="The unit they belong to; null: none, a manager of the whole programme.",
    )

    @classmethod
    def of(cls, user: Any, unit: Any) -> "UserPublic":
        """The account as the API shows it, with its unit (read by the caller)."""
        brief = UnitBrief.model_validate(unit) if unit is not None else None
        return cls.model_validate(user).model_copy(update={"unit": brief})


class AccessLogEntry(Public):
    id: int
    at: datetime
    reader_id: uuid.UUID
    subject_id: uuid.UUID
    case_id: uuid.UUID | None
    route: str
    fields: list[str]


class AccessLogPage(BaseModel):
    items: list[AccessLogEntry]
    total: int


class ErasureRequestPublic(Public):
    id: uuid.UUID
    person_id: uuid.UUID
    status: str
    requested_at: datetime
    decided_by: uuid.UUID | None
    decided_at: datetime | None
    reason: str | None


class ErasureRequestList(BaseModel):
    items: list[ErasureRequestPublic]
    total: int


class UserList(BaseModel):
    items: list[UserPublic]
    total: int


class ProfilePublic(Public):
    user_id: uuid.UUID
    gender: str | None
    country_of_residence: str | None
    country_of_origin: str | None
    diaspora: bool | None
    preferred_language: str | None


class TokenPublic(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105  (the OAuth2 token type, not a secret)


class ReorientationPublic(BaseModel):
    reason: str
    suggestions: list[str]


class PendingTransitionPublic(Public):
    """A move asked for whose flow run has not committed yet (scaled mode)."""

    to: str = Field(description="the transition asked for (`support`, `on_hold`, ...)")
    flow_run_id: uuid.UUID | None = Field(description="the Prefect flow run making it")
    since: datetime = Field(description="when it was asked for")


class CasePublic(Public):
    id: uuid.UUID
    reference: str
    title: str
    sector: str
    country: str
    summary: str
    stage: str
    status: str
    entrepreneur_id: uuid.UUID
    advisor_id: uuid.UUID | None
    unit_id: uuid.UUID = Field(description="The unit whose staff follow the case.")
    version: int
    project_leader_supplanted: bool
    follow_up_until: date | None
    plan_start_on: date | None = Field(
        description="The day year 1 of the approved plan began (set on entering follow-up)."
    )
    reorientation_reason: str | None
    reorientation_suggestions: list[str]
    reorientation_code: str | None
    reorientation_activity_ids: list[str]
    previous_case_id: uuid.UUID | None
    financed_outside: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    stage_entered_at: datetime
    pending_transition: PendingTransitionPublic | None = Field(
        description="The move under way, until its flow run commits it (null when none)."
    )


class CaseList(BaseModel):
    items: list[CasePublic]
    total: int


class TimelineEntry(Public):
    at: datetime
    kind: str
    summary: str


class PartnerStandingPublic(Public):
    partner: str
    status: str
    summary: str = Field(description="Where it stands, in plain words.")


class GuideLinePublic(Public):
    id: uuid.UUID = Field(description="The guide: GET /guides/{id} reads it whole.")
    topic: str
    title: str
    language: str


class GuidancePublic(Public):
    summary: str = Field(description="What to know before investing, in a sentence.")
    guides: list[GuideLinePublic]


class CaseStatusPublic(Public):
    reference: str
    stage: str
    status: str
    next_steps: list[str] = Field(
        description="What waits on the entrepreneur first, then what the case still needs."
    )
    timeline: list[TimelineEntry]
    partners: list[PartnerStandingPublic] = Field(
        description="The partners the project was referred to, and where each stands."
    )
    guidance: GuidancePublic | None = Field(
        description="The country guides on the case (null: none yet for its country)."
    )
    test_period_checklist: list[str] = Field(
        description="What to settle before a test period in the country, where the person "
        "plans one (shown to the person, the case's advisor and managers): information, "
        "never a condition."
    )


class EventPublic(Public):
    at: datetime
    kind: str
    summary: str
    actor_id: uuid.UUID | None
    detail: dict[str, Any]


class AssessmentPublic(Public):
    case_id: uuid.UUID
    technical: int
    financial: int
    motivation: int
    training_required: bool
    training_completed: bool
    criteria: dict[str, int]
    explanation: dict[str, list[str]] = {}
    decision: str
    notes: str
    assessed_by: uuid.UUID
    assessed_at: datetime


class TrainingPublic(Public):
    id: uuid.UUID
    case_id: uuid.UUID
    course: str
    provider: str
    required: bool
    status: str
    completed_on: date | None


class FeasibilityPublic(Public):
    case_id: uuid.UUID
    sections: dict[str, Any]
    financial_figures: dict[str, Any] | None = None
    conclusion: str
    updated_by: uuid.UUID
    updated_at: datetime


class PlanVersionPublic(Public):
    case_id: uuid.UUID
    version: int
    plan: dict[str, Any]
    # Answered with exclude_unset: results saved by an older version show only what it computed.
    results: PlanResults
    author_id: uuid.UUID
    author_role: str
    created_at: datetime
    approved: bool
    approved_at: datetime | None
    results_frozen_at: datetime | None
    advisor_share: float
    entrepreneur_share: float


class ChangePublic(Public):
    path: str
    before: Any
    after: Any


class PlanDiffPublic(Public):
    from_version: int
    to_version: int
    to_author_role: str
    plan: list[ChangePublic]
    results: list[ChangePublic]


class MilestonePublic(Public):
    id: uuid.UUID
    case_id: uuid.UUID
    title: str
    due_date: date
    done_on: date | None
    note: str
    kind: MilestoneKind = Field(description="`manual`, or drawn from the approved plan.")
    period: int | None = Field(description="The plan year a plan milestone belongs to.")
    amount_due: float | None = Field(description="An instalment's amount, plan currency.")


class TimeLogPublic(Public):
    id: int
    case_id: uuid.UUID
    advisor_id: uuid.UUID
    minutes: int
    activity: str
    logged_on: date


class DossierPublic(Public):
    id: uuid.UUID
    moment: str
    stage: str
    audience: str
    language: str = Field(description="The language the copy is printed in (en, fr)")
    status: DossierStatus = Field(description="pending while its PDF is printed, then ready")
    sha256: str | None = Field(description="The printed PDF's sha256, once it is ready")
    size_bytes: int | None
    flow_run_id: str | None
    created_at: datetime
    rendered_at: datetime | None
