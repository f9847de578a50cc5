"""The journey's steps carried out through the HTTP API, for tests and the bench.

Works with any `httpx.Client`: FastAPI's TestClient in tests, a client of a running
server in the bench.
"""

import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from casework.vocabulary import Role, Stage
from journey.steps import CASE, Body

Headers = Mapping[str, str]


class UnexpectedAnswer(AssertionError):
    """The API did not answer a step as the journey needs (an assertion failure in a test)."""


def answer(response: httpx.Response, status: int = 200) -> Any:
    """The JSON of a response that must have `status`; else an error naming the request."""
    if response.status_code != status:
        request = response.request
        raise UnexpectedAnswer(
            f"{request.method} {request.url} answered {response.status_code}: {response.text}"
        )
    return response.json()


def printed_dossiers(
    client: httpx.Client, case_id: str, reader: Headers, *, patience: float = 120.0
) -> list[dict[str, Any]]:
    """The kept dossiers `reader` may see, once none is still being printed.

    Asks again after each moment as a client should, until every copy is `ready` (or
    `failed`); raises if copies are still pending after `patience` seconds.
    """
    deadline = time.monotonic() + patience
    while True:
        listed = client.get(f"/cases/{case_id}/dossiers", headers=reader)
        kept: list[dict[str, Any]] = answer(listed)
        if all(dossier["status"] != "pending" for dossier in kept):
            return kept
        if time.monotonic() > deadline:
            raise UnexpectedAnswer(f"Dossiers of case {case_id} still pending after {patience} s")
        time.sleep(0.05)


def open_case(client: httpx.Client, owner: Headers, **changes: Any) -> dict[str, Any]:
    """An entrepreneur opens the journey's case in reception (with `changes` to its body)."""
    case: dict[str, Any] = answer(
        client.post("/cases", json={**CASE, **changes}, headers=owner), 201
    )
    return case


@dataclass
class HttpDriver:
    """A case as the API last answered it, and the signed headers of each role acting on it."""

    client: httpx.Client
    case: dict[str, Any]
    headers: Mapping[Role, Headers] = field(default_factory=dict)

    def _call(
        self, role: Role, method: str, path: str, body: Body | None = None, status: int = 200
    ) -> Any:
        url = f"/cases/{self.case['id']}{path}"
        response = self.client.request(method, url, json=body, headers=self.headers[role])
        return answer(response, status)

    def assess(self, body: Body) -> None:
        """The advisor records the reception assessment."""
        self._call(Role.ADVISOR, "PUT", "/assessment", body)

    def save_plan(self, body: Body) -> None:
        """The entrepreneur saves a version of the investment plan."""
        self._call(Role.ENTREPRENEUR, "PUT", "/investment-plan", body)

    def approve_plan(self) -> None:
        """The entrepreneur approves the current version of the plan."""
        self._call(Role.ENTREPRENEUR, "POST", "/investment-plan/approval")

    def save_feasibility(self, body: Body) -> None:
        """The advisor writes the feasibility study."""
        self._call(Role.ADVISOR, "PUT", "/feasibility", body)

    def partner_to_refer(self) -> str:
        """A new technical partner working everywhere, added by the manager for this case.

        A partner of the case's own keeps what a test counts (matches, referrals) its own.
        """
        body = {
            "name": f"Partner {uuid.uuid4().hex[:8]}",
            "kind": "technical",
            "services": ["feasibility studies"],
        }
        partner = self.client.post("/partners", json=body, headers=self.headers[Role.MANAGER])
        return str(answer(partner, 201)["id"])

    def consent(self, body: Body) -> str:
        """The entrepreneur consents to sharing their dossier with a partner; the consent's id."""
        return str(self._call(Role.ENTREPRENEUR, "POST", "/consents", body, 201)["id"])

    def refer(self, body: Body) -> str:
        """The advisor refers the case to a partner; the referral's id."""
        return str(self._call(Role.ADVISOR, "POST", "/referrals", body, 201)["id"])

    def update_referral(self, referral_id: str, body: Body) -> None:
        """The advisor records the referral's progress."""
        self._call(Role.ADVISOR, "PATCH", f"/referrals/{referral_id}", body)

    def finance_outside(self, line: int, body: Body) -> None:
        """The advisor records a financing line of the plan as financed outside the unit."""
        self._call(Role.ADVISOR, "PUT", f"/financing-lines/{line}/financed-outside", body)

    def add_milestone(self, body: Body) -> str:
        """The advisor plans a milestone; its id."""
        return str(self._call(Role.ADVISOR, "POST", "/milestones", body, 201)["id"])

    def update_milestone(self, milestone_id: str, body: Body) -> None:
        """The advisor records a milestone as done."""
        self._call(Role.ADVISOR, "PATCH", f"/milestones/{milestone_id}", body)

    def open_milestones(self) -> list[str]:
        """The ids of the case's milestones not done yet."""
        milestones = self._call(Role.ADVISOR, "GET", "/milestones")
        return [str(m["id"]) for m in milestones if m["done_on"] is None]

    def set_follow_up_period(self, body: Body) -> None:
        """The advisor sets the day the follow-up ends."""
        self._call(Role.ADVISOR, "PUT", "/follow-up-period", body)

    def move(self, to: Stage) -> None:
        """The advisor asks for the move; the case as the API answers it after."""
        self.case = self._call(Role.ADVISOR, "POST", "/transitions", {"to": to.value})
