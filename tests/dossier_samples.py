"""A full, realistic dossier context for tests: a cold-storage project in Senegal.

Its plan is evaluated by the real investment-plan code and read back as the store keeps it
(`body` and `results` as JSON), so the dossier prints what a saved version really holds.
"""

import copy
import io
import re
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from pypdf import PdfReader

from casework.dossier.context import (
    AssessmentSummary,
    CaseSummary,
    DossierContext,
    EntrepreneurSummary,
    FeasibilitySectionLine,
    FeasibilitySummary,
    GuideSummary,
    MilestoneLine,
    PartnerMatchLine,
    ReferralLine,
    ReorientationSummary,
    TimelineLine,
)
from casework.dossier.gather import plan_summary
from casework.dossier.plan_context import PlanSummary
from casework.investment_plan import InvestmentPlan, PlanPolicy, evaluate
from casework.models import InvestmentPlanVersion
from casework.vocabulary import Role

REFERENCE = "RU-2026-0042"
# numpy_financial.npv(0.10, cash_flows) of the sample plan, and how the dossier prints it.
NPV = 2_152_999.17
NPV_PRINTED = "2,152,999 XOF"
MESO_LENDER = "Coopérative Sénégalaise d'Épargne et de Crédit"
POLICY = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000)

_CRATES = [24_000, 36_000, 44_000, 46_000, 47_000]
_TRIPS = [400, 700, 800, 850, 900]

# Prices and volumes, costs split into variable and fixed, two loans, a replaced asset.
PLAN_BODY: dict[str, Any] = {
    "currency": "XOF",
    "eur_rate": 655.957,
    "horizon_years": 5,
    "discount_rate": 0.10,
    "tax_rate": 0.30,
    "investments": [
        {
            "label": "Cold room 40 m³",
            "year": 0,
            "amount": 12_000_000,
            "useful_life_years": 10,
            "salvage_value": 2_000_000,
        },
        {
            "label": "Solar array and inverter",
            "year": 0,
            "amount": 6_000_000,
            "useful_life_years": 10,
            "salvage_value": 1_500_000,
        },
        {
            "label": "Refrigerated delivery tricycle",
            "year": 1,
            "amount": 2_500_000,
            "useful_life_years": 3,
            "salvage_value": 300_000,
            "replace_at_end_of_life": True,
        },
    ],
    "revenue_lines": [
        {"label": "Cold storage", "unit": "crate-day", "unit_price": 250, "volumes": _CRATES},
        {
            "label": "Refrigerated delivery",
            "unit": "delivery",
            "unit_price": 7_500,
            "volumes": _TRIPS,
        },
    ],
    "variable_cost_lines": [
        {"label": "Grid electricity", "unit_cost": 40, "volumes": _CRATES},
        {"label": "Tricycle fuel", "unit_cost": 1_200, "volumes": _TRIPS},
    ],
    "fixed_cost_lines": [
        {"label": "Salaries", "amounts": [3_600_000, 4_200_000, 4_200_000, 4_400_000, 4_400_000]},
        {
            "label": "Maintenance and insurance",
            "amounts": [800_000, 900_000, 900_000, 950_000, 950_000],
        },
    ],
    "working_capital": [1_000_000, 1_500_000, 1_700_000, 1_800_000, 1_800_000],
    "financing": [
        {"source": "own_funds", "amount": 2_500_000},
        {"source": "family_and_diaspora", "amount": 3_000_000},
        {
            "source": "meso_credit",
            "amount": 13_000_000,
            "label": "Meso-credit CSEC Thiès",
            "interest_rate": 0.09,
            "term_years": 5,
            "grace_years": 1,
        },
        {
            "source": "microcredit",
            "amount": 2_500_000,
            "year": 1,
            "label": "Tricycle microloan",
            "interest_rate": 0.14,
            "term_years": 3,
            "repayment": "linear",
        },
        {"source": "matching_fund", "amount": 1_000_000},
    ],
}


