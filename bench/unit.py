"""The throwaway unit: its people, straight in the store, and its cases, driven over HTTP."""

import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from casework.vocabulary import FeasibilitySection


@dataclass(frozen=True)
class Person:
    """An account of the unit and the headers that authenticate it."""

    id: uuid.UUID
    headers: dict[str, str]


def make_person(email: str, role: Any, full_name: str) -> Person:
    """An account straight in the store with a signed token (as tests/conftest.py does)."""
    from api.tokens import issue_token
    from casework.database import open_session
    from casework.models import User
    from casework.passwords import hash_password
    from casework.services.users import ProfileInput, save_profile
    from casework.vocabulary import Gender, Role

    with open_session() as session:
        user = User(
            email=email,
            full_name=full_name,
            role=role,
            password_hash=hash_password("a long bench password"),
        )
        session.add(user)
        session.flush()
        if role == Role.ENTREPRENEUR:
            save_profile(user, ProfileInput(gender=Gender.WOMAN, diaspora=True), session=session)
        session.commit()
        token = issue_token(user.id)
        return Person(user.id, {"Authorization": f"Bearer {token}"})


def ok(response: httpx.Response, status: int = 200) -> Any:
    """The response's JSON, or an error naming the request if the status is not `status`."""
    if response.status_code != status:
        raise RuntimeError(f"{response.request.method} {response.request.url}: {response.text}")
    return response.json()


def plan_body() -> dict[str, Any]:
    """The cold-room plan of DESIGN.md §6."""
    from casework.investment_plan.examples import design_example

    return design_example()


SECTIONS = tuple(section.value for section in FeasibilitySection)


@dataclass(frozen=True)
class Unit:
    """The unit's people and an HTTP client of the casework API, to set up cases with."""

    client: httpx.Client
    advisor: Person
    manager: Person
    entrepreneur: Person

    def case_ready_for_support(self) -> str:
        """A new case in reception whose gate to support is open (assessed: proceed)."""
        case = ok(
            self.client.post(
                "/cases",
                json={
                    "title": "Cold storage for fish",
                    "sector": "agri_food",
                    "country": "SN",
                    "summary": "A cold room in Mbour so that fishers can sell at better prices.",
                },
                headers=self.entrepreneur.headers,
            ),
            201,
        )
        assessment = {
            "technical": 4,
            "financial": 3,
            "motivation": 5,
            "training_required": False,
            "decision": "proceed",
            "notes": "Experienced in fish trade.",
        }
        ok(
            self.client.put(
                f"/cases/{case['id']}/assessment", json=assessment, headers=self.advisor.headers
            )
        )
        return str(case["id"])

    def move(self, case_id: str, to: str) -> None:
        """Ask for a stage transition, as the advisor."""
        ok(
            self.client.post(
                f"/cases/{case_id}/transitions", json={"to": to}, headers=self.advisor.headers
            )
        )

    def add_partner(self, name: str, kind: str) -> None:
        """A partner in the directory, added by the manager."""
        body = {
            "name": name,
            "kind": kind,
            "services": ["feasibility studies", "credit"],
            "sectors": [],
            "countries": [],
        }
        ok(self.client.post("/partners", json=body, headers=self.manager.headers), 201)

    def case_in_linkage(self) -> str:
        """A case taken through real flows to linkage: approved plan, feasibility, matches."""
        case_id = self.case_ready_for_support()
        self.move(case_id, "support")
        ent, adv = self.entrepreneur.headers, self.advisor.headers
        ok(self.client.put(f"/cases/{case_id}/investment-plan", json=plan_body(), headers=ent))
        ok(self.client.post(f"/cases/{case_id}/investment-plan/approval", headers=ent))
        sections = {k: {"text": f"{k} analysed", "status": "complete"} for k in SECTIONS}
        feasibility = {"sections": sections, "conclusion": "viable"}
        ok(self.client.put(f"/cases/{case_id}/feasibility", json=feasibility, headers=adv))
        self.move(case_id, "linkage")
        return case_id
