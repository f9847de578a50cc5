"""The managers' portfolio, counted by the database: pipeline, time in stage, who is served, cost.

No case is loaded into Python. Every figure is an aggregate over the cases the filter
keeps (opened in a date range; an advisor's, a country's, a sector's, an origin
country's), read from columns: the current plan version's band and amounts, each
event's stage, the advisors' logged minutes. Python only arranges the handful of
grouped rows the database answers. Medians and percentiles follow one rule, the
nearest rank (`casework.sql_figures`).
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, select, union_all
from sqlalchemy.sql.selectable import CTE, Subquery
from sqlmodel import Session, col

from casework.models import Case, CaseEvent, EntrepreneurProfile, InvestmentPlanVersion, TimeLog
from casework.sql_figures import days_between, nearest_rank
from casework.vocabulary import CaseStatus, FundingBand, Gender, Sector, Stage

_OPEN = (CaseStatus.ACTIVE, CaseStatus.ON_HOLD)
# The stages in the order a case passes them, and each one's gate to the next.
_PATH = (Stage.RECEPTION, Stage.SUPPORT, Stage.LINKAGE, Stage.FOLLOW_UP, Stage.COMPLETED)
_GATES = tuple(pairwise(_PATH))


@dataclass(frozen=True)
class PortfolioFilter:
    """Which cases a report counts; every part optional."""

    opened_from: date | None = None
    opened_until: date | None = None
    advisor_id: uuid.UUID | None = None
    country: str | None = None
    sector: Sector | None = None
    origin_country: str | None = None


@dataclass
class Portfolio:
    """The figures a manager reads, every count split the ways the unit reports on."""

    total_cases: int = 0
    by_stage: dict[str, int] = field(default_factory=dict)
    # Only the cases still open (active or on hold) at each stage.
    open_by_stage: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    by_gender_and_stage: dict[str, dict[str, int]] = field(default_factory=dict)
    diaspora_vs_local: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_funding_band: dict[str, int] = field(default_factory=dict)
    support_cost_by_band: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    # Days from entering a stage to entering the next: cases, median and 90th percentile.
    time_in_stage: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    # Per gate: the cases that reached its stage, those that passed it, and the share.
    conversion: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    # Reoriented cases per stage they left from, by reason code.
    reorientations: dict[str, dict[str, int]] = field(default_factory=dict)


def portfolio(*, session: Session, only: PortfolioFilter | None = None) -> Portfolio:
    """The portfolio of the cases `only` keeps (all cases by default)."""
    base = _base(only or PortfolioFilter())
    report = Portfolio()
    _counts(report, session.execute(_grouped(base)).all())
    report.support_cost_by_band = _costs(session, base)
    report.time_in_stage, report.conversion = _stage_figures(session, only or PortfolioFilter())
    report.reorientations = _reorientations(session, base)
    return report


def _base(only: PortfolioFilter) -> Subquery:
    """One row per case kept: its stage, status, who it serves, its plan's band, its minutes.

    The current plan version and the minutes are read per case through their indexes
    (correlated subqueries): a joined aggregate would be materialised without one.
    """
    plan = InvestmentPlanVersion
    current = (
        select(func.max(col(plan.version)))
        .where(col(plan.case_id) == col(Case.id))
        .correlate(Case)
        .scalar_subquery()
    )
    minutes = (
        select(func.coalesce(func.sum(col(TimeLog.minutes)), 0))
        .where(col(TimeLog.case_id) == col(Case.id))
        .correlate(Case)
        .scalar_subquery()
    )
    profile = EntrepreneurProfile
    diaspora = col(profile.diaspora)
    query = (
        select(
            col(Case.id).label("case_id"),
            col(Case.stage).label("stage"),
            col(Case.status).label("status"),
            col(Case.sector).label("sector"),
            col(Case.reorientation_code).label("reorientation_code"),
            func.coalesce(col(profile.gender), Gender.UNDISCLOSED.value).label("gender"),
            case(
                (diaspora.is_(True), "diaspora"), (diaspora.is_(False), "local"), else_="unknown"
            ).label("origin"),
            col(plan.funding_band).label("band"),
            col(plan.investment_eur).label("investment_eur"),
            minutes.label("minutes"),
        )
        .select_from(Case)
        .outerjoin(profile, col(profile.user_id) == col(Case.entrepreneur_id))
        .outerjoin(plan, and_(col(plan.case_id) == col(Case.id), col(plan.version) == current))
    )
    return query.where(*_conditions(only)).subquery("portfolio_cases")


def _conditions(only: PortfolioFilter) -> list[Any]:
    found: list[Any] = []
    if only.opened_from is not None:
        found.append(col(Case.created_at) >= datetime.combine(only.opened_from, time(), UTC))
    if only.opened_until is not None:
        end = datetime.combine(only.opened_until + timedelta(days=1), time(), UTC)
        found.append(col(Case.created_at) < end)
    if only.advisor_id is not None:
        found.append(col(Case.advisor_id) == only.advisor_id)
    if only.country is not None:
        found.append(col(Case.country) == only.country)
    if only.sector is not None:
        found.append(col(Case.sector) == only.sector)
    if only.origin_country is not None:
        found.append(col(EntrepreneurProfile.country_of_origin) == only.origin_country)
    return found


def _grouped(base: Subquery) -> Select[Any]:
    keys = [base.c.stage, base.c.status, base.c.sector, base.c.gender, base.c.origin, base.c.band]
    return select(*keys, func.count()).group_by(*keys)


def _counts(report: Portfolio, groups: Any) -> None:
    """Arrange the grouped counts (a few dozen rows, whatever the number of cases)."""
    stages = [s.value for s in Stage]
    report.by_stage = dict.fromkeys(stages, 0)
    report.open_by_stage = dict.fromkeys(stages, 0)
    report.by_status = {s.value: 0 for s in CaseStatus}
    report.by_gender_and_stage = {g.value: dict.fromkeys(stages, 0) for g in Gender}
    report.by_funding_band = {b.value: 0 for b in FundingBand}
    sectors: dict[str, int] = {}
    origins: dict[str, dict[str, Any]] = {}
    for stage, status, sector, gender, origin, band, count in groups:
        report.total_cases += count
        report.by_stage[stage] += count
        if status in _OPEN:
            report.open_by_stage[stage] += count
        report.by_status[status] += count
        sectors[sector] = sectors.get(sector, 0) + count
        report.by_gender_and_stage[gender][stage] += count
        if band is not None:
            report.by_funding_band[band] += count
        group = origins.setdefault(
            origin,
            {"cases": 0, "by_stage": dict.fromkeys(stages, 0), "reoriented": 0, "completed": 0},
        )
        group["cases"] += count
        group["by_stage"][stage] += count
        group["reoriented"] += count if status == CaseStatus.REORIENTED else 0
        group["completed"] += count if status == CaseStatus.COMPLETED else 0
    report.by_sector = dict(sorted(sectors.items(), key=lambda item: (-item[1], item[0])))
    report.diaspora_vs_local = dict(sorted(origins.items()))


def _costs(session: Session, base: Subquery) -> dict[str, dict[str, float | int | None]]:
    """Per funding band, over the cases whose plan invests: advisor hours against investment.

    One statement: the cases are ranked twice (by minutes, by investment) in one pass,
    and each median picked at its nearest rank.
    """
    band = base.c.band
    ranked = (
        select(
            band,
            base.c.minutes,
            base.c.investment_eur,
            func.row_number()
            .over(partition_by=band, order_by=(base.c.minutes, base.c.case_id))
            .label("by_minutes"),
            func.row_number()
            .over(partition_by=band, order_by=(base.c.investment_eur, base.c.case_id))
            .label("by_investment"),
            func.count().over(partition_by=band).label("n"),
        )
        .where(base.c.investment_eur > 0)
        .subquery()
    )
    middle = (ranked.c.n * 50 + 99) // 100
    rows = session.execute(
        select(
            ranked.c.band,
            func.count(),
            func.sum(ranked.c.minutes),
            func.sum(ranked.c.investment_eur),
            func.max(case((ranked.c.by_minutes == middle, ranked.c.minutes))),
            func.max(case((ranked.c.by_investment == middle, ranked.c.investment_eur))),
        ).group_by(ranked.c.band)
    ).all()
    found = {row[0]: row[1:] for row in rows}
    costs: dict[str, dict[str, float | int | None]] = {}
    for each in FundingBand:
        count, minutes, investment, median_minutes, median_investment = found.get(
            each.value, (0, 0, 0, None, None)
        )
        costs[each.value] = {
            "cases": count,
            "median_advisor_hours": _round(median_minutes, 60),
            "median_investment_eur": _round(median_investment, 1),
            "advisor_hours_per_10k_eur": (
                round(float(minutes) / 60 / float(investment) * 10_000, 2) if count else None
            ),
        }
    return costs


def _round(value: float | None, divisor: int) -> float | None:
    return None if value is None else round(float(value) / divisor, 2)


def _entries(only: PortfolioFilter) -> CTE:
    """One row per kept case: when it first stood at each stage (null: never)."""
    entered = [
        func.min(case((col(CaseEvent.stage) == stage.value, col(CaseEvent.at)))).label(stage.value)
        for stage in _PATH
    ]
    query: Select[*tuple[Any, ...]] = select(
        col(CaseEvent.case_id).label("case_id"), *entered
    ).group_by(col(CaseEvent.case_id))
    conditions = _conditions(only)
    if conditions:
        # The cases' own columns filter; with no filter, the timeline alone answers.
        query = query.join(Case, col(Case.id) == col(CaseEvent.case_id))
        if only.origin_country is not None:
            query = query.outerjoin(
                EntrepreneurProfile,
                col(EntrepreneurProfile.user_id) == col(Case.entrepreneur_id),
            )
    # Materialised once: each gate's durations read it, and it scans the whole timeline.
    return query.where(*conditions).cte("entries").prefix_with("MATERIALIZED")


def _stage_figures(session: Session, only: PortfolioFilter) -> tuple[dict[str, Any], ...]:
    """Time in stage and conversion, from one pass over the kept cases' timelines.

    Each gate's durations are one group of values; each stage's entries are another
    (`reached:<stage>`, whose count alone is read), so that one statement answers both.
    """
    entries = _entries(only)
    durations = union_all(
        *(
            select(
                literal(stage.value).label("group"),
                days_between(entries.c[stage.value], entries.c[following.value]).label("value"),
                entries.c.case_id.label("tiebreak"),
            ).where(entries.c[stage.value].is_not(None), entries.c[following.value].is_not(None))
            for stage, following in _GATES
        ),
        *(
            select(
                literal(f"reached:{stage.value}").label("group"),
                literal(0.0).label("value"),
                entries.c.case_id.label("tiebreak"),
            ).where(entries.c[stage.value].is_not(None))
            for stage in _PATH
        ),
    ).subquery("durations")
    found = {
        group: (count, median, high)
        for group, count, median, high in session.execute(nearest_rank(durations, 50, 90)).all()
    }
    times = {
        stage.value: dict(
            zip(
                ("cases", "median_days", "p90_days"),
                _stage_times(*found.get(stage.value, (0, None, None))),
                strict=True,
            )
        )
        for stage, _ in _GATES
    }
    reached = {stage.value: found.get(f"reached:{stage.value}", (0,))[0] for stage in _PATH}
    gates: dict[str, dict[str, float | int | None]] = {}
    for stage, following in _GATES:
        came, passed = reached[stage.value], reached[following.value]
        gates[f"{stage.value}_to_{following.value}"] = {
            "reached": came,
            "passed": passed,
            "share": round(passed / came, 3) if came else None,
        }
    return times, gates


def _stage_times(count: int, median: float | None, high: float | None) -> tuple[Any, ...]:
    return count, _days(median), _days(high)


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _reorientations(session: Session, base: Subquery) -> dict[str, dict[str, int]]:
    reason = func.coalesce(base.c.reorientation_code, "other")
    rows = session.execute(
        select(base.c.stage, reason, func.count())
        .where(base.c.status == CaseStatus.REORIENTED.value)
        .group_by(base.c.stage, reason)
    ).all()
    found: dict[str, dict[str, int]] = {}
    for stage, code, count in rows:
        found.setdefault(stage, {})[code] = count
    return found
