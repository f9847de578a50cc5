"""A demo reception unit: example partners, staff, and entrepreneurs with cases at every stage.

Every step goes through the same services and transition flows as real work, so
the demo's flow runs show in the Prefect UI like any other. The accounts' passwords
are made once, at the first load (see `flows.demo_accounts`).
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from casework.actors import Actor
from casework.database import open_session
from casework.investment_plan import InvestmentPlan
from casework.models import Case, User
from casework.models.columns import utc_now
from casework.services import feasibility, follow_up, linkage, plans, reception, training
from casework.services.cases import CaseCreate, open_case
from casework.services.transitions import Reorientation
from casework.services.users import ProfileInput, RegistrationInput, create_user
from casework.settings import get_settings
from casework.vocabulary import FeasibilitySection, Role, SectionStatus
from flows.demo_accounts import (
    DemoPerson,
    draw_password,
    in_reading_order,
    write_demo_accounts,
)
from flows.launcher import request_transition

DEMO_DOMAIN = "demo.casework.example"
PATH = ("support", "linkage", "follow_up", "completed")

# fmt: off
PARTNERS: list[dict[str, Any]] = [
    {"name": "CDE (example)", "kind": "technical",
     "services": ["feasibility studies", "technical assistance", "field assistance"]},
    {"name": "BIO (example)", "kind": "both", "services": ["feasibility studies", "funding"],
     "ticket_min_eur": 250_000, "ticket_max_eur": 5_000_000},
    {"name": "Sahel Microfinance (example)", "kind": "financial", "services": ["microcredit"],
     "countries": ["SN", "ML", "BF"], "ticket_min_eur": 500, "ticket_max_eur": 25_000},
    {"name": "Diaspora Meso-Credit Fund (example)", "kind": "financial",
     "services": ["meso_credit", "loan guarantees"], "ticket_min_eur": 10_000,
     "ticket_max_eur": 250_000},
    {"name": "Diaspora Business Network (example)", "kind": "technical",
     "services": ["mentoring", "market introductions"]},
]

# owner, gender, residence, origin, diaspora, title, sector, country, how far the demo takes it
PROJECTS: list[tuple[str, str, str, str, bool, str, str, str, str]] = [
    ("Aminata Diallo", "woman", "BE", "SN", True, "Cold storage for fishers", "agri_food",
     "SN", "completed"),
    ("Youssef El Amrani", "man", "FR", "MA", True, "Solar irrigation pumps", "energy",
     "MA", "follow_up"),
    ("Grace Mbarga", "woman", "CM", "CM", False, "Wax-print fabric stall", "informal_trade",
     "CM", "linkage"),
    ("Jean Kabila", "man", "BE", "CD", True, "Neighbourhood bakery", "agri_food",
     "CD", "support"),
    ("Mariam Traoré", "woman", "ML", "ML", False, "Shea butter cooperative", "agriculture",
     "ML", "reception"),
    ("Koffi Mensah", "man", "NL", "GH", True, "Second-hand car import", "transport",
     "GH", "reoriented"),
]

STRONG = {"trade_experience": 5, "management_skills": 3, "local_knowledge": 4,
          "own_contribution": 3, "repayment_capacity": 3, "financial_literacy": 3,
          "commitment": 5, "clarity_of_goal": 4, "resilience": 3}
WEAK = {"trade_experience": 1, "management_skills": 1, "local_knowledge": 2,
        "own_contribution": 0, "repayment_capacity": 1, "financial_literacy": 1,
        "commitment": 3, "clarity_of_goal": 3, "resilience": 1}

PLAN: dict[str, Any] = {
    "currency": "XOF", "eur_rate": 655.957, "horizon_years": 5, "discount_rate": 0.10,
    "investments": [{"label": "Cold room and generator", "year": 0, "amount": 30_000_000,
                     "useful_life_years": 10, "salvage_value": 3_000_000}],
    "revenues": [16e6, 22e6, 26e6, 28e6, 28e6],
    "operating_costs": [10e6, 12e6, 14e6, 15e6, 15e6],
    "financing": [{"source": "own_funds", "amount": 6_000_000},
                  {"source": "family_and_diaspora", "amount": 4_000_000},
                  {"source": "meso_credit", "amount": 20_000_000, "interest_rate": 0.09,
                   "term_years": 4, "grace_years": 1}],
}
# fmt: on


@dataclass(frozen=True)
class Cast:
    """Who acts on a demo case."""

    advisor: Actor
    entrepreneur: Actor


Step = Callable[[Session, Case, Cast], object]


def load_demo_unit(accounts_file: Path) -> list[DemoPerson]:
    """Load the demo unit once, keeping the passwords made then in `accounts_file`.

    Answers the accounts made now: none when the store already holds the demo, whose
    passwords then stay as they were.
    """
    with open_session() as session:
        loaded = session.exec(select(User).where(User.email == f"advisor@{DEMO_DOMAIN}")).first()
    if loaded is not None:
        return []
    return _build(accounts_file)


def _build(accounts_file: Path) -> list[DemoPerson]:
    people: list[DemoPerson] = []
    with open_session() as session:
        for partner in PARTNERS:
            linkage.add_partner(linkage.PartnerInput(**partner, is_example=True), session=session)
        advisor = _account(session, people, f"advisor@{DEMO_DOMAIN}", "Awa Ndiaye", Role.ADVISOR)
        _account(session, people, f"manager@{DEMO_DOMAIN}", "Moussa Sow", Role.MANAGER)
        owners = [
            _entrepreneur(session, people, number, *project[:5])
            for number, project in enumerate(PROJECTS, start=1)
        ]
        # Written before the accounts commit: should the write fail, no account is left
        # with a password nobody was ever shown.
        write_demo_accounts(accounts_file, people, database_url=get_settings().database_url)
        session.commit()
    for owner, (name, *_, title, sector, country, stage) in zip(owners, PROJECTS, strict=True):
        _take_case(name, title, sector, country, stage, cast=Cast(advisor, owner))
    return in_reading_order(people)


def _account(
    session: Session,
    people: list[DemoPerson],
    email: str,
    name: str,
    role: Role,
    profile: ProfileInput | None = None,
) -> Actor:
    password = draw_password()
    data = RegistrationInput(email=email, full_name=name, password=password, profile=profile)
    user = create_user(data, role, session=session)
    people.append(DemoPerson(user.email, user.role, user.full_name, password))
    return Actor(user.id, role, user.full_name)


def _entrepreneur(
    session: Session,
    people: list[DemoPerson],
    number: int,
    owner: str,
    gender: str,
    residence: str,
    origin: str,
    diaspora: bool,
) -> Actor:
    profile = ProfileInput.model_validate(
        {
            "gender": gender,
            "country_of_residence": residence,
            "country_of_origin": origin,
            "diaspora": diaspora,
        }
    )
    email = f"entrepreneur{number}@{DEMO_DOMAIN}"
    return _account(session, people, email, owner, Role.ENTREPRENEUR, profile)


def _take_case(
    owner: str, title: str, sector: str, country: str, stage: str, *, cast: Cast
) -> None:
    with open_session() as session:
        proposal = {
            "title": title,
            "sector": sector,
            "country": country,
            "summary": f"{owner}'s project: {title.lower()}.",
            "entrepreneur_id": cast.entrepreneur.id,
        }
        case = open_case(CaseCreate.model_validate(proposal), cast.advisor, session=session)
        session.commit()
        case_id, reference = case.id, case.reference
    advisor = cast.advisor
    if stage == "reception":
        _do(case_id, cast, _plan_training)
    elif stage == "reoriented":
        _do(case_id, cast, _assess_weak)
        reason = "Imports need a licence and capital beyond the project's reach."
        ideas = ["Mechanics training with a local garage", "Revisit as a spare-parts shop"]
        request_transition(
            "reorientation",
            case_id=case_id,
            reference=reference,
            actor_id=advisor.id,
            reorientation=Reorientation(reason, ideas),
        )
    else:
        for target in PATH[: PATH.index(stage) + 1]:
            for step in PREPARATION[target]:
                _do(case_id, cast, step)
            request_transition(target, case_id=case_id, reference=reference, actor_id=advisor.id)


def _do(case_id: uuid.UUID, cast: Cast, step: Step) -> None:
    with open_session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        step(session, case, cast)
        session.commit()


def _plan_training(session: Session, case: Case, cast: Cast) -> None:
    course = training.TrainingInput(
        course="Bookkeeping for small firms", provider="Chamber of commerce"
    )
    training.add_training(case, course, cast.advisor.id, session=session)


def _assess(criteria: dict[str, int], decision: str, notes: str) -> Step:
    body = reception.AssessmentInput.model_validate(
        {"criteria": criteria, "training_required": False, "decision": decision, "notes": notes}
    )
    return lambda session, case, cast: reception.save_assessment(
        case, body, cast.advisor, session=session
    )


_assess_strong = _assess(STRONG, "proceed", "Solid experience in the trade.")
_assess_weak = _assess(WEAK, "reorient", "Import licence out of reach for now.")


def _write_plan(session: Session, case: Case, cast: Cast) -> None:
    plan = InvestmentPlan.model_validate(PLAN)
    plans.save_plan(case, plan, cast.entrepreneur, session=session)
    session.flush()
    plans.approve_plan(case, cast.entrepreneur, session=session)


def _conclude_feasibility(session: Session, case: Case, cast: Cast) -> None:
    sections = {
        key: feasibility.SectionInput(
            text=f"{key.value.replace('_', ' ').capitalize()}: reviewed with the entrepreneur.",
            status=SectionStatus.COMPLETE,
        )
        for key in FeasibilitySection
    }
    body = feasibility.FeasibilityInput.model_validate(
        {"sections": sections, "conclusion": "viable"}
    )
    feasibility.save_feasibility(case, body, cast.advisor, session=session)


def _refer_to_best_match(session: Session, case: Case, cast: Cast) -> None:
    best = linkage.match_partners(case, session=session)[0]
    purpose = linkage.ReferralInput(partner_id=best.partner_id, purpose="Technical assistance")
    referral = linkage.create_referral(case, purpose, cast.advisor.id, session=session)
    for status in ("sent", "accepted"):
        update = linkage.ReferralUpdate.model_validate({"status": status})
        linkage.update_referral(case, referral.id, update, cast.advisor.id, session=session)


def _close_follow_up(session: Session, case: Case, cast: Cast) -> None:
    today = utc_now().date()
    planned = follow_up.MilestoneInput(title="Equipment running", due_date=today - timedelta(30))
    milestone = follow_up.add_milestone(case, planned, cast.advisor.id, session=session)
    session.flush()
    done = follow_up.MilestoneUpdate(done_on=today, note="Running since last month.")
    follow_up.update_milestone(case, milestone.id, done, cast.advisor.id, session=session)
    period = follow_up.FollowUpPeriodInput(until=today)
    follow_up.set_follow_up_period(case, period, cast.advisor.id, session=session)


PREPARATION: dict[str, list[Step]] = {
    "support": [_assess_strong],
    "linkage": [_write_plan, _conclude_feasibility],
    "follow_up": [_refer_to_best_match],
    "completed": [_close_follow_up],
}
