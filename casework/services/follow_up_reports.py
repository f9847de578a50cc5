"""Follow-up reports: what the business did in a plan year, and how that compares with the plan.

The entrepreneur reports their own figures and an advisor confirms them; a report an
advisor makes (after a visit, say) stands confirmed. Per plan year the comparison
reads the latest confirmed report, or else the latest one, marked unconfirmed.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from casework.actors import Actor
from casework.errors import Conflict, InvalidInput, NotFound
from casework.investment_plan.amounts import MAX_HORIZON_YEARS, Amount
from casework.investment_plan.phrases import Phrase
from casework.language import N_
from casework.models import Case, FollowUpReport
from casework.models.columns import utc_now
from casework.plan_vs_actual import ReportedYear, YearComparison, compare
from casework.services.cases import require_edit, today
from casework.services.plan_follow_up import approved_plan, planned_years
from casework.services.timeline import record_event
from casework.settings import get_settings
from casework.stages import Edit
from casework.vocabulary import Role

# Why there is nothing to compare: the API's 409 and the console's page say it alike.
NO_APPROVED_PLAN = N_("The case has no approved investment plan to compare with yet.")
_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)
_PEOPLE = 100_000


class Jobs(BaseModel):
    """People employed, women and men counted apart."""

    model_config = _STRICT

    women: int = Field(default=0, ge=0, le=_PEOPLE)
    men: int = Field(default=0, ge=0, le=_PEOPLE)


class FollowUpReportInput(BaseModel):
    """One plan year's actual figures, in the plan's currency."""

    model_config = _STRICT

    period: int = Field(ge=1, le=MAX_HORIZON_YEARS, description="The plan year reported on.")
    visit_date: date | None = Field(default=None, description="The day of the visit, if any.")
    revenue: Amount
    operating_costs: Amount
    jobs_created: Jobs = Field(default_factory=Jobs)
    jobs_kept: Jobs = Field(default_factory=Jobs)
    repayments_made: Amount = 0.0
    notes: str = Field(default="", max_length=5_000)


def add_report(
    case: Case, data: FollowUpReportInput, actor: Actor, *, session: Session
) -> FollowUpReport:
    """Record a report for a plan year; an advisor's own report stands confirmed."""
    require_edit(case, Edit.FOLLOW_UP_REPORTS, actor.role)
    plan = approved_plan(case, session=session)
    horizon = int(plan.body["horizon_years"]) if plan else 0
    if not 1 <= data.period <= horizon:
        raise InvalidInput(
            "period",
            f"the approved plan covers years 1 to {horizon}; there is no year {data.period}"
            if horizon
            else "the case has no approved plan to report against",
        )
    if data.visit_date is not None and data.visit_date > today():
        raise InvalidInput("visit_date", "a visit cannot be on a future date")
    now = utc_now()
    by_staff = actor.role != Role.ENTREPRENEUR
    report = FollowUpReport(
        case_id=case.id,
        period=data.period,
        visit_date=data.visit_date,
        revenue=data.revenue,
        operating_costs=data.operating_costs,
        repayments_made=data.repayments_made,
        jobs_created_women=data.jobs_created.women,
        jobs_created_men=data.jobs_created.men,
        jobs_kept_women=data.jobs_kept.women,
        jobs_kept_men=data.jobs_kept.men,
        notes=data.notes,
        reported_by=actor.id,
        reporter_role=actor.role,
        created_at=now,
        confirmed_by=actor.id if by_staff else None,
        confirmed_at=now if by_staff else None,
    )
    session.add(report)
    record_event(
        case,
        "follow_up_reported",
        f"Figures of year {data.period} reported by the {actor.role.value}"
        + (" and confirmed." if by_staff else "; an advisor will confirm them."),
        session=session,
        actor_id=actor.id,
        detail={"report_id": str(report.id), "period": data.period},
        at=now,
    )
    return report


def confirm_report(
    case: Case, report_id: uuid.UUID, actor: Actor, *, session: Session
) -> FollowUpReport:
    """An advisor confirms a report's figures (confirming again changes nothing)."""
    report = session.get(FollowUpReport, report_id)
    if report is None or report.case_id != case.id:
        raise NotFound("This case has no follow-up report with this id.")
    if report.confirmed_at is not None:
        return report
    report.confirmed_by, report.confirmed_at = actor.id, utc_now()
    session.add(report)
    record_event(
        case,
        "follow_up_confirmed",
        f"The figures of year {report.period} were confirmed by an advisor.",
        session=session,
        actor_id=actor.id,
        detail={"report_id": str(report.id), "period": report.period},
        at=report.confirmed_at,
    )
    return report


def reports_of(case: Case, *, session: Session) -> list[FollowUpReport]:
    """The case's reports, by plan year, then oldest first."""
    query = select(FollowUpReport).where(FollowUpReport.case_id == case.id)
    order = (col(FollowUpReport.period), col(FollowUpReport.created_at))
    return list(session.exec(query.order_by(*order)).all())


@dataclass(frozen=True)
class PlanVsActual:
    """The approved plan's years beside what was reported, and the threshold used."""

    currency: str
    threshold: float
    plan_start_on: date | None
    years: list[YearComparison]

    @property
    def deviations(self) -> list[str]:
        """Every deviation named, year by year, in English."""
        return [sentence for year in self.years for sentence in year.deviations]

    @property
    def deviation_phrases(self) -> list[Phrase]:
        """Every deviation, year by year, as words and figures apart (for a dossier)."""
        return [phrase for year in self.years for phrase in year.phrases]


def plan_vs_actual(case: Case, *, session: Session) -> PlanVsActual | None:
    """The comparison year by year; None when the case has no approved plan."""
    plan = approved_plan(case, session=session)
    if plan is None:
        return None
    threshold = get_settings().deviation_threshold
    currency = str(plan.body["currency"])
    reported = [_year(report) for report in _standing(reports_of(case, session=session))]
    years = compare(planned_years(plan), reported, threshold=threshold, currency=currency)
    return PlanVsActual(currency, threshold, case.plan_start_on, years)


def comparison_of(case: Case, *, session: Session) -> PlanVsActual:
    """The comparison year by year; Conflict, saying why, when there is nothing to compare."""
    found = plan_vs_actual(case, session=session)
    if found is None:
        raise Conflict(NO_APPROVED_PLAN)
    return found


def _standing(reports: list[FollowUpReport]) -> list[FollowUpReport]:
    # Per year, the latest confirmed report, else the latest: reports come oldest first.
    chosen: dict[int, FollowUpReport] = {}
    for report in reports:
        kept = chosen.get(report.period)
        if kept is None or report.confirmed_at is not None or kept.confirmed_at is None:
            chosen[report.period] = report
    return list(chosen.values())


def _year(report: FollowUpReport) -> ReportedYear:
    return ReportedYear(
        report.period,
        report.revenue,
        report.operating_costs,
        report.repayments_made,
        confirmed=report.confirmed_at is not None,
    )
