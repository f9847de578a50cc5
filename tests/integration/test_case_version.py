"""A case's version covers its whole record, so an answer kept per version is never stale."""

import uuid
from datetime import date

import pytest
from sqlmodel import select

from api.schemas import CaseStatusPublic
from casework.database import open_session
from casework.models import Assessment, Case, Dossier, Milestone
from casework.services.status import status_view
from casework.vocabulary import AssessmentDecision, Audience, DossierStatus, Stage
from tests.journey import assess, ok, open_case


def _version(case_id: str) -> int:
    with open_session() as session:
        case = session.get(Case, uuid.UUID(case_id))
        assert case is not None
        return case.version


def test_adding_changing_and_deleting_a_row_of_the_case_moves_its_version(client, people):
    case = open_case(client, people.entrepreneur)
    before = _version(case["id"])
    with open_session() as session:
        milestone = Milestone(
            case_id=uuid.UUID(case["id"]), title="Cold room", due_date=date.today()
        )
        session.add(milestone)
        session.commit()
    added = _version(case["id"])
    with open_session() as session:
        row = session.exec(select(Milestone)).one()
        row.done_on = date.today()
        session.commit()
    changed = _version(case["id"])
    with open_session() as session:
        session.delete(session.exec(select(Milestone)).one())
        session.commit()
    assert before < added < changed < _version(case["id"])


def test_a_printed_copy_is_kept_beside_the_case_and_moves_no_version(client, people):
    case = open_case(client, people.entrepreneur)
    before = _version(case["id"])
    with open_session() as session:
        session.add(
            Dossier(
                case_id=uuid.UUID(case["id"]),
                moment="Printed",
                stage=Stage.RECEPTION,
                audience=Audience.UNIT,
                status=DossierStatus.PENDING,
            )
        )
        session.commit()
    assert _version(case["id"]) == before


@pytest.mark.parametrize("write", ["row without an event", "service"])
def test_the_status_answer_follows_every_change_of_the_record(client, people, write):
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/status"
    first = ok(client.get(url, headers=people.entrepreneur.headers))
    assert ok(client.get(url, headers=people.entrepreneur.headers)) == first, "kept, same answer"
    if write == "service":
        assess(client, case["id"], people.advisor)
    else:
        # A row written with no timeline event: only the version rule can tell.
        with open_session() as session:
            session.add(
                Assessment(
                    case_id=uuid.UUID(case["id"]),
                    technical=4,
                    financial=4,
                    motivation=4,
                    training_required=False,
                    decision=AssessmentDecision.PROCEED,
                    assessed_by=uuid.UUID(people.advisor.id),
                )
            )
            session.commit()
    second = ok(client.get(url, headers=people.entrepreneur.headers))
    assert second["next_steps"] != first["next_steps"]
    with open_session() as session:
        fresh = session.get(Case, uuid.UUID(case["id"]))
        assert fresh is not None
        expected = CaseStatusPublic.model_validate(status_view(fresh, session=session))
    assert second == expected.model_dump(mode="json")
