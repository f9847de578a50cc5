"""Who wrote which figures of an investment plan, and what changed between versions."""

from casework.plan_authorship import Change, authorship, diff, leaves
from casework.vocabulary import Role

E, A = Role.ENTREPRENEUR, Role.ADVISOR
PLAN = {"currency": "XOF", "revenues": [10, 20], "financing": [{"source": "grant", "amount": 5}]}


def test_leaves_are_named_by_their_path():
    assert dict(leaves(PLAN)) == {
        "currency": "XOF",
        "financing[0].amount": 5,
        "financing[0].source": "grant",
        "revenues[0]": 10,
        "revenues[1]": 20,
    }


def test_diff_lists_changed_added_and_removed_values():
    after = {"currency": "XOF", "revenues": [10, 25, 30], "financing": []}
    assert diff(PLAN, after) == [
        Change("financing[0].amount", 5, None),
        Change("financing[0].source", "grant", None),
        Change("revenues[1]", 20, 25),
        Change("revenues[2]", None, 30),
    ]
    assert diff(PLAN, PLAN) == []


def test_each_figure_belongs_to_whoever_last_changed_it():
    edited = {**PLAN, "revenues": [10, 40]}
    written = authorship([(E, PLAN), (A, edited)])
    # figures: revenues[0], revenues[1], financing[0].amount; the advisor changed one
    assert (written.values, written.by_entrepreneur, written.by_advisor) == (3, 2, 1)
    assert round(written.advisor_share, 4) == 0.3333


def test_keeping_the_advisors_figures_keeps_the_advisors_authorship():
    written = authorship([(A, PLAN), (E, PLAN)])
    assert written.advisor_share == 1.0


def test_changing_a_figure_back_credits_the_last_author():
    edited = {**PLAN, "revenues": [11, 20]}
    assert authorship([(E, PLAN), (A, edited), (E, PLAN)]).advisor_share == 0.0


def test_labels_and_codes_are_not_figures():
    assert authorship([(A, {"currency": "XOF", "label": "x"})]).values == 0
    assert authorship([(A, {"currency": "XOF"})]).advisor_share == 0.0
