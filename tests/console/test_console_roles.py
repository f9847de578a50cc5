"""Every console page × every role, as the API's role matrix does for its routes: a visitor
not signed in is sent to sign in, an entrepreneur probing someone else's case gets the page a
case that does not exist gets (404), a known case the reader may not act on is 403."""

import re

import pytest

from api.console import create_console
from tests.api.test_role_matrix import served_routes
from tests.console.conftest import form_token
from tests.journey import open_case

ROLES = ("anonymous", "entrepreneur", "other_entrepreneur", "advisor", "manager")
CASE = "{case_id}"

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
}


def test_every_console_route_has_a_row():
    assert served_routes(create_console()) == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
def test_each_role_gets_the_status_the_matrix_gives_it(console_as, client, people, route, role):
    case = open_case(client, people.entrepreneur)
    console = console_as(None if role == "anonymous" else people.by_role(role))
    method, path = route
    form, statuses = MATRIX[route]
    url = "/app" + path.replace(CASE, case["id"])
    if method == "GET":
        answer = console.get(url, follow_redirects=False)
    else:
        token = form_token(console.get("/app/login").text)
        data = {**form, "csrf_token": token, "version": str(case["version"])}
        answer = console.post(url, data=data, follow_redirects=False)
    assert answer.status_code == statuses[ROLES.index(role)], answer.text[:400]
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
