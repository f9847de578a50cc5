"""The reception rubric: weighted criteria that explain each ability's score."""

from casework.assessment_rubric import CRITERIA, RUBRIC, Ability, ability_score, explain


def test_every_ability_has_criteria_with_descriptors_at_0_3_and_5():
    assert {c.ability for c in RUBRIC} == set(Ability)
    assert all(set(c.descriptors) == {0, 3, 5} and c.weight > 0 for c in RUBRIC)
    assert len(CRITERIA) == len(RUBRIC)


def test_ability_score_is_the_weighted_mean_rounded_half_up():
    # (4*3 + 3*2 + 2*1) / 6 = 3.33 → 3 ; (5*3 + 4*2 + 4*1) / 6 = 4.5 → 5
    low = {"trade_experience": 4, "management_skills": 3, "local_knowledge": 2}
    high = {"trade_experience": 5, "management_skills": 4, "local_knowledge": 4}
    assert ability_score(Ability.TECHNICAL, low) == 3
    assert ability_score(Ability.TECHNICAL, high) == 5


def test_unscored_ability_has_no_score_and_partial_criteria_still_count():
    assert ability_score(Ability.MOTIVATION, {"trade_experience": 5}) is None
    assert ability_score(Ability.MOTIVATION, {"commitment": 2}) == 2


def test_explanation_quotes_the_nearest_descriptor_the_lower_on_a_tie():
    [line] = explain(Ability.FINANCIAL, {"own_contribution": 4})
    assert line.startswith("Own contribution available: 4/5 (weight 3)")
    assert "about a fifth of the investment" in line
    [top] = explain(Ability.FINANCIAL, {"own_contribution": 5})
    assert "a third of the investment or more" in top
