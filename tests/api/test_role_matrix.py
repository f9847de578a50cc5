"""Every route × every role: who may call what, and what everyone else is told.

DESIGN.md §4/§6 and `casework.actors.RULES`: no token → 401 (except registering,
signing in and the health probe); an entrepreneur probing someone else's case → 404,
never 403; a known resource the caller may not touch → 403; allowed callers → 2xx
on a valid body. Each test gets a fresh store and builds the case its row needs.
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.app import create_app
from tests.conftest import PASSWORD, People
from tests.journey import add_partner, assess, case_at, ok, open_case, plan_body, printed_dossiers

pytestmark = pytest.mark.usefixtures("prefect_server")

# The columns of the matrix, in order.
ROLES = ("anonymous", "entrepreneur", "other_entrepreneur", "advisor", "manager")

Ids = dict[str, str]
Setup = Callable[[TestClient, People], Ids]


@dataclass(frozen=True)
class Call:
    """What a body builder knows: the ids its row's setup made, everyone, and who calls."""

    ids: Ids
    people: People
    role: str


Body = Callable[[Call], Any]


def in_days(days: int) -> str:
    """An ISO date `days` from today (UTC, the unit's calendar)."""
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


# --- setups: what a row needs in the store before the call -------------------------------


def no_case(_client: TestClient, _people: People) -> Ids:
    return {}


def reception(client: TestClient, people: People) -> Ids:
    return {"case_id": open_case(client, people.entrepreneur)["id"]}


def assessed(client: TestClient, people: People) -> Ids:
    """A reception case assessed *proceed*: the gate to support is open."""
    ids = reception(client, people)
    assess(client, ids["case_id"], people.advisor)
    return ids


def with_plan(client: TestClient, people: People) -> Ids:
    ids = reception(client, people)
    headers = people.entrepreneur.headers
    ok(client.put(f"/cases/{ids['case_id']}/investment-plan", json=plan_body(), headers=headers))
    return ids


def with_milestone(client: TestClient, people: People) -> Ids:
    ids = reception(client, people)
    body = {"title": "Cold room installed", "due_date": in_days(30)}
    milestone = ok(
        client.post(
            f"/cases/{ids['case_id']}/milestones", json=body, headers=people.advisor.headers
        ),
        201,
    )
    return {**ids, "milestone_id": milestone["id"]}


def with_training(client: TestClient, people: People) -> Ids:
    ids = reception(client, people)
    body = {"course": "Cold chain basics", "provider": "Chamber of commerce"}
    enrolment = ok(
        client.post(f"/cases/{ids['case_id']}/training", json=body, headers=people.advisor.headers),
        201,
    )
    return {**ids, "training_id": enrolment["id"]}


def with_feasibility(client: TestClient, people: People) -> Ids:
    ids = reception(client, people)
    body = {"sections": {"market": {"text": "Fish prices", "status": "draft"}}}
    ok(
        client.put(
            f"/cases/{ids['case_id']}/feasibility", json=body, headers=people.advisor.headers
        )
    )
    return ids


def with_partner(client: TestClient, people: People) -> Ids:
    ids = reception(client, people)
    return {**ids, "partner_id": add_partner(client, people.manager)["id"]}


def with_consent(client: TestClient, people: People) -> Ids:
    ids = with_partner(client, people)
    consent = ok(
        client.post(
            f"/cases/{ids['case_id']}/consents",
            json={"partner_id": ids["partner_id"]},
            headers=people.entrepreneur.headers,
        ),
        201,
    )
    return {**ids, "consent_id": consent["id"]}


def in_directory(client: TestClient, people: People) -> Ids:
    return {"partner_id": add_partner(client, people.manager)["id"]}


def guide_fields(**changes: Any) -> dict[str, Any]:
    return {
        "country": "SN",
        "topic": "customs_incentives",
        "title": "Importing equipment duty-free",
        "text": "Equipment for a new business enters free of customs duty.",
        "sources": ["https://douanes.sn/"],
        "language": "en",
        "checked_on": in_days(-30),
    } | changes


