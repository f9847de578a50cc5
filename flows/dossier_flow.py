"""The `render-dossier` flow: prints the copies a moment kept as data, and keeps each PDF.

A transition commits its moment's dossier data and returns; this flow, run right
after by the launcher (or again when `casework serve` starts, for copies a crash
left pending), prints each copy from that data alone, as PDF/A-3b with the data
attached, keeps the PDF with its sha256 and reports the fingerprints as the case's
artifact. It takes and returns
ids and plain values: the PDFs go to the case store, never to Prefect.
"""

import gc
import uuid
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import acreate_markdown_artifact

from casework.database import open_session
from casework.dossier.context import DossierContext
from casework.dossier.keeping import WAITING, keep_failure, keep_print, kept_context, print_kept
from casework.models import Dossier
from casework.number_style import format_money
from casework.vocabulary import Audience
from flows.run_names import artifact_key, named


class PrintFailed(RuntimeError):
    """A copy could not be printed: it stays `failed` and is printed again at the next start."""


@flow(name="render-dossier", flow_run_name=named("render-dossier", "stage"))
async def render_moment_dossier(
    reference: str, stage: str, dossier_ids: list[str]
) -> dict[str, Any]:
    """Print each waiting copy of `dossier_ids`; the sha256 of each copy printed, by audience."""
    logger = get_run_logger()
    printed: dict[str, str] = {}
    failed: list[str] = []
    context: DossierContext | None = None
    for dossier_id in dossier_ids:
        waiting = _waiting(uuid.UUID(dossier_id))
        if waiting is None:
            continue
        context, audience = kept_context(waiting), Audience(waiting.audience)
        try:
            content = print_kept(waiting)
        except Exception as error:
            logger.exception("The %s copy of %s could not be printed", audience, reference)
            keep_outcome(uuid.UUID(dossier_id), failure=error)
            failed.append(audience)
            continue
        printed[audience] = keep_outcome(uuid.UUID(dossier_id), content=content)
        logger.info(
            "Dossier printed: %s copy, %d KB, sha256 %s",
            audience,
            len(content) // 1024,
            printed[audience],
        )
    # WeasyPrint leaves large reference cycles: collected here, after the prints and off
    # any request's path, a long-lived process does not slow down waiting for them.
    gc.collect()
    if context is not None:
        await _report(reference, context, printed, failed)
    if failed:
        raise PrintFailed(f"{reference}: the {', '.join(failed)} copy could not be printed.")
    return {"printed": printed}


def _waiting(dossier_id: uuid.UUID) -> Dossier | None:
    """The kept copy as its data was stored, unless it is printed already (or unknown)."""
    with open_session() as session:
        dossier = session.get(Dossier, dossier_id)
        if dossier is None or dossier.status not in WAITING:
            return None
        session.expunge(dossier)  # read as loaded; printed with no connection held
        return dossier


def keep_outcome(
    dossier_id: uuid.UUID, *, content: bytes | None = None, failure: Exception | None = None
) -> str:
    """Keep the print (its sha256 returned) or the failure, in a transaction of its own;
    nothing if the copy was erased meanwhile (its person asked to be forgotten)."""
    with open_session() as session:
        # Locked (PostgreSQL): an erasure waits for this print, or this print sees it.
        dossier = session.get(Dossier, dossier_id, with_for_update=True)
        assert dossier is not None, "a kept dossier is never deleted"
        if dossier.status not in WAITING:
            return ""
        if content is not None:
            keep_print(dossier, content, session=session)
        else:
            assert failure is not None
            keep_failure(dossier, failure, session=session)
        session.commit()
        return dossier.sha256 or ""


async def _report(
    reference: str, context: DossierContext, printed: dict[str, str], failed: list[str]
) -> None:
    lines = [
        f"### {reference}: {context.moment}",
        f"- stage **{context.case.stage}**, status **{context.case.status}**",
        *(f"- {audience}'s dossier sha256 `{sha}`" for audience, sha in printed.items()),
        *(f"- {audience}'s dossier **could not be printed**" for audience in failed),
    ]
    if context.plan is not None:
        results = context.plan.results
        lines.append(
            f"- plan version {context.plan.version}: NPV "
            f"{format_money(results.npv, context.plan.currency)}, band {results.funding_band}"
        )
    await acreate_markdown_artifact(
        key=artifact_key("case", reference),
        markdown="\n".join(lines),
        description=f"{reference}: {context.moment}",
    )
