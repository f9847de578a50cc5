"""Kept dossiers: a moment's data stored with the move, then printed once as PDF/A and kept.

A moving case keeps its dossier in two steps. `keep_moment` gathers each kept
audience's copy in the transaction that moves the case and stores it as data,
`pending`, with the language it is to be printed in; the `render-dossier` flow then
prints each copy from that data alone (`print_kept`) and keeps the PDF with its sha256
(`keep_print`). What a copy prints is therefore the moment's, whatever happened to the
case since. A partner's copy is kept the same way when a referral is sent.

Kept copies are printed as the archival variant, PDF/A-3b, with the data they were
printed from attached as ``dossier.json``: the archive holds both what was read and
what it said.
"""

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from sqlmodel import Session, col, select

from casework.dossier.audience import KEPT_AUDIENCES, copy_for
from casework.dossier.context import DossierContext
from casework.dossier.gather import dossier_language, gather_dossier, gather_partner_dossier
from casework.dossier.partner_context import PartnerDossierContext
from casework.models import Case, Dossier, Partner, Referral
from casework.models.columns import utc_now
from casework.settings import get_settings
from casework.vocabulary import Audience, DossierKind, DossierStatus, Language, Stage

# What a failed print keeps of its error: enough to recognise it, never a whole traceback.
_LONGEST_FAILURE = 500


@cache
def context_data() -> TypeAdapter[DossierContext]:
    """How a case copy is kept as JSON data and read back."""
    return TypeAdapter(DossierContext)


@cache
def _partner_data() -> TypeAdapter[PartnerDossierContext]:
    return TypeAdapter(PartnerDossierContext)


def keep_moment(
    case: Case,
    moment: str,
    copies: Mapping[Audience, uuid.UUID],
    *,
    session: Session,
    flow_run_id: str | None = None,
) -> list[Dossier]:
    """Keep each audience's copy of the dossier of `moment` as data, under its id in `copies`.

    Called in the transaction that makes the moment, after its writes are flushed: the
    copies hold the case as that transaction leaves it, pending their print.
    """
    context = gather_dossier(case, session=session, moment=moment)
    language = dossier_language(case, session=session)
    kept = [
        Dossier(
            id=copies[audience],
            case_id=case.id,
            moment=moment,
            stage=Stage(case.stage),
            audience=audience,
            language=language,
            status=DossierStatus.PENDING,
            # Each copy keeps only what its audience may read.
            data=context_data().dump_python(copy_for(context, audience), mode="json"),
            flow_run_id=flow_run_id,
            created_at=context.generated_at,
        )
        for audience in copies
    ]
    session.add_all(kept)
    return kept


def keep_partner_copy(
    case: Case,
    referral: Referral,
    partner: Partner,
    *,
    session: Session,
    flow_run_id: str | None = None,
) -> Dossier:
    """Keep the partner's copy as data, pending its print; only what a partner may read.

    A partner reads the unit's language: the entrepreneur's preference is theirs alone.
    """
    context = gather_partner_dossier(case, referral, partner, session=session)
    kept = Dossier(
        case_id=case.id,
        moment=context.moment[:80],
        stage=Stage(case.stage),
        audience=Audience.PARTNER,
        language=get_settings().language,
        status=DossierStatus.PENDING,
        data=_partner_data().dump_python(copy_for(context, Audience.PARTNER), mode="json"),
        flow_run_id=flow_run_id,
        created_at=context.generated_at,
    )
    session.add(kept)
    return kept


def kept_context(dossier: Dossier) -> DossierContext:
    """The data a kept case copy prints, as its moment captured it."""
    if dossier.data is None or dossier.audience == Audience.PARTNER:
        raise ValueError(f"Dossier {dossier.id} is not a case copy kept as data.")
    return context_data().validate_python(dossier.data)


def kept_partner_context(dossier: Dossier) -> PartnerDossierContext:
    """The data a kept partner's copy prints, as the send captured it."""
    if dossier.data is None or dossier.audience != Audience.PARTNER:
        raise ValueError(f"Dossier {dossier.id} is not a partner's copy kept as data.")
    return _partner_data().validate_python(dossier.data)


def print_kept(dossier: Dossier) -> bytes:
    """The kept copy printed from its data alone, as PDF/A-3b carrying that data."""
    # The printer is imported here, not with the module: every move keeps copies, but only
    # the print run prints them, and importing WeasyPrint is a good part of a run's start.
    from casework.dossier.partner_render import render_partner_dossier
    from casework.dossier.render import render_dossier

    language = Language(dossier.language)
    attached = attachment_of(dossier.data or {})
    if dossier.audience == Audience.PARTNER:
        return render_partner_dossier(kept_partner_context(dossier), language, data=attached)
    audience = Audience(dossier.audience)
    context = kept_context(dossier)
    return render_dossier(context, audience, language, DossierKind.FULL, data=attached)


def attachment_of(data: Mapping[str, Any]) -> bytes:
    """A copy's data as the JSON file the archival PDF carries."""
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


# The copies a print run may print: not yet printed, or failed.
WAITING = (DossierStatus.PENDING, DossierStatus.FAILED)


def keep_print(dossier: Dossier, content: bytes, *, session: Session) -> None:
    """Keep the PDF printed from the copy's data, with its sha256: the copy is ready."""
    dossier.status = DossierStatus.READY
    dossier.content = content
    dossier.sha256 = fingerprint(content)
    dossier.size_bytes = len(content)
    dossier.failure = None
    dossier.rendered_at = utc_now()
    session.add(dossier)


def keep_failure(dossier: Dossier, error: BaseException, *, session: Session) -> None:
    """Record that the copy could not be printed, and why; it is printed again later."""
    dossier.status = DossierStatus.FAILED
    dossier.failure = f"{type(error).__name__}: {error}"[:_LONGEST_FAILURE]
    dossier.rendered_at = utc_now()
    session.add(dossier)


@dataclass(frozen=True)
class WaitingMoment:
    """A moment whose copies still wait for their print: pending, or failed."""

    reference: str
    stage: str
    dossier_ids: list[str]


def waiting_moments(
    *, session: Session, kept_before: datetime | None = None
) -> list[WaitingMoment]:
    """Every moment with copies not yet printed (kept before `kept_before`), oldest first."""
    query = (
        select(Dossier.id, Dossier.stage, Dossier.created_at, Case.reference)
        .join(Case, col(Case.id) == col(Dossier.case_id))
        .where(col(Dossier.status).in_(WAITING))
        # A partner's copy belongs to its referral, not to a moment: it is printed apart.
        .where(col(Dossier.audience).in_(KEPT_AUDIENCES))
        .order_by(col(Dossier.created_at), col(Dossier.audience))
    )
    if kept_before is not None:
        query = query.where(col(Dossier.created_at) < kept_before)
    rows = session.exec(query).all()
    # A moment's copies share its case and the instant of the transaction that kept them.
    moments: dict[tuple[str, str, object], list[str]] = {}
    for dossier_id, stage, created_at, reference in rows:
        moments.setdefault((reference, stage, created_at), []).append(str(dossier_id))
    return [WaitingMoment(reference, stage, ids) for (reference, stage, _), ids in moments.items()]


def fingerprint(content: bytes) -> str:
    """The sha256 a printed dossier is kept and served with."""
    return hashlib.sha256(content).hexdigest()
