"""The page's view model: everything `index.html` shows, computed here rather than in a browser.

Display strings at their real granularity, the "how the date was resolved" sentences, the
highlighted time expressions and the lanes are all decided in Python, so the list view reads
the same without JavaScript and the script only draws, filters and switches zones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from timeline.render.when import (
    TIMED,
    describe_published,
    describe_time,
    describe_value,
    in_zone,
    is_timed,
)
from timeline.types import (
    Conflict,
    Event,
    EventTime,
    Mention,
    Problem,
    Republication,
    Source,
    Timeline,
)

SEVERAL_OUTLETS = "Several outlets"
NO_ACTOR = "No actor named"
OTHER_TOPICS = "Other topics"
# Topic lanes beyond this many would be too thin to read; the rest share OTHER_TOPICS.
TOPIC_LANES = 8
WALL_CLOCK = "YYYY-MM-DD HH:mm:ss"

# Event styles, in legend order: how much the reader should lean on the date.
STATUS_LABELS = {
    "reported": "Dated in the article's own words",
    "inferred": "Date inferred, not stated in the sentence",
    "future": "Planned or expected",
    "hypothetical": "Hypothetical",
}

ORIGIN_WORDS = {
    "front_matter": "the file's front matter",
    "manifest": "the sources manifest",
    "meta_tag": "an HTML meta tag",
    "json_ld": "the page's JSON-LD metadata",
    "htmldate": "an estimate from the page (htmldate)",
    "jsonl": "the JSON Lines record",
    "text": "the article text",
    "inferred": "an inference",
    "command_line": "the command line",
    "default": "a default, not the document",
}
# Publication dates from these origins are guesses about the document, so the page says so
# wherever a date was resolved against one.
WEAK_ORIGINS = frozenset({"inferred", "command_line", "default", "htmldate"})

GRANULARITY_RANK = {
    name: rank
    for rank, name in enumerate(
        ["century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
         "part_of_day", "hour", "minute", "second"]
    )
}


@dataclass(frozen=True)
class SourceView:
    id: str
    index: int
    label: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    origin: str | None = None
    published: str | None = None
    updated: str | None = None
    timezone: str | None = None
    provenance: tuple[tuple[str, str], ...] = ()
    weak_publication: bool = False
    events: int = 0
    undated: int = 0
    republications: tuple[RepublicationView, ...] = ()

    @property
    def reference(self) -> str:
        """How a sentence names the source: its outlet, else the article by its title."""
        if self.outlet:
            return self.outlet
        return f"the article “{self.title}”" if self.title else f"document {self.id}"

    @property
    def report(self) -> str:
        return f"{self.outlet}'s report" if self.outlet else self.reference


@dataclass(frozen=True)
class RepublicationView:
    """The same story published elsewhere, read once as its source."""

    label: str
    url: str | None
    published: str | None
    similarity: str


@dataclass(frozen=True)
class Sentence:
    """A sentence split around its time expression, so the template can mark it."""

    before: str
    expression: str = ""
    after: str = ""


@dataclass(frozen=True)
class MentionView:
    id: str
    source: SourceView
    sentence: Sentence
    resolution: str | None
    inferred: bool
    modality: str
    attribution: str | None
    time: str | None
    actors: tuple[str, ...] = ()

    @property
    def sentence_text(self) -> str:
        return self.sentence.before + self.sentence.expression + self.sentence.after


@dataclass(frozen=True)
class ConflictView:
    note: str
    values: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EventView:
    id: str
    headline: str
    display: str
    machine_time: str | None  # the <time datetime=...> value
    instant: str | None  # ISO 8601 with offset, only for clock times (what a zone switch moves)
    granularity: str | None
    status: str
    sources: tuple[SourceView, ...]
    actors: tuple[str, ...]
    conflicts: tuple[ConflictView, ...]
    mentions: tuple[MentionView, ...]
    x: str | None
    span: tuple[str, str] | None
    lanes: dict[str, str]
    zone: str | None  # the documents' zone, which clock times are shown in

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Page:
    title: str
    summary: str
    events: tuple[EventView, ...]
    unplaced: tuple[EventView, ...]
    undated: tuple[MentionView, ...]
    sources: tuple[SourceView, ...]
    actors: tuple[str, ...]
    problems: tuple[Problem, ...]
    lanes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def statuses(self) -> tuple[tuple[str, str], ...]:
        """The marker styles in use, in legend order."""
        used = {e.status for e in self.events}
        return tuple((key, label) for key, label in STATUS_LABELS.items() if key in used)

    def data(self) -> dict:
        """What the script needs for the chart and the filters; the rest is in the HTML."""
        actor_index = {name: i for i, name in enumerate(self.actors)}
        return {
            "events": [_event_data(e, actor_index) for e in self.events],
            "lanes": {mode: list(labels) for mode, labels in self.lanes.items()},
            "statuses": [{"key": k, "label": v} for k, v in STATUS_LABELS.items()],
        }


def build_page(timeline: Timeline) -> Page:
    sources = _source_views(timeline)
    by_id = {s.id: s for s in sources}
    ordered = _chronological(timeline.events)
    topics = topic_lanes([e for e in ordered if e.time.start is not None])
    views = [_event_view(event, by_id, topics.get(event.id, OTHER_TOPICS)) for event in ordered]
    placed = tuple(v for v in views if v.x is not None)
    unplaced = tuple(v for v in views if v.x is None)
    undated = tuple(
        _mention_view(m, _source_for(m.source, by_id))
        for m in sorted(timeline.undated, key=lambda m: (m.source, m.start, m.id))
    )
    actors = sorted({a for e in timeline.events for a in e.actors} | {a for m in timeline.undated for a in m.actors})
    lanes = {
        "sources": _lane_order(placed, "sources", SEVERAL_OUTLETS),
        "actors": _lane_order(placed, "actors", NO_ACTOR),
    }
    if any(lane != OTHER_TOPICS for lane in topics.values()):
        lanes["topics"] = _lane_order(placed, "topics", OTHER_TOPICS)
    return Page(
        title="Timeline",
        summary=_summary(placed, sources),
        events=placed,
        unplaced=unplaced,
        undated=undated,
        sources=sources,
        actors=tuple(actors),
        problems=tuple(timeline.problems),
        lanes=lanes,
    )


def topic_lanes(events: Sequence[Event]) -> dict[str, str]:
    """Each event's topic: a key word it shares with other events, chosen greedily.

    The word shared by the most events not yet placed names the next lane, until
    TOPIC_LANES lanes exist; a word found in more than half of all events tells them apart
    from nothing and is passed over. Events left over share OTHER_TOPICS.
    """
    words = {e.id: frozenset(k for m in e.mentions for k in m.keywords) for e in events}
    everywhere = Counter(k for found in words.values() for k in found)
    common = max(2, len(events) // 2)
    lanes: dict[str, str] = {}
    waiting = sorted(words)
    while waiting and len(set(lanes.values())) < TOPIC_LANES:
        counts = Counter(k for event_id in waiting for k in words[event_id] if everywhere[k] <= common)
        shared = [(count, word) for word, count in counts.items() if count >= 2]
        if not shared:
            break
        _, word = min(shared, key=lambda pair: (-pair[0], pair[1]))
        lanes.update({event_id: word for event_id in waiting if word in words[event_id]})
        waiting = [event_id for event_id in waiting if event_id not in lanes]
    return lanes


def safe_url(url: str | None) -> str | None:
    """Only web links become links: a javascript: or data: URL from an article stays text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def source_label(source: Source) -> str:
    """The outlet; else the article's title in quotes, so that in "2 sources: The Hill, ..."
    it does not pass for the name of an outlet; else its id."""
    if source.outlet:
        return source.outlet
    return f"“{source.title}”" if source.title else source.id


