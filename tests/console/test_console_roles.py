"""Every console page × every role, as the API's role matrix does for its routes: a visitor
not signed in is sent to sign in, an entrepreneur probing someone else's case gets the page a
case that does not exist gets (404), a known case the reader may not act on is 403."""

import re

import pytest

from api.console import create_console
from casework.assessment_rubric import RUBRIC
from tests.api.test_role_matrix import served_routes
from tests.console.conftest import form_token
from tests.journey import ok, open_case, plan_body

PARTNER = "00000000-0000-4000-8000-000000000001"
ROLES = ("anonymous", "entrepreneur", "other_entrepreneur", "advisor", "manager")
CASE = "{case_id}"
ASSESSMENT = {f"criteria.{c.key}": "3" for c in RUBRIC} | {"decision": "proceed"}
PLAN = {
    "currency": "XOF",
    "eur_rate": "655.957",
    "horizon_years": "2",
    "discount_rate": "10",
    "investments.0.label": "Cold room",
    "investments.0.year": "0",
    "investments.0.amount": "900000",
    "revenues.0": "600000",
    "revenues.1": "700000",
    "operating_costs.0": "100000",
    "operating_costs.1": "100000",
    "financing.0.source": "own_funds",
    "financing.0.amount": "900000",
}
# Rows whose case needs a plan (version 1, the entrepreneur's) before the call.
WITH_PLAN = {("POST", f"/cases/{CASE}/plan/approval"), ("GET", f"/cases/{CASE}/plan/diff")}

