"""A partner's referral dossier as PDF: the case dossier's layout, the partner's sections only."""

from casework.dossier.audience import copy_for
from casework.dossier.partner_context import PartnerDossierContext, financial_view, technical_view
from casework.dossier.render import environment, html_to_pdf, print_values
from casework.dossier.sections import KIND_TITLES, Section
from casework.dossier.wording import wording
from casework.language import N_
from casework.vocabulary import Audience, DossierKind, Language, PartnerKind

TEMPLATE_NAME = "partner_dossier.html.j2"

_PROJECT = ("project", N_("The project"))
_TECHNICAL = (
    ("assessment", N_("Assessment at reception")),
    ("feasibility", N_("Feasibility study")),
)
_FINANCIAL = (("requested", N_("Financing asked of the partner")), ("plan", N_("Investment plan")))


def render_partner_dossier(
    context: PartnerDossierContext,
    language: Language = Language.EN,
    *,
    data: bytes | None = None,
) -> bytes:
    """Render the partner's copy of a referral dossier as PDF bytes (archival with `data`)."""
    return html_to_pdf(render_partner_dossier_html(context, language), data=data)


def render_partner_dossier_html(
    context: PartnerDossierContext, language: Language = Language.EN
) -> str:
    """Render the partner's copy as HTML, every value autoescaped."""
    words = wording(language)
    return (
        environment(language)
        .get_template(TEMPLATE_NAME)
        .render(
            dossier=copy_for(context, Audience.PARTNER),
            kind_title=words.gettext(KIND_TITLES[DossierKind.REFERRAL]),
            sections=partner_sections(PartnerKind(context.partner_kind)),
            **print_values(context.case.status, context.plan, Audience.PARTNER, words),
        )
    )


def partner_sections(kind: PartnerKind) -> list[Section]:
    """The sections a partner of `kind` reads: the project, then its kind's view of the case."""
    keys = [_PROJECT]
    if technical_view(kind):
        keys.extend(_TECHNICAL)
    if financial_view(kind):
        keys.extend(_FINANCIAL)
    return [Section(key, number, title) for number, (key, title) in enumerate(keys, start=1)]
