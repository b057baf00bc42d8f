"""Stage 2, temporal: text + reference time -> TIMEX3 `Timex`es, each normalised and explained.

Contract used by the pipeline and by `timeline tag`:

    tag(text, reference, *, timezone=None, language="en") -> list[Timex]

`reference` is the document creation time (a date, an aware datetime, an ISO string, or None).
Timexes are sorted by `start`, do not overlap, and their offsets index `text`. Each carries its
TIMEX3 type and value, the interval it denotes (aware, in `timezone`, when it is anchored), the
anchor it was resolved against and the rule that found it.

How it works (chrono-style parsers and refiners; HeidelTime-style resources as data):
`grammar` compiles the language's rules and lexicon (`resources/<lang>/`), `readings` turns
matches into what the words state, `engine` merges and extends them, `resolve` places them
in time against the publication or narrative anchor in the direction of the tense (`tense`).
"""

from __future__ import annotations

from datetime import date, datetime

from timeline.temporal.engine import tag as _tag
from timeline.types import Timex

__all__ = ["tag"]


def tag(
    text: str,
    reference: date | datetime | str | None = None,
    *,
    timezone: str | None = None,
    language: str = "en",
) -> list[Timex]:
    """Find and resolve every time expression in `text` against `reference`."""
    return _tag(text, reference, timezone, language)
