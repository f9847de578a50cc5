"""A report's figures as CSV: one line per figure, its dotted path and its value.

The nested JSON of a report (`time_in_stage` → `reception` → `median_days`) becomes
lines `time_in_stage.reception.median_days,4.0`, in the JSON's order; a list's items
are numbered from 0. Nothing is lost: the lines rebuild the JSON. A spreadsheet pivots
them as it likes.
"""

import csv
import io
from collections.abc import Iterator
from typing import Any


def figure_lines(figures: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf of `figures` with its dotted path (an empty dict or list is one line)."""
    if isinstance(figures, dict) and figures:
        items: Any = figures.items()
    elif isinstance(figures, list) and figures:
        items = enumerate(figures)
    else:
        yield path, figures
        return
    for key, value in items:
        yield from figure_lines(value, f"{path}.{key}" if path else str(key))


def figures_csv(figures: dict[str, Any]) -> str:
    """The CSV text: a header `figure,value`, then one line per figure (empty: none)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("figure", "value"))
    for path, value in figure_lines(figures):
        writer.writerow((path, "" if value is None else _text(value)))
    return out.getvalue()


def _text(value: Any) -> str:
    if value == {}:
        return "{}"
    if value == []:
        return "[]"
    return str(value)
