"""A dossier printed now, on request: the caller names the case, the copy, language and kind."""

import uuid
from dataclasses import dataclass

from sqlmodel import Session

from casework.dossier.audience import copy_for
from casework.dossier.gather import dossier_language, gather_dossier
from casework.dossier.keeping import attachment_of, context_data, fingerprint
from casework.dossier.render import render_dossier
from casework.errors import NotFound
from casework.models import Case
from casework.vocabulary import Audience, DossierKind, Language


@dataclass(frozen=True)
class PrintedDossier:
    """A printed copy: its PDF, its sha256 and the language it was printed in."""

    content: bytes
    sha256: str
    language: Language


def print_dossier(
    case_id: uuid.UUID,
    *,
    audience: Audience,
    session: Session,
    language: Language | None = None,
    kind: DossierKind = DossierKind.FULL,
    archival: bool = False,
) -> PrintedDossier:
    """`audience`'s copy of the case's `kind` dossier as it stands, in `language`.

    No `language`: the entrepreneur's preferred one, else the unit's. `archival`: PDF/A-3b
    carrying the copy's data as ``dossier.json``. The session's transaction ends before the
    render, which holds no connection while it lays out pages; it is committed, not rolled
    back, so that what the request wrote before (the access log's entry) stays.
    """
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("No case with this id.")
    context = gather_dossier(case, session=session)
    language = language or dossier_language(case, session=session)
    session.commit()
    data = None
    if archival:
        data = attachment_of(context_data().dump_python(copy_for(context, audience), mode="json"))
    content = render_dossier(context, audience, language, kind, data=data)
    return PrintedDossier(content, fingerprint(content), language)