def in_guides(client: TestClient, people: People) -> Ids:
    answer = client.post("/guides", json=guide_fields(), headers=people.manager.headers)
    return {"guide_id": ok(answer, 201)["id"]}


def with_guide_elsewhere(client: TestClient, people: People) -> Ids:
    """A reception case in Senegal, and a guide on Mali the advisor may add to it."""
    body = guide_fields(country="ML", title="Importing into Mali")
    guide = ok(client.post("/guides", json=body, headers=people.manager.headers), 201)
    return {**reception(client, people), "guide_id": guide["id"]}


def with_case_guide(client: TestClient, people: People) -> Ids:
    """A reception case in Senegal with the Senegal guide it gained on opening."""
    return {**in_guides(client, people), **reception(client, people)}


def default_unit(client: TestClient, _people: People) -> Ids:
    return {"unit_id": ok(client.get("/units"))[0]["id"]}


# The setups below run real flows; refused callers are checked on a plain reception case.


def with_kept_dossier(client: TestClient, people: People) -> Ids:
    case = case_at(client, "support", people)
    kept = printed_dossiers(client, case["id"], people.advisor)
    return {"case_id": case["id"], "dossier_id": kept[0]["id"]}


def in_linkage(client: TestClient, people: People) -> Ids:
    case = case_at(client, "linkage", people)
    return {"case_id": case["id"], "partner_id": add_partner(client, people.manager)["id"]}


def with_referral(client: TestClient, people: People) -> Ids:
    ids = in_linkage(client, people)
    body = {"partner_id": ids["partner_id"], "purpose": "Technical assistance"}
    referral = ok(
        client.post(
            f"/cases/{ids['case_id']}/referrals", json=body, headers=people.advisor.headers
        ),
        201,
    )
    # Sending it needs the entrepreneur's consent to share the dossier (POST consents).
    ok(
        client.post(
            f"/cases/{ids['case_id']}/consents",
            json={"partner_id": ids["partner_id"]},
            headers=people.entrepreneur.headers,
        ),
        201,
    )
    return {**ids, "referral_id": referral["id"]}


def with_sent_referral(client: TestClient, people: People) -> Ids:
    """A referral sent with consent, its partner's dossier printed."""
    ids = with_referral(client, people)
    referral = f"/cases/{ids['case_id']}/referrals/{ids['referral_id']}"
    ok(client.patch(referral, json={"status": "sent"}, headers=people.advisor.headers))
    deadline = time.monotonic() + 120
    while client.get(f"{referral}/dossier.pdf", headers=people.advisor.headers).status_code == 409:
        assert time.monotonic() < deadline, "the partner's copy was never printed"
        time.sleep(0.05)
    return ids


def in_follow_up(client: TestClient, people: People) -> Ids:
    return {"case_id": case_at(client, "follow_up", people)["id"]}


def with_report(client: TestClient, people: People) -> Ids:
    """A case in follow-up with the entrepreneur's report of year 1, not yet confirmed."""
    ids = in_follow_up(client, people)
    url = f"/cases/{ids['case_id']}/follow-up-reports"
    report = ok(client.post(url, json=year_report(None), headers=people.entrepreneur.headers), 201)
    return {**ids, "report_id": report["id"]}


def financed_outside(client: TestClient, people: People) -> Ids:
    ids = in_linkage(client, people)
    url = f"/cases/{ids['case_id']}/financing-lines/1/financed-outside"
    ok(client.put(url, json={"note": "A tontine."}, headers=people.advisor.headers))
    return ids


def reoriented(client: TestClient, people: People) -> Ids:
    ids = reception(client, people)
    body = {"reason": "The market is saturated.", "reason_code": "not_viable_market"}
    url = f"/cases/{ids['case_id']}/reorientation"
    ok(client.post(url, json=body, headers=people.advisor.headers))
    return ids


