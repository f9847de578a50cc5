"""The demo portfolio's stories, drawn from a fixed seed: who came, with what, and how it went.

Each story is an entrepreneur and the dated steps of their case, from the day it was
opened to where it stands today: the stage reached, or reoriented, withdrawn, on hold.
The same seed and day give the same stories.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from demo import steps as s
from demo.catalogue import (
    ASSESSMENT_NOTES,
    COUNTRIES,
    IDEAS,
    RESIDENCES,
    TRAININGS,
    Country,
    Idea,
)
from demo.plans import feasibility_study, investment_plan
from demo.referrals import follow_up_referrals, linkage_referrals, reports

SEED = 2007  # the year of the GFMD roundtable the unit's rules come from

# How far each case has come; the portfolio's shape, in the order the stories are drawn.
ENDINGS = (
    *["reception"] * 5, *["support"] * 6, "on_hold", *["linkage"] * 7,
    *["follow_up"] * 9, *["completed"] * 6, *["reoriented"] * 5, *["withdrawn"] * 3,
)  # fmt: skip
_PAST_SUPPORT = ("linkage", "follow_up", "completed")
# How many stages a case of each ending reached (reoriented and withdrawn: by their rank).
_REACHED = {"reception": 1, "support": 2, "on_hold": 2, "linkage": 3, "follow_up": 4,
            "completed": 4}  # fmt: skip
_CRITERIA = (
    "trade_experience", "management_skills", "local_knowledge", "own_contribution",
    "repayment_capacity", "financial_literacy", "commitment", "clarity_of_goal", "resilience",
)  # fmt: skip
_DAYS_PER_MONTH = 30.44

WITHDRAWALS = (
    "I found a salaried job in Brussels and no longer have the time for the project.",
    "Family reasons: I will come back to the project in a year or two.",
    "I chose to enlarge my existing shop instead, with my own savings.",
)
REORIENTATIONS = (
    ("skills_gap", "The project leader has no experience of the trade yet.",
     ("Six months' apprenticeship with an established business", "Come back afterwards")),
    ("insufficient_own_contribution", "The own contribution covers a tenth of the investment.",
     ("Save with a tontine for a year", "Start smaller, with second-hand equipment")),
    ("not_viable_market", "The feasibility study found the local market already saturated.",
     ("Look at the neighbouring towns' markets", "Bookkeeping training")),
    ("other_programme_fits", "The national youth employment programme grants this kind of "
     "project.", ("Apply to the youth employment programme",)),
)  # fmt: skip


@dataclass(frozen=True)
class Owner:
    """The entrepreneur of a story, as their profile says."""

    full_name: str
    gender: str
    residence: str
    origin: str
    diaspora: bool


@dataclass(frozen=True)
class Story:
    """An entrepreneur, their case's steps in order, and how far the case came."""

    owner: Owner
    ending: str
    steps: tuple[s.Step, ...]


def portfolio_stories(today: date, seed: int = SEED) -> list[Story]:
    """The demo portfolio's stories as they stand on `today`."""
    rng = random.Random(seed)  # noqa: S311  (made-up stories, not secrets)
    taken: set[str] = set()
    stories = [
        _story(rng, ending, ENDINGS[:index].count(ending), today, taken)
        for index, ending in enumerate(ENDINGS)
    ]
    # Opened in this order, so that the cases' references follow their opening days.
    return sorted(stories, key=lambda story: story.steps[0].at)


