"""Bad input: 422 naming the field, 409 listing what is missing, and nothing lost.

DESIGN.md §5: a bad request gets a 4xx saying which field is wrong and why; a
blocked transition answers 409 with the unmet requirements; a refused request
leaves the case exactly as it was (no version bump, no plan version, no event).
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import PASSWORD, People
from tests.journey import SECTIONS, assess, case_at, ok, open_case, plan_body


def in_days(days: int) -> str:
    """An ISO date `days` from today (UTC, the unit's calendar)."""
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def field_error(response: Any, *loc: str | int) -> dict[str, Any]:
    """The 422 error about the body field at `loc`; its message must say something."""
    assert response.status_code == 422, response.text
    errors = response.json()["detail"]
    about = [e for e in errors if e["loc"][0] == "body" and tuple(e["loc"][-len(loc) :]) == loc]
    assert about, f"no error names {loc}: {errors}"
    assert all(e["msg"].strip() for e in about), about
    return about[0]


def snapshot(client: TestClient, case_id: str, people: People) -> dict[str, Any]:
    """Everything a refused request must leave untouched, as staff see it."""
    base, headers = f"/cases/{case_id}", people.advisor.headers
    case = ok(client.get(base, headers=headers))
    return {
        "case": {k: case[k] for k in ("version", "stage", "status", "updated_at")},
        "plan_versions": [
            (v["version"], v["approved"])
            for v in ok(client.get(f"{base}/investment-plan/versions", headers=headers))
        ],
        "events": len(ok(client.get(f"{base}/events", headers=headers))),
        "milestones": ok(client.get(f"{base}/milestones", headers=headers)),
        "referrals": ok(client.get(f"{base}/referrals", headers=headers)),
        "kept_dossiers": len(ok(client.get(f"{base}/dossiers", headers=headers))),
    }


@pytest.fixture
def case(client: TestClient, people: People) -> dict[str, str]:
    """A reception case with an approved plan (version 1) and one open milestone."""
    case_id = open_case(client, people.entrepreneur)["id"]
    owner = people.entrepreneur.headers
    ok(client.put(f"/cases/{case_id}/investment-plan", json=plan_body(), headers=owner))
    ok(client.post(f"/cases/{case_id}/investment-plan/approval", headers=owner))
    milestone = ok(
        client.post(
            f"/cases/{case_id}/milestones",
            json={"title": "Cold room installed", "due_date": in_days(30)},
            headers=people.advisor.headers,
        ),
        201,
    )
    return {"case_id": case_id, "milestone_id": milestone["id"]}


def assessment(**changes: Any) -> dict[str, Any]:
    body = {"technical": 4, "financial": 3, "motivation": 5}
    return {**body, "training_required": False, "decision": "proceed", **changes}


def plan_with(part: str, index: int, **changes: Any) -> dict[str, Any]:
    """The valid plan with one line of `investments` or `financing` changed."""
    body = plan_body()
    body[part][index] = {**body[part][index], **changes}
    return body


def incomplete_study() -> dict[str, Any]:
    sections = {k: {"text": f"{k} analysed", "status": "complete"} for k in SECTIONS}
    sections["risks"]["status"] = "draft"
    return {"sections": sections, "conclusion": "viable"}


REVENUES = plan_body()["revenues"]

# fmt: off
# role, method, path under the case, body, loc of the field the 422 must name
BAD_REQUESTS = [
    pytest.param(
        "advisor", "PUT", "assessment", assessment(technical="high"), ("technical",),
        id="score-given-as-a-string",
    ),
    pytest.param(
        "advisor", "PUT", "assessment", assessment(financial=6), ("financial",),
        id="score-of-6",
    ),
    pytest.param(
        "advisor", "PUT", "assessment", assessment(motivation=3.5), ("motivation",),
        id="score-of-3.5",
    ),
    pytest.param(
        "advisor", "PUT", "assessment", assessment(mood="good"), ("mood",),
        id="assessment-with-an-unknown-field",
    ),
    pytest.param(
        "advisor", "POST", "transitions", {"to": "heaven"}, ("to",), id="unknown-stage",
    ),
    pytest.param(
        "advisor", "POST", "transitions", {"to": "support", "force": True}, ("force",),
        id="transition-with-an-unknown-field",
    ),
    pytest.param(
        "advisor", "PUT", "feasibility", incomplete_study(), ("conclusion",),
        id="viable-while-a-section-is-incomplete",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_with("investments", 0, amount=-1),
        ("investments", 0, "amount"), id="negative-investment",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_body(revenues=[*REVENUES[:4], -1]),
        ("revenues", 4), id="negative-revenue",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_with("financing", 0, amount=-5),
        ("financing", 0, "amount"), id="negative-financing",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_body(revenues=REVENUES[:3]),
        ("revenues",), id="fewer-revenues-than-horizon-years",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_body(operating_costs=[1, 2, 3, 4, 5, 6]),
        ("operating_costs",), id="more-operating-costs-than-horizon-years",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_body(discount_rate=1.5),
        ("discount_rate",), id="discount-rate-1.5",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_with("financing", 1, interest_rate=1.5),
        ("financing", 1, "interest_rate"), id="interest-rate-1.5",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_body(currency="ABC"),
        ("currency",), id="unknown-currency",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_with("financing", 0, source="lottery"),
        ("financing", 0, "source"), id="unknown-financing-source",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_with("financing", 1, term_years=0),
        ("financing", 1, "term_years"), id="loan-term-of-zero",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_body(notes="cheap"),
        ("notes",), id="plan-with-an-unknown-field",
    ),
    pytest.param(
        "entrepreneur", "PUT", "investment-plan", plan_with("investments", 0, colour="red"),
        ("investments", 0, "colour"), id="investment-line-with-an-unknown-field",
    ),
    pytest.param(
        "entrepreneur", "PATCH", "milestones/{milestone_id}", {"done_on": in_days(1)},
        ("done_on",), id="milestone-done-in-the-future",
    ),
]
# fmt: on


@pytest.mark.parametrize(("role", "method", "path", "body", "loc"), BAD_REQUESTS)
def test_a_bad_body_is_refused_naming_the_field_and_the_case_loses_nothing(
    client, people, case, role, method, path, body, loc
):
    before = snapshot(client, case["case_id"], people)
    url = f"/cases/{case['case_id']}/{path.format(**case)}"

    field_error(client.request(method, url, json=body, headers=people.by_role(role).headers), *loc)

    assert snapshot(client, case["case_id"], people) == before


@pytest.mark.parametrize("name", ["title", "due_date", "note"])
def test_a_null_for_a_required_milestone_field_is_refused_naming_it(client, people, case, name):
    url = f"/cases/{case['case_id']}/milestones/{case['milestone_id']}"
    response = client.patch(url, json={name: None}, headers=people.advisor.headers)
    field_error(response, name)


def test_a_partner_whose_ticket_maximum_is_below_its_minimum_is_refused_naming_the_field(
    client, people
):
    body = {"name": "Lender", "kind": "financial", "ticket_min_eur": 10, "ticket_max_eur": 5}
    field_error(
        client.post("/partners", json=body, headers=people.manager.headers), "ticket_max_eur"
    )


PROPOSAL = {"title": "Solar mill", "sector": "energy", "country": "ML", "summary": "A mill."}


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        pytest.param({"sector": "fishing"}, "sector", id="unknown-sector"),
        pytest.param({"country": "XX"}, "country", id="country-XX"),
        pytest.param({"country": "Senegal"}, "country", id="country-name-not-code"),
        pytest.param({"priority": "high"}, "priority", id="unknown-field"),
    ],
)
def test_a_bad_proposal_is_refused_naming_the_field_and_opens_no_case(client, people, changes, loc):
    first = open_case(client, people.entrepreneur)
    headers = people.entrepreneur.headers

    field_error(client.post("/cases", json={**PROPOSAL, **changes}, headers=headers), loc)

    assert ok(client.get("/cases", headers=headers))["total"] == 1
    second = ok(client.post("/cases", json=PROPOSAL, headers=headers), 201)
    assert second["reference"] == first["reference"][:-4] + "0002", "no reference was used up"


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        pytest.param({"password": "short"}, "password", id="password-too-short"),
        pytest.param({"email": "amina.at.mail.example"}, "email", id="email-without-at-sign"),
    ],
)
def test_a_bad_registration_is_refused_naming_the_field_and_creates_no_account(
    client, changes, loc
):
    body = {"email": "amina@mail.example", "password": PASSWORD, "full_name": "Amina", **changes}

    field_error(client.post("/auth/register", json=body), loc)

    form = {"username": body["email"], "password": body["password"]}
    assert client.post("/auth/token", data=form).status_code == 401


