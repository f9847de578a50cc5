"""A demo reception unit: example partners, staff, and entrepreneurs with cases at every stage.

A handful of cases go through the same transition flows as real work, so that their
flow runs show in the Prefect UI like any other. The portfolio behind them, a few
dozen cases with months of history, is written through the services alone, in
seconds (`demo.portfolio`). The accounts' passwords are made once, at the first load
(see `demo.accounts`).
"""

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from casework.actors import Actor
from casework.database import open_session
from casework.models import Case, User
from casework.models.columns import utc_now
from casework.services import partners, training
from casework.services.cases import CaseCreate, open_case
from casework.services.intake import IntakeInput, record_intake
from casework.services.transitions import Reorientation
from casework.services.users import ProfileInput, RegistrationInput, create_user
from casework.settings import get_settings
from casework.vocabulary import Role, Stage
from demo.accounts import (
    DemoPerson,
    draw_password,
    in_reading_order,
    write_demo_accounts,
)
from demo.catalogue import COUNTRIES, IDEAS
from demo.guides import write_guides
from demo.languages import preferred_language
from demo.plans import investment_plan
from demo.portfolio import portfolio_entrepreneurs, write_portfolio
from demo.stories import portfolio_stories
from flows.launcher import request_transition
from journey.in_process import InProcessDriver
from journey.steps import ASSESSMENT, take_case

DEMO_DOMAIN = "demo.casework.example"
ADVISORS = (
    (f"advisor@{DEMO_DOMAIN}", "Awa Ndiaye"),
    (f"advisor2@{DEMO_DOMAIN}", "Ibrahima Fall"),
    (f"advisor3@{DEMO_DOMAIN}", "Claire Dubois"),
)

