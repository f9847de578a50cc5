"""The managers' portfolio figures: stages, gender, diaspora vs local, funding bands, cost."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from casework.models import Case, EntrepreneurProfile, InvestmentPlanVersion, TimeLog
from casework.services.plans import results_of
from casework.vocabulary import CaseStatus, FundingBand, Gender, Stage


@dataclass(frozen=True)
class CaseRow:
    """One case reduced to what the portfolio counts."""

    stage: str
    status: str
    sector: str
    gender: str
    origin: str
    band: str | None
    investment_eur: float | None
    minutes: int


@dataclass
class Portfolio:
    """The figures a manager reads, every count split the ways the unit reports on."""

    total_cases: int = 0
    by_stage: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    by_gender_and_stage: dict[str, dict[str, int]] = field(default_factory=dict)
    diaspora_vs_local: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_funding_band: dict[str, int] = field(default_factory=dict)
    support_cost_by_band: dict[str, dict[str, float | int | None]] = field(default_factory=dict)


def _rows(session: Session) -> list[CaseRow]:
    latest = (
        select(
            InvestmentPlanVersion.case_id,
            func.max(InvestmentPlanVersion.version).label("version"),
        )
        .group_by(col(InvestmentPlanVersion.case_id))
        .subquery()
    )
    plans = {
        p.case_id: p
        for p in session.exec(
            select(InvestmentPlanVersion).join(
                latest,
                (col(InvestmentPlanVersion.case_id) == latest.c.case_id)
                & (col(InvestmentPlanVersion.version) == latest.c.version),
            )
        ).all()
    }
    minutes = dict(
        session.exec(
            select(TimeLog.case_id, func.sum(TimeLog.minutes)).group_by(col(TimeLog.case_id))
        ).all()
    )
    profiles = {p.user_id: p for p in session.exec(select(EntrepreneurProfile)).all()}
    rows = []
    for case in session.exec(select(Case)).all():
        profile, plan = profiles.get(case.entrepreneur_id), plans.get(case.id)
        results = results_of(plan) if plan else None
        diaspora = profile.diaspora if profile else None
        rows.append(
            CaseRow(
                stage=case.stage,
                status=case.status,
                sector=case.sector,
                gender=(profile.gender if profile and profile.gender else Gender.UNDISCLOSED),
                origin="unknown" if diaspora is None else "diaspora" if diaspora else "local",
                band=results.funding_band if results else None,
                investment_eur=(
                    results.total_investment / plan.body["eur_rate"] if plan and results else None
                ),
                minutes=int(minutes.get(case.id, 0)),
            )
        )
    return rows


def portfolio(*, session: Session) -> Portfolio:
    """Count the whole portfolio now."""
    rows = _rows(session)
    report = Portfolio(total_cases=len(rows))
    report.by_stage = {s.value: sum(r.stage == s for r in rows) for s in Stage}
    report.by_status = {s.value: sum(r.status == s for r in rows) for s in CaseStatus}
    report.by_sector = dict(Counter(r.sector for r in rows).most_common())
    report.by_gender_and_stage = {
        g.value: {s.value: sum(r.gender == g and r.stage == s for r in rows) for s in Stage}
        for g in Gender
    }
    groups: dict[str, list[CaseRow]] = defaultdict(list)
    for r in rows:
        groups[r.origin].append(r)
    report.diaspora_vs_local = {
        origin: {
            "cases": len(group),
            "by_stage": {s.value: sum(r.stage == s for r in group) for s in Stage},
            "reoriented": sum(r.status == CaseStatus.REORIENTED for r in group),
            "completed": sum(r.status == CaseStatus.COMPLETED for r in group),
        }
        for origin, group in sorted(groups.items())
    }
    report.by_funding_band = {b.value: sum(r.band == b for r in rows) for b in FundingBand}
    report.support_cost_by_band = {
        b.value: _cost(r for r in rows if r.band == b) for b in FundingBand
    }
    return report


def _cost(rows: Any) -> dict[str, float | int | None]:
    group = [r for r in rows if r.investment_eur]
    if not group:
        return {
            "cases": 0,
            "median_advisor_hours": None,
            "median_investment_eur": None,
            "advisor_hours_per_10k_eur": None,
        }
    hours = sum(r.minutes for r in group) / 60
    invested = sum(r.investment_eur for r in group)
    return {
        "cases": len(group),
        "median_advisor_hours": round(median(r.minutes for r in group) / 60, 2),
        "median_investment_eur": round(median(r.investment_eur for r in group), 2),
        "advisor_hours_per_10k_eur": round(hours / invested * 10_000, 2),
    }
