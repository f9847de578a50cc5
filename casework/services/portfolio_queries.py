"""The statements behind the portfolio: each one pass over the kept cases' figures.

Every statement reads `case_figures` (one row per case, see `casework.models.case_figures`)
under the report's filter, and answers grouped rows: a few hundred whatever the number
of cases. Every group carries the entrepreneur's gender and origin, so that the whole
unit and each of its halves (women and men, diaspora and local) are added up from the
same rows.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Float, Numeric, and_, case, cast, func, literal_column, null, or_, select
from sqlmodel import Session, col

from casework.models import Case, CaseFigures, CaseIntake, CaseIntakeReason, Partner, Referral
from casework.sql_figures import days_between
from casework.vocabulary import Stage

F = CaseFigures
TIMED = (Stage.RECEPTION, Stage.SUPPORT, Stage.LINKAGE, Stage.FOLLOW_UP)
PATH = (*TIMED, Stage.COMPLETED)


@dataclass(frozen=True)
class PortfolioFilter:
    """Which cases a report counts; every part optional."""

    opened_from: date | None = None
    opened_until: date | None = None
    advisor_id: uuid.UUID | None = None
    country: str | None = None
    sector: str | None = None
    origin_country: str | None = None
    unit_id: uuid.UUID | None = None

    def conditions(self) -> list[Any]:
        found: list[Any] = []
        if self.opened_from is not None:
            found.append(col(F.opened_on) >= self.opened_from)
        if self.opened_until is not None:
            found.append(col(F.opened_on) <= self.opened_until)
        for column, value in (
            (F.advisor_id, self.advisor_id),
            (F.country, self.country),
            (F.sector, self.sector),
            (F.origin_country, self.origin_country),
            (F.unit_id, self.unit_id),
        ):
            if value is not None:
                found.append(col(column) == value)
        return found


@dataclass(frozen=True)
class SupportCostRule:
    """What an advisor hour costs, and the share of a project's investment that is flagged."""

    hourly_cost_eur: float
    flag_share: float

    def over_share(self) -> Any:
        """True for a case whose support cost passes the share of its investment."""
        cost = cast(col(F.minutes), Float) * self.hourly_cost_eur / 60
        return and_(col(F.investment_eur) > 0, cost > col(F.investment_eur) * self.flag_share)


