"""What it takes to bring a case to each stage: the steps in order, each body written once.

A driver carries the steps out: `journey.over_http` through the API (tests, bench),
`journey.in_process` through the services and the launcher (the demo, before the API
serves). Bodies are the API's JSON, so both drivers read exactly the same data.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from casework.financing_coverage import external, plan_lines
from casework.investment_plan.examples import design_example
from casework.vocabulary import FeasibilitySection, Stage

Body = dict[str, Any]

# The stages a case moves through, in order, from reception.
PATH = (Stage.SUPPORT, Stage.LINKAGE, Stage.FOLLOW_UP, Stage.COMPLETED)

CASE: Body = {
    "title": "Cold storage for fish",
    "sector": "agri_food",
    "country": "SN",
    "summary": "A cold room in Mbour so that fishers can sell at better prices.",
}

# Scored through the rubric's criteria, as an advisor does: the abilities follow from them.
ASSESSMENT: Body = {
    "criteria": {
        "trade_experience": 5,
        "management_skills": 3,
        "local_knowledge": 4,
        "own_contribution": 3,
        "repayment_capacity": 3,
        "financial_literacy": 3,
        "commitment": 5,
        "clarity_of_goal": 4,
        "resilience": 3,
    },
    "training_required": False,
    "decision": "proceed",
    "notes": "Experienced in the fish trade.",
}

REFERRAL_PURPOSE = "Technical assistance"
OUTSIDE_FINANCING = "Lent by the project leader's savings and credit cooperative in Mbour."


def plan_body() -> Body:
    """The investment plan of DESIGN.md §6 (a cold room in Senegal), a fresh copy."""
    return design_example()


def feasibility_body() -> Body:
    """Every section of the study complete, concluded viable."""
    sections = {
        section.value: {
            "text": f"{_heading(section)}: reviewed with the entrepreneur.",
            "status": "complete",
        }
        for section in FeasibilitySection
    }
    return {"sections": sections, "conclusion": "viable"}


def _heading(section: FeasibilitySection) -> str:
    return section.value.replace("_", " ").capitalize()


class CaseDriver(Protocol):
    """One case, and the hands that act on it: each method is one request of the API."""

    def assess(self, body: Body) -> None:
        """The advisor records the reception assessment."""

    def save_plan(self, body: Body) -> None:
        """The entrepreneur saves a version of the investment plan."""

    def approve_plan(self) -> None:
        """The entrepreneur approves the current version of the plan."""

    def save_feasibility(self, body: Body) -> None:
        """The advisor writes the feasibility study."""

    def partner_to_refer(self) -> str:
        """The id of the partner this case is referred to."""

    def consent(self, body: Body) -> str:
        """The entrepreneur consents to sharing their dossier with a partner; the consent's id."""

    def refer(self, body: Body) -> str:
        """The advisor refers the case to a partner; the referral's id."""

    def update_referral(self, referral_id: str, body: Body) -> None:
        """The advisor records the referral's progress."""

    def finance_outside(self, line: int, body: Body) -> None:
        """The advisor records a financing line of the plan as financed outside the unit."""

    def add_milestone(self, body: Body) -> str:
        """The advisor plans a milestone; its id."""

    def update_milestone(self, milestone_id: str, body: Body) -> None:
        """The advisor records a milestone as done."""

    def open_milestones(self) -> list[str]:
        """The ids of the case's milestones not done yet."""

    def set_follow_up_period(self, body: Body) -> None:
        """The advisor sets the day the follow-up ends."""

    def move(self, to: Stage) -> None:
        """The advisor moves the case to the stage `to`; the move must be made."""


def accept_referral(driver: CaseDriver, plan: Body | None = None) -> None:
    """A referral to the driver's partner, consented to by the entrepreneur, sent and accepted.

    The plan's external lines (`plan`, the one written: the journey's by default) are then
    recorded as financed outside the unit.
    """
    partner_id = driver.partner_to_refer()
    # Technical assistance asks for none of the plan's money ...
    body = {"partner_id": partner_id, "purpose": REFERRAL_PURPOSE, "financing_lines": []}
    referral_id = driver.refer(body)
    # Nothing is shared with a partner until the entrepreneur says so.
    driver.consent({"partner_id": partner_id})
    for status in ("sent", "accepted"):
        driver.update_referral(referral_id, {"status": status})
    # ... which the project leader's savings and credit cooperative lends.
    for line in external(plan_lines((plan or plan_body())["financing"])):
        driver.finance_outside(line.index, {"note": OUTSIDE_FINANCING})


def close_follow_up(driver: CaseDriver, plan: Body | None = None) -> None:
    """The follow-up period ending today, a milestone of the advisor's, every milestone done."""
    # The store's day, which the follow-up gate compares with, is UTC's.
    today = datetime.now(UTC).date()
    # Ending the period today drops the plan's later instalments and reviews.
    driver.set_follow_up_period({"until": today.isoformat()})
    planned = {"title": "Equipment running", "due_date": (today - timedelta(30)).isoformat()}
    driver.add_milestone(planned)
    for milestone_id in driver.open_milestones():
        done = {"done_on": today.isoformat(), "note": "Running since last month."}
        driver.update_milestone(milestone_id, done)


def _write_and_approve_plan(driver: CaseDriver, plan: Body | None = None) -> None:
    driver.save_plan(plan or plan_body())
    driver.approve_plan()


def _assess(driver: CaseDriver, plan: Body | None = None) -> None:
    driver.assess(ASSESSMENT)


def _study(driver: CaseDriver, plan: Body | None = None) -> None:
    driver.save_feasibility(feasibility_body())


# What each stage's gate needs, in the order a unit does it.
# Each step takes the driver and the plan to write (None: the journey's own).
PREPARATION: dict[Stage, tuple[Callable[[CaseDriver, Body | None], None], ...]] = {
    Stage.SUPPORT: (_assess,),
    Stage.LINKAGE: (_write_and_approve_plan, _study),
    Stage.FOLLOW_UP: (accept_referral,),
    Stage.COMPLETED: (close_follow_up,),
}


def prepare(driver: CaseDriver, stage: Stage, plan: Body | None = None) -> None:
    """Do what opens the gate to `stage`, from the stage before it, writing `plan` if asked."""
    for step in PREPARATION[stage]:
        step(driver, plan)


def take_case(driver: CaseDriver, stage: Stage, plan: Body | None = None) -> None:
    """Take a case from reception to `stage` through every gate on the way (none: reception).

    The plan written is `plan` (the journey's own, a cold room in Senegal, by default).
    """
    reached = 0 if stage == Stage.RECEPTION else PATH.index(stage) + 1
    for target in PATH[:reached]:
        prepare(driver, target, plan)
        driver.move(target)
