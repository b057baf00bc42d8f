"""Hand-made mentions for the merge tests."""

from __future__ import annotations

import pendulum

from timeline.types import EventTime, Mention, TimeEvidence

ZONE = "UTC"


def when(value: str, *, days: int = 1, part: tuple[int, int] | None = None) -> EventTime:
    year, month, dd = (int(x) for x in value[:10].split("-"))
    start = pendulum.datetime(year, month, dd, tz=ZONE)
    if part:
        return EventTime(value=value, start=start.add(hours=part[0]),
                         end=start.add(hours=part[1]), granularity="part_of_day")
    return EventTime(value=value, start=start, end=start.add(days=days),
                     granularity="day" if days == 1 else "month")


def mention(source: str, start: int, time: EventTime | None, *, keywords=(), actors=(),
            attribution=None, predicate="say", inferred=False, modality="actual",
            occasion=None) -> Mention:
    actors = tuple(actors)
    return Mention(
        id=f"{source}:{start}-{start + 10}:0", source=source, sentence=f"sentence at {start}",
        start=start, end=start + 10, headline=f"{source} {start}", actors=actors,
        attribution=attribution, predicate=predicate, modality=modality, time=time,
        timex=TimeEvidence(text="x", value=time.value) if time else None,
        inferred=inferred, keywords=tuple(sorted(keywords)),
        actor_keys=tuple(sorted(a.split()[-1].lower() for a in actors)), occasion=occasion,
    )
