"""Case dossiers: rendered now, or as kept at each transition; each is one audience's copy."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Response
from sqlmodel import col, select

from api.dependencies import ActorDep, SessionDep
from api.error_bodies import ConflictAnswer
from api.permissions import case_with
from api.schemas import DossierPublic
from casework.actors import Action
from casework.dossier_audience import audience_for, audiences_of
from casework.dossiers import render_dossier
from casework.errors import NotFound, NotReady
from casework.models import Case, Dossier
from casework.services.dossier import fingerprint, gather_dossier
from casework.vocabulary import Audience, DossierStatus

router = APIRouter(prefix="/cases/{case_id}", tags=["dossiers"])

_PDF: dict[int | str, dict[str, Any]] = {
    "200": {"content": {"application/pdf": {}}, "description": "The PDF dossier."}
}
_KEPT_PDF: dict[int | str, dict[str, Any]] = {
    **_PDF,
    409: {
        "model": ConflictAnswer,
        "description": "Not printed yet: pending (the Retry-After header says when to ask "
        "again), or failed (printed again when casework restarts).",
        "headers": {"Retry-After": {"description": "Seconds", "schema": {"type": "integer"}}},
    },
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
    content = render_dossier(context, copy)
    return _pdf(content, f"{case.reference}-{copy}.pdf", fingerprint(content))


@router.get("/dossiers", response_model=list[DossierPublic])
def kept_dossiers(
    case: Annotated[Case, case_with(Action.READ_CASE)], actor: ActorDep, session: SessionDep
) -> object:
    """The copies kept at each transition that the caller may read, oldest first.

    A copy is `pending` from the move until its PDF is printed (seconds), then `ready`;
    `failed` if it could not be printed (it is printed again when casework next starts).
    """
    query = (
        select(Dossier)
        .where(Dossier.case_id == case.id, col(Dossier.audience).in_(audiences_of(actor)))
        .order_by(col(Dossier.created_at), col(Dossier.audience))
    )
    return session.exec(query).all()


@router.get("/dossiers/{dossier_id}.pdf", response_class=Response, responses=_KEPT_PDF)
def kept_dossier(
    dossier_id: uuid.UUID,
    case: Annotated[Case, case_with(Action.READ_CASE)],
    actor: ActorDep,
    session: SessionDep,
) -> Response:
    """A kept dossier, exactly as it was printed; 409 with Retry-After while it is printed."""
    dossier = session.get(Dossier, dossier_id)
    # Another audience's copy is not one the caller knows exists.
    if dossier is None or dossier.case_id != case.id or dossier.audience not in audiences_of(actor):
        raise NotFound("This case has no dossier with this id.")
    if dossier.status == DossierStatus.PENDING:
        raise NotReady("This dossier is being printed; ask again shortly.", retry_after=2)
    if dossier.status == DossierStatus.FAILED or dossier.content is None:
        raise NotReady(
            "This dossier could not be printed yet; it is printed again when casework restarts."
        )
    assert dossier.sha256 is not None
    filename = f"{case.reference}-{dossier.stage}-{dossier.audience}.pdf"
    return _pdf(dossier.content, filename, dossier.sha256)
