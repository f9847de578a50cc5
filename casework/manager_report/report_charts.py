"""The report's charts, each drawn from the rows its table prints beside it.

Every word a chart prints (stages, groups, legends) and every figure on it is written
by the report's `Wording`, in its language.
"""

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from babel.numbers import format_decimal
from markupsafe import Markup

from casework.dossier.wording import Wording
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


def report_charts(report: ManagerReport, words: Wording) -> ReportCharts:
    """Draw the funnel, time in stage, who is served and support cost of `report`."""
    axis = axis_numbers(words)
    return ReportCharts(
        funnel=_funnel(report, words),
        time_in_stage=bar_chart(
            [words.name(line.stage) for line in report.time_in_stage],
            [
                Series(
                    words.gettext("Median days"),
                    [line.median_days for line in report.time_in_stage],
                    BLUE,
                ),
                Series(
                    words.gettext("90th percentile"),
                    [line.p90_days for line in report.time_in_stage],
                    NAVY,
                ),
            ],
            value_format=words.tenths,
            number_format=axis,
        ),
        by_gender=_served(report.by_gender, ("woman", "man"), words),
        by_origin=_served(report.by_origin, ("diaspora", "local"), words),
        support_cost=bar_chart(
            [words.name(line.band) for line in report.support.by_band],
            [
                Series(
                    words.gettext(
                        "Advisor hours per %(amount)s invested", amount=words.eur(10_000)
                    ),
                    [line.advisor_hours_per_10k_eur for line in report.support.by_band],
                    BLUE,
                )
            ],
            value_format=words.tenths,
            number_format=axis,
        ),
    )


def _funnel(report: ManagerReport, words: Wording) -> Markup | None:
    if not report.total_cases:
        return None
    lines = report.pipeline
    labels = [words.count(lines[0].reached)] + [
        words.gettext(
            "%(cases)s (%(share)s of %(stage)s)",
            cases=words.count(line.reached),
            share=words.share(before.passed_share),
            stage=words.name(before.stage),
        )
        for before, line in pairwise(lines)
    ]
    return funnel_chart(
        [words.name(line.stage) for line in lines], [line.reached for line in lines], labels
    )


def _served(groups: tuple[GroupLine, ...], names: tuple[str, ...], words: Wording) -> Markup | None:
    """Cases that reached each stage, one bar per group of `names` that has cases."""
    kept = [group for group in groups if group.group in names]
    return bar_chart(
        [words.name(stage) for stage in STAGES],
        [
            Series(words.name(group.group), list(group.reached), GROUP_COLOURS[group.group])
            for group in kept
        ],
        size=HALF,
        number_format=axis_numbers(words),
    )


def axis_numbers(words: Wording) -> Callable[[float], str]:
    """A chart's round numbers as `words` writes them, to one decimal where they have one."""

    def shown(value: float) -> str:
        # + 0.0: a tiny negative residue prints as 0, never as "-0".
        return format_decimal(round(value, 1) + 0.0, "#,##0.#", locale=words.locale)

    return shown
