"""A demo reception unit: example partners, staff, and entrepreneurs with cases at every stage.

Every step goes through the same services and transition flows as real work, so
the demo's flow runs show in the Prefect UI like any other.
"""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from casework.actors import Actor
from casework.database import open_session
from casework.investment_plan import InvestmentPlan
from casework.models import Case, User
from casework.passwords import hash_password
from casework.services import feasibility, follow_up, linkage, plans, reception
from casework.services.cases import CaseCreate, open_case
from casework.services.transitions import Reorientation
from casework.services.users import ProfileInput, RegistrationInput, create_user
from casework.vocabulary import FeasibilitySection, Role
from flows.launcher import request_transition

DEMO_DOMAIN = "demo.casework.example"

PARTNERS: list[dict[str, Any]] = [
    {
        "name": "CDE (example)",
        "kind": "technical",
        "services": ["feasibility studies", "technical assistance", "field assistance"],
    },
    {
        "name": "BIO (example)",
        "kind": "both",
        "services": ["feasibility studies", "funding"],
        "ticket_min_eur": 250_000,
        "ticket_max_eur": 5_000_000,
    },
    {
        "name": "Sahel Microfinance (example)",
        "kind": "financial",
        "services": ["microcredit"],
        "countries": ["SN", "ML", "BF"],
        "ticket_min_eur": 500,
        "ticket_max_eur": 25_000,
    },
    {
        "name": "Diaspora Meso-Credit Fund (example)",
        "kind": "financial",
        "services": ["meso_credit", "loan guarantees"],
        "ticket_min_eur": 10_000,
        "ticket_max_eur": 250_000,
    },
    {
        "name": "Diaspora Business Network (example)",
        "kind": "technical",
        "services": ["mentoring", "market introductions"],
    },
]


@dataclass(frozen=True)
class DemoPerson:
    """A demo account, as printed once for whoever runs the demo."""

    email: str
    role: str
    full_name: str
    password: str


@dataclass(frozen=True)
class DemoProject:
    owner: str
    gender: str
    residence: str
    origin: str
    diaspora: bool
    title: str
    sector: str
    country: str
    stage: str  # how far the demo takes it; "reoriented" for the reorientation exit


PROJECTS = [
    DemoProject(
        "Aminata Diallo",
        "woman",
        "BE",
        "SN",
        True,
        "Cold storage for Mbour fishers",
        "agri_food",
        "SN",
        "completed",
    ),
    DemoProject(
        "Youssef El Amrani",
        "man",
        "FR",
        "MA",
        True,
        "Solar irrigation pumps",
        "energy",
        "MA",
        "follow_up",
    ),
    DemoProject(
        "Grace Mbarga",
        "woman",
        "CM",
        "CM",
        False,
        "Wax-print fabric stall",
        "informal_trade",
        "CM",
        "linkage",
    ),
    DemoProject(
        "Jean Kabila", "man", "BE", "CD", True, "Neighbourhood bakery", "agri_food", "CD", "support"
    ),
    DemoProject(
        "Mariam Traoré",
        "woman",
        "ML",
        "ML",
        False,
        "Shea butter cooperative",
        "agriculture",
        "ML",
        "reception",
    ),
    DemoProject(
        "Koffi Mensah",
        "man",
        "NL",
        "GH",
        True,
        "Second-hand car import",
        "transport",
        "GH",
        "reoriented",
    ),
]


def load_demo_unit() -> list[DemoPerson]:
    """Load the demo unit (once), and give every demo account a fresh password."""
    with open_session() as session:
        loaded = session.exec(select(User).where(User.email == f"advisor@{DEMO_DOMAIN}")).first()
    if loaded is None:
        _build()
    return _fresh_passwords()


def _fresh_passwords() -> list[DemoPerson]:
    people = []
    with open_session() as session:
        for user in session.exec(select(User).where(col(User.email).endswith(DEMO_DOMAIN))).all():
            password = secrets.token_urlsafe(12)
            user.password_hash = hash_password(password)
            session.add(user)
            people.append(DemoPerson(user.email, user.role, user.full_name, password))
        session.commit()
    return sorted(people, key=lambda p: (p.role != "manager", p.role != "advisor", p.email))


def _account(
    session: Session, email: str, name: str, role: Role, profile: ProfileInput | None = None
) -> User:
    # The real password is drawn later, with the others, so it can be printed once.
    data = RegistrationInput(
        email=email, full_name=name, password=secrets.token_urlsafe(16), profile=profile
    )
    return create_user(data, role, session=session)


def _build() -> None:
    with open_session() as session:
        for partner in PARTNERS:
            linkage.add_partner(linkage.PartnerInput(**partner, is_example=True), session=session)
        advisor = _account(session, f"advisor@{DEMO_DOMAIN}", "Awa Ndiaye", Role.ADVISOR)
        _account(session, f"manager@{DEMO_DOMAIN}", "Moussa Sow", Role.MANAGER)
        session.commit()
        staff = Actor(advisor.id, Role.ADVISOR, advisor.full_name)
    for number, project in enumerate(PROJECTS, start=1):
        _take_case(project, number, staff)


