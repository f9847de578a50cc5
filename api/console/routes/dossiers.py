"""The dossiers kept at each move, to read in the browser as they were printed."""

import uuid

from fastapi import APIRouter
from fastapi.responses import Response

from api.console.case_access import console_case
from api.console.routes.case_page import CaseId
from api.console.session import ConsoleActor
from api.dependencies import SessionDep
from api.routes.dossiers import pdf_answer
from casework.actors import Action
from casework.personal_data import DOSSIER
from casework.services.kept_dossiers import file_name, printed_copy

router = APIRouter()


@router.get("/cases/{case_id}/dossiers/{dossier_id}.pdf")
def kept_dossier(
    case_id: CaseId, dossier_id: uuid.UUID, actor: ConsoleActor, session: SessionDep
) -> Response:
    """A kept copy the reader may have, exactly as printed (its read is logged)."""
    page = "GET /app/cases/{case_id}/dossiers/{dossier_id}.pdf"
    case = console_case(case_id, Action.READ_CASE, actor, session, personal=DOSSIER, page=page)
    dossier = printed_copy(case, dossier_id, actor, session=session)
    assert dossier.content is not None
    assert dossier.sha256 is not None
    return pdf_answer(dossier.content, file_name(case, dossier), dossier.sha256)
