"""Hand-made documents and time expressions for the events and merge tests."""

from __future__ import annotations

import pendulum

from timeline.types import Anchor, Document, Interval, Span, Timex

ZONE = "America/New_York"


def day(year: int, month: int, dd: int) -> Interval:
    start = pendulum.datetime(year, month, dd, tz=ZONE)
    return Interval(start=start, end=start.add(days=1))


def timex(text: str, phrase: str, value: str, interval: Interval, granularity: str = "day",
          occurrence: int = 0) -> Timex:
    """A DATE timex for the `occurrence`-th `phrase` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Timex(
        start=start, end=start + len(phrase), text=phrase, type="DATE", value=value,
        interval=interval, granularity=granularity,
        anchor=Anchor(kind="publication", value="2025-08-19"), rule="test",
    )


def document(text: str, *, id: str = "doc", title: str | None = None,
             excluded: tuple[str, ...] = (), published=(2025, 8, 19)) -> Document:
    spans = []
    for phrase in excluded:
        start = text.index(phrase)
        spans.append(Span(start=start, end=start + len(phrase), reason="boilerplate"))
    return Document(
        id=id, origin=f"{id}.txt", text=text, title=title,
        published=pendulum.datetime(*published, tz=ZONE), published_granularity="day",
        timezone=ZONE, excluded=tuple(spans),
    )
