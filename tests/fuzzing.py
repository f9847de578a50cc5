"""A small seeded unit for the schema fuzzer, and how generated requests are aimed at it."""

import uuid
import zlib
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import People
from tests.journey import add_partner, case_at, ok, open_case, plan_body, printed_dossiers

# Path parameters that name a stored thing; a generated UUID there almost always misses.
ID_PARAMETERS = (
    "case_id",
    "partner_id",
    "referral_id",
    "milestone_id",
    "dossier_id",
    "training_id",
)
# Body fields that name a stored thing.
ID_FIELDS = ("partner_id", "entrepreneur_id")
# One generated id in this many is left as it came: the "no such thing" answers get fuzzed too.
LEFT_RANDOM_ONE_IN = 5


@dataclass(frozen=True)
class SeededUnit:
    """Everyone, and the entrepreneur's cases at reception, in support and at linkage."""

    people: People
    cases: tuple[dict[str, str], ...]

    def ids_of(self, name: str) -> list[str]:
        """Every seeded id of kind `name`, in seeding order."""
        return [case[name] for case in self.cases if name in case]


def seed_unit(client: TestClient, people: People) -> SeededUnit:
    """Three cases of `people.entrepreneur`, each with the things its stage has."""
    advisor = people.advisor.headers
    reception = open_case(client, people.entrepreneur, title="Reception case")
    reception_ids = {
        "case_id": reception["id"],
        **_follow_up_things(client, reception["id"], people),
    }
    ok(
        client.put(
            f"/cases/{reception['id']}/feasibility",
            json={"sections": {"market": {"text": "Fish prices", "status": "draft"}}},
            headers=advisor,
        )
    )

    support = case_at(client, "support", people)
    owner = people.entrepreneur.headers
    ok(client.put(f"/cases/{support['id']}/investment-plan", json=plan_body(), headers=owner))
    support_ids = {
        "case_id": support["id"],
        "dossier_id": _kept_dossier(client, support["id"], people),
        **_follow_up_things(client, support["id"], people),
    }

    linkage = case_at(client, "linkage", people)
    partner = add_partner(client, people.manager, name="Seeded partner")
    referral = ok(
        client.post(
            f"/cases/{linkage['id']}/referrals",
            json={"partner_id": partner["id"], "purpose": "Technical assistance"},
            headers=advisor,
        ),
        201,
    )
    linkage_ids = {
        "case_id": linkage["id"],
        "partner_id": partner["id"],
        "referral_id": referral["id"],
        "dossier_id": _kept_dossier(client, linkage["id"], people),
        "entrepreneur_id": people.entrepreneur.id,
    }
    return SeededUnit(people, (reception_ids, support_ids, linkage_ids))


def _follow_up_things(client: TestClient, case_id: str, people: People) -> dict[str, str]:
    advisor = people.advisor.headers
    milestone = ok(
        client.post(
            f"/cases/{case_id}/milestones",
            json={"title": "Cold room installed", "due_date": "2031-01-15"},
            headers=advisor,
        ),
        201,
    )
    training = ok(
        client.post(
            f"/cases/{case_id}/training",
            json={"course": "Cold chain basics", "provider": "Chamber of commerce"},
            headers=advisor,
        ),
        201,
    )
    return {"milestone_id": milestone["id"], "training_id": training["id"]}


def _kept_dossier(client: TestClient, case_id: str, people: People) -> str:
    return str(printed_dossiers(client, case_id, people.advisor)[0]["id"])


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _pick(value: Any) -> int | None:
    """A stable choice drawn from a generated value; None leaves the value as it came."""
    draw = zlib.crc32(repr(value).encode())
    if draw % LEFT_RANDOM_ONE_IN == 0:
        return None
    return draw // LEFT_RANDOM_ONE_IN


def aim_at_unit(case: Any, unit: SeededUnit) -> None:
    """Put seeded ids in most generated id parameters and fields, so calls reach real code.

    Only well-formed UUIDs are replaced: a malformed id stays, to be refused with 422.
    The things named together come from one seeded case, as a real client would name them.
    """
    parameters = case.path_parameters or {}
    chosen = _pick(parameters.get("case_id"))
    scene = unit.cases[chosen % len(unit.cases)] if chosen is not None else {}
    for name in ID_PARAMETERS:
        value = parameters.get(name)
        if value is None or not _is_uuid(value):
            continue
        if name in scene:
            parameters[name] = scene[name]
        elif (choice := _pick(value)) is not None and (known := unit.ids_of(name)):
            parameters[name] = known[choice % len(known)]
    if isinstance(case.body, dict):
        for field in ID_FIELDS:
            value = case.body.get(field)
            known = unit.ids_of(field)
            if _is_uuid(value) and known and (choice := _pick(value)) is not None:
                case.body[field] = known[choice % len(known)]