# (method, path, form) → the status each role gets, in ROLES' order. Moves ask for support
# on a case in reception: its gate is closed, so no flow run starts and nothing changes.
MATRIX: dict[tuple[str, str], tuple[dict[str, str], tuple[int, ...]]] = {
    ("GET", "/login"): ({}, (200, 200, 200, 200, 200)),
    ("POST", "/login"): ({"email": "nobody@x.example", "password": "wrong"}, (401,) * 5),
    ("GET", "/signup"): ({}, (200, 200, 200, 200, 200)),
    ("POST", "/signup"): ({"email": "not an email"}, (422,) * 5),
    ("POST", "/logout"): ({}, (303, 303, 303, 303, 303)),
    ("GET", "/"): ({}, (303, 200, 200, 200, 200)),
    ("GET", "/cases"): ({}, (303, 200, 200, 200, 200)),
    ("GET", "/cases/new"): ({}, (303, 200, 200, 200, 403)),
    ("POST", "/cases/new"): (
        {"title": "Poultry farm", "sector": "agriculture", "country": "SN", "summary": "Eggs"},
        (303, 303, 303, 422, 403),
    ),
    ("GET", f"/cases/{CASE}"): ({}, (303, 200, 404, 200, 200)),
    ("POST", f"/cases/{CASE}/moves"): ({"to": "support"}, (303, 403, 404, 409, 403)),
    # A reason too short: the callers allowed are refused by the form, nothing runs.
    ("POST", f"/cases/{CASE}/reorient"): ({"reason": "no"}, (303, 403, 404, 422, 403)),
    ("GET", f"/cases/{CASE}/assessment"): ({}, (303, 403, 404, 200, 403)),
    ("POST", f"/cases/{CASE}/assessment"): (ASSESSMENT, (303, 403, 404, 303, 403)),
    ("GET", f"/cases/{CASE}/feasibility"): ({}, (303, 200, 404, 200, 403)),
    ("POST", f"/cases/{CASE}/feasibility"): ({}, (303, 303, 404, 303, 403)),
    ("GET", f"/cases/{CASE}/plan"): ({}, (303, 200, 404, 200, 200)),
    ("POST", f"/cases/{CASE}/plan"): (PLAN, (303, 303, 404, 303, 403)),
    ("POST", f"/cases/{CASE}/plan/results"): (PLAN, (303, 200, 404, 200, 403)),
    ("POST", f"/cases/{CASE}/plan/approval"): ({"plan_version": "1"}, (303, 303, 404, 403, 403)),
    ("GET", f"/cases/{CASE}/plan/diff"): ({"from": "1", "to": "1"}, (303, 200, 404, 200, 200)),
    # Linkage's forms on a case in reception, naming no partner: allowed callers are refused
    # by the stage (409) or the unknown partner (422, 404), never let through.
    ("GET", f"/cases/{CASE}/linkage"): ({}, (303, 200, 404, 200, 200)),
    ("POST", f"/cases/{CASE}/consents"): ({"partner_id": PARTNER}, (303, 422, 404, 403, 403)),
    ("POST", f"/cases/{CASE}/consents/{{consent_id}}/withdrawal"): ({}, (303, 404, 404, 403, 403)),
    ("POST", f"/cases/{CASE}/referrals"): (
        {"partner_id": PARTNER, "purpose": "Cold-chain advice"},
        (303, 403, 404, 409, 403),
    ),
    ("POST", f"/cases/{CASE}/referrals/{{referral_id}}"): (
        {"status": "sent"},
        (303, 403, 404, 404, 403),
    ),
    ("POST", f"/cases/{CASE}/financing-lines/{{line}}/financed-outside"): (
        {"note": "Family savings"},
        (303, 403, 404, 409, 403),
    ),
    ("GET", f"/cases/{CASE}/follow-up"): ({}, (303, 200, 404, 200, 200)),
    ("POST", f"/cases/{CASE}/milestones"): (
        {"title": "Equipment running", "due_date": "2027-01-15"},
        (303, 303, 404, 303, 403),
    ),
    ("POST", f"/cases/{CASE}/milestones/{{milestone_id}}"): (
        {"done_on": "2027-01-10"},
        (303, 404, 404, 404, 403),
    ),
    ("POST", f"/cases/{CASE}/follow-up-period"): (
        {"until": "2027-06-30"},
        (303, 403, 404, 409, 403),
    ),
    ("GET", "/portfolio"): ({"sector": "agri_food"}, (303, 403, 403, 200, 200)),
    ("GET", "/portfolio.csv"): ({}, (303, 403, 403, 200, 200)),
    ("GET", "/portfolio.pdf"): ({}, (303, 403, 403, 200, 200)),
    ("GET", "/partners"): ({}, (303, 403, 403, 200, 200)),
    ("POST", "/partners"): (
        {"name": "Cold chain advisers", "kind": "technical", "services": "feasibility_study"},
        (303, 403, 403, 403, 303),
    ),
    ("GET", f"/cases/{CASE}/details"): ({}, (303, 200, 404, 200, 200)),
    ("POST", f"/cases/{CASE}/details"): (
        {"title": "Cold storage and ice", "sector": "agri_food", "country": "SN", "summary": "Ice"},
        (303, 303, 404, 303, 403),
    ),
    # No advisor named: an advisor takes the unassigned case; a manager must name one.
    ("POST", f"/cases/{CASE}/advisor"): ({}, (303, 403, 404, 303, 422)),
    ("GET", "/account"): ({}, (303, 200, 200, 200, 200)),
    ("POST", "/account/profile"): ({"preferred_language": "fr"}, (303, 303, 303, 403, 403)),
    ("POST", "/account/password"): ({"current_password": "wrong"}, (303, 422, 422, 422, 422)),
    ("GET", "/guides"): ({"country": "SN"}, (303, 200, 200, 200, 200)),
    ("POST", "/guides"): (
        {
            "country": "SN",
            "topic": "special_economic_zones",
            "title": "Special economic zones in Senegal",
            "text": "The Diamniadio zone offers a single window.",
            "language": "en",
            "checked_on": "2026-11-02",
        },
        (303, 403, 403, 403, 303),
    ),
    ("GET", "/guides/{guide_id}"): ({}, (303, 404, 404, 404, 404)),
    ("POST", "/guides/{guide_id}"): ({"title": "Zones again"}, (303, 403, 403, 403, 404)),
    ("GET", f"/cases/{CASE}/guides"): ({}, (303, 200, 404, 200, 200)),
    ("POST", f"/cases/{CASE}/guides"): ({"guide_id": PARTNER}, (303, 403, 404, 422, 403)),
    ("POST", f"/cases/{CASE}/guides/{{guide_id}}/removal"): (
        {"note": "Not for this project"},
        (303, 403, 404, 404, 403),
    ),
    ("GET", "/account/export"): ({}, (303, 200, 200, 200, 200)),
    ("POST", "/account/erasure"): ({"understood": "yes"}, (303, 303, 303, 403, 403)),
    ("GET", f"/cases/{CASE}/training"): ({}, (303, 200, 404, 200, 200)),
    ("POST", f"/cases/{CASE}/training"): (
        {"course": "Bookkeeping", "provider": "Chamber of commerce", "required": "true"},
        (303, 403, 404, 303, 403),
    ),
    ("POST", f"/cases/{CASE}/training/{{training_id}}"): (
        {"status": "enrolled"},
        (303, 403, 404, 404, 403),
    ),
    ("GET", "/reorientation"): ({}, (303, 200, 200, 200, 200)),
    ("POST", "/reorientation"): (
        {"title": "Bookkeeping course", "kind": "training"},
        (303, 403, 403, 403, 303),
    ),
    ("POST", "/reorientation/{activity_id}"): ({"active": "false"}, (303, 403, 403, 403, 404)),
    ("GET", f"/cases/{CASE}/reorientation"): ({}, (303, 403, 404, 200, 200)),
    ("POST", f"/cases/{CASE}/reorientation"): (
        {"outcome": "employed"},
        (303, 403, 404, 409, 409),
    ),
    ("POST", f"/cases/{CASE}/feasibility/sections/{{section}}/comments"): (
        {"text": "Which prices?"},
        (303, 403, 404, 409, 403),
    ),
    ("GET", f"/cases/{CASE}/intake"): ({}, (303, 200, 404, 200, 200)),
    ("POST", f"/cases/{CASE}/intake"): (
        {"sector_experience_years": "6"},
        (303, 303, 404, 303, 403),
    ),
    ("GET", f"/cases/{CASE}/reports"): ({}, (303, 200, 404, 200, 200)),
    # Figures are reported in follow-up only: the case in reception refuses them (409).
    ("POST", f"/cases/{CASE}/reports"): (
        {"period": "1", "revenue": "100000", "operating_costs": "50000"},
        (303, 409, 404, 409, 403),
    ),
    ("POST", f"/cases/{CASE}/reports/{{report_id}}/confirmation"): (
        {},
        (303, 403, 404, 404, 403),
    ),
    ("GET", "/staff"): ({"role": "advisor"}, (303, 403, 403, 403, 200)),
    ("POST", "/staff"): (
        {
            "full_name": "Aminata Diallo",
            "email": "aminata@unit.example",
            "password": "Baobab shade at Joal, 2027",
            "role": "advisor",
        },
        (303, 403, 403, 403, 303),
    ),
    ("POST", "/staff/{user_id}"): ({"is_active": "false"}, (303, 403, 403, 403, 404)),
    ("GET", "/units"): ({}, (303, 403, 403, 403, 200)),
    ("POST", "/units"): ({"code": "thies", "name": "Thiès unit"}, (303, 403, 403, 403, 303)),
    ("POST", "/units/{unit_id}"): ({"name": "Thiès"}, (303, 403, 403, 403, 404)),
    ("GET", "/access-log"): ({"since": "2026-01-01"}, (303, 403, 403, 403, 200)),
    ("GET", "/erasure-requests"): ({"status": "requested"}, (303, 403, 403, 403, 200)),
    ("POST", "/erasure-requests/{request_id}/confirm"): ({}, (303, 403, 403, 403, 404)),
    ("POST", "/erasure-requests/{request_id}/decline"): (
        {"reason": "Kept for the grant's audit."},
        (303, 403, 403, 403, 404),
    ),
    ("GET", "/partners/{partner_id}"): ({}, (303, 403, 403, 404, 404)),
    ("POST", "/partners/{partner_id}"): ({"active": "false"}, (303, 403, 403, 403, 404)),
    # Another case's (or no) dossier: the case's readers learn nothing of it.
    ("GET", f"/cases/{CASE}/dossiers/{{dossier_id}}.pdf"): ({}, (303, 404, 404, 404, 404)),
}


