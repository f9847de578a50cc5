"""Plan against actual, on figures worked by hand (casework/plan_vs_actual.py)."""

import pytest

from casework.plan_vs_actual import PlannedYear, RepaymentStatus, ReportedYear, compare

# A plan in XOF: revenue, operating costs and the meso-credit's debt service per year.
PLAN = [
    PlannedYear(1, revenue=6_000_000, operating_costs=4_000_000, debt_service=1_000_000),
    PlannedYear(2, revenue=9_000_000, operating_costs=5_000_000, debt_service=1_000_000),
    PlannedYear(3, revenue=11_000_000, operating_costs=6_000_000, debt_service=0),
]


def test_a_year_as_planned_deviates_in_nothing():
    reported = [ReportedYear(1, 6_000_000, 4_000_000, 1_000_000, confirmed=True)]
    [year1, year2, year3] = compare(PLAN, reported, threshold=0.2, currency="XOF")
    assert year1.deviations == ()
    assert year1.repayment_status == RepaymentStatus.ON_SCHEDULE
    # Net cash flow: 6.0 − 4.0 − 1.0 = 1.0 million; then 3.0 and 5.0 millions planned.
    assert (year1.planned_cumulative, year1.actual_cumulative) == (1_000_000, 1_000_000)
    assert (year2.planned_cumulative, year2.actual_cumulative) == (4_000_000, None)
    assert year2.repayment_status == RepaymentStatus.NOT_REPORTED
    assert year3.planned_cumulative == 9_000_000
    assert year3.repayment_status == RepaymentStatus.NONE_DUE


def test_revenue_38_percent_below_plan_is_named_with_what_follows_from_it():
    # Revenue 3.72 M against 6.0 M: 38 % below. Costs 4.4 M: 10 % above (within 20 %).
    # Repaid 0.6 M of 1.0 M: 400,000 short. Net: 3.72 − 4.4 − 0.6 = −1.28 M against
    # +1.0 M planned: 228 % below.
    reported = [ReportedYear(1, 3_720_000, 4_400_000, 600_000, confirmed=False)]
    year1 = compare(PLAN, reported, threshold=0.2, currency="XOF")[0]
    assert year1.deviations == (
        "revenue 38.0% below plan in year 1",
        "net cash flow 228.0% below plan in year 1",
        "repayments 400,000 XOF short of plan in year 1 (600,000 of 1,000,000 repaid)",
    )
    assert year1.repayment_status == RepaymentStatus.BEHIND
    assert year1.actual_cumulative == -1_280_000


@pytest.mark.parametrize(
    ("threshold", "named"),
    [(0.09, ["operating costs 10.0% above plan in year 1"]), (0.1, []), (0.5, [])],
)
def test_the_threshold_decides_what_is_named(threshold, named):
    # Costs 4.4 M against 4.0 M: exactly 10 % above; revenue up 10 % keeps the net as planned.
    reported = [ReportedYear(1, 6_400_000, 4_400_000, 1_000_000, confirmed=True)]
    year1 = compare(PLAN, reported, threshold=threshold, currency="XOF")[0]
    costs = [d for d in year1.deviations if d.startswith("operating")]
    assert costs == named


def test_a_repayment_within_rounding_is_on_schedule_and_a_gap_in_reports_stops_the_cumulative():
    reported = [
        ReportedYear(1, 6_000_000, 4_000_000, 996_000, confirmed=True),
        ReportedYear(3, 11_000_000, 6_000_000, 0, confirmed=True),
    ]
    year1, year2, year3 = compare(PLAN, reported, threshold=0.2, currency="XOF")
    assert year1.repayment_status == RepaymentStatus.ON_SCHEDULE
    assert year2.actual is None
    assert year2.actual_cumulative is None
    assert year3.actual is not None
    assert year3.actual_cumulative is None