def with_activity(client: TestClient, people: People) -> Ids:
    body = {"title": "Bookkeeping course", "kind": "training"}
    url = "/reorientation-activities"
    return {
        "activity_id": ok(client.post(url, json=body, headers=people.manager.headers), 201)["id"]
    }


FLOW_SETUPS = frozenset(
    {
        with_kept_dossier,
        in_linkage,
        with_referral,
        with_sent_referral,
        in_follow_up,
        reoriented,
        financed_outside,
    }
)


# --- bodies: valid ones, so that an allowed call really succeeds -------------------------


def guide(call: Call) -> dict[str, Any]:
    return guide_fields()


def guide_checked(call: Call) -> dict[str, Any]:
    return {"checked_on": in_days(0)}


def guide_choice(call: Call) -> dict[str, Any]:
    return {"guide_id": call.ids["guide_id"], "note": "Your supplier is in Bamako."}


def intake(call: Call) -> dict[str, Any]:
    return {"reasons": ["investment", "supporting_family"], "sector_experience_years": 4}


def new_account(call: Call) -> dict[str, Any]:
    return {"email": "new.person@mail.example", "password": PASSWORD, "full_name": "Aminata Fall"}


def staff_account(call: Call) -> dict[str, Any]:
    return {**new_account(call), "email": "new.advisor@unit.example", "role": "advisor"}


def credentials(call: Call) -> dict[str, str]:
    return {"username": call.people.entrepreneur.email, "password": PASSWORD}


def profile(call: Call) -> dict[str, Any]:
    return {"gender": "woman", "country_of_origin": "SN", "diaspora": True}


def new_case(call: Call) -> dict[str, Any]:
    body = {"title": "Solar mill", "sector": "energy", "country": "ML", "summary": "A mill."}
    if call.role in ("advisor", "manager"):
        body["entrepreneur_id"] = call.people.entrepreneur.id
    return body


def assessment(call: Call) -> dict[str, Any]:
    return {
        "technical": 4,
        "financial": 3,
        "motivation": 5,
        "training_required": False,
        "decision": "proceed",
        "notes": "Knows the trade.",
    }


def feasibility(call: Call) -> dict[str, Any]:
    return {"sections": {"market": {"text": "Fish prices", "status": "draft"}}}


def partner(call: Call) -> dict[str, Any]:
    return {"name": "Meso lender", "kind": "financial", "countries": ["SN"], "ticket_max_eur": 5e4}


def staff_member(_client: TestClient, people: People) -> Ids:
    return {"user_id": people.advisor.id}


def erasure_asked(client: TestClient, people: People) -> Ids:
    # The other entrepreneur, who has no case, asks to be forgotten.
    asked = client.post("/auth/me/erasure", headers=people.other_entrepreneur.headers)
    return {"request_id": asked.json()["id"]}


def password_change(call: Call) -> dict[str, Any]:
    return {"current_password": PASSWORD, "new_password": "baobab shade at noon"}


def fixed(body: Any) -> Body:
    return lambda _call: body


time_log = fixed({"minutes": 45, "activity": "Reception interview"})
training = fixed({"course": "Bookkeeping", "provider": "Chamber of commerce", "required": True})
training_done = fixed({"status": "completed"})
review_comment = fixed({"text": "Add the prices at Joal market."})
new_plan = fixed(plan_body())
to_support = fixed({"to": "support"})
reorient = fixed({"reason": "The market is saturated.", "suggestions": ["Join a cooperative"]})
referral_sent = fixed({"status": "sent", "note": "Sent by email."})
activity = fixed({"title": "Employment services", "kind": "employment_services"})
activity_retired = fixed({"active": False})
outcome = fixed({"outcome": "employed", "note": "Hired by a fish exporter."})
outside_note = fixed({"note": "The rest comes from a tontine."})
partner_retired = fixed({"active": False, "description": "No longer takes new projects."})
renamed = fixed({"full_name": "Awa Ndiaye Sarr"})
new_unit = fixed({"code": "dakar", "name": "Dakar reception unit"})
unit_renamed = fixed({"name": "Paris reception unit"})


