"""Sentences with figures in them, kept as words and figures apart so any language can print them.

A `Phrase` is an English message with %(name)s placeholders (marked for the catalogues
where it is written) and the figures that fill them, each with its kind. `in_english`
writes it in the unit's number style; a dossier writes it in its own language (the
message from the catalogue, the figures as that language writes them).
"""

from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import BaseModel

from casework.number_style import format_amount, format_money, format_percent, format_ratio

FigureKind = Literal[
    "money",
    "money_list",
    "amount",
    "percent",
    "ratio",
    "number",
    "years",
    "growth_steps",
    "text",
    "label",
]


class Figure(BaseModel):
    """One value of a phrase: what it is, and what it is worth."""

    kind: FigureKind
    value: float | str | list[float]
    currency: str | None = None


class Phrase(BaseModel):
    """An English message and the figures its placeholders name."""

    text: str
    values: dict[str, Figure] = {}


class Writer:
    """How figures are written into a phrase: the English style by default."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return singular if count == 1 else plural

    def money(self, value: float, currency: str) -> str:
        return format_money(value, currency)

    def amount(self, value: float) -> str:
        return format_amount(value)

    def percent(self, value: float) -> str:
        return format_percent(value)

    def ratio(self, value: float) -> str:
        return format_ratio(value)

    def listing(self, items: Sequence[str]) -> str:
        """Items as a list in words: 1, 2 and 3."""
        if len(items) < 2:
            return "".join(items)
        return ", ".join(items[:-1]) + f" and {items[-1]}"

    def label(self, value: str) -> str:
        return value.replace("_", " ")


def figure(
    kind: FigureKind, value: float | str | list[float], currency: str | None = None
) -> Figure:
    """A figure of a phrase."""
    return Figure(kind=kind, value=value, currency=currency)


def written(phrase: Phrase, writer: Writer) -> str:
    """`phrase` in `writer`'s language and style."""
    values = {name: _written(part, writer) for name, part in phrase.values.items()}
    return writer.gettext(phrase.text) % values if values else writer.gettext(phrase.text)


def in_english(phrase: Phrase) -> str:
    """`phrase` in the unit's English number style, as the plan's results keep it."""
    return written(phrase, ENGLISH)


def _written(part: Figure, writer: Writer) -> str:
    value = part.value
    if part.kind == "money":
        return writer.money(float(value), part.currency or "")  # type: ignore[arg-type]
    if part.kind == "money_list":
        assert isinstance(value, list)
        return ", ".join(writer.money(v, part.currency or "") for v in value)
    if part.kind == "years":
        assert isinstance(value, list)
        years = [str(int(t)) for t in value]
        # "year 3", "years 1, 2 and 3": the word agrees with how many there are.
        word = writer.ngettext("year %(years)s", "years %(years)s", len(years))
        return word % {"years": writer.listing(years)}
    if part.kind == "growth_steps":
        # [year, growth, year, growth, ...]: "+45.0% from year 1 to year 2, ..."
        assert isinstance(value, list)
        step = writer.gettext("+%(growth)s from year %(start)s to year %(end)s")
        return ", ".join(
            step % {"growth": writer.percent(g), "start": int(t), "end": int(t) + 1}
            for t, g in zip(value[::2], value[1::2], strict=True)
        )
    kinds: dict[str, Callable[[float], str]] = {
        "amount": writer.amount,
        "percent": writer.percent,
        "ratio": writer.ratio,
    }
    if part.kind in kinds:
        return kinds[part.kind](float(value))  # type: ignore[arg-type]
    if part.kind == "number":
        return str(int(float(value)))  # type: ignore[arg-type]
    if part.kind == "label":
        return writer.label(str(value))
    return str(value)


ENGLISH = Writer()
