"""The steps every stage transition is made of; each opens its own session from ids."""

import uuid
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from casework.database import open_session
from casework.dossier_audience import KEPT_AUDIENCES
from casework.models import Case
from casework.partner_matching import Match
from casework.services import transitions
from casework.services.dossier import KeptDossier, Moment, gather_dossier, render_kept_dossier
from casework.services.linkage import match_partners
from casework.services.transitions import GateCheck, Reorientation


@task(name="check-gate")
def check_gate(case_id: uuid.UUID, transition: str) -> GateCheck:
    """Where the case stands against the transition's gate."""
    with open_session() as session:
        return transitions.check(case_id, transition, session=session)


@task(name="rank-partner-matches")
def rank_partner_matches(case_id: uuid.UUID) -> list[Match]:
    """Rank the directory's partners for the case."""
    with open_session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return match_partners(case, session=session)


# The dossiers go from render to commit in memory only: never hashed into a cache key,
# never written to Prefect's result storage (the unit's copy holds the staff's notes).
@task(name="render-dossier", cache_policy=NO_CACHE, persist_result=False)
def render_moment_dossier(case_id: uuid.UUID, moment: Moment) -> list[KeptDossier]:
    """Render every kept audience's copy of the dossier as the case will stand once moved."""
    with open_session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        context = gather_dossier(case, session=session, moment=moment)
    # Rendered after the session is closed: never hold the store while WeasyPrint works.
    run_id = str(flow_run.get_id() or "") or None
    return [render_kept_dossier(context, audience, run_id) for audience in KEPT_AUDIENCES]


@task(name="commit-transition", cache_policy=NO_CACHE, persist_result=False)
def commit_transition(
    gate: GateCheck,
    *,
    actor_id: uuid.UUID | None,
    dossiers: list[KeptDossier],
    matches: list[Match] | None = None,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """Write the move, its steps and its event in one transaction; what the case became."""
    with open_session() as session:
        case = transitions.commit(
            gate,
            session=session,
            actor_id=actor_id,
            dossiers=dossiers,
            matches=matches,
            reorientation=reorientation,
            reason=reason,
        )
        made = {
            "stage": str(case.stage),
            "status": str(case.status),
            "frozen_plan": transitions.frozen_figures(case, session=session),
        }
        session.commit()
    return made