def referral(call: Call) -> dict[str, Any]:
    return {"partner_id": call.ids["partner_id"], "purpose": "Meso-credit for the cold room"}


def consent(call: Call) -> dict[str, Any]:
    return {"partner_id": call.ids["partner_id"]}


def correction(call: Call) -> dict[str, Any]:
    return {"title": "Cold storage for Mbour fishers"}


def advisor_taking(call: Call) -> dict[str, Any]:
    return {"advisor_id": call.people.advisor.id}


def milestone(call: Call) -> dict[str, Any]:
    return {"title": "First sale", "due_date": in_days(60)}


def milestone_done(call: Call) -> dict[str, Any]:
    return {"done_on": in_days(0), "note": "Installed."}


def year_report(call: Call | None) -> dict[str, Any]:
    return {"period": 1, "revenue": 5_000_000, "operating_costs": 4_000_000}


def follow_up_end(call: Call) -> dict[str, Any]:
    return {"until": in_days(200)}


# fmt: off
ROWS_SOURCE: tuple[tuple[str, str, str, Setup, Body | None], ...] = (
    # method, path,  statuses for: anonymous, owner, other entrepreneur, advisor, manager;
    # the setup that builds what the row needs; the body to send
    ("GET", "/health", "200 200 200 200 200", no_case, None),
    ("POST", "/auth/register", "201 201 201 201 201", no_case, new_account),
    ("POST", "/auth/token", "200 200 200 200 200", no_case, credentials),
    ("GET", "/auth/me", "401 200 200 200 200", no_case, None),
    ("GET", "/auth/me/profile", "401 200 200 403 403", no_case, None),
    ("GET", "/auth/me/export", "401 200 200 200 200", no_case, None),
    ("PUT", "/auth/me/profile", "401 200 200 403 403", no_case, profile),
    ("POST", "/users", "401 403 403 403 201", no_case, staff_account),
    ("GET", "/users", "401 403 403 403 200", no_case, None),
    ("GET", "/access-log", "401 403 403 403 200", no_case, None),
    ("POST", "/auth/me/erasure", "401 201 201 403 403", no_case, None),
    ("GET", "/erasure-requests", "401 403 403 403 200", no_case, None),
    ("POST", "/erasure-requests/{request_id}/confirm", "401 403 403 403 200", erasure_asked,
     None),
    ("POST", "/erasure-requests/{request_id}/decline", "401 403 403 403 200", erasure_asked,
     fixed({"reason": "The unit must keep grant files for ten years."})),
    ("PATCH", "/users/{user_id}", "401 403 403 403 200", staff_member, renamed),
    ("GET", "/units", "200 200 200 200 200", no_case, None),
    ("POST", "/units", "401 403 403 403 201", no_case, new_unit),
    ("PATCH", "/units/{unit_id}", "401 403 403 403 200", default_unit, unit_renamed),
    ("POST", "/auth/logout", "401 204 204 204 204", no_case, None),
    ("PUT", "/auth/me/password", "401 204 204 204 204", no_case, password_change),
    ("POST", "/cases", "401 201 201 201 403", no_case, new_case),
    ("GET", "/cases", "401 200 200 200 200", no_case, None),
    ("GET", "/cases/{case_id}", "401 200 404 200 200", reception, None),
    ("PATCH", "/cases/{case_id}", "401 200 404 200 403", reception, correction),
    ("PUT", "/cases/{case_id}/advisor", "401 403 404 200 200", reception, advisor_taking),
    ("GET", "/cases/{case_id}/status", "401 200 404 200 200", reception, None),
    ("GET", "/cases/{case_id}/events", "401 403 404 200 200", reception, None),
    ("POST", "/cases/{case_id}/time-logs", "401 403 404 201 403", reception, time_log),
    ("GET", "/assessment-rubric", "401 200 200 200 200", no_case, None),
    ("PUT", "/cases/{case_id}/assessment", "401 403 404 200 403", reception, assessment),
    ("GET", "/cases/{case_id}/assessment", "401 403 404 200 200", assessed, None),
    ("GET", "/cases/{case_id}/training", "401 200 404 200 200", with_training, None),
    ("POST", "/cases/{case_id}/training", "401 403 404 201 403", reception, training),
    ("PATCH", "/cases/{case_id}/training/{training_id}", "401 403 404 200 403",
     with_training, training_done),
    ("PUT", "/cases/{case_id}/feasibility", "401 200 404 200 403", reception, feasibility),
    ("GET", "/cases/{case_id}/feasibility", "401 200 404 200 200", with_feasibility, None),
    ("POST", "/cases/{case_id}/feasibility/sections/{section}/comments", "401 403 404 200 403",
     with_feasibility, review_comment),
    ("POST", "/investment-plans/evaluate", "401 200 200 200 200", no_case, new_plan),
    ("PUT", "/cases/{case_id}/investment-plan", "401 200 404 200 403", reception, new_plan),
    ("GET", "/cases/{case_id}/investment-plan", "401 200 404 200 200", with_plan, None),
    ("GET", "/cases/{case_id}/investment-plan/versions", "401 200 404 200 200", with_plan, None),
    ("GET", "/cases/{case_id}/investment-plan/versions/{number}", "401 200 404 200 200",
     with_plan, None),
    ("GET", "/cases/{case_id}/investment-plan/diff", "401 200 404 200 200", with_plan, None),
    ("POST", "/cases/{case_id}/investment-plan/approval", "401 200 404 403 403", with_plan, None),
    ("POST", "/cases/{case_id}/transitions", "401 403 404 200 403", assessed, to_support),
    ("POST", "/cases/{case_id}/reorientation", "401 403 404 200 403", reception, reorient),
    ("GET", "/reorientation-activities", "401 200 200 200 200", no_case, None),
    ("PUT", "/cases/{case_id}/financing-lines/{line}/financed-outside", "401 403 404 200 403",
     in_linkage, outside_note),
    ("DELETE", "/cases/{case_id}/financing-lines/{line}/financed-outside",
     "401 403 404 204 403", financed_outside, None),
    ("POST", "/reorientation-activities", "401 403 403 403 201", no_case, activity),
    ("PATCH", "/reorientation-activities/{activity_id}", "401 403 403 403 200",
     with_activity, activity_retired),
    ("POST", "/cases/{case_id}/reorientation/outcome", "401 403 404 201 201",
     reoriented, outcome),
    ("GET", "/cases/{case_id}/reorientation/outcomes", "401 403 404 200 200", reoriented, None),
    ("GET", "/partners", "401 403 403 200 200", no_case, None),
    ("POST", "/partners", "401 403 403 403 201", no_case, partner),
    ("PATCH", "/partners/{partner_id}", "401 403 403 403 200", in_directory, partner_retired),
    ("GET", "/cases/{case_id}/partner-matches", "401 200 404 200 200", reception, None),
    ("GET", "/guides", "401 200 200 200 200", no_case, None),
    ("POST", "/guides", "401 403 403 403 201", no_case, guide),
    ("GET", "/guides/{guide_id}", "401 200 200 200 200", in_guides, None),
    ("PATCH", "/guides/{guide_id}", "401 403 403 403 200", in_guides, guide_checked),
    ("GET", "/cases/{case_id}/guides", "401 200 404 200 200", with_case_guide, None),
    ("POST", "/cases/{case_id}/guides", "401 403 404 201 403", with_guide_elsewhere,
     guide_choice),
    ("POST", "/cases/{case_id}/guides/{guide_id}/removal", "401 403 404 200 403",
     with_case_guide, fixed({"note": "The project imports nothing."})),
    ("GET", "/cases/{case_id}/intake", "401 200 404 200 200", reception, None),
    ("PUT", "/cases/{case_id}/intake", "401 200 404 200 403", reception, intake),
    ("POST", "/cases/{case_id}/partner-matches/refresh", "401 403 404 200 200", reception, None),
    ("GET", "/cases/{case_id}/referrals", "401 200 404 200 200", reception, None),
    ("POST", "/cases/{case_id}/referrals", "401 403 404 201 403", in_linkage, referral),
    ("PATCH", "/cases/{case_id}/referrals/{referral_id}", "401 403 404 200 403",
     with_referral, referral_sent),
    ("POST", "/cases/{case_id}/consents", "401 201 404 403 403", with_partner, consent),
    ("GET", "/cases/{case_id}/consents", "401 200 404 200 200", with_consent, None),
    ("DELETE", "/cases/{case_id}/consents/{consent_id}", "401 204 404 403 403",
     with_consent, None),
    ("GET", "/cases/{case_id}/referrals/{referral_id}/dossier.pdf", "401 200 404 200 200",
     with_sent_referral, None),
    ("GET", "/cases/{case_id}/milestones", "401 200 404 200 200", with_milestone, None),
    ("POST", "/cases/{case_id}/milestones", "401 201 404 201 403", reception, milestone),
    ("PATCH", "/cases/{case_id}/milestones/{milestone_id}", "401 200 404 200 403",
     with_milestone, milestone_done),
    ("PUT", "/cases/{case_id}/follow-up-period", "401 403 404 200 403",
     in_follow_up, follow_up_end),
    ("POST", "/cases/{case_id}/follow-up-reports", "401 201 404 201 403",
     in_follow_up, year_report),
    ("GET", "/cases/{case_id}/follow-up-reports", "401 200 404 200 200", with_report, None),
    ("POST", "/cases/{case_id}/follow-up-reports/{report_id}/confirmation",
     "401 403 404 200 403", with_report, None),
    ("GET", "/cases/{case_id}/plan-vs-actual", "401 200 404 200 200", with_report, None),
    ("GET", "/cases/{case_id}/dossier.pdf", "401 200 404 200 200", reception, None),
    ("GET", "/cases/{case_id}/dossiers", "401 200 404 200 200", reception, None),
    ("GET", "/cases/{case_id}/dossiers/{dossier_id}.pdf", "401 200 404 200 200",
     with_kept_dossier, None),
    ("GET", "/reports/portfolio", "401 403 403 200 200", no_case, None),
    ("GET", "/reports/portfolio.csv", "401 403 403 200 200", no_case, None),
    ("GET", "/reports/portfolio.pdf", "401 403 403 200 200", no_case, None),
    ("GET", "/tasks", "401 200 200 200 200", no_case, None),
)
# fmt: on


