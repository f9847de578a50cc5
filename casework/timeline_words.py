"""An event's sentence in words: the texts people wrote put back in their places."""

import re
from collections.abc import Mapping

_PLACE = re.compile(r"\{([a-z_]+)\}")


def in_words(summary: str, texts: Mapping[str, str]) -> str:
    """`summary` with each `{name}` of `texts` in its place (any other brace left as it is)."""
    if not texts:
        return summary
    return _PLACE.sub(lambda m: texts.get(m.group(1), m.group(0)), summary)
