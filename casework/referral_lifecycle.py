"""The referral lifecycle: which status may follow which."""

from casework.vocabulary import ReferralStatus as S

OPEN_STATUSES = frozenset({S.DRAFT, S.SENT, S.ACKNOWLEDGED, S.ACCEPTED})

NEXT_STATUSES: dict[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SENT}),
    # A partner may answer at once, without acknowledging first.
    S.SENT: frozenset({S.ACKNOWLEDGED, S.ACCEPTED, S.DECLINED}),
    S.ACKNOWLEDGED: frozenset({S.ACCEPTED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.COMPLETED}),
    S.DECLINED: frozenset(),
    S.COMPLETED: frozenset(),
    S.WITHDRAWN: frozenset(),
}


def allowed_next(current: S) -> frozenset[S]:
    """The statuses a referral in `current` may move to."""
    withdrawal = {S.WITHDRAWN} if current in OPEN_STATUSES else set()
    return NEXT_STATUSES[current] | withdrawal


def refusal(current: S, wanted: S) -> str | None:
    """Why a referral cannot move from `current` to `wanted`, or None when it can."""
    if wanted in allowed_next(current):
        return None
    options = sorted(s.value for s in allowed_next(current))
    if not options:
        return f"The referral is {current.value}; it cannot change any more."
    return (
        f"A referral that is {current.value} can become {', '.join(options)}, not {wanted.value}."
    )