@dataclass(frozen=True)
class Row:
    """One route and the status each role must get from it."""

    method: str
    path: str
    statuses: tuple[int, ...]
    setup: Setup
    body: Body | None

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    def expected(self, role: str) -> int:
        return self.statuses[ROLES.index(role)]

    def request(self, client: TestClient, call: Call, headers: dict[str, str]) -> Any:
        body = self.body(call) if self.body else None
        # Signing in is the one form body of the API (OAuth2 password flow).
        payload = {"data": body} if self.path == "/auth/token" else {"json": body}
        path = self.path.format(**call.ids)
        return client.request(
            self.method, path, headers=headers, params=QUERIES.get(self.path), **payload
        )


# Query parameters a route needs to succeed.
QUERIES = {"/cases/{case_id}/investment-plan/diff": {"from": 1, "to": 1}}


ROWS = tuple(
    Row(method, path, tuple(int(s) for s in statuses.split()), setup, body)
    for method, path, statuses, setup, body in ROWS_SOURCE
)


def is_success(status: int) -> bool:
    return 200 <= status < 300


def prepare(row: Row, role: str, client: TestClient, people: People) -> Ids:
    """The store the call meets; the row's flows run only for callers meant to succeed.

    A refusal must not depend on the case's stage, so refused callers meet a plain
    reception case; ids it lacks (referral, dossier, ...) are fresh random ones.
    """
    names = (
        "referral_id",
        "milestone_id",
        "dossier_id",
        "partner_id",
        "training_id",
        "activity_id",
        "report_id",
        "user_id",
        "unit_id",
        "request_id",
        "guide_id",
    )
    placeholders = {name: str(uuid.uuid4()) for name in names} | {
        "section": "market",
        "number": "1",
        "line": "1",
        "consent_id": str(uuid.uuid4()),
    }
    if role == "anonymous":
        return {**placeholders, "case_id": str(uuid.uuid4())}
    setup = row.setup
    if setup in FLOW_SETUPS and not is_success(row.expected(role)):
        setup = reception
    return {**placeholders, **setup(client, people)}


