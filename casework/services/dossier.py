"""Gathering a case's dossier from the store and rendering it to a kept PDF."""

import hashlib
from dataclasses import MISSING, dataclass, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

import pycountry
from sqlmodel import Session, col, select

from casework import dossier_context as dc
from casework import dossier_plan_context as pc
from casework.dossiers import render_dossier
from casework.models import (
    Assessment,
    Case,
    EntrepreneurProfile,
    FeasibilityStudy,
    InvestmentPlanVersion,
    Partner,
    PartnerMatch,
    User,
)
from casework.models.columns import utc_now
from casework.partner_matching import Match
from casework.services.cases import timeline
from casework.services.follow_up import milestones_of
from casework.services.linkage import referrals_of
from casework.services.plans import current_plan, results_of
from casework.vocabulary import Audience, FeasibilitySection

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Row = TypeVar("_Row", bound="DataclassInstance")


@dataclass(frozen=True)
class KeptDossier:
    """One audience's copy of a rendered dossier, ready to be kept with the case."""

    moment: str
    audience: Audience
    content: bytes
    sha256: str
    flow_run_id: str | None = None


@dataclass(frozen=True)
class Moment:
    """What the dossier is printed for, and how the case will stand at that moment."""

    title: str
    stage: str | None = None
    status: str | None = None
    matches: list[Match] | None = None
    reorientation: dc.ReorientationSummary | None = None
    pending_event: str | None = None


ON_REQUEST = Moment("Printed on request")


def gather_dossier(
    case: Case, *, session: Session, moment: Moment = ON_REQUEST
) -> dc.DossierContext:
    """Everything the dossier shows about `case`, as it stands at `moment`."""
    now = utc_now()
    events = [dc.TimelineLine(e.at, e.kind, e.summary) for e in timeline(case, session=session)]
    if moment.pending_event:
        events.append(dc.TimelineLine(now, "stage_changed", moment.pending_event))
    summary = _case_summary(case, session=session)
    if moment.stage or moment.status:
        summary = replace(
            summary,
            stage=moment.stage or summary.stage,
            status=moment.status or summary.status,
            stage_entered_on=now.date() if moment.stage else summary.stage_entered_on,
        )
    reorientation = moment.reorientation or (
        dc.ReorientationSummary(case.reorientation_reason, list(case.reorientation_suggestions))
        if case.reorientation_reason
        else None
    )
    return dc.DossierContext(
        generated_at=now,
        moment=moment.title,
        case=summary,
        entrepreneur=_entrepreneur(case, session=session),
        assessment=_assessment(case, session=session),
        feasibility=_feasibility(case, session=session),
        plan=plan_summary(current_plan(case, session=session)),
        partner_matches=_matches(case, moment.matches, session=session),
        referrals=[
            dc.ReferralLine(
                _partner_name(r.partner_id, session=session),
                r.purpose,
                r.status,
                r.updated_at.date(),
                r.note,
            )
            for r in referrals_of(case, session=session)
        ],
        milestones=[
            dc.MilestoneLine(m.title, m.due_date, m.done_on, m.note)
            for m in milestones_of(case, session=session)
        ],
        timeline=events,
        reorientation=reorientation,
    )


def render_kept_dossier(
    context: dc.DossierContext, audience: Audience, flow_run_id: str | None = None
) -> KeptDossier:
    """Render `audience`'s copy of the dossier and fingerprint it, ready to be kept."""
    content = render_dossier(context, audience)
    return KeptDossier(
        moment=context.moment,
        audience=audience,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        flow_run_id=flow_run_id,
    )


def _case_summary(case: Case, *, session: Session) -> dc.CaseSummary:
    advisor = session.get(User, case.advisor_id) if case.advisor_id else None
    country = pycountry.countries.get(alpha_2=case.country)
    return dc.CaseSummary(
        reference=case.reference,
        title=case.title,
        sector=case.sector,
        country=case.country,
        country_name=country.name if country else case.country,
        summary=case.summary,
        stage=case.stage,
        status=case.status,
        advisor_name=advisor.full_name if advisor else None,
        opened_on=case.created_at.date(),
        stage_entered_on=case.stage_entered_at.date(),
    )


