"""The portfolio's figures of each case, rewritten whenever a transaction changes the case.

A `before_commit` listener, like the tasks', refreshes the `case_figures` row of every
case the transaction changed (its record, its timeline, its plan, its logged time, its
reports) and of every case whose entrepreneur's profile changed, so that the report
never reads a row older than the case. `refresh_case_figures` does the same on demand:
the demo's back-dating and the migration that filled the table for existing cases.
"""

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import event, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from casework.models import (
    Case,
    CaseEvent,
    CaseFigures,
    EntrepreneurProfile,
    FollowUpReport,
    InvestmentPlanVersion,
    Referral,
    TimeLog,
)
from casework.models.case_version import changed_cases
from casework.services.plan_follow_up import approved_plan, planned_years
from casework.services.plans import current_plan
from casework.vocabulary import Gender, ReferralStatus, Stage

# The stages in the order a case passes them; time is counted in the first four.
PATH = (Stage.RECEPTION, Stage.SUPPORT, Stage.LINKAGE, Stage.FOLLOW_UP, Stage.COMPLETED)
TIMED = PATH[:-1]

# A referral obtains what was offered once accepted, and what was granted once completed.
_OBTAINED = (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)
_PROFILES_CHANGED = "casework_profiles_changed"


def refresh_case_figures(case_ids: Iterable[uuid.UUID], *, session: Session) -> None:
    """Rewrite the figures of these cases from what the session sees now."""
    for case_id in case_ids:
        found = session.get(Case, case_id)
        if found is not None:
            session.merge(CaseFigures(**_figures(found, session=session)))
            _referral_money(found, session=session)


def fill_missing_case_figures(engine: Engine) -> int:
    """Draw the figures of every case that has none (after an upgrade); how many were drawn."""
    with Session(engine) as session:
        missing = session.exec(
            select(Case.id)
            .outerjoin(CaseFigures, col(CaseFigures.case_id) == col(Case.id))
            .where(col(CaseFigures.case_id).is_(None))
        ).all()
        for at in range(0, len(missing), 1000):
            refresh_case_figures(missing[at : at + 1000], session=session)
            session.commit()
    return len(missing)


def _figures(case_row: Case, *, session: Session) -> dict[str, Any]:
    entered = _entries(case_row.id, session=session)
    figures: dict[str, Any] = {
        "case_id": case_row.id,
        "stage": case_row.stage,
        "status": case_row.status,
        "sector": case_row.sector,
        "country": case_row.country,
        "advisor_id": case_row.advisor_id,
        "unit_id": case_row.unit_id,
        "opened_on": case_row.created_at.date(),
        "reorientation_code": case_row.reorientation_code,
        **_served(case_row.entrepreneur_id, session=session),
        **_plan(case_row, session=session),
        **_minutes(case_row.id, entered, session=session),
        **_outcomes(case_row, session=session),
    }
    for stage, following in pairwise(PATH):
        start, end = entered.get(stage), entered.get(following)
        figures[f"entered_{stage.value}_at"] = start
        figures[f"days_{stage.value}"] = (
            days_between(start, end) if start is not None and end is not None else None
        )
    figures["entered_completed_at"] = entered.get(Stage.COMPLETED)
    return figures


def days_between(start: datetime, end: datetime) -> float:
    """Days from `start` to `end`, to one decimal: the unit every time-in-stage figure uses."""
    return round((end - start).total_seconds() / 86_400, 1)


def _entries(case_id: uuid.UUID, *, session: Session) -> dict[Stage, datetime]:
    rows = session.exec(
        select(CaseEvent.stage, func.min(CaseEvent.at))
        .where(CaseEvent.case_id == case_id, col(CaseEvent.stage).is_not(None))
        .group_by(col(CaseEvent.stage))
    ).all()
    return {Stage(stage): at for stage, at in rows if stage is not None}


def _served(entrepreneur_id: uuid.UUID, *, session: Session) -> dict[str, Any]:
    profile = session.get(EntrepreneurProfile, entrepreneur_id)
    if profile is None:
        return {"gender": Gender.UNDISCLOSED.value, "origin": "unknown", "origin_country": None}
    origin = "unknown" if profile.diaspora is None else "diaspora" if profile.diaspora else "local"
    return {
        "gender": profile.gender or Gender.UNDISCLOSED.value,
        "origin": origin,
        "origin_country": profile.country_of_origin,
    }


def _plan(case_row: Case, *, session: Session) -> dict[str, Any]:
    plan = current_plan(case_row, session=session)
    if plan is None:
        return {"band": None, "investment_eur": None, "external_financing_eur": None}
    return {
        "band": plan.funding_band,
        "investment_eur": plan.investment_eur,
        "external_financing_eur": plan.external_financing_eur,
    }