def case_version(client: TestClient, people: People, ids: Ids) -> int | None:
    if "case_id" not in ids:
        return None
    response = client.get(f"/cases/{ids['case_id']}", headers=people.advisor.headers)
    return response.json()["version"] if response.status_code == 200 else None


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=str)
def test_each_role_gets_the_status_the_matrix_gives_it(client, people, row, role):
    ids = prepare(row, role, client, people)
    headers = people.by_role(role).headers if role != "anonymous" else {}
    before = case_version(client, people, ids)

    response = row.request(client, Call(ids, people, role), headers)

    assert response.status_code == row.expected(role), response.text[:500]
    if not is_success(row.expected(role)):
        assert response.json()["detail"], "a refusal says why"
        assert case_version(client, people, ids) == before, "a refused call changed the case"


CASE_ROWS = [row for row in ROWS if row.path.startswith("/cases/{case_id}")]


@pytest.mark.parametrize("row", CASE_ROWS, ids=str)
def test_another_persons_case_answers_exactly_like_a_case_that_does_not_exist(client, people, row):
    ids = prepare(row, "other_entrepreneur", client, people)
    nowhere = {**ids, "case_id": str(uuid.uuid4())}
    headers = people.other_entrepreneur.headers

    probed = row.request(client, Call(ids, people, "other_entrepreneur"), headers)
    missing = row.request(client, Call(nowhere, people, "other_entrepreneur"), headers)

    assert probed.status_code == missing.status_code == 404
    assert probed.json() == missing.json()


def served_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) of an APIRoute the app serves, included routers flattened.

    FastAPI ≥ 0.150 keeps included routers as lazy wrappers in `app.routes`; their
    `effective_route_contexts()` yield the routes with the prefix applied.
    """
    served: set[tuple[str, str]] = set()
    for route in app.routes:
        flatten = getattr(route, "effective_route_contexts", None)
        for effective in flatten() if flatten else [route]:
            if isinstance(getattr(effective, "original_route", effective), APIRoute):
                served |= {(method, effective.path) for method in effective.methods}
    return served


def test_every_route_of_the_app_has_a_row_in_the_role_matrix():
    app = create_app()
    served = served_routes(app)
    documented = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    assert documented <= served, f"route listing missed {sorted(documented - served)}"

    in_matrix = {(row.method, row.path) for row in ROWS}
    assert not served - in_matrix, f"routes without a role test: {sorted(served - in_matrix)}"
    assert not in_matrix - served, f"matrix rows for no route: {sorted(in_matrix - served)}"
    assert len(in_matrix) == len(ROWS), "a route has two rows in the matrix"