# fmt: off
PARTNERS: list[dict[str, Any]] = [
    # CDE and BIO as the Belgian policy paper describes them (GFMD 2007, roundtable 2.4).
    {"name": "CDE (example)", "kind": "technical",
     "services": ["feasibility_study", "technical_assistance", "field_assistance"],
     "languages": ["fr", "en"],
     "description": "Centre for the Development of Enterprise: feasibility studies, technical "
                    "assistance and field assistance for the projects the unit redirects to it."},
    {"name": "BIO (example)", "kind": "both", "services": ["feasibility_study", "loan", "equity"],
     "ticket_min_eur": 250_000, "ticket_max_eur": 5_000_000, "languages": ["fr", "nl", "en"],
     "description": "Belgian Investment Company for Developing Countries: feasibility studies "
                    "and funding."},
    {"name": "Sahel Microfinance (example)", "kind": "financial", "services": ["microcredit"],
     "countries": ["SN", "ML", "BF"], "ticket_min_eur": 500, "ticket_max_eur": 25_000,
     "languages": ["fr", "wo"], "description": "Microcredit for small businesses in the Sahel.",
     "contact": {"name": "Fatou Sarr", "email": "credit@sahel-microfinance.example",
                 "website": "https://sahel-microfinance.example"}},
    {"name": "Diaspora Meso-Credit Fund (example)", "kind": "financial",
     "services": ["meso_credit", "guarantee"], "ticket_min_eur": 10_000,
     "ticket_max_eur": 250_000, "languages": ["fr", "en"],
     "description": "Meso-credit and loan guarantees for diaspora projects too large for "
                    "microfinance and too small for banks.",
     "contact": {"email": "loans@meso-fund.example", "phone": "+32 2 555 01 23"}},
    # Services outside the vocabulary are kept and shown as written.
    {"name": "Diaspora Business Network (example)", "kind": "technical",
     "services": ["mentoring", "market introductions"], "languages": ["en", "fr"],
     "description": "Entrepreneurs of the diaspora who mentor newcomers and open their networks."},
    {"name": "Atlas Microcredit (example)", "kind": "financial", "services": ["microcredit"],
     "countries": ["MA", "TN"], "ticket_min_eur": 300, "ticket_max_eur": 25_000,
     "languages": ["ar", "fr"], "description": "Microcredit for craft and farm businesses."},
    {"name": "Gulf of Guinea Microfinance (example)", "kind": "financial",
     "services": ["microcredit"], "countries": ["CI", "CM"], "ticket_min_eur": 300,
     "ticket_max_eur": 25_000, "languages": ["fr", "en"],
     "description": "Microcredit and savings for market traders and small workshops."},
    {"name": "Coastal Commercial Bank (example)", "kind": "financial",
     "services": ["loan", "guarantee"], "countries": ["SN", "ML", "CI", "CM", "MA", "TN"],
     "ticket_min_eur": 20_000, "ticket_max_eur": 1_000_000, "languages": ["fr", "en"],
     "description": "Investment loans for established small firms."},
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

# The idea of the catalogue each flow-driven project's plan is drawn from (those that
# reach the support stage's plan), in its country's currency.
PLAN_IDEAS = {
    "Cold storage for fishers": "Solar cold room in {town}",
    "Solar irrigation pumps": "Drip irrigation for market gardens near {town}",
    "Wax-print fabric stall": "Wax-print and fabric stall in {town}",
}

# What some of them said at intake (every answer optional; none is ever weighed).
INTAKES: dict[str, dict[str, Any]] = {
    "Cold storage for fishers": {
        "reasons": ["preparing_return", "creating_jobs_at_home"],
        "sector_experience_years": 8, "own_contribution_eur": 15_000,
        "sector_experience": "Eight years in a fish wholesaler's cold store in Ostend.",
        "networks": {"family": "Her uncle is a boat owner in Mbour.",
                     "diaspora_associations": ["Senegalese women of Brussels"]},
        "mobility": "return", "residence_status": "citizen",
    },
    "Solar irrigation pumps": {
        "reasons": ["investment", "creating_jobs_at_home"], "sector_experience_years": 12,
        "skills_from_abroad": "Installs solar panels for a firm in Lyon.",
        "mobility": "stay_abroad", "residence_status": "long_term_resident",
    },
    "Neighbourhood bakery": {
        "reasons": ["supporting_family"], "own_contribution_eur": 4_000,
        "networks": {"family": "His sister would run the shop day to day."},
        "mobility": "test_period", "residence_status": "temporary_permit",
    },
    "Shea butter cooperative": {
        "reasons": ["creating_jobs_at_home"], "sector_experience_years": 15,
        "networks": {"partners_in_contact": ["Women's shea union of Koutiala"]},
    },
}

WEAK = {"trade_experience": 1, "management_skills": 1, "local_knowledge": 2,
        "own_contribution": 0, "repayment_capacity": 1, "financial_literacy": 1,
        "commitment": 3, "clarity_of_goal": 3, "resilience": 1}

# fmt: on


@dataclass(frozen=True)
class Cast:
    """Who acts on a demo case."""

    advisor: Actor
    entrepreneur: Actor


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
    stories = portfolio_stories(utc_now().date())
    with open_session() as session:
        for partner in PARTNERS:
            partners.add_partner(partners.PartnerInput(**partner, is_example=True), session=session)
        advisors = [
            _account(session, people, email, name, Role.ADVISOR) for email, name in ADVISORS
        ]
        manager = _account(session, people, f"manager@{DEMO_DOMAIN}", "Moussa Sow", Role.MANAGER)
        # Before any case is opened: each gains the guides of its country.
        write_guides(manager, utc_now().date(), session=session)
        owners = [
            _entrepreneur(session, people, number, *project[:5])
            for number, project in enumerate(PROJECTS, start=1)
        ]
        emails = [
            f"entrepreneur{number}@{DEMO_DOMAIN}"
            for number in range(len(PROJECTS) + 1, len(PROJECTS) + len(stories) + 1)
        ]
        portfolio = portfolio_entrepreneurs(stories, emails, draw_password(), session=session)
        # Written before the accounts commit: should the write fail, no account is left
        # with a password nobody was ever shown. The portfolio's entrepreneurs, who share
        # one password, are in the file but not in the answer (dozens of lines to print).
        everyone = [*people, *(person for person, _ in portfolio)]
        write_demo_accounts(accounts_file, everyone, database_url=get_settings().database_url)
        session.commit()
        directory = {p.name: p.id for p in partners.list_partners(session=session)}
    # The portfolio first: its cases were opened before today's, and it is written while
    # no dossier print competes with it.
    write_portfolio(stories, [actor for _, actor in portfolio], advisors, directory)
    for owner, (name, *_, title, sector, country, stage) in zip(owners, PROJECTS, strict=True):
        _take_case(name, title, sector, country, stage, cast=Cast(advisors[0], owner))
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
    return Actor(user.id, role, user.full_name, user.unit_id)


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
            "preferred_language": preferred_language(residence),
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
        if title in INTAKES:
            answers = IntakeInput.model_validate(INTAKES[title])
            record_intake(case, answers, cast.entrepreneur, session=session)
        session.commit()
        driver = InProcessDriver(case.id, case.reference, cast.advisor, cast.entrepreneur)
    if stage == "reception":
        _plan_training(driver)
    elif stage == "reoriented":
        notes = "Import licence out of reach for now."
        driver.assess({**ASSESSMENT, "criteria": WEAK, "decision": "reorient", "notes": notes})
        reason = "Imports need a licence and capital beyond the project's reach."
        ideas = ["Mechanics training with a local garage", "Revisit as a spare-parts shop"]
        request_transition(
            "reorientation",
            case_id=driver.case_id,
            reference=driver.reference,
            actor_id=cast.advisor.id,
            reorientation=Reorientation(reason, ideas),
        )
    else:
        take_case(driver, Stage(stage), _own_plan(title, country))


def _own_plan(title: str, country: str) -> dict[str, Any] | None:
    """The project's own plan, drawn from its idea, in its country's currency (None: none)."""
    idea_title = PLAN_IDEAS.get(title)
    if idea_title is None:
        return None
    [idea] = [idea for idea in IDEAS if idea.title == idea_title]
    diaspora = next(project[4] for project in PROJECTS if project[5] == title)
    rng = random.Random(title)  # noqa: S311  (a made-up plan, not a secret)
    return investment_plan(
        rng, idea, COUNTRIES[country], diaspora=diaspora, in_euros=False, start_on=utc_now().date()
    )


def _plan_training(driver: InProcessDriver) -> None:
    course = training.TrainingInput(
        course="Bookkeeping for small firms", provider="Chamber of commerce"
    )
    with open_session() as session:
        case = session.get(Case, driver.case_id)
        assert case is not None
        training.add_training(case, course, driver.advisor.id, session=session)
        session.commit()