def _minutes(
    case_id: uuid.UUID, entered: dict[Stage, datetime], *, session: Session
) -> dict[str, int]:
    """Logged minutes, in all and by the stage the case stood at on the day logged."""
    found = {f"minutes_{stage.value}": 0 for stage in TIMED}
    rows = session.exec(
        select(col(TimeLog.logged_on), func.sum(col(TimeLog.minutes)))
        .where(TimeLog.case_id == case_id)
        .group_by(col(TimeLog.logged_on))
    ).all()
    for logged_on, minutes in rows:
        found[f"minutes_{stage_on(logged_on, entered).value}"] += int(minutes)
    return {"minutes": sum(found.values()), **found}


def stage_on(day: date, entered: dict[Stage, datetime]) -> Stage:
    """The stage a case stood at on `day`: the last one entered by then (reception at first).

    Time logged once the case completed counts as follow-up: completion ends the support.
    """
    standing = Stage.RECEPTION
    for stage in TIMED:
        at = entered.get(stage)
        if at is not None and at.date() <= day:
            standing = stage
    return standing


def _outcomes(case_row: Case, *, session: Session) -> dict[str, Any]:
    """Jobs and revenue as confirmed: per plan year, the latest confirmed report."""
    reports = session.exec(
        select(FollowUpReport)
        .where(FollowUpReport.case_id == case_row.id)
        .order_by(col(FollowUpReport.period), col(FollowUpReport.created_at))
    ).all()
    confirmed = {r.period: r for r in reports if r.confirmed_at is not None}
    awaiting = {r.period for r in reports if r.confirmed_at is None} - set(confirmed)
    found: dict[str, Any] = {
        "reports_confirmed": len(confirmed),
        "reports_awaiting": len(awaiting),
        "jobs_created_women": sum(r.jobs_created_women for r in confirmed.values()),
        "jobs_created_men": sum(r.jobs_created_men for r in confirmed.values()),
        "revenue_eur": None,
        "planned_revenue_eur": None,
    }
    plan = approved_plan(case_row, session=session) if confirmed else None
    rate = _eur_rate(plan)
    if plan is not None and rate:
        planned = {year.year: year.revenue for year in planned_years(plan)}
        years = [period for period in confirmed if period in planned]
        found["revenue_eur"] = round(sum(confirmed[y].revenue for y in years) / rate, 2)
        found["planned_revenue_eur"] = round(sum(planned[y] for y in years) / rate, 2)
    return found


def _eur_rate(plan: InvestmentPlanVersion | None) -> float | None:
    """Units of the plan's currency to the euro (a plan saved by the services has one)."""
    rate = plan.body.get("eur_rate") if plan is not None else None
    return float(rate) if rate else None


def _referral_money(case_row: Case, *, session: Session) -> None:
    """Each referral's amounts in EUR, at the current plan's rate, and its main source."""
    plan = current_plan(case_row, session=session)
    rate = _eur_rate(plan)
    lines = plan.body.get("financing", []) if plan is not None else []
    for referral in session.exec(select(Referral).where(Referral.case_id == case_row.id)).all():
        asked = [lines[i] for i in referral.financing_lines if 0 <= i < len(lines)]
        money: tuple[float | None, float | None, str | None] = (None, None, None)
        if rate:
            granted = (referral.outcome or {}).get("amount_granted")
            got = granted if granted is not None else referral.amount_offered
            obtained = got if referral.status in _OBTAINED else None
            money = (
                round(sum(float(line["amount"]) for line in asked) / rate, 2) if asked else None,
                round(float(obtained) / rate, 2) if obtained is not None else None,
                max(asked, key=lambda line: float(line["amount"]))["source"] if asked else None,
            )
        if (referral.requested_eur, referral.obtained_eur, referral.source) != money:
            referral.requested_eur, referral.obtained_eur, referral.source = money
            session.add(referral)


@event.listens_for(Session, "before_flush")
def _note_changed_profiles(session: Session, _context: Any, _instances: Any) -> None:
    users: set[uuid.UUID] = session.info.setdefault(_PROFILES_CHANGED, set())
    for row in (*session.new, *session.dirty):
        if isinstance(row, EntrepreneurProfile) and (
            row in session.new or session.is_modified(row)
        ):
            users.add(row.user_id)


@event.listens_for(Session, "before_commit")
def _keep_figures(session: Session) -> None:
    # Flushed first, so that every case this transaction changed is known.
    if session.new or session.dirty or session.deleted:
        session.flush()
    cases = set(changed_cases(session))
    users = session.info.pop(_PROFILES_CHANGED, set())
    if users:
        cases.update(
            session.exec(select(Case.id).where(col(Case.entrepreneur_id).in_(users))).all()
        )
    if cases:
        refresh_case_figures(sorted(cases), session=session)
        session.flush()


@event.listens_for(Session, "after_soft_rollback")
def _forget_profiles(session: Session, *_: Any) -> None:
    session.info.pop(_PROFILES_CHANGED, None)
