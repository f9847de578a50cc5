"""Forgetting a person: what they wrote, and what was written about them, cleared for good.

The person becomes "Erased person" with no way to sign in; every free text of their
cases is replaced (titles, summaries, notes, reasons, plan line labels, feasibility
text, the timeline's texts, milestones, tasks, the intake's words, the advisors' notes
on the case's guides) and every dossier copy kept of their
cases loses its content. What the unit counts stays as it was: stages and statuses,
dates, amounts and bands, gender, origin and residence, the figures each case adds to
the portfolio. The timeline's events and the access log are append-only and hold no
free text: they stay, and now lead to erased rows.
"""

import secrets
import uuid
from typing import Any

from sqlmodel import Session, col, delete, select

from casework.investment_plan import InvestmentPlan
from casework.models import (
    Assessment,
    Case,
    CaseEventText,
    CaseGuide,
    CaseIntake,
    Dossier,
    FeasibilityStudy,
    FollowUpReport,
    InvestmentPlanVersion,
    Milestone,
    PendingMove,
    Referral,
    ReorientationOutcome,
    SignInFailures,
    Task,
    TimeLog,
    User,
)
from casework.passwords import hash_password
from casework.services.plans import evaluate_plan, results_json
from casework.sign_in_throttle import Attempt
from casework.vocabulary import DossierStatus

ERASED = "(erased)"
ERASED_NAME = "Erased person"
# What a move under way kept of what people wrote for it.
_MOVE_TEXTS = ("reason", "suggestions", "note", "purpose")


def forget(person: User, *, session: Session) -> None:
    """Clear `person`'s name, contact and every free text of their cases, in the session."""
    _forget_account(person, session=session)
    cases = session.exec(select(Case).where(col(Case.entrepreneur_id) == person.id)).all()
    for case in cases:
        _forget_case(case, session=session)


def _forget_account(person: User, *, session: Session) -> None:
    old_email = person.email
    person.full_name = ERASED_NAME
    person.email = f"erased-{person.id.hex}@erased.invalid"
    # A hash of a secret nobody keeps: no password opens the account again.
    person.password_hash = hash_password(secrets.token_urlsafe(32))
    person.is_active = False
    person.token_generation += 1
    session.add(person)
    # The failed sign-ins counted against the address (kept as a hash of it).
    key = Attempt(old_email, "").account_key
    session.execute(delete(SignInFailures).where(col(SignInFailures.key) == key))


def _forget_case(case: Case, *, session: Session) -> None:
    case.title = ERASED
    case.summary = ERASED
    if case.reorientation_reason:
        case.reorientation_reason = ERASED
    case.reorientation_suggestions = [ERASED for _ in case.reorientation_suggestions]
    case.financed_outside = {
        line: {**kept, "note": ERASED} for line, kept in case.financed_outside.items()
    }
    session.add(case)
    for text in _rows(session, CaseEventText, case.id):
        text.text = ERASED
    for assessment in _rows(session, Assessment, case.id):
        assessment.notes = ""
    for study in _rows(session, FeasibilityStudy, case.id):
        study.sections = {name: _blank_section(s) for name, s in study.sections.items()}
    for version in _rows(session, InvestmentPlanVersion, case.id):
        _forget_plan(version)
    for milestone in _rows(session, Milestone, case.id):
        milestone.title, milestone.note = ERASED, ""
    for log in _rows(session, TimeLog, case.id):
        log.activity = ERASED
    for report in _rows(session, FollowUpReport, case.id):
        report.notes = ""
    for outcome in _rows(session, ReorientationOutcome, case.id):
        outcome.note = ""
    for referral in _rows(session, Referral, case.id):
        referral.purpose = ERASED
        referral.note = referral.internal_note = ""
        referral.decline_reason = ERASED if referral.decline_reason else None
    for task in _rows(session, Task, case.id):
        task.summary = ERASED
    for move in _rows(session, PendingMove, case.id):
        move.inputs = {k: v for k, v in move.inputs.items() if k not in _MOVE_TEXTS}
    for intake in _rows(session, CaseIntake, case.id):
        _forget_intake(intake)
    for link in _rows(session, CaseGuide, case.id):
        link.note = ERASED if link.note else None
    for dossier in _rows(session, Dossier, case.id):
        dossier.status = DossierStatus.ERASED
        dossier.data = dossier.content = dossier.failure = None


def _forget_intake(intake: CaseIntake) -> None:
    # The reasons, mobility, residence status and amounts are what the unit counts: kept.
    intake.sector_experience = ERASED if intake.sector_experience else None
    intake.skills_from_abroad = ERASED if intake.skills_from_abroad else None
    networks = intake.networks
    intake.networks = {
        "family": ERASED if networks.get("family") else None,
        "diaspora_associations": [ERASED for _ in networks.get("diaspora_associations", [])],
        "partners_in_contact": [ERASED for _ in networks.get("partners_in_contact", [])],
    }


def _rows(session: Session, model: Any, case_id: uuid.UUID) -> list[Any]:
    return list(session.exec(select(model).where(model.case_id == case_id)).all())


def _blank_section(section: dict[str, Any]) -> dict[str, Any]:
    comments = [{**c, "text": ERASED} for c in section.get("review_comments", [])]
    return {**section, "text": ERASED if section.get("text") else "", "review_comments": comments}


def _forget_plan(version: InvestmentPlanVersion) -> None:
    """The plan's amounts stay; the names the person gave its lines go, and its results
    are worked out again from what is left (the same figures, with no names in them)."""
    body = _without_labels(version.body)
    version.body = body
    version.results = results_json(evaluate_plan(InvestmentPlan.model_validate(body)))


def _without_labels(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: (ERASED if k in ("label", "unit") and isinstance(v, str) else _without_labels(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_without_labels(v) for v in value]
    return value
