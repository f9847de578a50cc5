"""Steps of a case's journey through the API, for tests that need a case at some stage.

The steps and their bodies are `journey.steps`, shared with the demo and the bench;
this module names them in the tests' terms (a client and the test unit's people).
"""

from typing import Any

from fastapi.testclient import TestClient

from casework.vocabulary import FeasibilitySection, Role, Stage
from journey import over_http, steps
from journey.over_http import HttpDriver
from tests.conftest import People, Person

SECTIONS = tuple(section.value for section in FeasibilitySection)


def plan_body(**overrides: Any) -> dict[str, Any]:
    """The investment plan of DESIGN.md §6 (a cold room in Senegal), with `overrides`."""
    return {**steps.plan_body(), **overrides}


def ok(response: Any, status: int = 200) -> Any:
    """The JSON of a response that must have `status`."""
    assert response.status_code == status, response.text
    return response.json()


def _driver(client: TestClient, case: dict[str, Any], people: People) -> HttpDriver:
    cast = (people.advisor, people.entrepreneur, people.manager)
    return HttpDriver(client, case, {person.role: person.headers for person in cast})


def _advisor_only(client: TestClient, case_id: str, advisor: Person) -> HttpDriver:
    return HttpDriver(client, {"id": case_id}, {Role.ADVISOR: advisor.headers})


def open_case(
    client: TestClient, owner: Person, title: str = "Cold storage for fish"
) -> dict[str, Any]:
    """An entrepreneur opens a case in reception."""
    return over_http.open_case(client, owner.headers, title=title)


def assess(client: TestClient, case_id: str, advisor: Person, decision: str = "proceed") -> None:
    """The advisor records the reception assessment."""
    body = {**steps.ASSESSMENT, "decision": decision}
    _advisor_only(client, case_id, advisor).assess(body)


def move(client: TestClient, case_id: str, to: str, advisor: Person) -> dict[str, Any]:
    """The advisor moves the case; the move must succeed."""
    driver = _advisor_only(client, case_id, advisor)
    driver.move(Stage(to))
    return driver.case


def prepare_support(client: TestClient, case_id: str, people: People) -> None:
    """Plan saved and approved by the entrepreneur, feasibility concluded viable by the advisor."""
    steps.prepare(_driver(client, {"id": case_id}, people), Stage.LINKAGE)


def add_partner(client: TestClient, manager: Person, name: str = "CDE") -> dict[str, Any]:
    """A technical partner working everywhere."""
    body = {
        "name": name,
        "kind": "technical",
        "services": ["feasibility studies"],
        "sectors": [],
        "countries": [],
    }
    return ok(client.post("/partners", json=body, headers=manager.headers), 201)


def accepted_referral(client: TestClient, case_id: str, people: People) -> None:
    """A referral to a new partner, sent and accepted."""
    steps.accept_referral(_driver(client, {"id": case_id}, people))


def close_follow_up(client: TestClient, case_id: str, advisor: Person) -> None:
    """One milestone done today, and the follow-up period ending today."""
    steps.close_follow_up(_advisor_only(client, case_id, advisor))


def case_at(client: TestClient, stage: str, people: People) -> dict[str, Any]:
    """A new case of the entrepreneur's, taken through real flows up to `stage`."""
    driver = _driver(client, open_case(client, people.entrepreneur), people)
    steps.take_case(driver, Stage(stage))
    return driver.case


def printed_dossiers(client: TestClient, case_id: str, reader: Person) -> list[dict[str, Any]]:
    """The dossiers kept for the case that `reader` may see, once all are printed."""
    return over_http.printed_dossiers(client, case_id, reader.headers)
