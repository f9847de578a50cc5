"""Investment plans: immutable versions, their results, and the entrepreneur's approval."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from casework.actors import Action, Actor, require
from casework.errors import Conflict, NotFound
from casework.investment_plan import InvestmentPlan, PlanPolicy, PlanResults, evaluate
from casework.models import Case, InvestmentPlanVersion
from casework.models.columns import utc_now
from casework.plan_authorship import Change, authorship, diff
from casework.services.cases import require_edit
from casework.services.timeline import record_event
from casework.settings import get_settings
from casework.stages import Edit
from casework.vocabulary import Role


def plan_policy() -> PlanPolicy:
    """The configured funding-band thresholds, in EUR."""
    settings = get_settings()
    return PlanPolicy(
        micro_max_eur=settings.micro_max_eur,
        meso_max_eur=settings.meso_max_eur,
        min_dscr=settings.min_dscr,
        max_revenue_growth=settings.max_revenue_growth,
        min_own_share=settings.min_own_share,
    )


def evaluate_plan(plan: InvestmentPlan) -> PlanResults:
    """The results of `plan` under the unit's policy, saving nothing (for "what if" work)."""
    return evaluate(plan, plan_policy())


def results_of(version: InvestmentPlanVersion) -> PlanResults:
    """The results `version` keeps, typed; those saved by older versions lack the later tables."""
    return PlanResults.model_validate(version.results)


def results_json(results: PlanResults) -> dict[str, Any]:
    """`results` as a version keeps them: JSON holding the figures computed, and no others."""
    # Unset fields are those an older version never computed: they stay absent, not null,
    # so results read and kept again keep their shape.
    return results.model_dump(mode="json", exclude_unset=True)


def current_plan(case: Case, *, session: Session) -> InvestmentPlanVersion | None:
    """The latest version of the case's plan, or None."""
    query = select(InvestmentPlanVersion).where(InvestmentPlanVersion.case_id == case.id)
    return session.exec(query.order_by(col(InvestmentPlanVersion.version).desc())).first()


def plan_versions(case: Case, *, session: Session) -> list[InvestmentPlanVersion]:
    """Every version of the case's plan, oldest first."""
    query = select(InvestmentPlanVersion).where(InvestmentPlanVersion.case_id == case.id)
    return list(session.exec(query.order_by(col(InvestmentPlanVersion.version))).all())


def plan_version(case: Case, number: int, *, session: Session) -> InvestmentPlanVersion:
    """Version `number` of the case's plan."""
    query = select(InvestmentPlanVersion).where(InvestmentPlanVersion.case_id == case.id)
    found = session.exec(query.where(InvestmentPlanVersion.version == number)).first()
    if found is None:
        raise NotFound(f"This case's investment plan has no version {number}.")
    return found


@dataclass(frozen=True)
class PlanDiff:
    """What changed from one version to another, in the plan and in its results."""

    from_version: int
    to_version: int
    to_author_role: str
    plan: list[Change]
    results: list[Change]


def plan_diff(case: Case, first: int, second: int, *, session: Session) -> PlanDiff:
    """The changes from version `first` to version `second` of the case's plan."""
    before = plan_version(case, first, session=session)
    after = plan_version(case, second, session=session)
    return PlanDiff(
        from_version=first,
        to_version=second,
        to_author_role=after.author_role,
        plan=diff(before.body, after.body),
        results=diff(results_json(results_of(before)), results_json(results_of(after))),
    )


def save_plan(
    case: Case, plan: InvestmentPlan, actor: Actor, *, session: Session
) -> InvestmentPlanVersion:
    """Save `plan` as a new version with its results; any earlier approval no longer counts."""
    require_edit(case, Edit.INVESTMENT_PLAN, actor.role)
    history = plan_versions(case, session=session)
    previous = history[-1] if history else None
    body = plan.model_dump(mode="json")
    written = authorship([*((Role(v.author_role), v.body) for v in history), (actor.role, body)])
    results = evaluate_plan(plan)
    version = InvestmentPlanVersion(
        case_id=case.id,
        version=(previous.version + 1) if previous else 1,
        body=body,
        advisor_share=round(written.advisor_share, 4),
        results=results_json(results),
        funding_band=results.funding_band,
        investment_eur=round(results.total_investment / plan.eur_rate, 2),
        external_financing_eur=results.external_financing_eur,
        author_id=actor.id,
        author_role=actor.role,
    )
    session.add(version)
    case.project_leader_supplanted = written.advisor_share > get_settings().supplant_threshold
    voided = previous is not None and previous.approved_at is not None
    summary = f"Investment plan version {version.version} saved by the {actor.role.value}."
    if previous is not None and voided:
        summary += f" The approval of version {previous.version} no longer applies."
    record_event(
        case,
        "plan_saved",
        summary,
        session=session,
        actor_id=actor.id,
        detail={"version": version.version, "approval_voided": voided},
    )
    return version


def approve_plan(
    case: Case, actor: Actor, *, session: Session, version: int | None = None
) -> InvestmentPlanVersion:
    """The entrepreneur approves the current version (and only the current one)."""
    require(Action.APPROVE_PLAN, actor, owner_id=case.entrepreneur_id)
    plan = current_plan(case, session=session)
    if plan is None:
        raise Conflict("There is no investment plan to approve yet.")
    if version is not None and version != plan.version:
        raise Conflict(f"Version {version} is not the current one: version {plan.version} is.")
    require_edit(case, Edit.INVESTMENT_PLAN, actor.role)
    if plan.approved_at is None:
        plan.approved_at = utc_now()
        session.add(plan)
        record_event(
            case,
            "plan_approved",
            f"The entrepreneur approved version {plan.version} of the investment plan.",
            session=session,
            actor_id=actor.id,
            detail={"version": plan.version},
        )
    return plan