@pytest.mark.usefixtures("prefect_server")
def test_a_referral_cannot_jump_from_draft_to_accepted_409_names_the_next_states(client, people):
    case_id = case_at(client, "linkage", people)["id"]
    partner = {"name": "CDE", "kind": "technical"}
    partner_id = ok(client.post("/partners", json=partner, headers=people.manager.headers), 201)
    referrals, headers = f"/cases/{case_id}/referrals", people.advisor.headers
    body = {"partner_id": partner_id["id"], "purpose": "Technical assistance"}
    referral = ok(client.post(referrals, json=body, headers=headers), 201)
    before = snapshot(client, case_id, people)

    response = client.patch(
        f"{referrals}/{referral['id']}", json={"status": "accepted"}, headers=headers
    )

    assert response.status_code == 409, response.text
    assert response.json()["field"] == "status"
    assert "sent, withdrawn" in response.json()["detail"], "it names the allowed next states"
    assert snapshot(client, case_id, people) == before
    assert [r["status"] for r in before["referrals"]] == ["draft"]


def reception_case(client: TestClient, people: People) -> str:
    return open_case(client, people.entrepreneur)["id"]


def reoriented_assessment(client: TestClient, people: People) -> str:
    case_id = open_case(client, people.entrepreneur)["id"]
    assess(client, case_id, people.advisor, decision="reorient")
    return case_id


@pytest.mark.parametrize(
    ("build", "to", "hint"),
    [
        pytest.param(reception_case, "support", "assessed", id="not-assessed-yet"),
        pytest.param(reoriented_assessment, "support", "reorient", id="assessment-said-reorient"),
        pytest.param(reception_case, "linkage", "reception", id="skipping-a-stage"),
        pytest.param(reception_case, "completed", "reception", id="jumping-to-completed"),
    ],
)
def test_a_closed_gate_answers_409_listing_what_is_unmet_and_moves_nothing(
    client, people, build, to, hint
):
    case_id = build(client, people)
    before = snapshot(client, case_id, people)

    response = client.post(
        f"/cases/{case_id}/transitions", json={"to": to}, headers=people.advisor.headers
    )

    assert response.status_code == 409, response.text
    unmet = response.json()["detail"]["unmet"]
    assert unmet, "a closed gate says what is missing"
    assert all(isinstance(line, str) and line.strip() for line in unmet), unmet
    assert any(hint in line for line in unmet), unmet
    assert snapshot(client, case_id, people) == before
    assert before["case"]["stage"] == "reception"
