"""Stage 2, temporal: text + reference time -> TIMEX3 `Timex`es, each normalised and explained.

Contract used by the pipeline and by `timeline tag`:

    tag(text, reference, *, timezone=None, language="en") -> list[Timex]

`reference` is the document creation time (a date, an aware datetime, or an ISO string).
Timexes are sorted by `start`, do not overlap, and their offsets index `text`.
"""

from __future__ import annotations

from datetime import date, datetime

from timeline.types import Timex


def tag(text: str, reference: date | datetime | str | None = None, *, timezone: str | None = None, language: str = "en") -> list[Timex]:
    raise NotImplementedError
