"""The managers' portfolio, counted by the database: pipeline, time in stage, who is served,
money, cost of support, outcomes and partners.

No case is loaded into Python. The statements (`casework.services.portfolio_queries`)
aggregate each kept case's figures (`case_figures`) into a few hundred grouped rows,
every group carrying the entrepreneur's gender and origin; this module adds those rows
up for the whole unit and for each of its halves, women and men, diaspora and local,
so that every split adds up to the whole by construction. Medians and percentiles
follow one rule, the nearest rank (`casework.percentiles`), on days to one decimal and
whole minutes.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from sqlmodel import Session

from casework.models import Unit
from casework.percentiles import merged, nearest_rank
from casework.services.portfolio_queries import (
    PATH,
    TIMED,
    PortfolioFilter,
    SupportCostRule,
    counted,
    counted_values,
    intake_counted,
    median_investment,
    over_share_cases,
    referrals_counted,
    response_days,
)
from casework.services.units import list_units
from casework.settings import get_settings
from casework.vocabulary import (
    CaseStatus,
    FundingBand,
    Gender,
    Mobility,
    ProjectReason,
    ReferralStatus,
    Stage,
)

__all__ = ["Portfolio", "PortfolioFilter", "SupportCostRule", "portfolio"]

ORIGINS = ("diaspora", "local", "unknown")
_OPEN = (CaseStatus.ACTIVE, CaseStatus.ON_HOLD)
_ACCEPTED = (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)
_ANSWERED = (*_ACCEPTED, ReferralStatus.DECLINED)
_DAYS = ("cases", "median_days", "p90_days")

Row = Any
Keep = Callable[[Any], bool]


@dataclass
class Portfolio:
    """The figures a manager reads; `served` repeats them for women and men, diaspora and local."""

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
    # Advisor hours and their cost against the projects' investment.
    support_cost: dict[str, Any] = field(default_factory=dict)
    # Businesses started, jobs created, revenue against the plan.
    outcomes: dict[str, Any] = field(default_factory=dict)
    # External financing asked of partners and obtained, per partner and per source.
    financing: dict[str, Any] = field(default_factory=dict)
    # Referrals sent, answered and accepted, and how fast partners respond.
    partners: dict[str, Any] = field(default_factory=dict)
    # The figures above for each gender ("by_gender") and origin ("by_origin").
    served: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    # What the intakes say, never a condition: the reasons behind the projects and what
    # the people intend, each counted for women and men, diaspora and local.
    intake: dict[str, Any] = field(default_factory=dict)
    # The figures of each unit the report spans, by its code, with its name: the units
    # compared (a unit's manager's report spans their unit alone).
    by_unit: dict[str, dict[str, Any]] = field(default_factory=dict)


def portfolio(
    *, session: Session, only: PortfolioFilter | None = None, rule: SupportCostRule | None = None
) -> Portfolio:
    """The portfolio of the cases `only` keeps (all cases by default)."""
    only = only or PortfolioFilter()
    if rule is None:
        settings = get_settings()
        rule = SupportCostRule(settings.support_hourly_cost_eur, settings.support_cost_flag_share)
    units = _units_spanned(only, session=session)
    # Grouped by unit only when there are units to compare: one unit's groups are the whole.
    split = len(units) > 1
    rows = counted(session, only, rule, by_unit=split)
    values = counted_values(session, only, by_unit=split)
    referrals = referrals_counted(session, only, by_unit=split)
    whole = _figures(rows, values, referrals, lambda _: True, rule)
    report = Portfolio(
        total_cases=whole["total_cases"],
        by_stage=whole["by_stage"],
        open_by_stage=whole["open_by_stage"],
        by_status=whole["by_status"],
        by_sector=_by_sector(rows),
        diaspora_vs_local=_diaspora_vs_local(rows),
        by_funding_band=whole["by_funding_band"],
        support_cost_by_band=_cost_by_band(session, only, rows, values),
        time_in_stage=whole["time_in_stage"],
        conversion=whole["conversion"],
        reorientations=whole["reorientations"],
        support_cost={
            "hourly_cost_eur": rule.hourly_cost_eur,
            "flag_share": rule.flag_share,
            **whole["support_cost"],
            "over_share_examples": [
                {
                    "reference": reference,
                    "advisor_hours": round(minutes / 60, 1),
                    "investment_eur": round(investment, 2),
                    "cost_share": round(share, 3),
                }
                for reference, minutes, investment, share in over_share_cases(session, only, rule)
            ],
        },
        outcomes=whole["outcomes"],
        financing={
            **whole["financing"],
            "by_partner": _money_by(referrals, "partner"),
            "by_source": _money_by(referrals, "source"),
        },
        partners=_partners(referrals, response_days(session, only)),
        intake=_intake(intake_counted(session, only)),
    )
    report.served = {
        "by_gender": {
            g.value: _figures(rows, values, referrals, _gender(g.value), rule) for g in Gender
        },
        "by_origin": {o: _figures(rows, values, referrals, _origin(o), rule) for o in ORIGINS},
    }
    # The older key, kept as it was: each gender's cases per stage, as counted for `served`.
    report.by_gender_and_stage = {
        gender: figures["by_stage"] for gender, figures in report.served["by_gender"].items()
    }
    report.by_unit = {
        unit.code: {
            "name": unit.name,
            **(_figures(rows, values, referrals, _unit(unit.id), rule) if split else whole),
        }
        for unit in units
    }
    return report


def _units_spanned(only: PortfolioFilter, *, session: Session) -> list[Unit]:
    """The units whose cases the report counts: the one it is narrowed to, or every unit."""
    return [u for u in list_units(session=session) if only.unit_id in (None, u.id)]


def _unit(unit_id: uuid.UUID) -> Keep:
    return lambda row: row["unit_id"] == unit_id


def _gender(value: str) -> Keep:
    return lambda row: row["gender"] == value


def _origin(value: str) -> Keep:
    return lambda row: row["origin"] == value


def _figures(
    rows: list[Row], values: list[Row], referrals: list[Row], keep: Keep, rule: SupportCostRule
) -> dict[str, Any]:
    """Every figure of the cases `keep` selects among the grouped rows."""
    kept = [row for row in rows if keep(row)]
    counts = _values(values, keep)
    stages = [s.value for s in Stage]
    figures: dict[str, Any] = {
        "total_cases": _sum(kept, "cases"),
        "by_stage": dict.fromkeys(stages, 0),
        "open_by_stage": dict.fromkeys(stages, 0),
        "by_status": {s.value: 0 for s in CaseStatus},
        "by_funding_band": {b.value: 0 for b in FundingBand},
        "reorientations": {},
    }
    for row in kept:
        stage, status, count = row["stage"], row["status"], row["cases"]
        figures["by_stage"][stage] += count
        figures["by_status"][status] += count
        if status in _OPEN:
            figures["open_by_stage"][stage] += count
        if row["band"] is not None:
            figures["by_funding_band"][row["band"]] += count
        if status == CaseStatus.REORIENTED:
            reasons = figures["reorientations"].setdefault(stage, {})
            code = row["reorientation_code"] or "other"
            reasons[code] = reasons.get(code, 0) + count
    figures["time_in_stage"] = {
        stage.value: _spread(counts.get(f"days:{stage.value}", {}), *_DAYS) for stage in TIMED
    }
    figures["conversion"] = _conversion(kept)
    figures["support_cost"] = _support_cost(kept, counts.get("minutes", {}), rule)
    figures["outcomes"] = _outcomes(kept)
    sent = [row for row in referrals if keep(row)]
    figures["financing"] = {
        "requested_eur": _money(sent, "requested_eur"),
        "obtained_eur": _money(sent, "obtained_eur"),
    }
    return figures


def _values(values: list[Row], keep: Keep) -> dict[str, dict[float, int]]:
    """Per measure, how often each value occurs among the kept groups."""
    found: dict[str, dict[float, int]] = {}
    for measure, gender, origin, value, count, unit_id in values:
        if keep({"gender": gender, "origin": origin, "unit_id": unit_id}):
            counts = found.setdefault(measure, {})
            counts[float(value)] = counts.get(float(value), 0) + count
    return found


def _spread(counts: dict[float, int], *names: str) -> dict[str, float | int | None]:
    """How many values, their median and their 90th percentile, under the given names."""
    median, high = nearest_rank(counts, 50), nearest_rank(counts, 90)
    return dict(zip(names, (sum(counts.values()), _one(median), _one(high)), strict=True))


def _one(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _sum(rows: Iterable[Row], key: str) -> Any:
    return sum(row[key] or 0 for row in rows)


def _conversion(rows: list[Row]) -> dict[str, dict[str, float | int | None]]:
    reached = {stage.value: _sum(rows, f"reached_{stage.value}") for stage in PATH}
    gates: dict[str, dict[str, float | int | None]] = {}
    for stage, following in pairwise(PATH):
        came, passed = reached[stage.value], reached[following.value]
        gates[f"{stage.value}_to_{following.value}"] = {
            "reached": came,
            "passed": passed,
            "share": round(passed / came, 3) if came else None,
        }
    return gates


def _support_cost(
    rows: list[Row], minutes: dict[float, int], rule: SupportCostRule
) -> dict[str, Any]:
    hours = {value / 60: n for value, n in minutes.items()}
    median, high = _one(nearest_rank(hours, 50)), _one(nearest_rank(hours, 90))
    investing_hours = _sum(rows, "investing_minutes") / 60
    investment = _sum(rows, "investment_eur")
    cost = investing_hours * rule.hourly_cost_eur
    return {
        "cases_with_time": _sum(rows, "logged"),
        "advisor_hours": round(_sum(rows, "minutes") / 60, 1),
        "hours_per_case": {"median": median, "p90": high},
        "hours_by_stage": {stage.value: _hours(rows, stage.value) for stage in TIMED},
        # Over the cases whose plan invests: their support cost against their investment.
        "investing_cases": _sum(rows, "investing"),
        "cost_eur": round(cost, 2),
        "investment_eur": round(investment, 2),
        "cost_share": round(cost / investment, 4) if investment else None,
        "over_share_cases": _sum(rows, "over_share"),
    }


def _hours(rows: list[Row], stage: str) -> dict[str, float | int | None]:
    minutes, cases = _sum(rows, f"minutes_{stage}"), _sum(rows, f"logged_{stage}")
    return {
        "cases": cases,
        "hours": round(minutes / 60, 1),
        "hours_per_case": round(minutes / 60 / cases, 1) if cases else None,
    }


def _outcomes(rows: list[Row]) -> dict[str, Any]:
    women, men = _sum(rows, "jobs_created_women"), _sum(rows, "jobs_created_men")
    planned, actual = _sum(rows, "planned_revenue_eur"), _sum(rows, "revenue_eur")
    return {
        # A business started is a case that reached follow-up: financed and operating.
        "businesses_started": _sum(rows, f"reached_{Stage.FOLLOW_UP.value}"),
        "reports_confirmed": _sum(rows, "reports_confirmed"),
        "reports_awaiting_confirmation": _sum(rows, "reports_awaiting"),
        "jobs_created": {"women": women, "men": men, "total": women + men},
        "revenue": {
            "cases": _sum(rows, "revenue_cases"),
            "planned_eur": round(planned, 2),
            "actual_eur": round(actual, 2),
            "actual_to_planned": round(actual / planned, 3) if planned else None,
        },
    }


def _money(rows: Iterable[Row], key: str) -> float:
    return round(float(sum(row[key] or 0 for row in rows)), 2)


def _money_by(referrals: list[Row], key: str) -> dict[str, dict[str, Any]]:
    """Per partner or source, the referrals that asked for money or obtained some."""
    found: dict[str, list[Row]] = {}
    for row in referrals:
        if row[key] is not None and (row["requested_eur"] or row["obtained_eur"]):
            found.setdefault(row[key], []).append(row)
    return {
        name: {
            "referrals": _sum(rows, "referrals"),
            "accepted": _sum((r for r in rows if r["status"] in _ACCEPTED), "referrals"),
            "requested_eur": _money(rows, "requested_eur"),
            "obtained_eur": _money(rows, "obtained_eur"),
        }
        for name, rows in sorted(found.items())
    }


def _partners(referrals: list[Row], responses: list[Row]) -> dict[str, Any]:
    by_partner: dict[str, list[Row]] = {}
    for row in referrals:
        by_partner.setdefault(row["partner"], []).append(row)
    days: dict[str, dict[float, int]] = {}
    for partner, value, count in responses:
        days.setdefault(partner, {})[float(value)] = count
    summary = _standing(referrals, merged(days.values()))
    summary["by_partner"] = {
        name: {"kind": rows[0]["kind"], **_standing(rows, days.get(name, {}))}
        for name, rows in sorted(by_partner.items())
    }
    return summary


def _standing(rows: list[Row], response_days: dict[float, int]) -> dict[str, Any]:
    accepted = _sum((r for r in rows if r["status"] in _ACCEPTED), "referrals")
    answered = _sum((r for r in rows if r["status"] in _ANSWERED), "referrals")
    return {
        "sent": _sum(rows, "referrals"),
        "answered": answered,
        "accepted": accepted,
        "declined": answered - accepted,
        "acceptance_rate": round(accepted / answered, 3) if answered else None,
        "median_response_days": _one(nearest_rank(response_days, 50)),
    }


def _by_sector(rows: list[Row]) -> dict[str, int]:
    sectors: dict[str, int] = {}
    for row in rows:
        sectors[row["sector"]] = sectors.get(row["sector"], 0) + row["cases"]
    return dict(sorted(sectors.items(), key=lambda item: (-item[1], item[0])))


def _diaspora_vs_local(rows: list[Row]) -> dict[str, dict[str, Any]]:
    stages = [s.value for s in Stage]
    origins: dict[str, dict[str, Any]] = {}
    for row in rows:
        group = origins.setdefault(
            row["origin"],
            {"cases": 0, "by_stage": dict.fromkeys(stages, 0), "reoriented": 0, "completed": 0},
        )
        group["cases"] += row["cases"]
        group["by_stage"][row["stage"]] += row["cases"]
        group["reoriented"] += row["cases"] if row["status"] == CaseStatus.REORIENTED else 0
        group["completed"] += row["cases"] if row["status"] == CaseStatus.COMPLETED else 0
    return dict(sorted(origins.items()))


def _intake(rows: list[Row]) -> dict[str, Any]:
    """Per question and answer: the cases, and those of each gender and origin. Every
    answer of the vocabulary is listed, counted or not."""

    def empty() -> dict[str, Any]:
        return {
            "cases": 0,
            "by_gender": {g.value: 0 for g in Gender},
            "by_origin": dict.fromkeys(ORIGINS, 0),
        }

    counts: dict[str, dict[str, dict[str, Any]]] = {
        "reasons": {r.value: empty() for r in ProjectReason},
        "mobility": {**{m.value: empty() for m in Mobility}, "not_said": empty()},
    }
    answered = empty()
    for question, answer, gender, origin, cases in rows:
        groups = [counts["reasons" if question == "reason" else "mobility"][answer]]
        if question == "mobility":
            groups.append(answered)
        for group in groups:
            group["cases"] += cases
            group["by_gender"][gender] = group["by_gender"].get(gender, 0) + cases
            group["by_origin"][origin] = group["by_origin"].get(origin, 0) + cases
    return {"answered": answered, **counts}


def _cost_by_band(
    session: Session, only: PortfolioFilter, rows: list[Row], values: list[Row]
) -> dict[str, dict[str, float | int | None]]:
    """Per funding band, over the cases whose plan invests: advisor hours against investment."""
    counts = _values(values, lambda _: True)
    costs: dict[str, dict[str, float | int | None]] = {}
    for band in FundingBand:
        kept = [row for row in rows if row["band"] == band.value]
        count, minutes = _sum(kept, "investing"), _sum(kept, "investing_minutes")
        investment = _sum(kept, "investment_eur")
        middle = nearest_rank(counts.get(f"minutes:{band.value}", {}), 50)
        median = median_investment(session, only, band.value, count)
        costs[band.value] = {
            "cases": count,
            "median_advisor_hours": None if middle is None else round(middle / 60, 2),
            "median_investment_eur": None if median is None else round(float(median), 2),
            "advisor_hours_per_10k_eur": (
                round(minutes / 60 / investment * 10_000, 2) if count else None
            ),
        }
    return costs
