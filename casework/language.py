"""The unit's printed languages: one gettext catalogue per language, kept as Babel .po files.

English is the source language: its words are the catalogues' message ids, so it needs
no catalogue. Every other language's words live in ``casework/locales/<lang>/LC_MESSAGES/
casework.po`` (extracted with ``make messages``, translated, reviewed like code) and are
read here, compiled in memory, once per process.
"""

from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from casework.vocabulary import Language

DOMAIN = "casework"
SOURCE_LANGUAGE = Language.EN
LOCALES_ROOT = Path(__file__).resolve().parent / "locales"


def catalogue_path(language: Language) -> Path:
    """Where `language`'s .po catalogue lives."""
    return LOCALES_ROOT / language.value / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: Language) -> Translations:
    """`language`'s translations; the source language's words pass through as they are."""
    if language == SOURCE_LANGUAGE:
        return Translations(domain=DOMAIN)
    with catalogue_path(language).open("rb") as po:
        catalogue = read_po(po, locale=language.value, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalogue)  # fuzzy entries, not yet reviewed, are left out
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extractors look for
    """Mark `message` for the catalogues without translating it here: it is printed later."""
    return message
