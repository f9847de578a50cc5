"""Printed documents as PDF: Jinja2 templates in one language, laid out by WeasyPrint.

Every template is rendered from one environment per language: autoescaped, strict about
missing values, with the unit's gettext catalogue (`_()` and `{% trans %}` in templates)
and the figures' filters bound to the language's `Wording`. Every resource the layout
loads goes through `LockedFetcher`.
"""

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from weasyprint import HTML, Attachment
from weasyprint.document import Document

from casework.dossier.audience import copy_for, copy_title
from casework.dossier.cash_flow_chart import cash_flow_chart
from casework.dossier.context import DossierContext
from casework.dossier.fetcher import LockedFetcher, static_root, templates_root
from casework.dossier.plan_context import PlanSummary
from casework.dossier.sections import KIND_TITLES, sections_of
from casework.dossier.statement import cash_flow_plan
from casework.dossier.wording import Wording, wording
from casework.language import N_, translations
from casework.stages import CLOSED_STATUSES
from casework.vocabulary import Audience, DossierKind, Language

UNIT_NAME = N_("Reception unit for entrepreneurship projects")
TEMPLATE_NAME = "dossier.html.j2"

# The archival variant: PDF/A-3b, the one PDF/A part that may carry the dossier's data.
ARCHIVE_VARIANT = "pdf/a-3b"


def render_dossier(
    context: DossierContext,
    audience: Audience,
    language: Language = Language.EN,
    kind: DossierKind = DossierKind.FULL,
    *,
    data: bytes | None = None,
) -> bytes:
    """Render `audience`'s copy of the `kind` dossier in `language` as PDF bytes.

    With `data`, the archival variant carrying it (see `html_to_pdf`).
    """
    return html_to_pdf(render_dossier_html(context, audience, language, kind), data=data)


def render_dossier_html(
    context: DossierContext,
    audience: Audience,
    language: Language = Language.EN,
    kind: DossierKind = DossierKind.FULL,
) -> str:
    """Render `audience`'s copy of the dossier's HTML, every value autoescaped."""
    words = wording(language)
    # The template only ever sees the copy: what the audience may not read is not in it.
    return (
        environment(language)
        .get_template(TEMPLATE_NAME)
        .render(
            dossier=copy_for(context, audience),
            sections=sections_of(kind),
            kind_title=words.gettext(KIND_TITLES[kind]),
            **print_values(context.case.status, context.plan, audience, words),
        )
    )


def print_values(
    status: str, plan: PlanSummary | None, audience: Audience, words: Wording
) -> dict[str, Any]:
    """What every dossier's layout prints beside the copy: its title, the plan's pieces."""
    return {
        "copy_title": words.gettext(copy_title(audience)),
        "closed": status in CLOSED_STATUSES,
        "for_partner": audience == Audience.PARTNER,
        "unit_name": words.gettext(UNIT_NAME),
        "cash_flow_plan": cash_flow_plan(plan, words),
        "chart": plan_chart(plan, words),
    }


def html_to_pdf(html: str, *, data: bytes | None = None) -> bytes:
    """Lay out HTML as PDF; every resource goes through `LockedFetcher`.

    With `data` (the dossier's JSON), the PDF is the archival variant, PDF/A-3b, carrying
    it as the attachment ``dossier.json``.
    """
    document = lay_out(html)
    if data is None:
        pdf: bytes = document.write_pdf()
        return pdf
    attachment = Attachment(
        string=data,
        name="dossier.json",
        description="The dossier's data",
        relationship="Data",
        url_fetcher=LockedFetcher(),
    )
    archived: bytes = document.write_pdf(pdf_variant=ARCHIVE_VARIANT, attachments=[attachment])
    return archived


def lay_out(html: str) -> Document:
    """HTML laid out in pages of boxes, its resources fetched by `LockedFetcher`."""
    return HTML(
        string=html,
        base_url=static_root().as_uri() + "/",
        url_fetcher=LockedFetcher(),
    ).render()


def plan_chart(plan: PlanSummary | None, words: Wording) -> Markup | None:
    """The plan's cash flows on total capital and their cumulative total, as inline SVG."""
    return cash_flows_chart(plan.results.cash_flows, words) if plan else None


def cash_flows_chart(flows: list[float], words: Wording) -> Markup:
    """Cash flows of years 0, 1, ... and their cumulative total, as inline SVG, in `words`."""
    legends = (words.gettext("Cash flow of the year"), words.gettext("Cumulative cash flow"))
    svg = cash_flow_chart(flows, [str(year) for year in range(len(flows))], legends=legends)
    # Safe to print unescaped: the chart escapes its text and writes numbers as decimals only.
    return Markup(svg)  # noqa: S704


@cache
def environment(language: Language) -> Environment:
    """The dossiers' templates' environment in `language`."""
    return templates_in(templates_root(), language)


def templates_in(root: Path, language: Language) -> Environment:
    """An environment for the templates under `root` in `language`: its catalogue and its
    figures' filters (the dossiers' and the console's alike)."""
    env = Environment(
        loader=FileSystemLoader(root),
        # select_autoescape() decides by suffix and misses .j2: force it for every template.
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # New-style gettext: `_("… %(name)s", name=value)` escapes `value` and fills it in.
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(wording(language).filters())
    env.globals["language"] = language.value
    return env
