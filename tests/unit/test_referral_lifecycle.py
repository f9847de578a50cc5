"""The referral lifecycle: draft → sent → acknowledged → accepted | declined → completed."""

import pytest

from casework.referral_lifecycle import allowed_next, refusal
from casework.vocabulary import ReferralStatus as S

ALLOWED = [
    (S.DRAFT, S.SENT),
    (S.SENT, S.ACKNOWLEDGED),
    (S.SENT, S.ACCEPTED),
    (S.SENT, S.DECLINED),
    (S.ACKNOWLEDGED, S.ACCEPTED),
    (S.ACKNOWLEDGED, S.DECLINED),
    (S.ACCEPTED, S.COMPLETED),
    (S.DRAFT, S.WITHDRAWN),
    (S.SENT, S.WITHDRAWN),
    (S.ACKNOWLEDGED, S.WITHDRAWN),
    (S.ACCEPTED, S.WITHDRAWN),
]


@pytest.mark.parametrize(("current", "wanted"), ALLOWED)
def test_allowed_moves(current, wanted):
    assert refusal(current, wanted) is None


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("wanted", list(S))
def test_every_other_move_is_refused_with_the_options(current, wanted):
    if (current, wanted) in ALLOWED:
        return
    reason = refusal(current, wanted)
    assert reason is not None
    assert current.value in reason


@pytest.mark.parametrize("closed", [S.DECLINED, S.COMPLETED, S.WITHDRAWN])
def test_closed_referrals_cannot_change(closed):
    assert allowed_next(closed) == frozenset()