# --- sources -------------------------------------------------------------------------------

def _source_views(timeline: Timeline) -> tuple[SourceView, ...]:
    event_counts = Counter(s for e in timeline.events for s in set(e.sources))
    undated_counts = Counter(m.source for m in timeline.undated)
    return tuple(
        _source_view(source, index, event_counts[source.id], undated_counts[source.id])
        for index, source in enumerate(sorted(timeline.sources, key=lambda s: ((s.outlet or s.title or s.id).casefold(), s.id)))
    )


def _source_view(source: Source, index: int, events: int, undated: int) -> SourceView:
    zone = source.timezone
    return SourceView(
        id=source.id,
        index=index,
        label=source_label(source),
        title=source.title,
        outlet=source.outlet,
        url=safe_url(source.url),
        origin=source.origin,
        published=describe_published(source.published, source.published_granularity, zone)
        if source.published
        else None,
        updated=describe_published(source.updated, "minute", zone) if source.updated else None,
        timezone=zone,
        provenance=tuple((name, ORIGIN_WORDS.get(origin, origin)) for name, origin in sorted(source.provenance.items())),
        weak_publication=source.provenance.get("published") in WEAK_ORIGINS,
        events=events,
        undated=undated,
        republications=tuple(_republication_view(r, zone) for r in source.also_published_by),
    )


