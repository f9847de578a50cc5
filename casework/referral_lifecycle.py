"""The referral lifecycle: which status may follow which, and what each answer records."""

from dataclasses import dataclass

from casework.partner_matching import services_for_source
from casework.vocabulary import FinancingSource, PartnerKind
from casework.vocabulary import ReferralStatus as S

OPEN_STATUSES = frozenset({S.DRAFT, S.SENT, S.ACKNOWLEDGED, S.ACCEPTED})
# The partner holds the dossier and may still act on it.
HOLDING_DOSSIER = frozenset({S.SENT, S.ACKNOWLEDGED, S.ACCEPTED})

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

# An answer whose record may be given with the move, or completed later.
RECORDED_ANSWERS = frozenset({S.DECLINED, S.COMPLETED})

# The flag a decline or completion carries until its record is complete.
INCOMPLETE_RECORD = "Record to complete: "


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


@dataclass(frozen=True)
class Answer:
    """What a move of a referral records beside its status (None: not given)."""

    amount_offered: float | None = None
    decline_reason: str | None = None
    amount_granted: float | None = None
    instrument: str | None = None
    terms: str | None = None
    services_delivered: tuple[str, ...] | None = None

    @property
    def has_outcome(self) -> bool:
        """Whether any part of a completion's outcome is given."""
        parts = (self.amount_granted, self.instrument, self.terms, self.services_delivered)
        return any(part is not None for part in parts)


# Which status each part of an answer belongs to.
_BELONGS_TO = {
    "amount_offered": S.ACCEPTED,
    "decline_reason": S.DECLINED,
    "outcome": S.COMPLETED,
}


def misplaced(status: S, answer: Answer) -> list[tuple[str, str]]:
    """Each part of `answer` given with a status it does not belong to: (field, reason)."""
    given = {
        "amount_offered": answer.amount_offered is not None,
        "decline_reason": answer.decline_reason is not None,
        "outcome": answer.has_outcome,
    }
    return [
        (name, f"only given when the referral becomes {owner.value}")
        for name, owner in _BELONGS_TO.items()
        if given[name] and owner != status
    ]


def outcome_gaps(kind: PartnerKind, answer: Answer) -> list[tuple[str, str]]:
    """What a completion's outcome, once given, still lacks for a partner of `kind`."""
    services = [] if answer.services_delivered else [("outcome.services_delivered", "list them")]
    money = [
        *(
            [("outcome.amount_granted", "give it, in the plan's currency")]
            if answer.amount_granted is None
            else []
        ),
        *(
            [("outcome.instrument", "name it: loan, grant, equity, guarantee...")]
            if not answer.instrument
            else []
        ),
    ]
    if kind == PartnerKind.TECHNICAL:
        return services
    if kind == PartnerKind.FINANCIAL:
        return money
    # A partner of both kinds completes with either; a financing outcome begun must be whole.
    if not services or not money:
        return []
    financing_begun = answer.amount_granted is not None or answer.instrument or answer.terms
    return money if financing_begun else services


def missing_record(status: S, answer: Answer) -> str | None:
    """The flag a decline or completion without its record carries; None when complete."""
    gap = record_gap(status, has_reason=bool(answer.decline_reason), has_outcome=answer.has_outcome)
    return INCOMPLETE_RECORD + gap + "." if gap else None


def record_gap(status: S, *, has_reason: bool, has_outcome: bool) -> str | None:
    """What a referral's record still lacks in `status`, in words; None when nothing does."""
    if status == S.DECLINED and not has_reason:
        return "the partner's reason for declining"
    if status == S.COMPLETED and not has_outcome:
        return "the outcome (amount granted, instrument and terms; or the services delivered)"
    return None


def default_lines(sources: list[str], services: list[str]) -> list[int]:
    """The plan's financing lines (by index) a partner offering `services` can fund."""
    return [
        index
        for index, source in enumerate(sources)
        if services_for_source(FinancingSource(source)).intersection(services)
    ]


def line_refusal(sources: list[str], index: int) -> str | None:
    """Why a referral cannot ask for the plan's financing line `index`; None when it can."""
    if not sources:
        return "the case's investment plan has no financing lines"
    if not 0 <= index < len(sources):
        return f"the plan has financing lines 0 to {len(sources) - 1}; there is no line {index}"
    if not services_for_source(FinancingSource(sources[index])):
        return f"line {index} ({sources[index]}) is the entrepreneur's own money, not a partner's"
    return None


def where_it_stands(
    partner: str,
    status: S,
    *,
    consented: bool,
    sent_on: str | None,
    answered_on: str | None,
    closed_on: str | None,
) -> str | None:
    """Where a referral stands, told to the entrepreneur in plain words; None: not told.

    Nothing staff wrote for staff, and no partner's reasons, reach these words.
    """
    if status == S.DRAFT:
        return (
            f"{partner}: your advisor is ready to send them your dossier."
            if consented
            else f"{partner}: your advisor proposes to send them your dossier, once you consent."
        )
    if status == S.SENT:
        return f"{partner} received your dossier on {sent_on} and has not answered yet."
    if status == S.ACKNOWLEDGED:
        return f"{partner} is studying your project (your dossier reached them on {sent_on})."
    if status == S.ACCEPTED:
        return f"{partner} agreed on {answered_on} to support your project."
    if status == S.DECLINED:
        return f"{partner} declined on {answered_on}; your advisor will tell you why."
    if status == S.COMPLETED:
        return f"{partner} completed its support on {closed_on}."
    return None
