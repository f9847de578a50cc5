"""A case's dossier gathered from the store: everything it shows, as the session sees it.

`gather_dossier` reads the case dossier's context, `gather_partner_dossier` the view of
it a partner's kind may read; `dossier_language` is the language a case's copies are
printed in when nobody asks for another.
"""

from dataclasses import MISSING, fields
from typing import TYPE_CHECKING, Any, TypeVar

from sqlmodel import Session, col, select

from casework.countries import country_name
from casework.dossier import context as dc
from casework.dossier import plan_context as pc
from casework.dossier.partner_context import (
    PartnerDossierContext,
    RequestedLine,
    financial_view,
    technical_view,
)
from casework.models import (
    Assessment,
    Case,
    EntrepreneurProfile,
    FeasibilityStudy,
    InvestmentPlanVersion,
    Partner,
    PartnerMatch,
    Referral,
    User,
)
from casework.models.columns import utc_now
from casework.services.case_guides import guides_on
from casework.services.follow_up import milestones_of
from casework.services.follow_up_reports import plan_vs_actual
from casework.services.plans import current_plan, results_of
from casework.services.referrals import referrals_of
from casework.services.reorientation import reorientation_reason_words, titles_of
from casework.services.timeline import timeline
from casework.settings import get_settings
from casework.vocabulary import FeasibilitySection, Language, PartnerKind

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Row = TypeVar("_Row", bound="DataclassInstance")

ON_REQUEST = "On request"


def dossier_language(case: Case, *, session: Session) -> Language:
    """The language of the case's copies: its entrepreneur's preferred one, else the unit's."""
    profile = session.get(EntrepreneurProfile, case.entrepreneur_id)
    if profile is not None and profile.preferred_language is not None:
        return Language(profile.preferred_language)
    return get_settings().language


def gather_dossier(case: Case, *, session: Session, moment: str = ON_REQUEST) -> dc.DossierContext:
    """Everything the dossier shows about `case` as the session sees it, printed for `moment`."""
    reorientation = (
        dc.ReorientationSummary(
            reorientation_reason_words(case),
            [
                *case.reorientation_suggestions,
                *titles_of(case.reorientation_activity_ids, session=session),
            ],
        )
        if case.reorientation_reason
        else None
    )
    return dc.DossierContext(
        generated_at=utc_now(),
        moment=moment,
        case=_case_summary(case, session=session),
        entrepreneur=_entrepreneur(case, session=session),
        assessment=_assessment(case, session=session),
        feasibility=_feasibility(case, session=session),
        plan=plan_summary(current_plan(case, session=session)),
        partner_matches=_matches(case, session=session),
        referrals=[
            dc.ReferralLine(
                _partner_name(r.partner_id, session=session),
                r.purpose,
                r.status,
                r.updated_at.date(),
                r.note,
                r.internal_note,
            )
            for r in referrals_of(case, session=session)
        ],
        milestones=[
            dc.MilestoneLine(m.title, m.due_date, m.done_on, m.note)
            for m in milestones_of(case, session=session)
        ],
        timeline=[
            dc.TimelineLine(e.at, e.kind, e.summary) for e in timeline(case, session=session)
        ],
        reorientation=reorientation,
        plan_vs_actual=_plan_vs_actual(case, session=session),
        guides=[
            dc.GuideSummary(
                g.guide.topic,
                g.guide.title,
                g.guide.text,
                list(g.guide.sources),
                g.guide.language,
                g.guide.checked_on,
                g.guide.is_example,
            )
            for g in guides_on(case, session=session)
        ],
    )


def _plan_vs_actual(case: Case, *, session: Session) -> dc.PlanVsActualSection | None:
    # Shown once the case entered follow-up, when the plan's calendar was set.
    compared = plan_vs_actual(case, session=session) if case.plan_start_on else None
    if compared is None:
        return None
    return dc.PlanVsActualSection(
        currency=compared.currency,
        plan_start_on=compared.plan_start_on,
        years=[
            dc.PlanVsActualYear(
                year=row.year,
                planned_revenue=row.planned.revenue,
                actual_revenue=row.actual.revenue if row.actual else None,
                planned_costs=row.planned.operating_costs,
                actual_costs=row.actual.operating_costs if row.actual else None,
                planned_net=row.planned.net_cash_flow,
                actual_net=row.actual.net_cash_flow if row.actual else None,
                actual_cumulative=row.actual_cumulative,
                repayment_status=row.repayment_status.value,
                confirmed=row.actual.confirmed if row.actual else None,
            )
            for row in compared.years
        ],
        deviations=compared.deviations,
        deviation_phrases=compared.deviation_phrases,
    )


def _case_summary(case: Case, *, session: Session) -> dc.CaseSummary:
    advisor = session.get(User, case.advisor_id) if case.advisor_id else None
    return dc.CaseSummary(
        reference=case.reference,
        title=case.title,
        sector=case.sector,
        country=case.country,
        country_name=country_name(case.country),
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


def _matches(case: Case, *, session: Session) -> list[dc.PartnerMatchLine]:
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


def gather_partner_dossier(
    case: Case, referral: Referral, partner: Partner, *, session: Session
) -> PartnerDossierContext:
    """The view of the case this partner's kind needs, as the session sees it now."""
    full = gather_dossier(case, session=session, moment=f"Referral to {partner.name}")
    kind = PartnerKind(partner.kind)
    plan = full.plan if financial_view(kind) else None
    lines = []
    if plan is not None:
        lines = [
            RequestedLine(row.source, row.amount, row.amount / plan.eur_rate)
            for index, row in enumerate(plan.financing)
            if index in referral.financing_lines
        ]
    return PartnerDossierContext(
        generated_at=full.generated_at,
        moment=full.moment,
        partner_name=partner.name,
        partner_kind=kind.value,
        purpose=referral.purpose,
        case=full.case,
        project_leader=full.entrepreneur.full_name,
        assessment=full.assessment if technical_view(kind) else None,
        feasibility=full.feasibility if technical_view(kind) else None,
        plan=plan,
        requested_lines=lines,
    )