def _entrepreneur(case: Case, *, session: Session) -> dc.EntrepreneurSummary:
    user = session.get(User, case.entrepreneur_id)
    assert user is not None
    profile = session.get(EntrepreneurProfile, user.id)
    return dc.EntrepreneurSummary(
        full_name=user.full_name,
        email=user.email,
        gender=profile.gender if profile else None,
        country_of_residence=profile.country_of_residence if profile else None,
        country_of_origin=profile.country_of_origin if profile else None,
        diaspora=profile.diaspora if profile else None,
    )


def _assessment(case: Case, *, session: Session) -> dc.AssessmentSummary | None:
    found = session.get(Assessment, case.id)
    if found is None:
        return None
    advisor = session.get(User, found.assessed_by)
    return dc.AssessmentSummary(
        technical=found.technical,
        financial=found.financial,
        motivation=found.motivation,
        training_required=found.training_required,
        training_completed=found.training_completed,
        decision=found.decision,
        notes=found.notes,
        assessed_by=advisor.full_name if advisor else "",
        assessed_on=found.assessed_at.date(),
    )


def _feasibility(case: Case, *, session: Session) -> dc.FeasibilitySummary | None:
    study = session.get(FeasibilityStudy, case.id)
    if study is None:
        return None
    lines = [
        dc.FeasibilitySectionLine(
            key=key.value,
            title=key.value.replace("_", " and ").capitalize(),
            status=study.sections.get(key.value, {}).get("status", "missing"),
            text=study.sections.get(key.value, {}).get("text", ""),
        )
        for key in FeasibilitySection
    ]
    return dc.FeasibilitySummary(conclusion=study.conclusion, sections=lines)


def plan_summary(plan: InvestmentPlanVersion | None) -> pc.PlanSummary | None:
    """The plan version as the dossier prints it; results saved by older versions lack tables."""
    if plan is None:
        return None
    body, results = plan.body, results_of(plan)
    table = results.cash_flow_table
    financing = body.get("financing", [])
    sources = sum(line["amount"] for line in financing)
    return pc.PlanSummary(
        version=plan.version,
        currency=body["currency"],
        eur_rate=body["eur_rate"],
        horizon_years=body["horizon_years"],
        discount_rate=body["discount_rate"],
        tax_rate=body.get("tax_rate", 0.0),
        approved=plan.approved_at is not None,
        approved_on=plan.approved_at.date() if plan.approved_at else None,
        investments=[_pick(pc.InvestmentRow, line) for line in body.get("investments", [])],
        revenue_lines=[_pick(pc.RevenueLineRow, line) for line in body.get("revenue_lines") or []],
        # A plan given as lines has no yearly totals in its body: its results table has them.
        revenues=body.get("revenues") or [row.revenues for row in table[1:]],
        operating_costs=body.get("operating_costs") or [row.operating_costs for row in table[1:]],
        financing=[
            _pick(pc.FinancingRow, line, share=line["amount"] / sources if sources > 0 else None)
            for line in financing
        ],
        results=results,
    )


def _pick(kind: type[_Row], data: dict[str, Any], **given: Any) -> _Row:
    """`kind` from the stored keys it names; a key older data lacks takes its default."""
    names = [
        f.name
        for f in fields(kind)
        if f.name not in given
        and (f.name in data or (f.default is MISSING and f.default_factory is MISSING))
    ]
    return kind(**{name: data[name] for name in names}, **given)


def _matches(
    case: Case, pending: list[Match] | None, *, session: Session
) -> list[dc.PartnerMatchLine]:
    if pending is not None:
        kinds = {p.id: p.kind for p in session.exec(select(Partner)).all()}
        return [
            dc.PartnerMatchLine(m.partner_name, kinds.get(m.partner_id, ""), m.score, m.reasons)
            for m in pending
        ]
    rows = session.exec(
        select(PartnerMatch, Partner)
        .join(Partner, col(Partner.id) == col(PartnerMatch.partner_id))
        .where(PartnerMatch.case_id == case.id)
        .order_by(col(PartnerMatch.rank))
    ).all()
    return [dc.PartnerMatchLine(p.name, p.kind, m.score, m.reasons) for m, p in rows]


def _partner_name(partner_id: object, *, session: Session) -> str:
    partner = session.get(Partner, partner_id)
    return partner.name if partner else "(removed partner)"
