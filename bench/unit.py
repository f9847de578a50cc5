"""The throwaway unit: its people, straight in the store, and its cases, driven over HTTP.

Cases reach a stage by the journey the tests and the demo take (`journey.steps`).
"""

import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from casework.vocabulary import Role, Stage
from journey.over_http import HttpDriver, open_case, printed_dossiers
from journey.steps import prepare, take_case


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
        token = issue_token(user.id, user.token_generation)
        return Person(user.id, {"Authorization": f"Bearer {token}"})


def ok(response: httpx.Response, status: int = 200) -> Any:
    """The response's JSON, or an error naming the request if the status is not `status`."""
    if response.status_code != status:
        raise RuntimeError(f"{response.request.method} {response.request.url}: {response.text}")
    return response.json()


@dataclass(frozen=True)
class Unit:
    """The unit's people and an HTTP client of the casework API, to set up cases with."""

    client: httpx.Client
    advisor: Person
    manager: Person
    entrepreneur: Person

    def _new_case(self) -> HttpDriver:
        cast = {
            Role.ADVISOR: self.advisor.headers,
            Role.MANAGER: self.manager.headers,
            Role.ENTREPRENEUR: self.entrepreneur.headers,
        }
        return HttpDriver(self.client, open_case(self.client, self.entrepreneur.headers), cast)

    def case_ready_for_support(self) -> str:
        """A new case in reception whose gate to support is open (assessed: proceed)."""
        driver = self._new_case()
        prepare(driver, Stage.SUPPORT)
        return str(driver.case["id"])

    def move(self, case_id: str, to: str) -> None:
        """Ask for a stage transition, as the advisor."""
        HttpDriver(self.client, {"id": case_id}, {Role.ADVISOR: self.advisor.headers}).move(
            Stage(to)
        )

    def wait_for_prints(self, case_id: str) -> None:
        """Wait until the case's kept dossiers are printed (the API says none is pending)."""
        printed_dossiers(self.client, case_id, self.advisor.headers)

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
        driver = self._new_case()
        take_case(driver, Stage.LINKAGE)
        case_id = str(driver.case["id"])
        self.wait_for_prints(case_id)  # its prints would otherwise run beside what is timed
        return case_id
