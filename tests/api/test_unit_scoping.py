"""Every route under a case keeps to the case's unit: another unit's staff are told, on each,
exactly what they would be told of a case that does not exist; the programme's are not.

The routes are read from the app's routers, as the role matrix reads them: a new route
under `/cases/{case_id}` is covered the day it is added.
"""

import re
import uuid

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tests.api.test_route_permissions import routes
from tests.conftest import OtherUnit, People
from tests.journey import open_case

pytestmark = pytest.mark.usefixtures("prefect_server")

CASE_ROUTES = [(name, route) for name, route in routes() if "{case_id}" in route.path]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def path_to(route: APIRoute, case_id: str) -> str:
    """The route's path for the case, any other id a fresh one (a section, a number: the first)."""
    fixed = {"case_id": case_id, "section": "market", "number": "1", "line": "1"}
    return _PLACEHOLDER.sub(lambda m: fixed.get(m[1], str(uuid.uuid4())), route.path)


def test_every_case_route_is_enumerated():
    assert len(CASE_ROUTES) > 40
    assert "GET /cases/{case_id}" in dict(CASE_ROUTES)


@pytest.mark.parametrize(("name", "route"), CASE_ROUTES, ids=[n for n, _ in CASE_ROUTES])
def test_another_units_staff_get_404_on_every_case_route_and_the_programme_does_not(
    client: TestClient, people: People, dakar: OtherUnit, name: str, route: APIRoute
):
    case = open_case(client, people.entrepreneur)  # a case of the default unit, main
    method = name.split()[0]
    path = path_to(route, case["id"])
    nowhere = path_to(route, str(uuid.uuid4()))
    version = client.get(f"/cases/{case['id']}", headers=people.manager.headers).json()["version"]

    for stranger in (dakar.advisor, dakar.manager):
        probed = client.request(method, path, json={}, headers=stranger.headers)
        missing = client.request(method, nowhere, json={}, headers=stranger.headers)
        assert probed.status_code == missing.status_code == 404, (stranger.email, probed.text)
        assert probed.json() == missing.json()

    programme = client.request(method, path, json={}, headers=people.manager.headers)
    missing = client.request(method, nowhere, json={}, headers=people.manager.headers)
    assert missing.status_code == 404
    knows = programme.status_code != 404 or programme.json() != missing.json()
    assert knows, "the programme's manager knows every unit's case"
    if programme.status_code >= 400:
        after = client.get(f"/cases/{case['id']}", headers=people.manager.headers).json()
        assert after["version"] == version, "a refused call changed the case"