def test_every_console_route_has_a_row():
    assert served_routes(create_console()) == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
def test_each_role_gets_the_status_the_matrix_gives_it(console_as, client, people, route, role):
    case = open_case(client, people.entrepreneur)
    if route in WITH_PLAN:
        plan = f"/cases/{case['id']}/investment-plan"
        ok(client.put(plan, json=plan_body(), headers=people.entrepreneur.headers))
        case = ok(client.get(f"/cases/{case['id']}", headers=people.entrepreneur.headers))
    console = console_as(None if role == "anonymous" else people.by_role(role))
    method, path = route
    form, statuses = MATRIX[route]
    url = "/app" + path.replace(CASE, case["id"]).format(
        consent_id=PARTNER,
        referral_id=PARTNER,
        line=0,
        dossier_id=PARTNER,
        milestone_id=PARTNER,
        guide_id=PARTNER,
        report_id=PARTNER,
        user_id=PARTNER,
        unit_id=PARTNER,
        request_id=PARTNER,
        partner_id=PARTNER,
        training_id=PARTNER,
        activity_id=PARTNER,
        section="market",
    )
    if method == "GET":
        answer = console.get(url, params=form, follow_redirects=False)
    else:
        token = form_token(console.get("/app/login").text)
        data = {**form, "csrf_token": token, "version": str(case["version"])}
        answer = console.post(url, data=data, follow_redirects=False)
    problems = re.findall(r"class=\"problem\"[^>]*>([^<]*)", answer.text)
    assert answer.status_code == statuses[ROLES.index(role)], problems or answer.text[:300]
    if answer.status_code == 303 and role == "anonymous" and path not in ("/logout",):
        assert answer.headers["location"].startswith("/app/login")


def test_someone_elses_case_reads_exactly_like_no_case(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    stranger = console_as(people.other_entrepreneur)
    theirs = stranger.get(f"/app/cases/{case['id']}")
    nobody = stranger.get("/app/cases/00000000-0000-4000-8000-000000000000")
    malformed = stranger.get("/app/cases/not-a-case")
    assert theirs.status_code == nobody.status_code == malformed.status_code == 404
    strip = re.compile(r'value="[0-9a-f]{64}"')
    assert strip.sub("", theirs.text) == strip.sub("", nobody.text)
    assert case["title"] not in theirs.text