def plan_in_guinean_francs() -> dict[str, Any]:
    """The sample plan stretched to 15 years in Guinean francs, its amounts up to 13 digits.

    Its prices and amounts are the XOF plan's times 340,320, and it adds a plant no line
    finances: its uses come to 9,916,880,000,000 GNF, 2,429,840,000,000 GNF more than its sources.
    """
    body = copy.deepcopy(PLAN_BODY)
    horizon, scale = 15, 340_320
    body.update(currency="GNF", eur_rate=9_300.0, horizon_years=horizon)

    def stretched(values: list[float], times: float = 1) -> list[float]:
        return [value * times for value in values + [values[-1]] * (horizon - len(values))]

    for line in body["revenue_lines"]:
        line.update(unit_price=line["unit_price"] * scale, volumes=stretched(line["volumes"]))
    for line in body["variable_cost_lines"]:
        line.update(unit_cost=line["unit_cost"] * scale, volumes=stretched(line["volumes"]))
    for line in body["fixed_cost_lines"]:
        line["amounts"] = stretched(line["amounts"], scale)
    body["working_capital"] = stretched(body["working_capital"], scale)
    for line in body["investments"]:
        line.update(amount=line["amount"] * scale, salvage_value=line["salvage_value"] * scale)
    body["investments"].append(
        {
            "label": "Processing plant",
            "year": 0,
            "amount": 2_600_000_000_000,
            "useful_life_years": 15,
        }
    )
    for line in body["financing"]:
        line["amount"] *= scale
    return body


# What a version saved before the lender's tables existed holds: yearly totals in the body,
# and only these results.
LEGACY_NPV_PRINTED = "8,762,082 XOF"
LEGACY_BODY: dict[str, Any] = {
    "currency": "XOF",
    "eur_rate": 655.957,
    "horizon_years": 5,
    "discount_rate": 0.10,
    "investments": [{"label": "Cold room 40 m³", "year": 0, "amount": 18_000_000}],
    "revenues": [9_000_000, 14_000_000, 17_000_000, 18_000_000, 18_500_000],
    "operating_costs": [5_500_000, 7_500_000, 8_500_000, 9_000_000, 9_200_000],
    "financing": [
        {"source": "own_funds", "amount": 5_000_000},
        {"source": "meso_credit", "amount": 13_000_000, "interest_rate": 0.09, "term_years": 5},
    ],
}
LEGACY_RESULTS: dict[str, Any] = {
    "cash_flows": [-18_000_000, 1_000_000, 6_500_000, 8_500_000, 9_000_000, 12_800_000],
    "npv": 8_762_081.58,
    "irr": 0.2331,
    "irr_note": None,
    "payback_years": 3.22,
    "payback_note": None,
    "total_investment": 18_000_000,
    "total_financing": 18_000_000,
    "funding_gap": 0,
    "external_financing_eur": 19_818.37,
    "funding_band": "micro",
}


def plan_results(body: dict[str, Any] = PLAN_BODY) -> dict[str, Any]:
    """The results the store keeps for `body`, computed by the real evaluation."""
    return evaluate(InvestmentPlan.model_validate(body), POLICY).model_dump(mode="json")


def stored_plan(
    body: dict[str, Any] | None = None, results: dict[str, Any] | None = None
) -> PlanSummary:
    """The plan as the dossier reads a saved, approved version 3 of it."""
    body = PLAN_BODY if body is None else body
    kept = InvestmentPlanVersion(
        case_id=uuid.uuid4(),
        version=3,
        # Saved as the API saves it; results given as they were kept by an older version.
        body=InvestmentPlan.model_validate(body).model_dump(mode="json")
        if results is None
        else body,
        results=plan_results(body) if results is None else results,
        author_id=uuid.uuid4(),
        author_role=Role.ENTREPRENEUR,
        approved_at=datetime(2026, 5, 20, 8, 45, tzinfo=UTC),
    )
    summary = plan_summary(kept)
    assert summary is not None
    return summary


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
        plan=stored_plan(),
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
        guides=[
            GuideSummary(
                "special_economic_zones",
                "Special economic zones around Dakar",
                "Ask APIX which zone suits the activity, what it asks in return (jobs, "
                "exports) and what it offers (taxes, customs, a single window).",
                ["https://www.investinsenegal.com/"],
                "en",
                date(2026, 3, 10),
                True,
            ),
            GuideSummary(
                "foreign_currency_accounts",
                "Comptes en devises",
                "Demandez à votre banque quels comptes une personne résidant à l'étranger "
                "peut détenir.",
                ["https://www.bceao.int/"],
                "fr",
                date(2026, 3, 10),
                True,
            ),
        ],
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


def pdf_text(pdf: bytes) -> str:
    """The text of every page of a PDF, with each run of whitespace as one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
