"""Case dossiers: rendered now, or as kept at each transition; each is one audience's copy."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Response
from sqlmodel import col, select

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.schemas import DossierPublic
from casework.actors import Action
from casework.dossier_audience import audience_for, audiences_of
from casework.errors import NotFound
from casework.models import Case, Dossier
from casework.services.dossier import gather_dossier, render_kept_dossier
from casework.vocabulary import Audience

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
def dossier_now(
    case: Annotated[Case, case_with(Action.READ_CASE)],
    actor: ActorDep,
    session: SessionDep,
    audience: Audience | None = None,
) -> Response:
    """The case dossier rendered now: the caller's own copy, or the `audience` they may read."""
    copy = audience_for(actor, audience)
    context = gather_dossier(case, session=session)
    session.rollback()  # release the store before the CPU-bound render
    kept = render_kept_dossier(context, copy)
    return _pdf(kept.content, f"{case.reference}-{copy}.pdf", kept.sha256)


@router.get("/dossiers", response_model=list[DossierPublic])
def kept_dossiers(
    case: Annotated[Case, case_with(Action.READ_CASE)], actor: ActorDep, session: SessionDep
) -> object:
    """The copies kept at each transition that the caller may read, oldest first."""
    query = (
        select(Dossier)
        .where(Dossier.case_id == case.id, col(Dossier.audience).in_(audiences_of(actor)))
        .order_by(col(Dossier.created_at), col(Dossier.audience))
    )
    return session.exec(query).all()


@router.get("/dossiers/{dossier_id}.pdf", response_class=Response, responses=_PDF)
def kept_dossier(
    dossier_id: uuid.UUID,
    case: Annotated[Case, case_with(Action.READ_CASE)],
    actor: ActorDep,
    session: SessionDep,
) -> Response:
    """A kept dossier, exactly as it was printed."""
    dossier = session.get(Dossier, dossier_id)
    # Another audience's copy is not one the caller knows exists.
    if dossier is None or dossier.case_id != case.id or dossier.audience not in audiences_of(actor):
        raise NotFound("This case has no dossier with this id.")
    filename = f"{case.reference}-{dossier.stage}-{dossier.audience}.pdf"
    return _pdf(dossier.content, filename, dossier.sha256)