def _story(rng: random.Random, ending: str, nth: int, today: date, taken: set[str]) -> Story:
    idea = rng.choice(IDEAS)
    country = COUNTRIES[rng.choice(idea.countries)]
    owner = _owner(rng, country, taken)
    town = rng.choice(country.towns)
    days = _durations(rng, ending, nth)
    clock = _Clock(rng, today - timedelta(days=sum(days.values())))
    opening = s.Open(idea.title.format(town=town), idea.sector.value, country.code,
                     idea.summary.format(town=town))  # fmt: skip
    story = [clock.now(opening)]
    proceed = not (ending == "reoriented" and nth < 2)
    passes = proceed and ending != "reception" and not (ending == "withdrawn" and nth == 0)
    course, provider = rng.choice(TRAININGS)
    training = days["reception"] > 30 or (ending == "reception" and nth % 2 == 0)
    reception = _reception_work(rng, proceed)
    if training:
        reception.insert(2, s.Train(course, provider))
        if passes:
            reception.append(s.Train(course, provider, completed=True))
    story += clock.over(days["reception"], reception)
    if not passes:
        return _ending(owner, ending, story, _leave(rng, clock, ending, nth))
    story.append(clock.now(s.Move("support")))
    start_on = clock.day + timedelta(days=days["support"] + days["linkage"] + rng.randint(5, 25))
    in_euros = owner.diaspora and idea.sector.value == "digital"
    plan = investment_plan(
        rng, idea, country, diaspora=owner.diaspora, in_euros=in_euros, start_on=start_on
    )
    story += clock.over(days["support"], _support_work(rng, idea, town, plan, ending, nth))
    if ending not in _PAST_SUPPORT:
        return _ending(owner, ending, story, _leave(rng, clock, ending, nth))
    story.append(clock.now(s.Move("linkage")))
    passes = ending != "linkage"
    work = linkage_referrals(rng, country.code, plan, passes=passes, nth=nth)
    story += clock.over(days["linkage"], [*work, *_logs(rng, "linkage")])
    if not passes:
        return _ending(owner, ending, story, [])
    story.append(clock.now(s.Move("follow_up")))
    entered = clock.day
    months = 24 if days["follow_up"] > 330 and ending == "follow_up" else 12
    until = entered + timedelta(days=round(months * _DAYS_PER_MONTH))
    story.append(clock.now(s.FollowUpUntil(until)))
    as_of = entered + timedelta(days=days["follow_up"])
    completed = ending == "completed"
    lender = follow_up_referrals(rng, country.code, plan, completed=completed)
    work = [*lender, *_logs(rng, "follow_up")]
    story += clock.over(days["follow_up"], work)
    story += reports(rng, plan, as_of)
    overdue = 1 if ending == "follow_up" and nth % 3 == 1 else 0
    story.append(clock.at(_noon(as_of), s.CloseMilestones(as_of, rng.randint(1, 12), overdue)))
    if completed:
        clock.day = as_of + timedelta(days=rng.randint(1, 10))
        story.append(clock.now(s.Move("completed")))
    return _ending(owner, ending, story, [])


def _ending(owner: Owner, ending: str, story: list[s.Step], last: list[s.Step]) -> Story:
    # In time order: a step dated by the story itself (a report) finds its place.
    return Story(owner, ending, tuple(sorted([*story, *last], key=lambda step: step.at)))


def _durations(rng: random.Random, ending: str, nth: int) -> dict[str, int]:
    """Days spent at each stage reached, and since the last step (the whole span: their sum)."""
    # A reoriented case left from reception (the first two) or support; a withdrawn one too.
    first_from_support = 2 if ending == "reoriented" else 1
    reached = _REACHED.get(ending, 2 if nth >= first_from_support else 1)
    days = {
        "reception": rng.randint(7, 40),
        "support": rng.randint(35, 120) if reached > 1 else 0,
        "linkage": rng.randint(14, 70) if reached > 2 else 0,
        "follow_up": 0,
        "since": rng.randint(3, 30),
    }
    if ending == "follow_up":
        # Spread, so that some cases have a year or more of follow-up behind them.
        days["follow_up"] = 30 + nth * 62 + rng.randint(0, 30)
    if ending == "completed":
        days["follow_up"] = round(12 * _DAYS_PER_MONTH)
        days["since"] = 20 + nth * 40 + rng.randint(0, 30)
    if ending == "reoriented":
        days["since"] = rng.randint(70, 200)  # the outcome is learnt a month or two later
    return days


def _owner(rng: random.Random, country: Country, taken: set[str]) -> Owner:
    while True:
        gender = rng.choice(("woman", "man"))
        first = rng.choice(country.women if gender == "woman" else country.men)
        name = f"{first} {rng.choice(country.surnames)}"
        if name not in taken:
            taken.add(name)
            break
    diaspora = rng.random() < 0.55
    residence = rng.choice(RESIDENCES) if diaspora else country.code
    return Owner(name, gender, residence, country.code, diaspora)


