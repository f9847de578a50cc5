"""Every dossier in both of the unit's languages: one layout, each kind's sections, local figures.

Read from the PDF's own text (pypdf), as a lender or an archive reads it.
"""

import re
from functools import cache

import pytest

from casework.dossier.render import render_dossier, render_dossier_html
from casework.dossier.sections import TITLES, sections_of
from casework.dossier.wording import wording
from casework.vocabulary import Audience, DossierKind, Language
from tests.dossier_samples import REFERENCE, pdf_text, sample_context

# Each dossier's name on its cover, in English and in French.
COVER_TITLES = {
    DossierKind.FULL: ("Case dossier", "Dossier du projet"),
    DossierKind.RECEPTION: ("Reception summary", "Synthèse de l'accueil"),
    DossierKind.SUPPORT: ("Support dossier", "Dossier d'accompagnement"),
    DossierKind.REFERRAL: ("Referral dossier", "Dossier de mise en relation"),
    DossierKind.FOLLOW_UP: ("Follow-up report", "Rapport de suivi"),
}
# What a page says in each language, how each writes the sample's figures and dates, and
# the plan's own words (a sensitivity case and a lender's warning, kept with its results).
PRINTED = {
    Language.EN: {
        "contents": "Contents",
        "footer": f"Case {REFERENCE}",
        "page": "Page 2 of",
        "generated": "Jun 2, 2026 09:30 UTC",
        "country": "Senegal",
        "npv": "2,152,999 XOF",
        "discount": "10.0%",
        "sensitivity": "Revenue down 10%",
        "warning": "+58.3% from year 1 to year 2",
    },
    Language.FR: {
        "contents": "Sommaire",
        "footer": f"Dossier {REFERENCE}",
        "page": "Page 2 sur",
        "generated": "2 juin 2026 09:30 UTC",
        "country": "Sénégal",
        "npv": "2 152 999 XOF",
        "discount": "10,0 %",
        "sensitivity": "Chiffre d'affaires en baisse de 10 %",
        "warning": "+58,3 % de l'année 1 à l'année 2",
    },
}


@cache
def _text(kind: DossierKind, language: Language) -> str:
    return pdf_text(render_dossier(sample_context(), Audience.UNIT, language, kind))


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("kind", list(DossierKind))
def test_each_dossier_prints_its_cover_and_its_sections_in_its_language(kind, language) -> None:
    text = _text(kind, language)
    english, french = COVER_TITLES[kind]
    assert (english if language == Language.EN else french) in text
    words = wording(language)
    for section in sections_of(kind):
        # Listed in the table of contents, then opening its section: twice, with its number.
        heading = f"{section.number}. {words.gettext(section.title)}"
        assert text.count(heading) >= 1, heading
        assert text.count(words.gettext(section.title)) >= 2, section.title
    printed = PRINTED[language]
    assert printed["contents"] in text
    assert printed["footer"] in text
    assert printed["page"] in text


@pytest.mark.parametrize("kind", list(DossierKind))
def test_a_dossier_holds_its_kinds_sections_and_no_other(kind) -> None:
    html = render_dossier_html(sample_context(), Audience.UNIT, Language.EN, kind)
    printed = set(re.findall(r'<h2 id="s-([a-z_]+)">', html))
    assert printed == {section.key for section in sections_of(kind)}
    assert printed <= set(TITLES)


@pytest.mark.parametrize("language", list(Language))
def test_figures_dates_and_countries_are_written_as_the_language_writes_them(language) -> None:
    text = _text(DossierKind.FULL, language)
    for what, printed in PRINTED[language].items():
        assert printed in text, what


def test_a_french_dossier_keeps_no_english_heading() -> None:
    # Free text keeps its own words (the sample's timeline is in English): headings do not.
    text = _text(DossierKind.FULL, Language.FR)
    for number, title in enumerate(TITLES.values(), start=1):
        assert f"{number}. {title}" not in text, title
    for english in ("Net present value", "Internal rate of return", "Financing plan", "Contents"):
        assert english not in text, english


def test_the_html_names_its_language() -> None:
    for language in Language:
        html = render_dossier_html(sample_context(), Audience.UNIT, language)
        assert f'<html lang="{language.value}">' in html
