"""What the managers' report shows, read from a `Portfolio`: its heading, figures and rows.

Nothing is counted again here: each line takes its figures from the portfolio as they
are, in the pipeline's order (reception, support, linkage, follow-up, completed).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from casework.dossier.wording import Wording
from casework.language import N_
from casework.manager_report.lines import (
    BandLine,
    CostlyCase,
    Count,
    GroupLine,
    HoursLine,
    Money,
    MoneyLine,
    Outcomes,
    PartnerLine,
    Reorientation,
    StageLine,
    SupportCost,
    TimeLine,
)
from casework.services.portfolio import Portfolio
from casework.services.portfolio_queries import PATH, TIMED
from casework.vocabulary import CaseStatus, FundingBand

REPORT_TITLE = N_("Portfolio report")
# The totals' line, in the tables of financing and of partners.
ALL_PARTNERS = N_("All partners")
STAGES = tuple(stage.value for stage in PATH)
TIMED_STAGES = tuple(stage.value for stage in TIMED)
_OPEN = (CaseStatus.ACTIVE.value, CaseStatus.ON_HOLD.value)


@dataclass(frozen=True, slots=True)
class ManagerReport:
    """Everything the report prints, in the order it prints it."""

    unit_name: str
    title: str
    filters: tuple[str, ...]
    generated_at: datetime
    total_cases: int
    open_cases: int
    pipeline: tuple[StageLine, ...]
    statuses: tuple[Count, ...]
    sectors: tuple[Count, ...]
    reorientations: tuple[Reorientation, ...]
    time_in_stage: tuple[TimeLine, ...]
    by_gender: tuple[GroupLine, ...]
    by_origin: tuple[GroupLine, ...]
    support: SupportCost
    money: Money
    outcomes: Outcomes
    partners: tuple[PartnerLine, ...]
    partners_total: PartnerLine


def manager_report(
    figures: Portfolio,
    *,
    words: Wording,
    unit_name: str,
    filters: tuple[str, ...],
    generated_at: datetime,
) -> ManagerReport:
    """The report of `figures`, headed with the unit, the filters applied and the moment.

    Its own words (its title, its totals' name) are `words`' language: the one the unit's
    name and the filters are given in, and the one the report is rendered in.
    """
    all_partners = words.gettext(ALL_PARTNERS)
    return ManagerReport(
        unit_name=unit_name,
        title=words.gettext(REPORT_TITLE),
        filters=filters,
        generated_at=generated_at,
        total_cases=figures.total_cases,
        open_cases=sum(figures.by_status.get(status, 0) for status in _OPEN),
        pipeline=_pipeline(figures.by_stage, figures.open_by_stage, figures.conversion),
        statuses=_counts(figures.by_status),
        sectors=_counts(figures.by_sector),
        reorientations=tuple(
            Reorientation(stage, reason, cases)
            for stage in STAGES
            for reason, cases in sorted(figures.reorientations.get(stage, {}).items())
        ),
        time_in_stage=_time_in_stage(figures.time_in_stage),
        by_gender=_groups(figures.served.get("by_gender", {})),
        by_origin=_groups(figures.served.get("by_origin", {})),
        support=_support(
            figures.support_cost, figures.support_cost_by_band, figures.by_funding_band
        ),
        money=_money(figures.financing, all_partners),
        outcomes=_outcomes(figures.outcomes),
        partners=tuple(
            _partner(name, standing) for name, standing in figures.partners["by_partner"].items()
        ),
        partners_total=_partner(all_partners, figures.partners),
    )


def _counts(counts: Mapping[str, int]) -> tuple[Count, ...]:
    return tuple(Count(name, cases) for name, cases in counts.items())


def _reached(conversion: Mapping[str, Mapping[str, Any]]) -> list[int]:
    """Cases that reached each stage of the path: each gate's arrivals, then the last passed."""
    gates = [conversion[f"{a}_to_{b}"] for a, b in pairwise(STAGES)]
    return [gate["reached"] for gate in gates] + [gates[-1]["passed"]]


def _pipeline(
    by_stage: Mapping[str, int],
    open_by_stage: Mapping[str, int],
    conversion: Mapping[str, Mapping[str, Any]],
) -> tuple[StageLine, ...]:
    # The last stage has no gate after it: its line passes nothing on.
    gates = [conversion[f"{a}_to_{b}"] for a, b in pairwise(STAGES)] + [None]
    return tuple(
        StageLine(
            stage=stage,
            now=by_stage.get(stage, 0),
            open=open_by_stage.get(stage, 0),
            reached=reached,
            passed=None if gate is None else gate["passed"],
            passed_share=None if gate is None else gate["share"],
        )
        for stage, reached, gate in zip(STAGES, _reached(conversion), gates, strict=True)
    )


def _time_in_stage(spread: Mapping[str, Mapping[str, Any]]) -> tuple[TimeLine, ...]:
    return tuple(
        TimeLine(stage, days["cases"], days["median_days"], days["p90_days"])
        for stage, days in ((s, spread[s]) for s in TIMED_STAGES)
    )


def _groups(groups: Mapping[str, Mapping[str, Any]]) -> tuple[GroupLine, ...]:
    """One line per group that has cases (a group of none would print a row of zeros)."""
    return tuple(
        GroupLine(
            group=name,
            cases=group["total_cases"],
            open=sum(group["by_status"][status] for status in _OPEN),
            completed=group["by_status"][CaseStatus.COMPLETED.value],
            reoriented=group["by_status"][CaseStatus.REORIENTED.value],
            withdrawn=group["by_status"][CaseStatus.WITHDRAWN.value],
            businesses_started=group["outcomes"]["businesses_started"],
            jobs_created=group["outcomes"]["jobs_created"]["total"],
            requested_eur=group["financing"]["requested_eur"],
            obtained_eur=group["financing"]["obtained_eur"],
            reached=tuple(_reached(group["conversion"])),
        )
        for name, group in groups.items()
        if group["total_cases"]
    )


def _support(
    cost: Mapping[str, Any],
    by_band: Mapping[str, Mapping[str, Any]],
    band_cases: Mapping[str, int],
) -> SupportCost:
    return SupportCost(
        hourly_cost_eur=cost["hourly_cost_eur"],
        flag_share=cost["flag_share"],
        cases_with_time=cost["cases_with_time"],
        advisor_hours=cost["advisor_hours"],
        median_hours_per_case=cost["hours_per_case"]["median"],
        p90_hours_per_case=cost["hours_per_case"]["p90"],
        investing_cases=cost["investing_cases"],
        cost_eur=cost["cost_eur"],
        investment_eur=cost["investment_eur"],
        cost_share=cost["cost_share"],
        over_share_cases=cost["over_share_cases"],
        by_stage=tuple(
            HoursLine(stage, hours["cases"], hours["hours"], hours["hours_per_case"])
            for stage, hours in ((s, cost["hours_by_stage"][s]) for s in TIMED_STAGES)
        ),
        by_band=tuple(
            BandLine(
                band=band.value,
                cases=band_cases.get(band.value, 0),
                investing_cases=by_band[band.value]["cases"],
                median_advisor_hours=by_band[band.value]["median_advisor_hours"],
                median_investment_eur=by_band[band.value]["median_investment_eur"],
                advisor_hours_per_10k_eur=by_band[band.value]["advisor_hours_per_10k_eur"],
            )
            for band in FundingBand
        ),
        costliest=tuple(CostlyCase(**example) for example in cost["over_share_examples"]),
    )


def _money(financing: Mapping[str, Any], all_partners: str) -> Money:
    def line(name: str, figures: Mapping[str, Any]) -> MoneyLine:
        return MoneyLine(
            name,
            figures["referrals"],
            figures["accepted"],
            figures["requested_eur"],
            figures["obtained_eur"],
        )

    by_partner = tuple(line(name, f) for name, f in financing["by_partner"].items())
    return Money(
        total=MoneyLine(
            all_partners,
            sum(p.referrals for p in by_partner),
            sum(p.accepted for p in by_partner),
            financing["requested_eur"],
            financing["obtained_eur"],
        ),
        by_partner=by_partner,
        by_source=tuple(line(name, f) for name, f in financing["by_source"].items()),
    )


def _outcomes(outcomes: Mapping[str, Any]) -> Outcomes:
    jobs, revenue = outcomes["jobs_created"], outcomes["revenue"]
    return Outcomes(
        businesses_started=outcomes["businesses_started"],
        reports_confirmed=outcomes["reports_confirmed"],
        reports_awaiting=outcomes["reports_awaiting_confirmation"],
        jobs_women=jobs["women"],
        jobs_men=jobs["men"],
        jobs_total=jobs["total"],
        revenue_cases=revenue["cases"],
        planned_revenue_eur=revenue["planned_eur"],
        actual_revenue_eur=revenue["actual_eur"],
        actual_to_planned=revenue["actual_to_planned"],
    )


def _partner(name: str, standing: Mapping[str, Any]) -> PartnerLine:
    return PartnerLine(
        name=name,
        kind=standing.get("kind", ""),
        sent=standing["sent"],
        answered=standing["answered"],
        accepted=standing["accepted"],
        declined=standing["declined"],
        acceptance_rate=standing["acceptance_rate"],
        median_response_days=standing["median_response_days"],
    )
