"""Case dossiers: rendered now, or as kept at each transition; each is one audience's copy."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api.dependencies import ActorDep, SessionDep
from api.error_bodies import ConflictAnswer, Refusal
from api.permissions import case_with
from api.schemas import DossierPublic
from casework.actors import Action
from casework.dossier.audience import audience_for
from casework.dossier.on_request import print_dossier
from casework.models import Case
from casework.personal_data import DOSSIER
from casework.services.kept_dossiers import copies_for, file_name, printed_copy
from casework.vocabulary import Audience, DossierKind, Language

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
    410: {
        "model": Refusal,
        "description": "The copy was erased: its person asked to be forgotten.",
    },
}


def pdf_answer(content: bytes, filename: str, sha256: str) -> Response:
    """A PDF shown in the browser, with its sha256 to check it against the kept copy's."""
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
    case: Annotated[Case, case_with(Action.READ_CASE, personal=DOSSIER)],
    actor: ActorDep,
    session: SessionDep,
    audience: Audience | None = None,
    lang: Annotated[
        Language | None,
        Query(description="fr or en; by default the entrepreneur's preferred language."),
    ] = None,
    kind: Annotated[
        DossierKind,
        Query(description="The whole case, or one stage's dossier."),
    ] = DossierKind.FULL,
    archival: Annotated[
        bool, Query(description="PDF/A-3b with the dossier's data attached as dossier.json.")
    ] = False,
) -> Response:
    """A dossier printed now: the caller's own copy, or the `audience` they may read.

    `kind` picks the whole case dossier or one stage's: the reception summary, the support
    dossier, the referral dossier or the follow-up report.
    """
    copy = audience_for(actor, audience)
    printed = print_dossier(
        case.id, audience=copy, session=session, language=lang, kind=kind, archival=archival
    )
    name = case.reference if kind == DossierKind.FULL else f"{case.reference}-{kind}"
    response = pdf_answer(printed.content, f"{name}-{copy}-{printed.language}.pdf", printed.sha256)
    response.headers["Content-Language"] = printed.language
    return response


@router.get("/dossiers", response_model=list[DossierPublic])
def kept_dossiers(
    case: Annotated[Case, case_with(Action.READ_CASE)], actor: ActorDep, session: SessionDep
) -> object:
    """The copies kept at each transition that the caller may read, oldest first.

    A copy is `pending` from the move until its PDF is printed (seconds), then `ready`;
    `failed` if it could not be printed (it is printed again when casework next starts).
    """
    return copies_for(case, actor, session=session)


@router.get("/dossiers/{dossier_id}.pdf", response_class=Response, responses=_KEPT_PDF)
def kept_dossier(
    dossier_id: uuid.UUID,
    case: Annotated[Case, case_with(Action.READ_CASE, personal=DOSSIER)],
    actor: ActorDep,
    session: SessionDep,
) -> Response:
    """A kept dossier, exactly as it was printed; 409 with Retry-After while it is printed."""
    dossier = printed_copy(case, dossier_id, actor, session=session)
    assert dossier.content is not None
    assert dossier.sha256 is not None
    return pdf_answer(dossier.content, file_name(case, dossier), dossier.sha256)