def _republication_view(republication: Republication, zone: str | None) -> RepublicationView:
    return RepublicationView(
        label=republication.outlet or republication.url or republication.origin,
        url=safe_url(republication.url),
        published=describe_published(republication.published, "minute", zone) if republication.published else None,
        similarity="an exact copy" if republication.similarity >= 1 else f"{republication.similarity:.0%} alike",
    )


def _source_for(source_id: str, by_id: dict[str, SourceView]) -> SourceView:
    """A mention whose document is not in the source list still shows, under its id."""
    return by_id.get(source_id) or SourceView(id=source_id, index=-1, label=source_id)


# --- events --------------------------------------------------------------------------------

def _chronological(events: Iterable[Event]) -> list[Event]:
    def key(event: Event) -> tuple:
        start = event.time.start
        return (
            start is None,
            start.astimezone(UTC) if start else datetime.min.replace(tzinfo=UTC),
            GRANULARITY_RANK.get(event.time.granularity or "", -1),
            event.id,
        )

    return sorted(events, key=key)


def _event_view(event: Event, by_id: dict[str, SourceView], topic: str) -> EventView:
    sources = tuple(sorted((_source_for(s, by_id) for s in set(event.sources)), key=lambda s: (s.index, s.id)))
    zone = _event_zone(event, by_id)
    x, span = _position(event.time, zone)
    mentions = tuple(
        _mention_view(m, _source_for(m.source, by_id))
        for m in sorted(event.mentions, key=lambda m: (m.source, m.start, m.id))
    )
    return EventView(
        id=event.id,
        headline=event.headline,
        display=describe_time(event.time, zone),
        machine_time=_machine_time(event.time, zone),
        instant=event.time.start.isoformat() if is_timed(event.time) and event.time.start else None,
        granularity=event.time.granularity,
        status=_status(event),
        sources=sources,
        actors=tuple(event.actors),
        conflicts=tuple(_conflict_view(c, by_id, zone) for c in event.conflicts),
        mentions=mentions,
        x=x,
        span=span,
        lanes={
            "sources": _outlet_lane(sources),
            "actors": main_actor(event),
            "topics": topic,
        },
        zone=zone,
    )


def _event_zone(event: Event, by_id: dict[str, SourceView]) -> str | None:
    """The zone of the documents that date the event: clock times are shown in it."""
    zones = sorted({by_id[s].timezone for s in event.sources if s in by_id and by_id[s].timezone})
    return zones[0] if zones else None


def main_actor(event: Event) -> str:
    """The actor the headline names first (by full name or last word), else the first listed.

    A headline leads with who acted, while the actor list may lead with a place."""
    if not event.actors:
        return NO_ACTOR

    def position(actor: str) -> int:
        for name in (actor, actor.split()[-1]):
            found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", event.headline)
            if found:
                return found.start()
        return len(event.headline)

    return min(event.actors, key=position)


def _status(event: Event) -> str:
    if event.modality != "actual":
        return event.modality
    if event.mentions and all(m.inferred for m in event.mentions):
        return "inferred"
    return "reported"


def _outlet_name(source: SourceView) -> str:
    """The outlet a source's lane is named after: its outlet, else the site it was taken from
    (articles from one site share a lane), else its own label."""
    if source.outlet:
        return source.outlet
    host = urlsplit(source.url).hostname if source.url else None  # already checked by safe_url
    return host.removeprefix("www.") if host else source.label


def _outlet_lane(sources: Sequence[SourceView]) -> str:
    names = {_outlet_name(s) for s in sources}
    return names.pop() if len(names) == 1 else SEVERAL_OUTLETS


def _position(time: EventTime, zone: str | None) -> tuple[str | None, tuple[str, str] | None]:
    """Where the marker goes (wall clock in the document's zone) and the span it covers.

    A clock time sits at its instant; anything coarser sits in the middle of its interval,
    and an interval longer than a day is drawn as a span so a month does not look like a day.
    """
    if time.start is None:
        return None, None
    start = in_zone(time.start, zone)
    end = in_zone(time.end, zone) if time.end and time.end > time.start else None
    if is_timed(time) or end is None:
        return start.format(WALL_CLOCK), None
    middle = start + (end - start) / 2
    span = (start.format(WALL_CLOCK), end.format(WALL_CLOCK)) if (end - start).days >= 2 else None
    return middle.format(WALL_CLOCK), span


def _machine_time(time: EventTime, zone: str | None) -> str | None:
    """A valid HTML `datetime` attribute at the time's own precision."""
    if time.start is None:
        return None
    local = in_zone(time.start, zone)
    granularity = time.granularity or "day"
    if granularity in TIMED or is_timed(time):
        return local.isoformat()
    if granularity == "week":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "month":
        return local.format("YYYY-MM")
    if GRANULARITY_RANK.get(granularity, 8) < GRANULARITY_RANK["month"]:
        return local.format("YYYY")
    return local.format("YYYY-MM-DD")