def _total(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _by(by_unit: bool) -> list[Any]:
    """The groups' unit, when the report compares units: else one group spans them all."""
    return [col(F.unit_id)] if by_unit else []


def counted(
    session: Session, only: PortfolioFilter, rule: SupportCostRule, *, by_unit: bool = False
) -> list[Any]:
    """Cases grouped by every key the report splits by, with every additive figure summed."""
    keys = [
        col(F.stage),
        col(F.status),
        col(F.sector),
        col(F.gender),
        col(F.origin),
        col(F.band),
        col(F.reorientation_code),
        *_by(by_unit),
    ]
    invests = col(F.investment_eur) > 0
    sums = [
        func.count().label("cases"),
        func.sum(F.minutes).label("minutes"),
        *(func.sum(getattr(F, f"minutes_{s.value}")).label(f"minutes_{s.value}") for s in TIMED),
        *(_total(getattr(F, f"minutes_{s.value}") > 0).label(f"logged_{s.value}") for s in TIMED),
        _total(col(F.minutes) > 0).label("logged"),
        *(
            _total(getattr(F, f"entered_{s.value}_at").is_not(None)).label(f"reached_{s.value}")
            for s in PATH
        ),
        _total(invests).label("investing"),
        func.sum(case((invests, F.investment_eur), else_=0)).label("investment_eur"),
        func.sum(case((invests, F.minutes), else_=0)).label("investing_minutes"),
        _total(rule.over_share()).label("over_share"),
        func.sum(F.reports_confirmed).label("reports_confirmed"),
        func.sum(F.reports_awaiting).label("reports_awaiting"),
        func.sum(F.jobs_created_women).label("jobs_created_women"),
        func.sum(F.jobs_created_men).label("jobs_created_men"),
        _total(col(F.revenue_eur).is_not(None)).label("revenue_cases"),
        func.sum(F.revenue_eur).label("revenue_eur"),
        func.sum(F.planned_revenue_eur).label("planned_revenue_eur"),
    ]
    query = select(*keys, *sums).where(*only.conditions()).group_by(*keys)
    return list(session.execute(query).mappings().all())


def counted_values(session: Session, only: PortfolioFilter, *, by_unit: bool = False) -> list[Any]:
    """How often each value occurs, per measure, gender, origin (and unit, when the report
    compares units): the percentiles' input, as (measure, gender, origin, value, count, unit).

    Measures: `days:<stage>` (days in each stage passed), `minutes` (per case with time
    logged), `minutes:<band>` (per case whose plan invests, for the cost by band). Each
    is read from its own index, in order, with no sort (but for the unit, when asked).
    """
    found: list[Any] = []
    unit = _by(by_unit) or [null()]
    for stage in TIMED:
        days = col(getattr(F, f"days_{stage.value}"))
        keys = [days, col(F.gender), col(F.origin)]
        rows = session.execute(
            select(*keys, *unit, func.count())
            .where(*only.conditions(), days.is_not(None))
            .group_by(*keys, *_by(by_unit))
        ).all()
        found += [(f"days:{stage.value}", g, o, value, n, u) for value, g, o, u, n in rows]
    invests = col(F.investment_eur) > 0
    keys = [col(F.minutes), col(F.band), col(F.gender), col(F.origin)]
    rows = session.execute(
        select(*keys, *unit, _total(invests), func.count())
        .where(*only.conditions())
        .group_by(*keys, *_by(by_unit))
    ).all()
    for minutes, band, gender, origin, unit_id, investing, count in rows:
        if minutes > 0:
            found.append(("minutes", gender, origin, minutes, count, unit_id))
        if band is not None and investing:
            found.append((f"minutes:{band}", gender, origin, minutes, investing, unit_id))
    return found


def median_investment(session: Session, only: PortfolioFilter, band: str, count: int) -> Any:
    """The median investment of a band's investing cases (nearest rank), read at its rank."""
    if count == 0:
        return None
    query = (
        select(col(F.investment_eur))
        .where(*only.conditions(), col(F.band) == band, col(F.investment_eur) > 0)
        .order_by(col(F.investment_eur))
        .limit(1)
        .offset((count * 50 + 99) // 100 - 1)
    )
    return session.execute(query).scalar_one()


def over_share_cases(
    session: Session, only: PortfolioFilter, rule: SupportCostRule, limit: int = 10
) -> list[Any]:
    """The cases whose support cost passes the share the most, by their reference."""
    share = cast(col(F.minutes), Float) * rule.hourly_cost_eur / 60 / col(F.investment_eur)
    query = (
        select(col(Case.reference), col(F.minutes), col(F.investment_eur), share.label("share"))
        .join(Case, col(Case.id) == col(F.case_id))
        .where(*only.conditions(), rule.over_share())
        .order_by(share.desc(), col(Case.reference))
        .limit(limit)
    )
    return list(session.execute(query).all())


def referrals_counted(
    session: Session, only: PortfolioFilter, *, by_unit: bool = False
) -> list[Any]:
    """Referrals sent, per partner, status, source and the entrepreneur's gender and origin
    (and the case's unit, when the report compares units)."""
    r = Referral
    keys: list[Any] = [
        col(Partner.name).label("partner"),
        col(Partner.kind).label("kind"),
        col(r.status).label("status"),
        col(r.source).label("source"),
        col(F.gender).label("gender"),
        col(F.origin).label("origin"),
        *_by(by_unit),
    ]
    query = (
        select(
            *keys,
            func.count().label("referrals"),
            func.sum(r.requested_eur).label("requested_eur"),
            func.sum(r.obtained_eur).label("obtained_eur"),
        )
        .select_from(r)
        .join(F, col(F.case_id) == col(r.case_id))
        .join(Partner, col(Partner.id) == col(r.partner_id))
        .where(*only.conditions(), col(r.sent_at).is_not(None))
        .group_by(*keys)
    )
    return list(session.execute(query).mappings().all())


def response_days(session: Session, only: PortfolioFilter) -> list[Any]:
    """How often each response time (days, one decimal) occurs, per partner."""
    r = Referral
    first_response = func.coalesce(col(r.acknowledged_at), col(r.answered_at))
    # Rounded as a numeric: PostgreSQL rounds no double precision to a number of decimals.
    value = func.round(cast(days_between(col(r.sent_at), first_response), Numeric), 1)
    keys = [col(Partner.name), value.label("value")]
    query = (
        select(*keys, func.count())
        .select_from(r)
        .join(Partner, col(Partner.id) == col(r.partner_id))
        .where(
            col(r.sent_at).is_not(None),
            or_(col(r.acknowledged_at).is_not(None), col(r.answered_at).is_not(None)),
        )
        .group_by(*keys)
    )
    conditions = only.conditions()
    if conditions:
        # Only a filter needs the cases' figures: the whole unit is the referrals alone.
        query = query.join(F, col(F.case_id) == col(r.case_id)).where(*conditions)
    return list(session.execute(query).all())


def _text(word: str) -> Any:
    """A constant word of the statement's own (never user input), as SQL text."""
    return literal_column(f"'{word}'")


def intake_counted(session: Session, only: PortfolioFilter) -> list[Any]:
    """The intakes' answers counted per gender and origin: rows (question, answer, gender,
    origin, cases), the question `reason` (a case counts once per reason it gave) or
    `mobility` (once per intake; `not_said` when left blank)."""
    reason = CaseIntakeReason
    reasons = (
        select(_text("reason"), col(reason.reason), col(F.gender), col(F.origin), func.count())
        .join(F, col(F.case_id) == col(reason.case_id))
        .where(*only.conditions())
        .group_by(col(reason.reason), col(F.gender), col(F.origin))
    )
    # Written into the statement, not bound: a grouped expression must read the same twice.
    said = func.coalesce(col(CaseIntake.mobility), _text("not_said"))
    mobility = (
        select(_text("mobility"), said, col(F.gender), col(F.origin), func.count())
        .join(F, col(F.case_id) == col(CaseIntake.case_id))
        .where(*only.conditions())
        .group_by(said, col(F.gender), col(F.origin))
    )
    return [*session.execute(reasons).all(), *session.execute(mobility).all()]
