"""A partner's referral dossier rendered by real WeasyPrint: each kind's view, nothing more.

The flow tests print copies gathered from a real store; these print the sample
case for each kind of partner, including one of both kinds, and check that the
staff's notes never reach a partner even when the context holds them.
"""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from casework.dossier.audience import copy_for, restricted_fields
from casework.dossier.partner_context import PartnerDossierContext, RequestedLine
from casework.dossier.partner_render import render_partner_dossier, render_partner_dossier_html
from casework.vocabulary import Audience
from tests.dossier_samples import REFERENCE, pdf_text, sample_context

NOTES = "Strong market knowledge; completed the refrigeration maintenance course."


def partner_context(kind: str, **changes: object) -> PartnerDossierContext:
    """The sample case as gathered for a partner of `kind`, the staff's notes still in it."""
    full = sample_context()
    technical, financial = kind in ("technical", "both"), kind in ("financial", "both")
    context = PartnerDossierContext(
        generated_at=datetime(2026, 6, 3, 10, 0, tzinfo=UTC),
        moment="Referral to Meso lender",
        partner_name="Meso lender",
        partner_kind=kind,
        purpose="Meso-credit for the cold room",
        case=full.case,
        project_leader=full.entrepreneur.full_name,
        assessment=full.assessment if technical else None,
        feasibility=full.feasibility if technical else None,
        plan=full.plan if financial else None,
        requested_lines=[RequestedLine("meso_credit", 7_000_000, 10_671.4)] if financial else [],
    )
    return replace(context, **changes)


def test_a_partners_copy_leaves_out_every_internal_field():
    restricted = {
        f"{kind.__name__}.{part.name}"
        for kind, part in restricted_fields(PartnerDossierContext, Audience.PARTNER)
    }
    assert "AssessmentSummary.notes" in restricted
    copy = copy_for(partner_context("both"), Audience.PARTNER)
    assert copy.assessment is not None
    assert copy.assessment.notes is None


@pytest.fixture(scope="module")
def both_text() -> str:
    return pdf_text(render_partner_dossier(partner_context("both")))


def test_a_partner_of_both_kinds_reads_both_views(both_text):
    for shown in (
        REFERENCE,
        "Referral dossier",
        "Meso lender",
        "Technical ability",
        "Feasibility study",
        "Financing asked of the partner",
        "What the unit asks of Meso lender:",
        "10,671",
        "Repayment schedules",
        "DSCR",
        "Sensitivity",
        "Aïssatou Ndiaye",
    ):
        assert shown in both_text, shown


def test_no_partner_reads_the_notes_or_the_persons_private_data(both_text):
    for hidden in (
        "refrigeration maintenance course",
        "aissatou.ndiaye@example.org",
        "Woman",
        "Gender",
        "residence",
        "Timeline",
        "Referrals",
    ):
        assert hidden not in both_text, hidden


def test_text_written_into_the_referral_is_escaped_not_markup():
    hostile = '<link rel="attachment" href="file:///etc/hostname"><b>bold</b>'
    html = render_partner_dossier_html(partner_context("technical", purpose=hostile))
    assert "&lt;link" in html
    assert '<link rel="attachment"' not in html
