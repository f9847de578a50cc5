"""The one place casework's flows are launched, behind a runner a setting chooses.

`FlowRunner` is the seam, `CASEWORK_FLOW_RUNNER` chooses the runner, and no caller
changes with it. The embedded runner (the default) runs a transition's flow in this
process against the configured Prefect server and waits for its commit, then prints
the moment's dossier by a `render-dossier` flow run on a worker thread of its own. The
deployment runner (scaled mode, `flows/deployment_runner.py`) submits each flow as a
run of its deployment on a work pool that `casework worker` processes serve, and waits
a while for a move's commit: past it, the move is answered as under way. Flows take and
return plain JSON values (ids, strings, numbers), so any runner can carry them.
"""

import asyncio
import contextvars
import logging
import threading
import uuid
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from functools import partial
from typing import Any, Protocol

from prefect import tags
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.context import SyncClientContext
from prefect.settings import PREFECT_API_URL
from pydantic import SecretStr

from casework.database import CaseMovedOn, open_session
from casework.dossier.keeping import waiting_moments
from casework.errors import Conflict, GateClosed, NotFound
from casework.models import Case, Partner, Referral
from casework.services.pending_moves import given_up
from casework.services.referral_sending import SendOutcome, send_refusal, waiting_partner_copies
from casework.services.transitions import (
    Reorientation,
    TransitionOutcome,
    check,
    transition_named,
)
from casework.settings import get_settings
from casework.vocabulary import Transition
from flows.deployment_runner import DeploymentRunner
from flows.dossier_flow import render_moment_dossier
from flows.referral_flow import render_referral_dossier, send_referral
from flows.run_names import by_tag, role_of, slug
from flows.stage_flows import FLOWS, STATUS_MOVES, change_status, reorient_case

logger = logging.getLogger(__name__)


class FlowRunner(Protocol):
    """Runs the flow of one transition for one case and returns its plain-JSON outcome."""

    def run(
        self,
        transition: Transition,
        *,
        case_id: uuid.UUID,
        reference: str,
        actor_id: uuid.UUID | None,
        reorientation: Reorientation | None,
        reason: str | None,
    ) -> dict[str, Any]:
        """Run the flow to its end and return what it returned."""
        ...

    def print_dossiers(self, *, reference: str, stage: str, dossier_ids: list[str]) -> None:
        """Start printing the kept copies `dossier_ids`; returns before they are printed."""
        ...

    def send_referral(
        self,
        *,
        referral_id: uuid.UUID,
        reference: str,
        partner: str,
        note: str,
        internal_note: str | None,
        actor_id: uuid.UUID | None,
    ) -> dict[str, Any]:
        """Run the `send-referral` flow to its end and return what it returned."""
        ...

    def print_referral_dossier(self, *, reference: str, partner: str, dossier_id: str) -> None:
        """Start printing a partner's kept copy; returns before it is printed."""
        ...

    def settle(self, timeout: float | None = None) -> bool:
        """Wait until the prints this runner started have run; whether they did in `timeout`."""
        ...

    def close(self) -> None:
        """Stop taking work; prints not yet started stay pending in the store for the next start."""
        ...


