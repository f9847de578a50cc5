"""A full, realistic dossier context for tests: a cold-storage project in Senegal."""

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from casework.dossier_context import (
    AssessmentSummary,
    CaseSummary,
    DossierContext,
    EntrepreneurSummary,
    FeasibilitySectionLine,
    FeasibilitySummary,
    FinancingRow,
    InvestmentRow,
    MilestoneLine,
    PartnerMatchLine,
    PlanFigures,
    PlanSummary,
    ReferralLine,
    ReorientationSummary,
    TimelineLine,
)

REFERENCE = "RU-2026-0042"
# numpy_financial.npv(0.10, cash_flows) of the sample plan, and how the dossier prints it.
NPV = 8_762_081.58
NPV_PRINTED = "8,762,082 XOF"
MESO_LENDER = "Coopérative Sénégalaise d'Épargne et de Crédit"

_FEASIBILITY = [
    (
        "market",
        "Market",
        "complete",
        "Fish wholesalers at Thiès market lose 20–30 % of their catch to heat; "
        "twelve have signed letters of intent for cold-storage space.",
    ),
    (
        "technical",
        "Technical",
        "complete",
        "A 40 m³ cold room at 0–4 °C, powered by a 15 kWc solar array with grid back-up.",
    ),
    (
        "organisation",
        "Organisation",
        "complete",
        "The project leader manages; two technicians and one driver are hired in year 1.",
    ),
    ("legal", "Legal", "draft", "Registration as a SARL is under way at the APIX one-stop shop."),
    (
        "environmental_social",
        "Environmental and social",
        "complete",
        "Refrigerant R290 (low global-warming potential); less fish waste at the market.",
    ),
    ("financial", "Financial", "complete", "See the investment plan, version 3."),
    ("risks", "Risks", "draft", "Power cuts, a late rainy season, a competitor's cold room."),
]


def sample_context(**overrides: Any) -> DossierContext:
    """A complete dossier context; keyword arguments replace top-level fields."""
    context = DossierContext(
        generated_at=datetime(2026, 6, 2, 9, 30, tzinfo=UTC),
        moment="Entry into linkage",
        case=CaseSummary(
            reference=REFERENCE,
            title="Solar cold storage for fish traders in Thiès",
            sector="agri_food",
            country="SN",
            country_name="Senegal",
            summary=(
                "A solar-powered cold room rented by the crate to fish and vegetable "
                "traders of the Thiès central market, with refrigerated delivery to "
                "restaurants. Partner: Coopérative Sénégalaise des Mareyeuses."
            ),
            stage="linkage",
            status="active",
            advisor_name="Moussa Diop",
            opened_on=date(2026, 1, 12),
            stage_entered_on=date(2026, 5, 28),
        ),
        entrepreneur=EntrepreneurSummary(
            full_name="Aïssatou Ndiaye",
            email="aissatou.ndiaye@example.org",
            gender="woman",
            country_of_residence="FR",
            country_of_origin="SN",
            diaspora=True,
        ),
        assessment=AssessmentSummary(
            technical=3,
            financial=4,
            motivation=5,
            training_required=True,
            training_completed=True,
            decision="proceed",
            notes="Strong market knowledge; completed the refrigeration maintenance course.",
            assessed_by="Moussa Diop",
            assessed_on=date(2026, 1, 30),
        ),
        feasibility=FeasibilitySummary(
            conclusion="viable",
            sections=[FeasibilitySectionLine(*line) for line in _FEASIBILITY],
        ),
        plan=PlanSummary(
            version=3,
            currency="XOF",
            eur_rate=655.957,
            horizon_years=5,
            discount_rate=0.10,
            tax_rate=0.0,
            approved=True,
            approved_on=date(2026, 5, 20),
            investments=[
                InvestmentRow("Cold room 40 m³", 0, 12_000_000, 10, 2_000_000),
                InvestmentRow("Solar array and inverter", 0, 6_000_000, 10, 1_500_000),
                InvestmentRow("Refrigerated delivery tricycle", 1, 2_500_000, 5, 0),
            ],
            revenues=[9_000_000, 14_000_000, 17_000_000, 18_000_000, 18_500_000],
            operating_costs=[5_500_000, 7_500_000, 8_500_000, 9_000_000, 9_200_000],
            financing=[
                FinancingRow("own_funds", 2_500_000, None, None, None),
                FinancingRow("family_and_diaspora", 3_000_000, None, None, None),
                FinancingRow("meso_credit", 13_000_000, 0.09, 5, 1),
                FinancingRow("matching_fund", 2_000_000, None, None, None),
            ],
            results=PlanFigures(
                cash_flows=[-18_000_000, 1_000_000, 6_500_000, 8_500_000, 9_000_000, 12_800_000],
                npv=NPV,
                irr=0.2331,
                irr_note=None,
                payback_years=3.22,
                payback_note=None,
                total_investment=20_500_000,
                total_financing=20_500_000,
                funding_gap=0,
                external_financing_eur=27_440.82,
                funding_band="meso",
            ),
        ),
        partner_matches=[
            PartnerMatchLine(
                "CDE",
                "technical",
                0.82,
                ["Feasibility and technical assistance for agri-food SMEs", "Active in Senegal"],
            ),
            PartnerMatchLine(
                "BIO",
                "financial",
                0.74,
                ["Funds projects above 25,000 EUR", "Agri-food is a priority sector"],
            ),
            PartnerMatchLine(
                MESO_LENDER,
                "financial",
                0.71,
                ["Meso-credit between 15,000 and 150,000 EUR", "Branch in Thiès"],
            ),
        ],
        referrals=[
            ReferralLine(
                "CDE",
                "Technical review of the cold room",
                "accepted",
                date(2026, 5, 30),
                "Site visit planned in June.",
            ),
            ReferralLine(
                MESO_LENDER,
                "Meso-credit of 13,000,000 XOF",
                "sent",
                date(2026, 6, 1),
                "Dossier sent with the approved plan.",
            ),
        ],
        milestones=[
            MilestoneLine("Company registered", date(2026, 5, 15), date(2026, 5, 12), ""),
            MilestoneLine("Cold room installed", date(2026, 9, 30), None, "Supplier chosen."),
        ],
        timeline=[
            TimelineLine(
                datetime(2026, 1, 12, 10, 5, tzinfo=UTC), "case_opened", "Case opened at reception."
            ),
            TimelineLine(
                datetime(2026, 1, 30, 15, 0, tzinfo=UTC),
                "assessment",
                "Assessment: proceed, after training.",
            ),
            TimelineLine(
                datetime(2026, 5, 20, 8, 45, tzinfo=UTC),
                "plan_approved",
                "Investment plan version 3 approved by the project leader.",
            ),
            TimelineLine(
                datetime(2026, 5, 28, 11, 0, tzinfo=UTC), "stage_changed", "Moved to linkage."
            ),
        ],
        reorientation=None,
    )
    return replace(context, **overrides)


def reoriented_sample() -> DossierContext:
    """The sample as if the project had been reoriented instead."""
    return sample_context(
        reorientation=ReorientationSummary(
            "The market study found no demand at the planned price.",
            ["Join the fish-smoking cooperative", "Vocational training in refrigeration"],
        )
    )
