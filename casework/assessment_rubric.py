"""The reception rubric: what each of the three abilities is made of, so a score explains itself.

Each ability is a weighted set of criteria scored 0–5 against written
descriptors; the ability's score is the weighted mean, rounded half up.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Ability(StrEnum):
    TECHNICAL = "technical"
    FINANCIAL = "financial"
    MOTIVATION = "motivation"


@dataclass(frozen=True)
class Criterion:
    """One thing the advisor looks at, its weight within its ability, and what 0, 3 and 5 mean."""

    key: str
    ability: Ability
    label: str
    weight: int
    descriptors: dict[int, str]


RUBRIC: tuple[Criterion, ...] = (
    Criterion(
        "trade_experience",
        Ability.TECHNICAL,
        "Experience in the trade",
        3,
        {
            0: "Has never worked in this trade.",
            3: "Some years in the trade, or close family business experience.",
            5: "Long experience in the trade, including running operations.",
        },
    ),
    Criterion(
        "management_skills",
        Ability.TECHNICAL,
        "Management and bookkeeping",
        2,
        {
            0: "Has never managed people, stock or accounts.",
            3: "Has managed a team or kept simple accounts.",
            5: "Has run a business or a department with its accounts.",
        },
    ),
    Criterion(
        "local_knowledge",
        Ability.TECHNICAL,
        "Knowledge of the local market",
        1,
        {
            0: "Does not know the market where the project will run.",
            3: "Knows the market through family or visits.",
            5: "Knows suppliers, customers and competitors first-hand.",
        },
    ),
    Criterion(
        "own_contribution",
        Ability.FINANCIAL,
        "Own contribution available",
        3,
        {
            0: "No savings or assets to bring into the project.",
            3: "Can bring about a fifth of the investment.",
            5: "Can bring a third of the investment or more.",
        },
    ),
    Criterion(
        "repayment_capacity",
        Ability.FINANCIAL,
        "Capacity to repay a loan",
        2,
        {
            0: "No regular income or collateral.",
            3: "Regular income or some collateral.",
            5: "Regular income and collateral or a guarantor.",
        },
    ),
    Criterion(
        "financial_literacy",
        Ability.FINANCIAL,
        "Financial literacy",
        1,
        {
            0: "Cannot read a simple cash-flow table.",
            3: "Understands costs, margins and cash flow.",
            5: "Prepares budgets and reads financial statements.",
        },
    ),
    Criterion(
        "commitment",
        Ability.MOTIVATION,
        "Commitment of time",
        2,
        {
            0: "Cannot give the project regular time.",
            3: "Part-time, with a plan to step up.",
            5: "Full-time, or a trusted manager on site.",
        },
    ),
    Criterion(
        "clarity_of_goal",
        Ability.MOTIVATION,
        "Clarity of the project's aim",
        2,
        {
            0: "The idea is vague.",
            3: "Clear product and customers.",
            5: "Clear product, customers, and a first plan of action.",
        },
    ),
    Criterion(
        "resilience",
        Ability.MOTIVATION,
        "Preparedness for setbacks",
        1,
        {
            0: "Has not thought about what could go wrong.",
            3: "Names the main risks.",
            5: "Names the main risks and how to absorb them.",
        },
    ),
)

CRITERIA: dict[str, Criterion] = {c.key: c for c in RUBRIC}


def ability_score(ability: Ability, scores: dict[str, int]) -> int | None:
    """The weighted mean of the ability's criteria that were scored (None if none were)."""
    scored = [(CRITERIA[key], value) for key, value in scores.items() if key in CRITERIA]
    mine = [(c.weight, value) for c, value in scored if c.ability == ability]
    if not mine:
        return None
    mean = Decimal(sum(w * v for w, v in mine)) / Decimal(sum(w for w, _ in mine))
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def explain(ability: Ability, scores: dict[str, int]) -> list[str]:
    """One sentence per scored criterion of the ability: its score, weight and descriptor."""
    lines = []
    for criterion in RUBRIC:
        if criterion.ability == ability and criterion.key in scores:
            value = scores[criterion.key]
            nearest = min(criterion.descriptors, key=lambda level: abs(level - value))
            lines.append(
                f"{criterion.label}: {value}/5 (weight {criterion.weight}) — "
                f"{criterion.descriptors[nearest]}"
            )
    return lines