class EmbeddedRunner:
    """Runs flows in this process against the configured Prefect server (from sync code).

    Dossiers are printed one at a time, in the order their moments were made, by one
    worker thread: a burst of moves never runs several WeasyPrint renders at once
    beside the requests. Copies still queued when the process stops stay `pending`
    in the store and are printed at the next start (`print_waiting_dossiers`).
    """

    def __init__(self) -> None:
        self._printer: ThreadPoolExecutor | None = None
        self._queued: set[Future[None]] = set()
        self._lock = threading.Lock()

    def run(
        self,
        transition: Transition,
        *,
        case_id: uuid.UUID,
        reference: str,
        actor_id: uuid.UUID | None,
        reorientation: Reorientation | None,
        reason: str | None,
    ) -> dict[str, Any]:
        """Run the flow to its end and return what it returned."""
        with _prefect_run(f"case:{reference}", f"stage:{transition}", by_tag(role_of(actor_id))):
            if transition == Transition.REORIENTATION:
                assert reorientation is not None, "a reorientation carries its reason"
                return asyncio.run(
                    reorient_case(
                        case_id=case_id,
                        reference=reference,
                        reason=SecretStr(reorientation.reason),
                        suggestions=[SecretStr(each) for each in reorientation.suggestions],
                        activity_ids=list(reorientation.activity_ids),
                        reason_code=reorientation.code,
                        actor_id=actor_id,
                    )
                )
            if transition in STATUS_MOVES:
                return asyncio.run(
                    change_status(
                        case_id=case_id,
                        reference=reference,
                        transition=transition.value,
                        reason=None if reason is None else SecretStr(reason),
                        actor_id=actor_id,
                    )
                )
            return asyncio.run(
                FLOWS[transition](case_id=case_id, reference=reference, actor_id=actor_id)
            )

    def print_dossiers(self, *, reference: str, stage: str, dossier_ids: list[str]) -> None:
        """Queue the `render-dossier` flow run of a moment's copies on the printing thread."""
        self._queue(_print, reference=reference, stage=stage, dossier_ids=dossier_ids)

    def send_referral(
        self,
        *,
        referral_id: uuid.UUID,
        reference: str,
        partner: str,
        note: str,
        internal_note: str | None,
        actor_id: uuid.UUID | None,
    ) -> dict[str, Any]:
        """Run the `send-referral` flow to its end and return what it returned."""
        with _prefect_run(f"case:{reference}", "referral", by_tag(role_of(actor_id))):
            return asyncio.run(
                send_referral(
                    referral_id=referral_id,
                    reference=reference,
                    partner=partner,
                    note=SecretStr(note),
                    internal_note=None if internal_note is None else SecretStr(internal_note),
                    actor_id=actor_id,
                )
            )

    def print_referral_dossier(self, *, reference: str, partner: str, dossier_id: str) -> None:
        """Queue the `render-referral-dossier` run of a partner's copy on the printing thread."""
        self._queue(_print_referral, reference=reference, partner=partner, dossier_id=dossier_id)

    def _queue(self, job: Callable[..., None], **arguments: Any) -> None:
        # The caller's context goes along: Prefect's settings (its API address) live in it.
        context = contextvars.copy_context()
        with self._lock:
            if self._printer is None:
                self._printer = ThreadPoolExecutor(1, thread_name_prefix="dossier-printer")
            queued = self._printer.submit(context.run, partial(job, **arguments))
            self._queued.add(queued)
        queued.add_done_callback(self._forget)

    def settle(self, timeout: float | None = None) -> bool:
        """Wait until every queued print has run; whether they all did within `timeout`."""
        with self._lock:
            queued = set(self._queued)
        _, not_done = wait(queued, timeout=timeout)
        return not not_done

    def close(self) -> None:
        """Finish the print under way and drop the queued ones: they stay pending in the store."""
        with self._lock:
            printer, self._printer = self._printer, None
        if printer is not None:
            printer.shutdown(wait=True, cancel_futures=True)

    def _forget(self, done: Future[None]) -> None:
        with self._lock:
            self._queued.discard(done)


# Prefect's flow engine reads the server's result storage twice per run through a sync
# API client, and builds a new one each time unless one is in context; each new client
# builds an ssl context (~20-40 ms here, even for http://127.0.0.1). One sync client per
# API address serves every run of the process instead, so a run builds only the flow
# engine's own async client.
_sync_clients: dict[str, SyncPrefectClient] = {}
_sync_clients_lock = threading.Lock()


@contextmanager
def _prefect_run(*tag_names: str) -> Iterator[None]:
    """The context a flow run is started in: the process's sync client, and its tags."""
    with _sync_clients_lock:
        url = str(PREFECT_API_URL.value())
        client = _sync_clients.get(url)
        if client is None:
            # Entered once and never left: the client stays open for the process's life.
            client = _sync_clients[url] = get_client(sync_client=True).__enter__()
        # A context of its own for this run, around the shared client; entering it only
        # counts one more user of the client, which the lock keeps exact across threads.
        context = SyncClientContext.model_construct(client=client)
        context.__enter__()
    try:
        with tags(*tag_names):
            yield
    finally:
        with _sync_clients_lock:
            context.__exit__()


def _print(*, reference: str, stage: str, dossier_ids: list[str]) -> None:
    _run_print(
        reference,
        f"the {stage} dossier",
        lambda: render_moment_dossier(reference=reference, stage=stage, dossier_ids=dossier_ids),
    )


def _print_referral(*, reference: str, partner: str, dossier_id: str) -> None:
    _run_print(
        reference,
        f"the referral dossier for {partner}",
        lambda: render_referral_dossier(
            reference=reference, partner=partner, dossier_id=dossier_id
        ),
    )


