"""The report's charts, each drawn from the rows its table prints beside it."""

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup

from casework.manager_report.charts import (
    BLUE,
    GREEN,
    HALF,
    NAVY,
    OCHRE,
    PLUM,
    TEAL,
    Series,
    bar_chart,
    funnel_chart,
)
from casework.manager_report.formats import format_days, format_hours, format_name, format_share
from casework.manager_report.lines import GroupLine
from casework.manager_report.view import STAGES, ManagerReport

# Each group its own colour, the same in every chart of the report.
GROUP_COLOURS = {
    "woman": PLUM,
    "man": TEAL,
    "other": BLUE,
    "undisclosed": "#9fb0c4",
    "diaspora": OCHRE,
    "local": GREEN,
    "unknown": "#9fb0c4",
}


@dataclass(frozen=True, slots=True)
class ReportCharts:
    """Inline SVG for each chart; None where there is nothing yet to draw."""

    funnel: Markup | None
    time_in_stage: Markup | None
    by_gender: Markup | None
    by_origin: Markup | None
    support_cost: Markup | None


def report_charts(report: ManagerReport) -> ReportCharts:
    """Draw the funnel, time in stage, who is served and support cost of `report`."""
    return ReportCharts(
        funnel=_funnel(report),
        time_in_stage=bar_chart(
            [format_name(line.stage) for line in report.time_in_stage],
            [
                Series("Median days", [line.median_days for line in report.time_in_stage], BLUE),
                Series("90th percentile", [line.p90_days for line in report.time_in_stage], NAVY),
            ],
            value_format=format_days,
        ),
        by_gender=_served(report.by_gender, ("woman", "man")),
        by_origin=_served(report.by_origin, ("diaspora", "local")),
        support_cost=bar_chart(
            [format_name(line.band) for line in report.support.by_band],
            [
                Series(
                    "Advisor hours per 10,000 EUR invested",
                    [line.advisor_hours_per_10k_eur for line in report.support.by_band],
                    BLUE,
                )
            ],
            value_format=format_hours,
        ),
    )


def _funnel(report: ManagerReport) -> Markup | None:
    if not report.total_cases:
        return None
    lines = report.pipeline
    labels = [f"{lines[0].reached:,}"] + [
        f"{line.reached:,} ({format_share(before.passed_share)} of {format_name(before.stage)})"
        for before, line in pairwise(lines)
    ]
    return funnel_chart(
        [format_name(line.stage) for line in lines], [line.reached for line in lines], labels
    )


def _served(groups: tuple[GroupLine, ...], names: tuple[str, ...]) -> Markup | None:
    """Cases that reached each stage, one bar per group of `names` that has cases."""
    kept = [group for group in groups if group.group in names]
    return bar_chart(
        [format_name(stage) for stage in STAGES],
        [
            Series(format_name(group.group), list(group.reached), GROUP_COLOURS[group.group])
            for group in kept
        ],
        size=HALF,
    )
