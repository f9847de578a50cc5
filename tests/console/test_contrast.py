"""The console's colours meet WCAG 2.2 AA: 4.5:1 for text, 3:1 for borders and focus marks."""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "api" / "console" / "static" / "console.css"

# (text or mark, background, least ratio): each pair the stylesheet puts together.
PAIRS = [
    ("ink", "paper", 4.5),
    ("ink", "band", 4.5),
    ("muted", "paper", 4.5),
    ("muted", "band", 4.5),  # a disabled move's button, figures' names in the results
    ("accent", "paper", 4.5),  # links, secondary buttons
    ("accent", "band", 4.5),
    ("paper", "accent", 4.5),  # the top bar, buttons
    ("danger", "paper", 4.5),  # problems beside fields
    ("danger", "band", 4.5),
    ("ok", "band", 4.5),
    ("line", "paper", 3.0),  # field borders (1.4.11)
    ("ink", "focus", 3.0),  # the focus ring's dark edge against its light halo
]


def _colours() -> dict[str, str]:
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", CSS.read_text()))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(("fore", "back", "least"), PAIRS)
def test_each_pair_of_colours_the_pages_use_is_readable(fore, back, least):
    colours = _colours()
    assert contrast(colours[fore], colours[back]) >= least


def test_the_ratio_is_wcags():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic just-failing grey
