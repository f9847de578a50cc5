"""The referral lifecycle: draft → sent → acknowledged → accepted | declined → completed."""

import pytest

from casework.referral_lifecycle import (
    INCOMPLETE_RECORD,
    Answer,
    allowed_next,
    default_lines,
    line_refusal,
    misplaced,
    missing_record,
    outcome_gaps,
    refusal,
)
from casework.vocabulary import PartnerKind
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
    assert all(option.value in reason for option in allowed_next(current)), "names the options"


@pytest.mark.parametrize("closed", [S.DECLINED, S.COMPLETED, S.WITHDRAWN])
def test_closed_referrals_cannot_change(closed):
    assert allowed_next(closed) == frozenset()


# --- what each answer records ------------------------------------------------------------

FIN, TECH, BOTH = PartnerKind.FINANCIAL, PartnerKind.TECHNICAL, PartnerKind.BOTH


@pytest.mark.parametrize(
    ("status", "answer", "misplaced_fields"),
    [
        (S.ACCEPTED, Answer(amount_offered=5e6), []),
        (S.SENT, Answer(amount_offered=5e6), ["amount_offered"]),
        (S.DECLINED, Answer(decline_reason="No collateral"), []),
        (S.ACCEPTED, Answer(decline_reason="No collateral"), ["decline_reason"]),
        (S.COMPLETED, Answer(amount_granted=1.0, instrument="loan"), []),
        (S.ACCEPTED, Answer(services_delivered=("training",)), ["outcome"]),
        (S.WITHDRAWN, Answer(amount_offered=1.0, terms="x"), ["amount_offered", "outcome"]),
    ],
)
def test_each_part_of_an_answer_belongs_to_one_status(status, answer, misplaced_fields):
    assert [name for name, _ in misplaced(status, answer)] == misplaced_fields


@pytest.mark.parametrize(
    ("kind", "answer", "gaps"),
    [
        (FIN, Answer(amount_granted=7e6, instrument="meso-credit", terms="9%, 4 years"), []),
        (FIN, Answer(amount_granted=7e6), ["outcome.instrument"]),
        (
            FIN,
            Answer(services_delivered=("training",)),
            ["outcome.amount_granted", "outcome.instrument"],
        ),
        (TECH, Answer(services_delivered=("feasibility study",)), []),
        (TECH, Answer(amount_granted=1.0, instrument="grant"), ["outcome.services_delivered"]),
        (BOTH, Answer(services_delivered=("field assistance",)), []),
        (BOTH, Answer(amount_granted=0.0, instrument="loan"), []),
        (BOTH, Answer(terms="12 months"), ["outcome.amount_granted", "outcome.instrument"]),
    ],
)
def test_an_outcome_given_is_whole_for_the_partners_kind(kind, answer, gaps):
    assert [name for name, _ in outcome_gaps(kind, answer)] == gaps


@pytest.mark.parametrize(
    ("status", "answer", "flagged"),
    [
        (S.DECLINED, Answer(), True),
        (S.DECLINED, Answer(decline_reason="Outside our countries"), False),
        (S.COMPLETED, Answer(), True),
        (S.COMPLETED, Answer(services_delivered=("training",)), False),
        (S.ACCEPTED, Answer(), False),
    ],
)
def test_a_decline_or_completion_without_its_record_is_flagged(status, answer, flagged):
    flag = missing_record(status, answer)
    assert (flag is not None) == flagged
    assert flag is None or flag.startswith(INCOMPLETE_RECORD)


SOURCES = ["own_funds", "meso_credit", "grant", "family_and_diaspora", "bank_loan"]


@pytest.mark.parametrize(
    ("services", "lines"),
    [
        (["meso_credit"], [1]),
        (["loan", "grant"], [2, 4]),
        (["feasibility_study", "technical_assistance"], []),
        (["feasibility studies"], []),
    ],
)
def test_a_referral_asks_by_default_for_the_lines_the_partners_services_fund(services, lines):
    assert default_lines(SOURCES, services) == lines


@pytest.mark.parametrize(
    ("index", "refused"), [(1, False), (0, True), (3, True), (5, True), (-1, True)]
)
def test_a_referral_asks_only_for_external_lines_of_the_plan(index, refused):
    assert (line_refusal(SOURCES, index) is not None) == refused


def test_a_plan_without_financing_has_no_line_to_ask_for():
    assert "no financing lines" in (line_refusal([], 0) or "")
