"""The `follow-up-sweep` flow: every active case checked for the day, each new flag kept.

Deployed on a daily schedule by `casework serve` (`flows/schedule_runner.py`) and run now
by `casework sweep [--on DATE]`. The day swept is `on` when given, else the day the run
was scheduled for in the unit's time zone (a run caught up after a stop sweeps its own
day), else today. Each case is swept in its own transaction; a case that fails is
reported and the others go on. Then every country guide is checked for its age (a stale
one is a task for its managers, about no case). The run publishes its findings as a
table artifact.
"""

import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.runtime import deployment, flow_run

from casework.database import open_session
from casework.services.guide_tasks import StaleGuide, sweep_guides
from casework.services.sweep import Flagged, cases_to_sweep, sweep_case
from casework.settings import get_settings
from flows.run_names import run_name

ARTIFACT_KEY = "follow-up-sweep"


def _run_name() -> str:
    return run_name("follow-up-sweep", sweep_day(flow_run.parameters.get("on")).isoformat())


@flow(name="follow-up-sweep", flow_run_name=_run_name)
def follow_up_sweep(on: str | None = None) -> dict[str, Any]:
    """Sweep every active case for the day `on` (ISO date); the flags opened and the failures."""
    logger = get_run_logger()
    day = sweep_day(on)
    started = "the daily schedule" if deployment.id else "the casework sweep command"
    logger.info("Started by %s: sweeping %s", started, day.isoformat())
    with open_session() as session:
        case_ids = cases_to_sweep(session=session)
    flagged: list[Flagged] = []
    failures: list[dict[str, str]] = []
    for case_id in case_ids:
        try:
            flagged.extend(_sweep_one(case_id, day))
        except Exception as problem:  # one case never stops the others: it is reported
            logger.exception("Case %s could not be swept", case_id)
            failures.append(
                {"case_id": str(case_id), "error": f"{type(problem).__name__}: {problem}"}
            )
    try:
        guides = _sweep_guides(day)
    except Exception as problem:  # the cases' flags are kept: the guides are reported
        logger.exception("The country guides could not be checked")
        guides = []
        failures.append({"case_id": "", "error": f"{type(problem).__name__}: {problem}"})
    _publish(day, flagged, guides, failures, len(case_ids))
    logger.info(
        "Swept %d case(s) for %s: %d new flag(s), %d stale guide(s), %d failure(s)",
        len(case_ids),
        day.isoformat(),
        len(flagged),
        len(guides),
        len(failures),
    )
    return {
        "on": day.isoformat(),
        "cases": len(case_ids),
        "flags": [
            {
                "reference": f.reference,
                "kind": f.finding.kind.value,
                "subject": f.finding.subject,
                "summary": f.finding.summary,
            }
            for f in flagged
        ],
        "stale_guides": [
            {"guide_id": g.guide_id, "country": g.country, "topic": g.topic} for g in guides
        ],
        "failures": failures,
    }


def sweep_day(on: str | None) -> date:
    """The day to sweep: `on`, else the run's scheduled day in the unit's zone, else today."""
    if on:
        return date.fromisoformat(on)
    zone = ZoneInfo(get_settings().timezone)
    scheduled = flow_run.get_scheduled_start_time()
    moment = scheduled if isinstance(scheduled, datetime) else datetime.now(zone)
    return moment.astimezone(zone).date()


def _sweep_one(case_id: uuid.UUID, day: date) -> list[Flagged]:
    with open_session() as session:
        found = sweep_case(case_id, day, session=session)
        session.commit()
    return found


def _sweep_guides(day: date) -> list[StaleGuide]:
    with open_session() as session:
        found = sweep_guides(day, session=session)
        session.commit()
    return found


def _publish(
    day: date,
    flagged: list[Flagged],
    guides: list[StaleGuide],
    failures: list[dict[str, str]],
    cases: int,
) -> None:
    # References, kinds, roles and dates only: a flag's summary may quote a milestone's
    # title, free text that must not reach Prefect's database, which is never erased.
    rows: list[dict[str, Any]] = [
        {
            "case": f.reference,
            "flag": f.finding.kind.value,
            "for": f.finding.for_role.value,
            "due": f.finding.due_on.isoformat() if f.finding.due_on else "",
        }
        for f in flagged
    ]
    # A guide by its country and topic: codes, not its words.
    rows += [
        {
            "case": f"guide {g.country} {g.topic}",
            "flag": "stale_guide",
            "for": "manager",
            "due": g.due_on.isoformat(),
        }
        for g in guides
    ]
    rows += [
        {"case": f["case_id"] or "guides", "flag": "failed", "for": "operator", "due": ""}
        for f in failures
    ]
    create_table_artifact(
        key=ARTIFACT_KEY,
        table=rows or [{"case": "", "flag": "none", "for": "", "due": ""}],
        description=(
            f"Follow-up sweep of {day.isoformat()}: {cases} case(s) checked, "
            f"{len(flagged)} new flag(s), {len(guides)} stale guide(s), "
            f"{len(failures)} failure(s)."
        ),
    )
