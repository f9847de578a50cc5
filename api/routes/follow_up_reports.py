"""Follow-up reports, their confirmation, and the business against its approved plan."""

import uuid
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from api.dependencies import ActorDep, SessionDep
from api.openapi_answers import answer
from api.permissions import case_with
from api.schemas import Public
from casework.actors import Action
from casework.models import Case, FollowUpReport
from casework.personal_data import FINANCES
from casework.plan_vs_actual import RepaymentStatus, YearComparison
from casework.services.follow_up_reports import (
    FollowUpReportInput,
    Jobs,
    add_report,
    comparison_of,
    confirm_report,
    reports_of,
)

router = APIRouter(prefix="/cases/{case_id}", tags=["follow-up"])


class FollowUpReportPublic(Public):
    id: uuid.UUID
    case_id: uuid.UUID
    period: int
    visit_date: date | None
    revenue: float
    operating_costs: float
    repayments_made: float
    jobs_created: Jobs
    jobs_kept: Jobs
    notes: str
    reporter_role: str
    created_at: datetime
    confirmed_at: datetime | None = Field(description="Null until an advisor confirms it.")


def report_public(report: FollowUpReport) -> FollowUpReportPublic:
    return FollowUpReportPublic(
        id=report.id,
        case_id=report.case_id,
        period=report.period,
        visit_date=report.visit_date,
        revenue=report.revenue,
        operating_costs=report.operating_costs,
        repayments_made=report.repayments_made,
        jobs_created=Jobs(women=report.jobs_created_women, men=report.jobs_created_men),
        jobs_kept=Jobs(women=report.jobs_kept_women, men=report.jobs_kept_men),
        notes=report.notes,
        reporter_role=report.reporter_role,
        created_at=report.created_at,
        confirmed_at=report.confirmed_at,
    )


class Figures(BaseModel):
    revenue: float
    operating_costs: float
    repayments: float
    net_cash_flow: float
    cumulative: float | None


class YearPublic(BaseModel):
    year: int
    planned: Figures
    actual: Figures | None = Field(description="Null while the year is not reported.")
    confirmed: bool | None = Field(description="Whether the actual figures are confirmed.")
    repayment_status: RepaymentStatus
    deviations: list[str]


class PlanVsActualPublic(BaseModel):
    currency: str
    threshold: float = Field(description="The share of a planned figure past which it is named.")
    plan_start_on: date | None
    years: list[YearPublic]
    deviations: list[str]


def _year(row: YearComparison) -> YearPublic:
    plan, actual = row.planned, row.actual
    return YearPublic(
        year=row.year,
        planned=Figures(
            revenue=plan.revenue,
            operating_costs=plan.operating_costs,
            repayments=plan.debt_service,
            net_cash_flow=plan.net_cash_flow,
            cumulative=row.planned_cumulative,
        ),
        actual=Figures(
            revenue=actual.revenue,
            operating_costs=actual.operating_costs,
            repayments=actual.repayments_made,
            net_cash_flow=actual.net_cash_flow,
            cumulative=row.actual_cumulative,
        )
        if actual
        else None,
        confirmed=actual.confirmed if actual else None,
        repayment_status=row.repayment_status,
        deviations=list(row.deviations),
    )


@router.post(
    "/follow-up-reports",
    status_code=status.HTTP_201_CREATED,
    response_model=FollowUpReportPublic,
)
def post_report(
    body: FollowUpReportInput,
    case: Annotated[Case, case_with(Action.REPORT_FOLLOW_UP)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Report a plan year's figures (the entrepreneur; an advisor's report stands confirmed)."""
    report = add_report(case, body, actor, session=session)
    session.flush()
    return report_public(report)


@router.get("/follow-up-reports", response_model=list[FollowUpReportPublic])
def get_reports(
    case: Annotated[Case, case_with(Action.READ_CASE, personal=FINANCES)], session: SessionDep
) -> object:
    """The case's follow-up reports, by plan year."""
    return [report_public(report) for report in reports_of(case, session=session)]


@router.post("/follow-up-reports/{report_id}/confirmation", response_model=FollowUpReportPublic)
def post_confirmation(
    report_id: uuid.UUID,
    case: Annotated[Case, case_with(Action.CONFIRM_REPORT)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """An advisor confirms the report's figures."""
    report = confirm_report(case, report_id, actor, session=session)
    session.flush()
    return report_public(report)


@router.get("/plan-vs-actual", response_model=PlanVsActualPublic, responses=answer(409))
def get_plan_vs_actual(
    case: Annotated[Case, case_with(Action.READ_CASE, personal=FINANCES)], session: SessionDep
) -> PlanVsActualPublic:
    """The approved plan year by year beside the reported figures, deviations in words."""
    found = comparison_of(case, session=session)
    return PlanVsActualPublic(
        currency=found.currency,
        threshold=found.threshold,
        plan_start_on=found.plan_start_on,
        years=[_year(row) for row in found.years],
        deviations=found.deviations,
    )
