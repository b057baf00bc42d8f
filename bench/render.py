"""Render: how long writing the site takes, and how big it gets, as the timeline grows.

Synthetic timelines (no ../shared needed): N events over a year, each told by 3 of N/4
sources, plus N/2 undated statements.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench._shared import peak_rss_mb
from timeline.render import write_site
from timeline.render.export import ExportFormat, export
from timeline.types import (
    Anchor,
    Event,
    EventTime,
    Generator,
    Mention,
    Source,
    TimeEvidence,
    Timeline,
)

SIZES = (500, 5000)
START = datetime.fromisoformat("2025-01-01T00:00:00-05:00")


def synthetic(events: int) -> Timeline:
    source_count = max(3, events // 4)
    sources = tuple(
        Source(id=f"doc{i:05d}", title=f"Article {i}", outlet=f"Outlet {i % 40}",
               url=f"https://example.org/{i}", published=START + timedelta(days=i % 365),
               published_granularity="day", timezone="America/New_York")
        for i in range(source_count)
    )

    def mention(event: int, k: int, day: datetime) -> Mention:
        sentence = f"Officials said on Friday that item {event} happened, according to report {k}."
        at = sentence.index("on Friday")
        return Mention(
            id=f"m{event}-{k}", source=sources[(event + k * 7) % source_count].id, sentence=sentence,
            start=1000, end=1000 + len(sentence), headline=f"Item {event} happened",
            time=EventTime(value=day.date().isoformat()),
            timex=TimeEvidence(text="on Friday", value=day.date().isoformat(), start=1000 + at, end=1009 + at,
                               anchor=Anchor(kind="publication", value=day.date().isoformat())),
        )

    made = []
    for e in range(events):
        day = START + timedelta(days=(e * 3) % 365)
        mentions = tuple(mention(e, k, day) for k in range(3))
        made.append(Event(
            id=f"e{e:06d}", headline=f"Item {e} happened", actors=(f"Actor {e % 25}",),
            time=EventTime(value=day.date().isoformat(), start=day, end=day + timedelta(days=1), granularity="day"),
            sources=tuple(sorted({m.source for m in mentions})), mentions=mentions,
        ))
    undated = tuple(
        Mention(id=f"u{i}", source=sources[i % source_count].id, sentence=f"Background {i}.", start=0, end=12,
                headline=f"Background {i}")
        for i in range(events // 2)
    )
    return Timeline(generator=Generator(version="bench"), sources=sources, events=tuple(made), undated=undated)


def run() -> None:
    for size in SIZES:
        timeline = synthetic(size)
        with tempfile.TemporaryDirectory() as tmp:
            began = time.perf_counter()
            write_site(timeline, Path(tmp) / "site")
            elapsed = time.perf_counter() - began
            index = (Path(tmp) / "site" / "index.html").stat().st_size
            data = (Path(tmp) / "site" / "timeline.json").stat().st_size
        began = time.perf_counter()
        for fmt in ExportFormat:
            export(timeline, fmt)
        exports = time.perf_counter() - began
        print(
            f"{size:>6} events: write_site {elapsed:.2f} s ({size / elapsed:,.0f} events/s), "
            f"index.html {index / 1e6:.1f} MB, timeline.json {data / 1e6:.1f} MB; "
            f"all three exports {exports:.2f} s; peak RSS {peak_rss_mb():.0f} MB"
        )


if __name__ == "__main__":
    run()
