"""The dossier copies kept at each move, as each reader may have them."""

import uuid

from sqlmodel import Session, col, select

from casework.actors import Actor
from casework.dossier.audience import audiences_of
from casework.errors import Gone, NotFound, NotReady
from casework.models import Case, Dossier
from casework.vocabulary import DossierStatus


def copies_for(case: Case, actor: Actor, *, session: Session) -> list[Dossier]:
    """The copies kept of `case` that `actor` may read, oldest first."""
    query = (
        select(Dossier)
        .where(Dossier.case_id == case.id, col(Dossier.audience).in_(audiences_of(actor)))
        .order_by(col(Dossier.created_at), col(Dossier.audience))
    )
    return list(session.exec(query).all())


def printed_copy(case: Case, dossier_id: uuid.UUID, actor: Actor, *, session: Session) -> Dossier:
    """A kept copy `actor` may read, once printed: NotFound for another audience's (its
    existence is not theirs to know), Gone once erased, NotReady while it is printed."""
    dossier = session.get(Dossier, dossier_id)
    if dossier is None or dossier.case_id != case.id or dossier.audience not in audiences_of(actor):
        raise NotFound("This case has no dossier with this id.")
    if dossier.status == DossierStatus.ERASED:
        raise Gone("This copy was erased: its person asked to be forgotten.")
    if dossier.status == DossierStatus.PENDING:
        raise NotReady("This dossier is being printed; ask again shortly.", retry_after=2)
    if dossier.status == DossierStatus.FAILED or dossier.content is None:
        raise NotReady(
            "This dossier could not be printed yet; it is printed again when casework restarts."
        )
    return dossier


def file_name(case: Case, dossier: Dossier) -> str:
    """The name a kept copy is downloaded under."""
    return f"{case.reference}-{dossier.stage}-{dossier.audience}-{dossier.language}.pdf"