def _run_print(reference: str, what: str, flow_run: Callable[[], Coroutine[Any, Any, Any]]) -> None:
    try:
        with _prefect_run(f"case:{reference}", "dossier"):
            asyncio.run(flow_run())
    except Exception:
        # The copies say `failed` (or stay `pending`) in the store; the run says why.
        logger.exception("Printing %s of %s failed", what, reference)


_RUNNERS: dict[str, FlowRunner] = {"embedded": EmbeddedRunner(), "deployment": DeploymentRunner()}


def flow_runner() -> FlowRunner:
    """The runner `CASEWORK_FLOW_RUNNER` names."""
    return _RUNNERS[get_settings().flow_runner]


def run_transition(
    transition: str,
    *,
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
) -> TransitionOutcome:
    """Run the flow of `transition` for the case through the configured runner; its outcome."""
    made = flow_runner().run(
        transition_named(transition).name,
        case_id=case_id,
        reference=reference,
        actor_id=actor_id,
        reorientation=reorientation,
        reason=reason,
    )
    return TransitionOutcome(**made)


def request_transition(
    transition: str,
    *,
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
) -> TransitionOutcome:
    """Make `transition` if its gate is open (GateClosed otherwise); a no-op if already made.

    A closed gate is answered without starting a flow run; the flow checks the gate again.
    """
    name = transition_named(transition).name
    with open_session() as session:
        gate = check(case_id, name, session=session)
    if gate.already_made:
        return TransitionOutcome(already_made=True)
    if gate.unmet:
        raise GateClosed(gate.unmet)
    outcome = run_transition(
        name,
        case_id=case_id,
        reference=reference,
        actor_id=actor_id,
        reorientation=reorientation,
        reason=reason,
    )
    if outcome.moved_on is not None:
        raise CaseMovedOn(outcome.moved_on)
    if outcome.gave_up is not None:
        raise Conflict(given_up(outcome.gave_up))
    if outcome.unmet:
        raise GateClosed(outcome.unmet)
    if outcome.made:  # not yet when under way: its run submits the print itself
        flow_runner().print_dossiers(
            reference=reference, stage=str(outcome.stage), dossier_ids=outcome.dossier_ids
        )
    return outcome


def request_send_referral(
    case_id: uuid.UUID,
    referral_id: uuid.UUID,
    *,
    actor_id: uuid.UUID | None,
    note: str = "",
    internal_note: str | None = None,
) -> SendOutcome:
    """Send the referral by its flow (Conflict or GateClosed when it may not be sent now).

    What stops it is answered without starting a flow run; the flow checks again.
    """
    with open_session() as session:
        referral = session.get(Referral, referral_id)
        if referral is None or referral.case_id != case_id:
            raise NotFound("This case has no referral with this id.")
        case, partner = session.get(Case, case_id), session.get(Partner, referral.partner_id)
        assert case is not None, "a referral keeps its case"
        assert partner is not None, "a partner once referred to is never deleted"
        send_refusal(case, referral, partner, session=session)
        reference, partner_slug = case.reference, slug(partner.name)
    made = flow_runner().send_referral(
        referral_id=referral_id,
        reference=reference,
        partner=partner_slug,
        note=note,
        internal_note=internal_note,
        actor_id=actor_id,
    )
    outcome = SendOutcome(**made)
    if outcome.moved_on is not None:
        raise CaseMovedOn(outcome.moved_on)
    if outcome.gave_up is not None:
        raise Conflict(given_up(outcome.gave_up))
    if outcome.unmet:
        raise GateClosed(outcome.unmet)
    if outcome.refusal:
        raise Conflict(outcome.refusal, field="status")
    if outcome.dossier_id and not outcome.already_sent:  # under way: its run prints it
        flow_runner().print_referral_dossier(
            reference=reference, partner=partner_slug, dossier_id=outcome.dossier_id
        )
    return outcome


def print_waiting_dossiers() -> int:
    """Queue the prints a stopped process left waiting (pending or failed); how many."""
    with open_session() as session:
        moments = waiting_moments(session=session)
        copies = waiting_partner_copies(session=session)
    runner = flow_runner()
    for moment in moments:
        runner.print_dossiers(
            reference=moment.reference, stage=moment.stage, dossier_ids=moment.dossier_ids
        )
    for copy in copies:
        runner.print_referral_dossier(
            reference=copy.reference, partner=slug(copy.partner), dossier_id=copy.dossier_id
        )
    return len(moments) + len(copies)