def _conflict_view(conflict: Conflict, by_id: dict[str, SourceView], zone: str | None) -> ConflictView:
    return ConflictView(
        note=conflict.note,
        values=tuple(describe_value(v, zone) for v in conflict.values),
        sources=tuple(_source_for(s, by_id).label for s in conflict.sources),
    )


def _lane_order(events: Sequence[EventView], mode: str, catch_all: str) -> tuple[str, ...]:
    """Busiest lanes first (ties by name), the catch-all lane last."""
    counts = Counter(e.lanes[mode] for e in events)
    named = sorted((lane for lane in counts if lane != catch_all), key=lambda lane: (-counts[lane], lane))
    return tuple(named + ([catch_all] if catch_all in counts else []))


def _summary(events: Sequence[EventView], sources: Sequence[SourceView]) -> str:
    event_words = f"{len(events)} dated event{'s' * (len(events) != 1)}"
    source_words = f"{len(sources)} source{'s' * (len(sources) != 1)}"
    if not events:
        return f"{event_words} from {source_words}."
    return f"{event_words} from {source_words}, {events[0].display} to {events[-1].display}."


# --- mentions ------------------------------------------------------------------------------

def _mention_view(mention: Mention, source: SourceView) -> MentionView:
    zone = source.timezone
    return MentionView(
        id=mention.id,
        source=source,
        sentence=_highlight(mention),
        resolution=resolution_sentence(mention, source),
        inferred=mention.inferred,
        modality=mention.modality,
        attribution=mention.attribution,
        time=describe_time(mention.time, zone) if mention.time else None,
        actors=tuple(mention.actors),
    )


def _highlight(mention: Mention) -> Sentence:
    """Split the sentence around its time expression, found by offset, else by its words.

    An inferred date comes from outside the sentence, so nothing in it is marked."""
    sentence, evidence = mention.sentence, mention.timex
    if evidence is None or not evidence.text or mention.inferred:
        return Sentence(sentence)
    at = -1
    if evidence.start is not None:
        offset = evidence.start - mention.start
        if offset >= 0 and sentence[offset : offset + len(evidence.text)] == evidence.text:
            at = offset
    if at < 0:
        at = sentence.find(evidence.text)
    if at < 0:
        return Sentence(sentence)
    end = at + len(evidence.text)
    return Sentence(sentence[:at], sentence[at:end], sentence[end:])


def resolution_sentence(mention: Mention, source: SourceView) -> str | None:
    """How the date was found, e.g. "'last Friday' in The Hill, published Tue 19 Aug 2025 →
    Fri 15 Aug 2025"."""
    evidence = mention.timex
    if evidence is None:
        return None
    zone = source.timezone
    result = describe_value(evidence.value, zone)
    anchor = evidence.anchor
    weak = " (a publication date not stated by the document)" if source.weak_publication else ""
    if mention.inferred:
        how = "No date in this sentence; "
        if evidence.start is None and anchor is not None and anchor.kind == "publication":
            how += f"dated to the day {source.report} was published, {describe_value(anchor.value, zone)}{weak}"
        else:
            setter = anchor.text if anchor is not None and anchor.text else evidence.text
            how += f"the story's time was set by '{setter}' earlier in {source.reference}"
        return f"{how} → {result}"
    quoted = f"'{evidence.text}' in {source.reference}"
    if anchor is None or anchor.kind == "none":
        how = f"{quoted}, a date complete in itself"
    elif anchor.kind == "publication":
        how = f"{quoted}, published {describe_value(anchor.value, zone)}{weak}"
    else:
        set_by = f", set by '{anchor.text}'" if anchor.text else ""
        how = f"{quoted}, read against the story's time {describe_value(anchor.value, zone)}{set_by}"
    return f"{how} → {result}"


def _event_data(event: EventView, actor_index: dict[str, int]) -> dict:
    data = {
        "id": event.id,
        "headline": event.headline,
        "display": event.display,
        "x": event.x,
        "lanes": event.lanes,
        "status": event.status,
        "sources": [s.index for s in event.sources],
        "outlets": sorted({s.label for s in event.sources}),
        "actors": [actor_index[a] for a in event.actors if a in actor_index],
        "conflict": bool(event.conflicts),
    }
    if event.instant:
        data["instant"] = event.instant
        data["granularity"] = event.granularity
    if event.span:
        data["span"] = list(event.span)
    return data
