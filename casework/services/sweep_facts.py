"""Reading a case as the daily sweep does: its milestones, awaited answers, activity, figures."""

from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from casework.investment_plan.phrases import in_english
from casework.models import Case, CaseEvent, Milestone, Partner, Referral
from casework.services.follow_up_reports import plan_vs_actual
from casework.settings import get_settings
from casework.sweep_rules import (
    AwaitedReferral,
    Deviation,
    MilestoneFacts,
    SweepFacts,
    SweepPolicy,
)
from casework.vocabulary import CaseStatus, MilestoneKind, ReferralStatus, Stage

# The timeline's kind for the sweep's own lines: they are not activity on the case.
SWEEP_EVENT = "follow_up_check"
_AWAITING = (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)


def sweep_policy() -> SweepPolicy:
    """The unit's waiting times, from its settings."""
    settings = get_settings()
    return SweepPolicy(settings.referral_answer_days, settings.stale_after_days)


def sweep_facts(case: Case, *, session: Session) -> SweepFacts:
    """The case as the sweep reads it."""
    milestones = session.exec(
        select(Milestone).where(Milestone.case_id == case.id).order_by(col(Milestone.due_date))
    ).all()
    referrals = session.execute(
        sa_select(col(Referral.id), col(Partner.name), col(Referral.status), col(Referral.sent_at))
        .join(Partner, col(Partner.id) == col(Referral.partner_id))
        .where(col(Referral.case_id) == case.id, col(Referral.status).in_(_AWAITING))
    ).all()
    return SweepFacts(
        stage=Stage(case.stage),
        status=CaseStatus(case.status),
        last_activity_at=_last_activity(case, session=session),
        milestones=tuple(
            MilestoneFacts(m.id, m.title, MilestoneKind(m.kind), m.due_date, m.done_on is not None)
            for m in milestones
        ),
        referrals=tuple(
            AwaitedReferral(rid, name, ReferralStatus(status), sent.date() if sent else None)
            for rid, name, status, sent in referrals
        ),
        **_follow_up(case, session=session),
    )


def _last_activity(case: Case, *, session: Session) -> datetime:
    last = session.execute(
        sa_select(func.max(col(CaseEvent.at))).where(
            col(CaseEvent.case_id) == case.id, col(CaseEvent.kind) != SWEEP_EVENT
        )
    ).scalar_one_or_none()
    return last or case.created_at


def _follow_up(case: Case, *, session: Session) -> dict[str, Any]:
    """The figures off the plan, and the plan's calendar, for a case in follow-up."""
    if case.stage != Stage.FOLLOW_UP:
        return {}
    compared = plan_vs_actual(case, session=session)
    if compared is None:
        return {}
    return {
        "deviations": tuple(
            Deviation(f"{year.year}:{figure}", in_english(phrase))
            for year in compared.years
            for figure, phrase in year.flagged
        ),
        "plan_start_on": case.plan_start_on,
        "plan_years": len(compared.years),
        "reported_years": frozenset(y.year for y in compared.years if y.actual is not None),
    }
