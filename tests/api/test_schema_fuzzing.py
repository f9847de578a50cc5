"""Fuzzing the OpenAPI schema as every role on a seeded unit: no 5xx, every answer as documented."""

import time
import zlib
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.config import SchemathesisConfig

from api.app import create_app
from casework.database import create_tables, get_engine
from casework.settings import get_settings
from casework.vocabulary import Role
from tests.conftest import People, make_person, settle_prints, store_url
from tests.fuzzing import SeededUnit, aim_at_unit, seed_unit

pytestmark = pytest.mark.usefixtures("prefect_server")

ROLES = ("anonymous", "entrepreneur", "other_entrepreneur", "advisor", "manager")

# Stage moves and reorientations run real flows, dossiers and reports render PDFs: ~0.5-1 s.
SLOW_OPERATIONS = (
    r"/(transitions|reorientation|dossier\.pdf|dossiers/\{dossier_id\}\.pdf|portfolio\.pdf)$"
)
# Signing out would end the seeded people's tokens for every later call (its role test covers it).
SIGNING_OUT = {"include-path-regex": r"^/auth/logout$", "enabled": False}
# Past this, the operations left are skipped (and say so) rather than slow the suite.
BUDGET_SECONDS = 150
# A call still unanswered after this fails the pass: slow, but not a shared 2-core CI box's noise.
REQUEST_TIMEOUT_SECONDS = 30

# Pass 1, as each role: the schema's own examples and 6 generated requests per operation, 1 if slow.
BY_ROLE = SchemathesisConfig.from_dict(
    {
        "request-timeout": REQUEST_TIMEOUT_SECONDS,
        "generation": {"max-examples": 6},
        "phases": {"coverage": {"enabled": False}},
        "operations": [
            SIGNING_OUT,
            {"include-path-regex": SLOW_OPERATIONS, "generation": {"max-examples": 1}},
        ],
    }
)
# Pass 2: the boundary and wrong-type values of every field (schemathesis' coverage phase),
# each sent as one role in turn; slow operations get theirs in pass 1 only.
AT_THE_BOUNDARIES = SchemathesisConfig.from_dict(
    {
        "request-timeout": REQUEST_TIMEOUT_SECONDS,
        "phases": {"examples": {"enabled": False}, "fuzzing": {"enabled": False}},
        "operations": [SIGNING_OUT, {"include-path-regex": SLOW_OPERATIONS, "enabled": False}],
    }
)
APP = create_app()
by_role = schemathesis.openapi.from_asgi("/openapi.json", APP, config=BY_ROLE)
at_the_boundaries = schemathesis.openapi.from_asgi("/openapi.json", APP, config=AT_THE_BOUNDARIES)

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
FUZZ_SETTINGS = settings(
    deadline=None,
    derandomize=True,
    # Some operations are slow by nature; the store is seeded once for the module.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def unit(tmp_path_factory: pytest.TempPathFactory, prefect_server: None) -> Iterator[SeededUnit]:
    """One store for the whole fuzz pass, seeded once: people of every role and three cases."""
    with (
        store_url(tmp_path_factory.mktemp("fuzz")) as url,
        pytest.MonkeyPatch.context() as env,
    ):
        env.setenv("CASEWORK_DATABASE_URL", url)
        env.setenv("CASEWORK_REFERENCE_PREFIX", "FUZZ")
        get_settings.cache_clear()
        get_engine.cache_clear()
        engine = get_engine()
        create_tables(engine)
        people = People(
            advisor=make_person("awa@unit.example", Role.ADVISOR, "Awa Ndiaye"),
            manager=make_person("moussa@unit.example", Role.MANAGER, "Moussa Sow"),
            entrepreneur=make_person("fatou@mail.example", Role.ENTREPRENEUR, "Fatou Diop"),
            other_entrepreneur=make_person("ali@mail.example", Role.ENTREPRENEUR, "Ali Ba"),
        )
        with TestClient(APP) as client:
            seeded = seed_unit(client, people)
        yield seeded
        settle_prints()
        engine.dispose()
        get_engine.cache_clear()
        get_settings.cache_clear()


@pytest.fixture(scope="module")
def budget_ends(unit: SeededUnit) -> float:
    """When the fuzz pass must stop generating; seeding is not counted."""
    return time.monotonic() + BUDGET_SECONDS


def send_as(role: str, case, unit: SeededUnit, budget_ends: float) -> None:
    """Aim the request at the seeded unit, sign it as `role`, send it and check the answer."""
    if time.monotonic() > budget_ends:
        pytest.skip(f"the fuzz pass's {BUDGET_SECONDS} s budget is spent")
    aim_at_unit(case, unit)
    case.headers = dict(case.headers or {})
    if role == "anonymous":
        case.headers.pop("Authorization", None)
    else:
        case.headers.update(unit.people.by_role(role).headers)
    case.call_and_validate(checks=CHECKS)


@pytest.mark.parametrize("role", ROLES)
@by_role.parametrize()
@FUZZ_SETTINGS
def test_each_role_gets_only_documented_answers_and_never_a_server_error(
    case, role, unit, budget_ends
):
    send_as(role, case, unit, budget_ends)


@at_the_boundaries.parametrize()
@FUZZ_SETTINGS
def test_boundary_and_wrong_type_values_get_documented_answers_and_never_a_server_error(
    case, unit, budget_ends
):
    # Every role meets some of each operation's boundary values, at a fifth of the cost.
    turn = zlib.crc32(repr((case.path_parameters, case.query, case.body)).encode())
    send_as(ROLES[turn % len(ROLES)], case, unit, budget_ends)
