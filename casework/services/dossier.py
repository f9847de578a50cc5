"""A case's dossier: gathered from the store, kept as a moment's data, printed to PDF.

A moving case keeps its dossier in two steps. `keep_moment` gathers each kept
audience's copy in the transaction that moves the case and stores it as data,
`pending`; the `render-dossier` flow then prints each copy from that data alone
(`kept_context`) and keeps the PDF with its sha256 (`keep_print`). What a copy
prints is therefore the moment's, whatever happened to the case since.
"""

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import TypeAdapter
from sqlmodel import Session, col, select

from casework import dossier_context as dc
from casework import dossier_plan_context as pc
from casework.countries import country_name
from casework.dossier_audience import KEPT_AUDIENCES, copy_for
from casework.models import (
    Assessment,
    Case,
    Dossier,
    EntrepreneurProfile,
    FeasibilityStudy,
    InvestmentPlanVersion,
    Partner,
    PartnerMatch,
    User,
)
from casework.models.columns import utc_now
from casework.services.cases import timeline
from casework.services.follow_up import milestones_of
from casework.services.follow_up_reports import plan_vs_actual
from casework.services.plans import current_plan, results_of
from casework.services.referrals import referrals_of
from casework.services.reorientation import reorientation_reason_words, titles_of
from casework.vocabulary import Audience, DossierStatus, FeasibilitySection, Stage

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Row = TypeVar("_Row", bound="DataclassInstance")

ON_REQUEST = "On request"

# What a failed print keeps of its error: enough to recognise it, never a whole traceback.
_LONGEST_FAILURE = 500


@cache
def _context_data() -> TypeAdapter[dc.DossierContext]:
    return TypeAdapter(dc.DossierContext)


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
    )


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
    kept = [
        Dossier(
            id=copies[audience],
            case_id=case.id,
            moment=moment,
            stage=Stage(case.stage),
            audience=audience,
            status=DossierStatus.PENDING,
            # Each copy keeps only what its audience may read.
            data=_context_data().dump_python(copy_for(context, audience), mode="json"),
            flow_run_id=flow_run_id,
            created_at=context.generated_at,
        )
        for audience in copies
    ]
    session.add_all(kept)
    return kept


def kept_context(dossier: Dossier) -> dc.DossierContext:
    """The data a kept copy prints, as its moment captured it."""
    if dossier.data is None:
        raise ValueError(f"Dossier {dossier.id} was printed before its data was kept.")
    return _context_data().validate_python(dossier.data)


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


def waiting_moments(*, session: Session) -> list[WaitingMoment]:
    """Every moment with copies not yet printed, oldest first."""
    rows = session.exec(
        select(Dossier.id, Dossier.stage, Dossier.created_at, Case.reference)
        .join(Case, col(Case.id) == col(Dossier.case_id))
        .where(col(Dossier.status) != DossierStatus.READY)
        # A partner's copy belongs to its referral, not to a moment: it is printed apart.
        .where(col(Dossier.audience).in_(KEPT_AUDIENCES))
        .order_by(col(Dossier.created_at), col(Dossier.audience))
    ).all()
    # A moment's copies share its case and the instant of the transaction that kept them.
    moments: dict[tuple[str, str, object], list[str]] = {}
    for dossier_id, stage, created_at, reference in rows:
        moments.setdefault((reference, stage, created_at), []).append(str(dossier_id))
    return [WaitingMoment(reference, stage, ids) for (reference, stage, _), ids in moments.items()]


def fingerprint(content: bytes) -> str:
    """The sha256 a printed dossier is kept and served with."""
    return hashlib.sha256(content).hexdigest()


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
