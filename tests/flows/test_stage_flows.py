"""Transition flows under a real Prefect test server: named, tagged, idempotent, all-or-nothing."""

import asyncio
import inspect
import json
import threading
import uuid
from typing import Any

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
from pydantic import SecretStr
from sqlmodel import func, select

from casework.actors import Actor
from casework.database import open_session
from casework.models import Case, CaseEvent, Dossier, PartnerMatch
from casework.services import transitions
from casework.services.cases import CaseCreate, open_case
from casework.services.reception import AssessmentInput, save_assessment
from casework.stages import STAGE_MOVES
from casework.vocabulary import Role, Transition
from flows import stage_flows
from flows.dossier_flow import render_moment_dossier
from flows.launcher import run_transition
from flows.stage_flows import FLOWS

pytestmark = pytest.mark.usefixtures("prefect_server")


def _reception_case(people, *, assessed: bool):
    """A new case in reception; `assessed` opens its support gate (the advisor says proceed)."""
    advisor = Actor(uuid.UUID(people.advisor.id), Role.ADVISOR)
    with open_session() as session:
        body = CaseCreate(
            title="Solar irrigation pumps",
            sector="energy",
            country="MA",
            summary="Pumps for three villages.",
            entrepreneur_id=uuid.UUID(people.entrepreneur.id),
        )
        case = open_case(body, advisor, session=session)
        if assessed:
            assessment = AssessmentInput(
                technical=3, financial=3, motivation=4, training_required=False, decision="proceed"
            )
            save_assessment(case, assessment, advisor, session=session)
        session.commit()
        return case


@pytest.fixture
def assessed_case(people):
    """A case in reception whose support gate is open."""
    return _reception_case(people, assessed=True)


def _snapshot(case_id):
    with open_session() as session:
        case = session.get(Case, case_id)
        events = session.exec(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)
        ).one()
        dossiers = session.exec(
            select(func.count()).select_from(Dossier).where(Dossier.case_id == case_id)
        ).one()
        return case.stage, case.status, case.version, events, dossiers


def _stage_changes(case_id):
    """How many stage moves the case's timeline records."""
    with open_session() as session:
        return len(
            session.exec(
                select(CaseEvent)
                .where(CaseEvent.case_id == case_id)
                .where(CaseEvent.kind == "stage_changed")
            ).all()
        )


async def _runs_tagged(*tags):
    async with get_client() as client:
        return await client.read_flow_runs(
            flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=list(tags)))
        )


def _move(case, transition="support"):
    return run_transition(transition, case_id=case.id, reference=case.reference, actor_id=None)


def test_the_run_is_named_for_the_stage_and_tagged_with_case_and_stage(assessed_case):
    outcome = _move(assessed_case)
    assert outcome.made
    runs = asyncio.run(_runs_tagged(f"case:{assessed_case.reference}", "stage:support"))
    assert [r.name for r in runs] == [f"support-{assessed_case.reference}"]
    assert runs[0].state.is_completed()
    with open_session() as session:
        kept = session.exec(select(Dossier).where(Dossier.case_id == assessed_case.id)).all()
    assert sorted(k.audience for k in kept) == ["entrepreneur", "unit"]
    assert {k.flow_run_id for k in kept} == {str(runs[0].id)}


def test_a_rerun_of_a_made_transition_changes_nothing(assessed_case):
    _move(assessed_case)
    before = _snapshot(assessed_case.id)
    again = _move(assessed_case)
    assert again.already_made
    assert not again.made
    assert _snapshot(assessed_case.id) == before


def test_the_flow_rechecks_the_gate_and_leaves_a_closed_case_untouched(people):
    case = _reception_case(people, assessed=False)
    before = _snapshot(case.id)
    outcome = _move(case)
    assert outcome.unmet
    assert "not yet assessed" in outcome.unmet[0]
    assert _snapshot(case.id) == before


def test_two_simultaneous_requests_move_the_case_once(assessed_case):
    outcomes = []
    threads = [
        threading.Thread(target=lambda: outcomes.append(_move(assessed_case))) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(o.made for o in outcomes) == [False, True]
    assert _stage_changes(assessed_case.id) == 1


def test_entering_linkage_freezes_the_plan_and_records_partner_matches(client, people):
    from tests.journey import add_partner, case_at

    add_partner(client, people.manager, "CDE")
    case = case_at(client, "linkage", people)
    with open_session() as session:
        matches = session.exec(
            select(PartnerMatch).where(PartnerMatch.case_id == uuid.UUID(case["id"]))
        ).all()
    assert [m.rank for m in matches] == [1]
    assert matches[0].reasons
    runs = asyncio.run(_runs_tagged(f"case:{case['reference']}"))
    moves = [r for r in runs if "dossier" not in r.tags]
    assert sorted(r.name for r in moves) == sorted(
        [f"support-{case['reference']}", f"linkage-{case['reference']}"]
    )


def test_every_stage_move_of_the_table_has_its_flow():
    assert set(FLOWS) == STAGE_MOVES


def test_a_commit_that_clashes_with_a_change_meanwhile_starts_over_and_succeeds(
    assessed_case, monkeypatch
):
    checked = []
    gather = transitions.gather_facts

    def gather_while_an_advisor_edits(case, **kwargs):
        facts = gather(case, **kwargs)
        if not checked:
            # Someone edits the case between the gate check and the write: its version moves.
            with open_session() as session:
                edited = session.get(Case, case.id)
                edited.summary += " Now with a second cold room."
                session.commit()
        checked.append(case.id)
        return facts

    monkeypatch.setattr(transitions, "gather_facts", gather_while_an_advisor_edits)
    outcome = _move(assessed_case)

    assert outcome.made
    assert len(checked) == 2, "the clash sent the flow back to the gate once"
    stage, _status, _version, _events, dossiers = _snapshot(assessed_case.id)
    assert stage == "support"
    assert dossiers == 2, "only the attempt that committed kept its copies"
    assert _stage_changes(assessed_case.id) == 1


# What people wrote comes as SecretStr: plain text to the flow, stars to Prefect.
PLAIN = {uuid.UUID, str, list[str], uuid.UUID | None, str | None, list[str] | None}
WRITTEN = {SecretStr, list[SecretStr], SecretStr | None, list[SecretStr] | None}


@pytest.mark.parametrize(
    "flow",
    [*FLOWS.values(), stage_flows.reorient_case, stage_flows.change_status, render_moment_dossier],
)
def test_flows_take_and_return_plain_values_only(flow):
    signature = inspect.signature(flow.fn)
    assert {p.annotation for p in signature.parameters.values()} <= PLAIN | WRITTEN
    assert signature.return_annotation == dict[str, Any]


def test_a_flow_outcome_is_plain_json(assessed_case):
    made = FLOWS[Transition.SUPPORT](
        case_id=assessed_case.id, reference=assessed_case.reference, actor_id=None
    )
    outcome = asyncio.run(made)
    assert json.loads(json.dumps(outcome)) == outcome
