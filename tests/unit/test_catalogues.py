"""The catalogues hold every printed word, each translated: no English reaches print by accident.

A word added to a template or marked in the code without `make messages` and a
translation fails here, naming it.
"""

from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from casework.language import LOCALES_ROOT, SOURCE_LANGUAGE, catalogue_path
from casework.vocabulary import Language

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [language for language in Language if language != SOURCE_LANGUAGE]


@cache
def _extracted() -> frozenset[str]:
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config, "babel.cfg")
    found = extract_from_dir(
        str(ROOT), method_map, options_map, keywords={**DEFAULT_KEYWORDS, "N_": None}
    )
    return frozenset(
        message if isinstance(message, str) else message[0] for _, _, message, _, _ in found
    )


def test_the_catalogue_template_is_up_to_date_with_the_sources() -> None:
    with (LOCALES_ROOT / "casework.pot").open("rb") as pot:
        template = {message.id for message in read_po(pot) if message.id}
    ids = {m if isinstance(m, str) else m[0] for m in template}
    assert _extracted() - ids == set(), "new words: run `make messages` and translate them"
    assert ids - _extracted() == set(), "words no longer printed: run `make messages`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_printed_word_is_translated_and_reviewed(language) -> None:
    with catalogue_path(language).open("rb") as po:
        catalogue = read_po(po, locale=language.value)
    untranslated = sorted(
        str(message.id)
        for message in catalogue
        if message.id
        and (
            message.fuzzy
            or not (message.string if isinstance(message.string, str) else all(message.string))
        )
    )
    assert untranslated == [], f"{language}: {len(untranslated)} words wait for a translation"
    missing = _extracted() - {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue}
    assert missing == set(), f"{language}: run `make messages`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_translation_keeps_the_placeholders_of_its_source(language) -> None:
    with catalogue_path(language).open("rb") as po:
        catalogue = read_po(po, locale=language.value)
    # A dropped or renamed %(name)s would raise, or print a wrong figure, at print time.
    errors = [
        f"{message.id!r}: {error}"
        for message in catalogue
        if message.id
        for error in message.check(catalogue)
    ]
    assert errors == []
