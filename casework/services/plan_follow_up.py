"""Following the business against its approved plan: the plan's milestones and calendar.

Entering follow-up sets the day year 1 began (the plan's `start_date`, or that day)
and the milestones the plan calls for within the follow-up period: the start of
operations, each loan instalment, each yearly review (`casework.plan_milestones`).
Moving the period's end sets those it now reaches, or drops those it no longer does
(unless done). The approved plan's yearly figures are what reports are compared with.
"""

from datetime import date

from sqlmodel import Session, col, delete, select

from casework.models import Case, InvestmentPlanVersion, Milestone
from casework.plan_milestones import LoanDue, PlannedMilestone, plan_milestones
from casework.plan_vs_actual import PlannedYear
from casework.services.cases import today
from casework.services.plans import current_plan, results_of
from casework.vocabulary import FinancingSource


def approved_plan(case: Case, *, session: Session) -> InvestmentPlanVersion | None:
    """The plan version the case is followed against (the one approved before linkage)."""
    plan = current_plan(case, session=session)
    return plan if plan is not None and plan.approved_at is not None else None


def set_plan_milestones(case: Case, *, session: Session) -> list[Milestone]:
    """Set the plan's calendar and its milestones within the follow-up period (on entry)."""
    plan = approved_plan(case, session=session)
    if plan is None:
        return []
    start = plan.body.get("start_date")
    case.plan_start_on = date.fromisoformat(start) if start else today()
    return add_plan_milestones(case, plan, session=session)


def add_plan_milestones(
    case: Case, plan: InvestmentPlanVersion, *, session: Session
) -> list[Milestone]:
    """Add the plan's milestones the follow-up period reaches and the case does not have yet."""
    if case.plan_start_on is None or case.follow_up_until is None:
        return []
    have = set(
        session.exec(
            select(Milestone.plan_key).where(
                Milestone.case_id == case.id, col(Milestone.plan_key).is_not(None)
            )
        ).all()
    )
    added = [
        _milestone(case, planned)
        for planned in _planned(case, plan, case.follow_up_until)
        if planned.key not in have
    ]
    session.add_all(added)
    return added


def drop_plan_milestones_after(case: Case, until: date, *, session: Session) -> int:
    """Drop the plan's milestones not done and due after `until`; how many were dropped."""
    beyond = (
        col(Milestone.case_id) == case.id,
        col(Milestone.plan_key).is_not(None),
        col(Milestone.done_on).is_(None),
        col(Milestone.due_date) > until,
    )
    count = len(session.exec(select(Milestone.id).where(*beyond)).all())
    if count:
        session.exec(delete(Milestone).where(*beyond))
    return count


def planned_years(plan: InvestmentPlanVersion) -> list[PlannedYear]:
    """The approved plan's revenue, operating costs and debt service for each year."""
    return [
        PlannedYear(row.year, row.revenues, row.operating_costs, row.debt_service)
        for row in results_of(plan).cash_flow_table
        if row.year >= 1
    ]


def _planned(case: Case, plan: InvestmentPlanVersion, until: date) -> list[PlannedMilestone]:
    assert case.plan_start_on is not None
    loans = [
        LoanDue(
            loan.financing_line,
            loan.label or FinancingSource(loan.source).value.replace("_", " ").capitalize(),
            tuple((year.year, year.payment) for year in loan.years),
        )
        for loan in results_of(plan).loans
    ]
    body = plan.body
    return plan_milestones(
        case.plan_start_on, int(body["horizon_years"]), loans, until, str(body["currency"])
    )


def _milestone(case: Case, planned: PlannedMilestone) -> Milestone:
    return Milestone(
        case_id=case.id,
        title=planned.title,
        due_date=planned.due_date,
        kind=planned.kind,
        plan_key=planned.key,
        period=planned.period,
        amount_due=planned.amount_due,
    )
