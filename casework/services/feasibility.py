"""The feasibility study: seven sections, each with its author and review, and a conclusion."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from casework.actors import Actor
from casework.errors import Conflict, Forbidden, InvalidInput
from casework.models import Case, FeasibilityStudy
from casework.models.columns import utc_now
from casework.services.cases import require_edit
from casework.services.plans import current_plan, results_of
from casework.services.timeline import record_event
from casework.stages import Edit
from casework.vocabulary import (
    FeasibilityConclusion,
    FeasibilitySection,
    Role,
    SectionStatus,
)

GUIDANCE: dict[FeasibilitySection, str] = {
    FeasibilitySection.MARKET: "Customers, demand, prices, competitors and how to reach buyers.",
    FeasibilitySection.TECHNICAL: "Production process, equipment, suppliers, site and capacity.",
    FeasibilitySection.ORGANISATION: "Who runs what: the team, management, hiring and skills.",
    FeasibilitySection.LEGAL: "Legal form, permits and licences, land and property access.",
    FeasibilitySection.ENVIRONMENTAL_SOCIAL: "Effects on environment and community; jobs.",
    FeasibilitySection.FINANCIAL: "Drawn from the approved investment plan.",
    FeasibilitySection.RISKS: "What could go wrong, how likely, and how it is mitigated.",
}


class SectionInput(BaseModel):
    """One section's text and how far along it is."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(default="", max_length=50_000)
    status: SectionStatus = SectionStatus.DRAFT


class FeasibilityInput(BaseModel):
    """The study's sections (any subset; the rest count as missing) and its conclusion."""

    model_config = ConfigDict(extra="forbid")

    sections: dict[FeasibilitySection, SectionInput] = Field(default_factory=dict)
    conclusion: FeasibilityConclusion = FeasibilityConclusion.PENDING


class ReviewCommentInput(BaseModel):
    """An advisor's review comment on one section."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1, max_length=5_000)


def _content(section: dict[str, Any]) -> tuple[str, str]:
    return section.get("text", ""), section.get("status", SectionStatus.MISSING.value)


def _merged_sections(
    data: FeasibilityInput, stored: dict[str, Any], actor: Actor
) -> dict[str, dict[str, Any]]:
    """All seven sections: new text and status credited to `actor`, reviews kept."""
    now = utc_now().isoformat()
    merged = {}
    for key in FeasibilitySection:
        before = stored.get(key.value, {})
        given = data.sections.get(key)
        text, status = (given.text, given.status.value) if given else ("", "missing")
        section = {
            "text": text,
            "status": status,
            "author_id": before.get("author_id"),
            "author_role": before.get("author_role"),
            "updated_at": before.get("updated_at"),
            "review_comments": before.get("review_comments", []),
        }
        if (text, status) != _content(before):
            section.update(author_id=str(actor.id), author_role=actor.role.value, updated_at=now)
        merged[key.value] = section
    return merged


def _decide_conclusion(
    data: FeasibilityInput, study: FeasibilityStudy | None, changed: bool, actor: Actor
) -> FeasibilityConclusion:
    if actor.role != Role.ENTREPRENEUR:
        return data.conclusion
    current = FeasibilityConclusion(study.conclusion if study else FeasibilityConclusion.PENDING)
    if data.conclusion not in (FeasibilityConclusion.PENDING, current):
        raise Forbidden("Only an advisor can conclude the feasibility study.")
    # The project leader's edits reopen the study; an unchanged save keeps the verdict.
    return FeasibilityConclusion.PENDING if changed else current


def save_feasibility(
    case: Case, data: FeasibilityInput, actor: Actor, *, session: Session
) -> FeasibilityStudy:
    """Save the study; only an advisor concludes it, and only once every section is complete."""
    require_edit(case, Edit.FEASIBILITY, actor.role)
    study = session.get(FeasibilityStudy, case.id)
    stored = study.sections if study else {}
    sections = _merged_sections(data, stored, actor)
    changed = any(_content(sections[k]) != _content(stored.get(k, {})) for k in sections)
    conclusion = _decide_conclusion(data, study, changed, actor)
    plan = current_plan(case, session=session)
    financial = sections[FeasibilitySection.FINANCIAL.value]
    if financial["status"] == SectionStatus.COMPLETE and (plan is None or plan.approved_at is None):
        raise InvalidInput(
            "sections.financial.status",
            "the financial section is drawn from the approved investment plan: "
            "it can be complete only once the entrepreneur has approved the current plan",
        )
    if conclusion != FeasibilityConclusion.PENDING:
        unfinished = [k for k, s in sections.items() if s["status"] != SectionStatus.COMPLETE]
        if unfinished:
            raise InvalidInput(
                "conclusion",
                f"a study can be concluded only when every section is complete; "
                f"not complete yet: {', '.join(unfinished)}",
            )
    if study is None:
        study = FeasibilityStudy(
            case_id=case.id, sections=sections, conclusion=conclusion, updated_by=actor.id
        )
    study.sections, study.conclusion = sections, conclusion
    study.updated_by, study.updated_at = actor.id, utc_now()
    session.add(study)
    record_event(
        case,
        "feasibility_saved",
        f"Feasibility study updated by the {actor.role.value}; conclusion: "
        f"{conclusion.value.replace('_', ' ')}.",
        session=session,
        actor_id=actor.id,
        detail={"statuses": {k: s["status"] for k, s in sections.items()}},
    )
    return study


def financial_figures(case: Case, *, session: Session) -> dict[str, Any] | None:
    """The financial section's figures, drawn from the approved current plan (None without one)."""
    plan = current_plan(case, session=session)
    if plan is None or plan.approved_at is None:
        return None
    results = results_of(plan)
    return {
        "plan_version": plan.version,
        "npv": results.npv,
        "irr": results.irr,
        "irr_note": results.irr_note,
        "mirr": results.mirr,
        "payback_years": results.payback_years,
        "min_dscr": results.min_dscr,
        "funding_gap": results.funding_gap,
        "external_financing_eur": results.external_financing_eur,
        "funding_band": results.funding_band,
        "warnings": results.warnings,
    }


def comment_on_section(
    case: Case,
    section: FeasibilitySection,
    data: ReviewCommentInput,
    actor: Actor,
    *,
    session: Session,
) -> FeasibilityStudy:
    """Add an advisor's review comment to one section of the study."""
    study = session.get(FeasibilityStudy, case.id)
    if study is None:
        raise Conflict("There is no feasibility study to review yet.")
    sections = {key: dict(value) for key, value in study.sections.items()}
    comment = {
        "by": str(actor.id),
        "role": actor.role.value,
        "at": utc_now().isoformat(),
        "text": data.text,
    }
    sections[section.value]["review_comments"] = [
        *sections[section.value].get("review_comments", []),
        comment,
    ]
    study.sections = sections
    session.add(study)
    record_event(
        case,
        "feasibility_reviewed",
        f"Your advisor commented on the {section.value.replace('_', ' ')} section.",
        session=session,
        actor_id=actor.id,
    )
    return study
