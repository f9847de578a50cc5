"""Case dossiers: rendered now, or as kept at each transition."""

import uuid
from typing import Any

from fastapi import APIRouter, Response
from sqlmodel import col, select

from api.dependencies import ActorDep, SessionDep
from api.schemas import DossierPublic
from casework.actors import Action
from casework.errors import NotFound
from casework.models import Dossier
from casework.services.cases import case_for
from casework.services.dossier import gather_dossier, render_kept_dossier

router = APIRouter(prefix="/cases/{case_id}", tags=["dossiers"])

_PDF: dict[int | str, dict[str, Any]] = {
    "200": {"content": {"application/pdf": {}}, "description": "The PDF dossier."}
}


def _pdf(content: bytes, filename: str, sha256: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "X-Content-SHA256": sha256,
        },
    )


@router.get("/dossier.pdf", response_class=Response, responses=_PDF)
def dossier_now(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> Response:
    """The case dossier, rendered now."""
    case = case_for(Action.READ_CASE, case_id, actor, session=session)
    context = gather_dossier(case, session=session)
    session.rollback()  # release the store before the CPU-bound render
    kept = render_kept_dossier(context)
    return _pdf(kept.content, f"{case.reference}.pdf", kept.sha256)


@router.get("/dossiers", response_model=list[DossierPublic])
def kept_dossiers(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> object:
    """The dossiers kept at each transition, oldest first."""
    case = case_for(Action.READ_CASE, case_id, actor, session=session)
    query = select(Dossier).where(Dossier.case_id == case.id).order_by(col(Dossier.created_at))
    return session.exec(query).all()


@router.get("/dossiers/{dossier_id}.pdf", response_class=Response, responses=_PDF)
def kept_dossier(
    case_id: uuid.UUID, dossier_id: uuid.UUID, actor: ActorDep, session: SessionDep
) -> Response:
    """A kept dossier, exactly as it was printed."""
    case = case_for(Action.READ_CASE, case_id, actor, session=session)
    dossier = session.get(Dossier, dossier_id)
    if dossier is None or dossier.case_id != case.id:
        raise NotFound("This case has no dossier with this id.")
    return _pdf(dossier.content, f"{case.reference}-{dossier.stage}.pdf", dossier.sha256)
