"""The milestones an approved plan sets, on dates worked by hand (casework/plan_milestones.py)."""

from datetime import date

from casework.plan_milestones import LoanDue, plan_milestones, year_end
from casework.vocabulary import MilestoneKind

MESO = LoanDue(1, "Meso-credit", ((1, 2_100_000.0), (2, 2_100_000.0), (3, 0.0)))


def test_a_plan_year_ends_the_day_before_its_anniversary_even_from_29_february():
    assert year_end(date(2027, 3, 1), 1) == date(2028, 2, 29)
    assert year_end(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert year_end(date(2027, 1, 1), 3) == date(2029, 12, 31)


def test_start_instalments_and_reviews_within_the_follow_up_period():
    found = plan_milestones(date(2027, 1, 1), 5, [MESO], until=date(2028, 12, 31), currency="XOF")
    assert [(m.key, m.due_date) for m in found] == [
        ("start", date(2027, 1, 1)),
        ("instalment:1:1", date(2027, 12, 31)),
        ("review:1", date(2027, 12, 31)),
        ("instalment:1:2", date(2028, 12, 31)),
        ("review:2", date(2028, 12, 31)),
    ]
    instalment = found[1]
    assert instalment.kind == MilestoneKind.INSTALMENT
    assert instalment.amount_due == 2_100_000
    assert instalment.title == "Meso-credit: instalment of year 1, 2,100,000 XOF"
    assert found[2].period == 1


def test_a_longer_period_reaches_more_and_a_year_without_payment_sets_no_instalment():
    found = plan_milestones(date(2027, 1, 1), 3, [MESO], until=date(2040, 1, 1), currency="XOF")
    keys = [m.key for m in found]
    assert "instalment:1:3" not in keys
    assert keys.count("start") == 1
    assert [k for k in keys if k.startswith("review")] == ["review:1", "review:2", "review:3"]
    assert plan_milestones(date(2027, 1, 1), 3, [], until=date(2026, 12, 31), currency="XOF") == []
