"""Which external financing lines a case in linkage still has to cover, worked by hand."""

import pytest

from casework.financing_coverage import Cover, PlanLine, external, financing_gaps
from casework.vocabulary import FinancingSource as S

OWN = PlanLine(0, S.OWN_FUNDS, 2_000_000)
MESO = PlanLine(1, S.MESO_CREDIT, 7_000_000)
GRANT = PlanLine(2, S.GRANT, 1_000_000, label="Diaspora matching grant")
FAMILY = PlanLine(3, S.FAMILY_AND_DIASPORA, 500_000)
LINES = [OWN, MESO, GRANT, FAMILY]


def gaps(covers=(), outside=()):
    return financing_gaps(LINES, list(covers), list(outside), "XOF")


def test_the_own_circles_money_is_never_external():
    assert external(LINES) == [MESO, GRANT]


@pytest.mark.parametrize(
    ("covers", "outside", "uncovered"),
    [
        ((), (), [1, 2]),
        # An accepted referral with no amount covers what it asked for, in full.
        ([Cover((1,))], (), [2]),
        ([Cover((1, 2))], (), []),
        # The advisor records the grant as financed outside the unit.
        ([Cover((1,))], (2,), []),
        # An offer covers the lines asked for, in their order, up to its amount.
        ([Cover((1,), 7_000_000)], (2,), []),
        ([Cover((1, 2), 7_500_000)], (), [2]),
        # Two offers add up on one line.
        ([Cover((1,), 4_000_000), Cover((1,), 3_000_000)], (2,), []),
        # Asking for the own circle's line covers nothing else.
        ([Cover((0,))], (), [1, 2]),
    ],
)
def test_which_lines_remain_uncovered(covers, outside, uncovered):
    found = gaps(covers, outside)
    assert [int(s.split()[2]) for s in found] == uncovered


def test_a_gap_says_the_line_its_amount_and_what_is_missing():
    (meso, _grant) = gaps([Cover((1,), 4_000_000)])
    assert meso.startswith(
        "Financing line 1 (meso credit, 7,000,000 XOF): 3,000,000 XOF of it is not yet covered."
    )
    (_, grant) = gaps()
    assert "Financing line 2 (Diaspora matching grant, 1,000,000 XOF): no accepted referral" in (
        grant
    )
    assert "financed outside the unit" in grant


def test_a_self_financed_plan_has_nothing_to_cover():
    assert financing_gaps([OWN, FAMILY], [], [], "XOF") == []
