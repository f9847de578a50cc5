"""How printed documents word things in one language: gettext words, Babel numbers and dates.

A `Wording` is what the templates' filters are bound to: the dossiers and the managers'
report print every figure, date, country and stored value through one, so a French copy
reads "12 500 000 XOF", "13,2 %", "14 mars 2026" and "Guinée" from the same template
an English copy reads "12,500,000 XOF", "13.2%", "Mar 14, 2026" and "Guinea" from.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.support import Translations

from casework import number_style as style
from casework.dossier.labels import english_group_name, english_label
from casework.investment_plan.phrases import Phrase, Writer, written
from casework.language import translations
from casework.vocabulary import Language

DASH = "—"


@dataclass(frozen=True)
class Wording:
    """The unit's words and number style in `language`."""

    language: Language

    @property
    def _translations(self) -> Translations:
        return translations(self.language)

    @property
    def locale(self) -> str:
        """The Babel locale the figures are written in."""
        return self.language.value

    def gettext(self, message: str, **values: Any) -> str:
        """`message` in this language, its %(name)s placeholders filled with `values`."""
        text: str = self._translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: Any) -> str:
        """The singular or plural form this language uses for `count`, placeholders filled."""
        text: str = self._translations.ngettext(singular, plural, count)
        return text % values

    # Figures: one style per kind (casework.number_style), written as this language writes them.
    def amount(self, value: float) -> str:
        return style.format_amount(value, self.locale)

    def money(self, value: float, currency: str) -> str:
        return style.format_money(value, currency, self.locale)

    def price(self, value: float) -> str:
        return style.format_price(value, self.locale)

    def volume(self, value: float) -> str:
        return style.format_volume(value, self.locale)

    def percent(self, value: float) -> str:
        return style.format_percent(value, self.locale)

    def ratio(self, value: float) -> str:
        return style.format_ratio(value, self.locale)

    def rate(self, value: float) -> str:
        return style.format_rate(value, self.locale)

    def score(self, value: float) -> str:
        return style.format_score(value, self.locale)

    def count(self, value: int | None) -> str:
        return DASH if value is None else style.format_count(value, self.locale)

    def tenths(self, value: float | None) -> str:
        return DASH if value is None else style.format_tenths(value, self.locale)

    def eur(self, value: float | None) -> str:
        return DASH if value is None else self.money(value, "EUR")

    def share(self, value: float | None) -> str:
        return DASH if value is None else self.percent(value)

    def years(self, value: float) -> str:
        """A duration found by calculation, to one decimal: 4.1 years."""
        shown = style.format_decimal_years(value, self.locale)
        # Singular for a figure printed as one (1.0 year), plural for any other.
        count = 1 if round(value, 1) == 1.0 else 2
        return self.ngettext("%(years)s year", "%(years)s years", count, years=shown)

    def year_count(self, value: int) -> str:
        """A whole number of years given as a term: 1 year, 5 years."""
        return self.ngettext("%(years)s year", "%(years)s years", value, years=value)

    def measure(self, value: float, kind: str, currency: str = "") -> str:
        """A result in the style of its kind: money, percent, years or ratio."""
        if kind == "money":
            return self.money(value, currency)
        shown: Callable[[float], str] = {
            "percent": self.percent,
            "years": self.years,
            "ratio": self.ratio,
        }[kind]
        return shown(value)

    def figure(self, value: float | None, kind: str) -> str:
        """A figure of the cash-flow plan in its line's style; a dash when it has none."""
        if value is None:
            return DASH
        if kind == "volume":
            return self.volume(value)
        return self.ratio(value) if kind == "ratio" else self.amount(value)

    # Words
    def country(self, code: str) -> str:
        """A country by its name in this language, from its ISO 3166-1 alpha-2 code."""
        return _territories(self.locale).get(code.upper(), code)

    def label(self, value: str) -> str:
        """A stored value in the unit's words: meso_credit -> Meso credit."""
        return self.gettext(english_label(value))

    def name(self, value: str) -> str:
        """A group or stored value as a report's heading names it: woman -> Women."""
        return self.gettext(english_group_name(value))

    def phrase(self, value: Phrase | str) -> str:
        """A sentence of the plan's in this language; one kept as text prints as it is."""
        if isinstance(value, str):
            return value
        return written(value, _PhraseWriter(self))

    def sentence(self, value: str) -> str:
        """A note as a sentence: its first letter capitalised, nothing else touched."""
        return value[:1].upper() + value[1:]

    def yes_no(self, value: bool | None) -> str:
        """Yes, No, or Not stated when the person did not say."""
        if value is None:
            return self.gettext("Not stated")
        return self.gettext("Yes") if value else self.gettext("No")

    def dots(self, value: int) -> str:
        """A 0-5 score as filled and empty dots."""
        filled = max(0, min(5, value))
        return "●" * filled + "○" * (5 - filled)

    # Dates
    def day(self, value: date) -> str:
        """A date as this language writes it: Mar 14, 2026; 14 mars 2026."""
        day = value.date() if isinstance(value, datetime) else value
        return format_date(day, "medium", locale=self.locale)

    def stamp(self, value: datetime) -> str:
        """A moment to the minute, with its time zone: Mar 14, 2026 09:30 UTC; … 10:30 CET."""
        shown = f"{self.day(value)} {format_time(value, 'HH:mm', locale=self.locale)}"
        return f"{shown} {value.tzname() or ''}".rstrip()

    def filters(self) -> dict[str, Callable[..., str]]:
        """The templates' filters, each bound to this language."""
        return {
            "amount": self.amount,
            "money": self.money,
            "price": self.price,
            "volume": self.volume,
            "percent": self.percent,
            "ratio": self.ratio,
            "rate": self.rate,
            "score": self.score,
            "count": self.count,
            "tenths": self.tenths,
            "eur": self.eur,
            "share": self.share,
            "years": self.years,
            "year_count": self.year_count,
            "shown": self.measure,
            "figure": self.figure,
            "country": self.country,
            "label": self.label,
            "name": self.name,
            "translated": self.gettext,
            "phrase": self.phrase,
            "sentence": self.sentence,
            "yes_no": self.yes_no,
            "dots": self.dots,
            "day": self.day,
            "stamp": self.stamp,
        }


class _PhraseWriter(Writer):
    """Writes a plan's phrase with a `Wording`: its catalogue, its figures, its lists."""

    def __init__(self, words: Wording) -> None:
        self._words = words

    def gettext(self, message: str) -> str:
        return self._words.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        text: str = translations(self._words.language).ngettext(singular, plural, count)
        return text

    def money(self, value: float, currency: str) -> str:
        return self._words.money(value, currency)

    def amount(self, value: float) -> str:
        return self._words.amount(value)

    def percent(self, value: float) -> str:
        return self._words.percent(value)

    def ratio(self, value: float) -> str:
        return self._words.ratio(value)

    def listing(self, items: Sequence[str]) -> str:
        return format_list(list(items), locale=self._words.locale)

    def label(self, value: str) -> str:
        return self._words.label(value).lower()


@cache
def wording(language: Language) -> Wording:
    """The one `Wording` of `language`."""
    return Wording(language)


@cache
def _territories(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).territories)
