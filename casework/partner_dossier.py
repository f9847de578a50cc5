"""A partner's referral dossier as PDF, laid out like the case dossier behind the same fetcher."""

from casework import dossiers
from casework.dossier_audience import copy_for, copy_title
from casework.partner_dossier_context import PartnerDossierContext
from casework.stages import CLOSED_STATUSES
from casework.vocabulary import Audience

TEMPLATE_NAME = "partner_dossier.html.j2"


def render_partner_dossier(context: PartnerDossierContext) -> bytes:
    """Render the partner's copy of a referral dossier as PDF bytes."""
    return dossiers.html_to_pdf(render_partner_dossier_html(context))


def render_partner_dossier_html(context: PartnerDossierContext) -> str:
    """Render the partner's copy as HTML, every value autoescaped."""
    # The case dossier's environment: the same filters, loader, autoescape and plan sections.
    template = dossiers._template().environment.get_template(TEMPLATE_NAME)
    return template.render(
        dossier=copy_for(context, Audience.PARTNER),
        copy_title=copy_title(Audience.PARTNER),
        closed=context.case.status in CLOSED_STATUSES,
        unit_name=dossiers.UNIT_NAME,
        cash_flow_plan=dossiers.cash_flow_plan(context.plan),
        chart=dossiers.plan_chart(context.plan),
    )