def _reception_work(rng: random.Random, proceed: bool) -> list[s.Action]:
    low, high = (2, 5) if proceed else (0, 2)
    scores = {key: rng.randint(low, high) for key in _CRITERIA}
    assessment = {
        "criteria": scores,
        "training_required": False,  # a course is required by its enrolment, if any
        "decision": "proceed" if proceed else "reorient",
        "notes": rng.choice(ASSESSMENT_NOTES) if proceed else "Not ready to run it yet.",
    }
    return [
        s.LogTime(rng.choice((45, 60, 75, 90)), "Information session and first interview"),
        s.Assess(assessment),
        s.LogTime(rng.choice((60, 90, 120)), "Assessment of the project leader"),
    ]


def _support_work(
    rng: random.Random, idea: Idea, town: str, plan: s.Body, ending: str, nth: int
) -> list[s.Action]:
    # The first version's sales were too hopeful; the entrepreneur revised them after review.
    hopeful = {**plan, "revenues": [round(r * 1.25, -3) for r in plan["revenues"]]}
    under_way = ending in ("support", "on_hold", "withdrawn") and nth % 2 == 0
    conclusion = "not_viable" if ending == "reoriented" else "viable"
    study = feasibility_study(
        idea, town, complete=not under_way, conclusion="pending" if under_way else conclusion
    )
    return [
        s.LogTime(rng.choice((90, 120, 150)), "Business plan coaching"),
        s.SavePlan(hopeful),
        s.LogTime(rng.choice((60, 90)), "Review of the investment plan with the entrepreneur"),
        s.SavePlan(plan, approve=not under_way),
        s.LogTime(rng.choice((120, 180, 240)), "Site visit"),
        s.Study(study),
        s.LogTime(rng.choice((60, 90, 120)), "Feasibility study review"),
    ]


def _leave(rng: random.Random, clock: "_Clock", ending: str, nth: int) -> list[s.Step]:
    """How a case that stops short leaves: reoriented, withdrawn, on hold; or it waits."""
    if ending == "on_hold":
        reason = "The entrepreneur is abroad until the harvest season; the plan resumes then."
        return [clock.now(s.Move("on_hold", reason))]
    if ending == "withdrawn":
        return [clock.now(s.Move("withdrawn", WITHDRAWALS[nth % len(WITHDRAWALS)]))]
    if ending != "reoriented":
        return []
    code, reason, ideas = REORIENTATIONS[nth if nth < 2 else 2 + nth % 2]
    left = [clock.now(s.Move("reorientation", reason, ideas, code))]
    if nth < len(_OUTCOMES):
        clock.day += timedelta(days=rng.randint(30, 60))
        left.append(clock.now(s.Outcome(*_OUTCOMES[nth])))
    return left


_OUTCOMES = (
    ("took_up_activity", "Started an apprenticeship with an established business."),
    ("employed", "Hired as a sales agent by a local distributor."),
    ("no_news", "Two calls unanswered."),
)


def _logs(rng: random.Random, stage: str) -> list[s.Action]:
    activities = {
        "linkage": (("Partner dossier preparation", (60, 90, 120)),
                    ("Meeting with the partner", (45, 60, 90)),
                    ("Call to the partner", (15, 20, 30))),
        "follow_up": (("Follow-up visit", (90, 120, 180)), ("Phone follow-up", (15, 20, 30)),
                      ("Review of the reported figures", (30, 45, 60))),
    }[stage]  # fmt: skip
    return [s.LogTime(rng.choice(minutes), activity) for activity, minutes in activities]


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), UTC)


class _Clock:
    """The story's calendar: each step at a working hour, never before the step before it."""

    def __init__(self, rng: random.Random, opened: date) -> None:
        self.rng, self.day = rng, opened
        self.last = _noon(opened - timedelta(days=1))

    def now(self, action: s.Action) -> s.Step:
        """The action, today at a working hour (after the last step, if that was today)."""
        hour = time(self.rng.randint(8, 16), self.rng.choice((0, 15, 30, 45)))
        when = datetime.combine(self.day, hour, UTC)
        self.last = max(when, self.last + timedelta(minutes=self.rng.randint(10, 40)))
        return s.Step(self.last, action)

    def at(self, when: datetime, action: s.Action) -> s.Step:
        """The action at a time the story set."""
        return s.Step(when, action)

    def over(self, days: int, actions: list[s.Action]) -> list[s.Step]:
        """The actions spread evenly over the next `days` days, which then have passed."""
        start = self.day
        spread = []
        for index, action in enumerate(actions, start=1):
            self.day = start + timedelta(days=days * index // (len(actions) + 1))
            spread.append(self.now(action))
        self.day = start + timedelta(days=days)
        return spread