def _take_case(project: DemoProject, number: int, staff: Actor) -> None:
    with open_session() as session:
        profile = ProfileInput(
            gender=project.gender,
            country_of_residence=project.residence,
            country_of_origin=project.origin,
            diaspora=project.diaspora,
        )
        owner = _account(
            session,
            f"entrepreneur{number}@{DEMO_DOMAIN}",
            project.owner,
            Role.ENTREPRENEUR,
            profile,
        )
        case = open_case(
            CaseCreate(
                title=project.title,
                sector=project.sector,
                country=project.country,
                summary=f"{project.owner}'s project: {project.title.lower()}.",
                entrepreneur_id=owner.id,
            ),
            staff,
            session=session,
        )
        session.commit()
        entrepreneur = Actor(owner.id, Role.ENTREPRENEUR, owner.full_name)
        case_id, reference = case.id, case.reference
    if project.stage == "reception":
        return
    path = ["support", "linkage", "follow_up", "completed"]
    if project.stage == "reoriented":
        _step(
            case_id,
            staff,
            lambda s, c: reception.save_assessment(
                c,
                reception.AssessmentInput(
                    technical=1,
                    financial=1,
                    motivation=3,
                    training_required=True,
                    decision="reorient",
                    notes="Import licence out of reach for now.",
                ),
                staff,
                session=s,
            ),
        )
        request_transition(
            "reorientation",
            case_id=case_id,
            reference=reference,
            actor_id=staff.id,
            reorientation=Reorientation(
                "Imports need a licence and capital beyond the project's reach.",
                [
                    "Mechanics training with a local garage",
                    "Revisit as a spare-parts shop in a year",
                ],
            ),
        )
        return
    for target in path[: path.index(project.stage) + 1]:
        _prepare(target, case_id, staff, entrepreneur)
        request_transition(target, case_id=case_id, reference=reference, actor_id=staff.id)


def _step(case_id: Any, actor: Actor, work: Any) -> None:
    with open_session() as session:
        case = session.get(Case, case_id)
        work(session, case)
        session.commit()


def _prepare(target: str, case_id: Any, staff: Actor, entrepreneur: Actor) -> None:
    today = date.today()
    if target == "support":
        _step(
            case_id,
            staff,
            lambda s, c: reception.save_assessment(
                c,
                reception.AssessmentInput(
                    technical=4,
                    financial=3,
                    motivation=5,
                    training_required=False,
                    decision="proceed",
                    notes="Solid experience in the trade.",
                ),
                staff,
                session=s,
            ),
        )
    elif target == "linkage":
        _step(
            case_id,
            entrepreneur,
            lambda s, c: plans.save_plan(
                c, InvestmentPlan.model_validate(_demo_plan()), entrepreneur, session=s
            ),
        )
        _step(case_id, entrepreneur, lambda s, c: plans.approve_plan(c, entrepreneur, session=s))
        sections = {
            k: feasibility.SectionInput(
                text=f"{k.value.replace('_', ' ').capitalize()}: reviewed with the entrepreneur.",
                status="complete",
            )
            for k in FeasibilitySection
        }
        _step(
            case_id,
            staff,
            lambda s, c: feasibility.save_feasibility(
                c,
                feasibility.FeasibilityInput(sections=sections, conclusion="viable"),
                staff,
                session=s,
            ),
        )
    elif target == "follow_up":

        def refer(session: Session, case: Case) -> None:
            matches = linkage.match_partners(case, session=session)
            referral = linkage.create_referral(
                case,
                linkage.ReferralInput(
                    partner_id=matches[0].partner_id, purpose="Technical assistance and funding"
                ),
                staff.id,
                session=session,
            )
            for status in ("sent", "accepted"):
                linkage.update_referral(
                    case,
                    referral.id,
                    linkage.ReferralUpdate(status=status),
                    staff.id,
                    session=session,
                )

        _step(case_id, staff, refer)
    elif target == "completed":

        def close(session: Session, case: Case) -> None:
            milestone = follow_up.add_milestone(
                case,
                follow_up.MilestoneInput(
                    title="Equipment installed and running", due_date=today - timedelta(days=30)
                ),
                staff.id,
                session=session,
            )
            session.flush()
            follow_up.update_milestone(
                case,
                milestone.id,
                follow_up.MilestoneUpdate(done_on=today, note="Running since last month."),
                staff.id,
                session=session,
            )
            follow_up.set_follow_up_period(
                case, follow_up.FollowUpPeriodInput(until=today), staff.id, session=session
            )

        _step(case_id, staff, close)


def _demo_plan() -> dict[str, Any]:
    return {
        "currency": "XOF",
        "eur_rate": 655.957,
        "horizon_years": 5,
        "discount_rate": 0.10,
        "investments": [
            {
                "label": "Cold room and generator",
                "year": 0,
                "amount": 30_000_000,
                "useful_life_years": 10,
                "salvage_value": 3_000_000,
            }
        ],
        "revenues": [16e6, 22e6, 26e6, 28e6, 28e6],
        "operating_costs": [10e6, 12e6, 14e6, 15e6, 15e6],
        "financing": [
            {"source": "own_funds", "amount": 6_000_000},
            {"source": "family_and_diaspora", "amount": 4_000_000},
            {
                "source": "meso_credit",
                "amount": 20_000_000,
                "interest_rate": 0.09,
                "term_years": 4,
                "grace_years": 1,
            },
        ],
    }
