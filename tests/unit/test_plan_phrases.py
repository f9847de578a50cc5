"""A plan's sentence with figures prints whole in each language: words from the catalogue,
figures in the language's style, lists and plurals as the language makes them."""

import pytest

from casework.dossier.wording import wording
from casework.investment_plan.phrases import Phrase, figure, in_english
from casework.vocabulary import Language

NEGATIVE = Phrase(
    text="The owners' cash flow is negative in %(years)s (%(amounts)s): they would have to "
    "put in more money then, on top of their initial contribution.",
    values={
        "years": figure("years", [2.0, 3.0, 5.0]),
        "amounts": figure("money_list", [-1_250_000.4, -80_000.0, -3_000.0], "XOF"),
    },
)


def test_in_english_a_phrase_reads_as_the_plans_results_keep_it() -> None:
    assert in_english(NEGATIVE) == (
        "The owners' cash flow is negative in years 2, 3 and 5 (-1,250,000 XOF, -80,000 XOF, "
        "-3,000 XOF): they would have to put in more money then, on top of their initial "
        "contribution."
    )


def test_in_french_the_words_the_list_and_the_figures_are_french() -> None:
    printed = wording(Language.FR).phrase(NEGATIVE)
    assert printed.startswith(
        "Le flux de trésorerie des propriétaires est négatif pour les années 2, 3 et 5 "
        "(-1\u202f250\u202f000 XOF, -80\u202f000 XOF, -3\u202f000 XOF)"
    )


@pytest.mark.parametrize(
    ("language", "printed"),
    [(Language.EN, "year 4"), (Language.FR, "l'année 4")],
)
def test_one_year_is_singular(language, printed) -> None:
    one = Phrase(
        text="The owners' cash flow is negative in %(years)s (%(amounts)s): they would have "
        "to put in more money then, on top of their initial contribution.",
        values={"years": figure("years", [4.0]), "amounts": figure("money_list", [-1.0], "EUR")},
    )
    assert printed in wording(language).phrase(one)


def test_a_sentence_kept_as_text_prints_as_it_is() -> None:
    assert wording(Language.FR).phrase("Older results keep English.") == (
        "Older results keep English."
    )
