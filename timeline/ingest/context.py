"""Publication context: a `RawDocument` and its manifest entries -> a `Document`.

Where each value comes from, strongest first:

1. metadata written for the one document: front matter, a JSON Lines record;
2. its entry in a manifest (`--manifest` first, then the nearest `sources.yaml`);
3. the page's own metadata: JSON-LD, then meta tags, then htmldate;
4. a manifest's `defaults`;
5. the text: a zone written with a clock time, an update stamp, a dateline (`inferred`);
6. the command line: `--tz`, `--published`;
7. the default: UTC for the zone (with a warning); no date is ever made up.

Each field of the resulting `Document` records its origin in `provenance`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import cache
from typing import Any

import dateparser
import pendulum
from dateparser.date import DateDataParser

from timeline.ingest import evidence
from timeline.ingest.boilerplate import find_boilerplate
from timeline.ingest.manifest import Manifest
from timeline.ingest.model import ORIGIN_LABELS, Fields, RawDocument, Sourced
from timeline.temporal import zones
from timeline.types import Document, Granularity, Origin, Problem, Span

DEFAULT_ZONE = "UTC"
_FIXED_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A first line longer than this is a paragraph, not a headline.
_MAX_HEADLINE_WORDS = 30


class UnreadableDate(ValueError):
    pass


@dataclass(frozen=True)
class Defaults:
    """What the command line supplies for documents that state nothing."""

    timezone: str | None = None
    published: datetime | date | None = None


@dataclass
class _Context:
    """The document being built, with the problems found on the way."""

    raw: RawDocument
    layers: list[Fields]
    provenance: dict[str, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def candidates(self, name: str) -> Iterator[Sourced]:
        for layer in self.layers:
            if name in layer:
                yield layer[name]

    def first(self, name: str) -> Any:
        for candidate in self.candidates(name):
            self.provenance[name] = candidate.origin
            return candidate.value
        return None

    def warn(self, message: str) -> None:
        self.notes.append(message)
        self.problems.append(Problem(origin=self.raw.origin, message=message, severity="warning"))

    def error(self, message: str) -> None:
        self.notes.append(message)
        self.problems.append(Problem(origin=self.raw.origin, message=message, severity="error"))


@dataclass(frozen=True)
class ManifestFields:
    """What the manifests say of one location: its entries and their defaults, strongest first.

    Looked up where the manifests are (the main process); small, so it travels with the work.
    """

    entries: tuple[Fields, ...] = ()
    defaults: tuple[Fields, ...] = ()

    @classmethod
    def of(cls, manifests: list[Manifest], location: Any) -> ManifestFields:
        return cls(
            entries=tuple(entry for m in manifests if (entry := m.entry_for(location)) is not None),
            defaults=tuple(m.defaults for m in manifests if m.defaults),
        )


def layers(raw: RawDocument, manifest: ManifestFields) -> list[Fields]:
    """The metadata layers of a document, strongest first (see the module docstring)."""
    return [raw.declared, *manifest.entries, *raw.page, *manifest.defaults]


def zone_of(name: str) -> tzinfo:
    """'America/New_York', '+02:00', 'UTC+2' or 'EDT' -> a tzinfo; ValueError when unknown."""
    text = name.strip()
    if offset := _FIXED_OFFSET.match(text):
        sign = -1 if offset[1] == "-" else 1
        seconds = int(offset[2]) * 3600 + int(offset[3] or 0) * 60
        # Real offsets lie within -12:00..+14:00; anything past a day is refused by datetime.
        if seconds > 14 * 3600 or int(offset[3] or 0) >= 60:
            raise ValueError(f"unknown timezone {name!r}: UTC offsets lie within ±14:00")
        return pendulum.FixedTimezone(sign * seconds)
    reading, _ = zones.resolve(text)
    if reading is not None and text.isupper() and "/" not in text:
        return pendulum.timezone(reading.zone)
    try:
        return pendulum.timezone(text)
    except (ValueError, pendulum.tz.exceptions.InvalidTimezone) as exc:
        raise ValueError(f"unknown timezone {name!r}") from exc


def tz_option_problem(name: str) -> Problem | None:
    """What is wrong with `--tz NAME`, or None when it names a zone: one message, naming the
    option and the value, whether the command line or `IngestOptions` meets it."""
    try:
        zone_of(name)
    except ValueError as exc:
        return Problem(
            origin="--tz",
            message=f"{exc}; use an IANA name such as America/New_York or an offset such as +05:30",
        )
    return None


def zone_name(zone: tzinfo) -> str:
    if isinstance(zone, pendulum.FixedTimezone):
        return pendulum.datetime(2000, 1, 1, tz=zone).format("Z")
    return getattr(zone, "name", None) or str(zone)


_DATE_PARSER_SETTINGS = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}


@cache
def _date_parser(language: str) -> DateDataParser:
    return DateDataParser(languages=evidence.date_languages(language), settings=_DATE_PARSER_SETTINGS)


def to_datetime(value: Any, zone: tzinfo, language: str = "en") -> tuple[pendulum.DateTime, Granularity]:
    """A metadata date value -> an aware datetime and how precise it is.

    Naive values are read in `zone`; a date alone is the start of that day in `zone`.
    Relative phrases ('yesterday') are refused: a publication date is never guessed.
    """
    if isinstance(value, datetime):
        return _aware(value, zone), "second"
    if isinstance(value, date):
        return pendulum.datetime(value.year, value.month, value.day, tz=zone), "day"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return pendulum.from_timestamp(value, tz="UTC"), "second"
    text = str(value).strip()
    if _ISO_DATE.match(text):
        try:
            day = date.fromisoformat(text)
        except ValueError as exc:
            raise UnreadableDate(str(exc)) from exc
        return pendulum.datetime(day.year, day.month, day.day, tz=zone), "day"
    try:
        return _aware(datetime.fromisoformat(text), zone), "second"
    except ValueError:
        pass
    parsed = _date_parser(language).get_date_data(text)
    if parsed.date_obj is None:
        raise UnreadableDate(text)
    granularity: Granularity = "second" if "time" in (parsed.parts or ()) else "day"
    moment = parsed.date_obj
    if granularity == "day":
        return pendulum.datetime(moment.year, moment.month, moment.day, tz=zone), "day"
    return _aware(moment, zone), granularity


def _aware(moment: datetime, zone: tzinfo) -> pendulum.DateTime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return pendulum.datetime(
            moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
            moment.microsecond, tz=zone,
        )
    offset = moment.utcoffset()
    assert offset is not None
    fixed = pendulum.FixedTimezone(int(offset.total_seconds()))
    return pendulum.instance(moment.replace(tzinfo=fixed))


def contextualise(raw: RawDocument, metadata: list[Fields], defaults: Defaults) -> tuple[Document, list[Problem]]:
    """Settle the publication context of `raw` and build its `Document`."""
    ctx = _Context(raw=raw, layers=metadata, notes=list(raw.notes))
    ctx.problems.extend(raw.problems)
    for note in raw.notes:
        ctx.problems.append(Problem(origin=raw.origin, message=note, severity="warning"))
    language = str(ctx.first("language") or "en")
    ctx.provenance.setdefault("language", "default")
    zone = _timezone(ctx, defaults, language)
    published, granularity = _published(ctx, zone, defaults, language)
    stamps = evidence.find_update_stamps(raw.text, language)
    updated = _updated(ctx, zone, published, stamps, language)
    excluded = sorted(
        [*find_boilerplate(raw.text), *(Span(start=s.start, end=s.end, reason="update stamp") for s in stamps)],
        key=lambda span: span.start,
    )
    title = _title(ctx)
    document = Document(
        id=str(ctx.first("id") or raw.stem),
        origin=raw.origin,
        text=raw.text,
        title=title,
        outlet=_text_or_none(ctx.first("outlet")),
        url=_text_or_none(ctx.first("url")),
        author=_text_or_none(ctx.first("author")),
        published=published,
        published_granularity=granularity,
        updated=updated,
        timezone=zone_name(zone),
        language=language,
        provenance=ctx.provenance,
        excluded=tuple(excluded),
        notes=tuple(ctx.notes),
    )
    return document, ctx.problems


def _text_or_none(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _timezone(ctx: _Context, defaults: Defaults, language: str) -> tzinfo:
    """The chain: explicit metadata, the text, --tz, then UTC.

    Within the metadata, layer by layer: a layer's `timezone`, else the offset its own
    published/updated value carries ('2025-08-19T09:15:00+02:00').
    """
    for layer in ctx.layers:
        zone = _layer_zone(ctx, layer)
        if zone is not None:
            return zone
    mention = evidence.find_zone_mention(ctx.raw.text, language)
    if mention is not None:
        reading, ambiguous = zones.resolve(mention.abbreviation, ctx.raw.region)
        if reading is not None:
            if ambiguous:
                ctx.warn(
                    f"the zone {mention.abbreviation} in the text is ambiguous; read as {reading.zone} "
                    "(set 'timezone:' in its metadata to choose)"
                )
            ctx.provenance["timezone"] = "text"
            return pendulum.timezone(reading.zone)
    if defaults.timezone:
        ctx.provenance["timezone"] = "command_line"
        return zone_of(defaults.timezone)
    ctx.provenance["timezone"] = "default"
    ctx.warn(
        "no timezone given, so UTC is used; add 'timezone:' to its front matter or manifest entry, "
        "or pass --tz"
    )
    return pendulum.timezone(DEFAULT_ZONE)


def _layer_zone(ctx: _Context, layer: Fields) -> tzinfo | None:
    if "timezone" in layer:
        candidate = layer["timezone"]
        try:
            zone = zone_of(str(candidate.value))
        except ValueError:
            ctx.error(
                f"timezone {candidate.value!r} ({ORIGIN_LABELS[candidate.origin]}) is not a zone name; "
                "use an IANA name such as America/New_York or an offset such as +02:00"
            )
        else:
            ctx.provenance["timezone"] = candidate.origin
            return zone
    for name in ("published", "updated"):
        if name in layer and (offset := _offset_of(layer[name].value)) is not None:
            ctx.provenance["timezone"] = layer[name].origin
            return offset
    return None


def _offset_of(value: Any) -> tzinfo | None:
    """The fixed offset a date value carries itself ('2025-08-19T16:32-04:00'), if any."""
    if isinstance(value, datetime):
        moment: datetime | None = value
    elif isinstance(value, str) and not _ISO_DATE.match(value.strip()):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            moment = dateparser.parse(value, settings={"PARSERS": ["absolute-time"]})
    else:
        moment = None
    if moment is None or moment.utcoffset() is None:
        return None
    offset = moment.utcoffset()
    assert offset is not None
    return pendulum.FixedTimezone(int(offset.total_seconds()))


def _dated(ctx: _Context, name: str, zone: tzinfo, language: str) -> tuple[pendulum.DateTime, Granularity] | None:
    """The first readable value of a date field; unreadable ones are reported and skipped."""
    for candidate in ctx.candidates(name):
        try:
            result = to_datetime(candidate.value, zone, language)
        except (UnreadableDate, ValueError, OverflowError, OSError):
            ctx.error(
                f"{name} {str(candidate.value)!r} ({ORIGIN_LABELS[candidate.origin]}) cannot be read as a date; "
                "write it as ISO 8601, e.g. 2025-08-19 or 2025-08-19T16:32-04:00"
            )
            continue
        ctx.provenance[name] = candidate.origin
        return result
    return None


def _published(
    ctx: _Context, zone: tzinfo, defaults: Defaults, language: str
) -> tuple[pendulum.DateTime | None, Granularity]:
    found = _dated(ctx, "published", zone, language)
    if found:
        return found
    dateline = evidence.find_dateline(ctx.raw.text, language)
    if dateline is not None:
        day = dateline.date.complete(None)
        if day is not None:
            ctx.provenance["published"] = "inferred"
            ctx.warn(
                f"no publication date in its metadata; inferred {day.isoformat()} from the text "
                f"{dateline.text!r} (give 'published:' to override)"
            )
            return pendulum.datetime(day.year, day.month, day.day, tz=zone), "day"
    if defaults.published is not None:
        ctx.provenance["published"] = "command_line"
        return to_datetime(defaults.published, zone, language)
    ctx.warn(
        "no publication date, so its relative dates ('Tuesday', 'last week') cannot be resolved; "
        "add 'published: YYYY-MM-DD' to its front matter, give it in a manifest (sources.yaml "
        "beside it), or pass --published"
    )
    return None, "second"


def _updated(
    ctx: _Context,
    zone: tzinfo,
    published: pendulum.DateTime | None,
    stamps: list[evidence.Stamp],
    language: str,
) -> pendulum.DateTime | None:
    found = _dated(ctx, "updated", zone, language)
    if found:
        return found[0]
    for stamp in stamps:
        moment = _resolve_stamp(stamp, zone, published)
        if moment is not None:
            ctx.provenance["updated"] = "text"
            return moment
        ctx.warn(
            f"the update stamp {ctx.raw.text[stamp.start:stamp.end]!r} has no date and the "
            "publication date is unknown, so it is not used"
        )
    return None


def _resolve_stamp(stamp: evidence.Stamp, zone: tzinfo, published: pendulum.DateTime | None) -> pendulum.DateTime | None:
    """An update stamp -> a datetime: its own date, else the publication day (in the document's zone)."""
    local_published = published.in_timezone(zone) if published is not None else None
    day = stamp.date.complete(local_published.year if local_published else None) if stamp.date else None
    if day is None and local_published is not None:
        day = local_published.date()
    if day is None:
        return None
    clock = stamp.time or evidence.ClockTime(0, 0)
    stamp_zone: tzinfo = zone
    if stamp.zone:
        reading, _ = zones.resolve(stamp.zone)
        if reading is not None:
            noon = pendulum.datetime(day.year, day.month, day.day, 12, tz=reading.zone)
            stamp_zone = reading.timezone(noon)
    return pendulum.datetime(day.year, day.month, day.day, clock.hour, clock.minute, clock.second, tz=stamp_zone)


def _title(ctx: _Context) -> str | None:
    title = _text_or_none(ctx.first("title"))
    if title:
        return title
    # Plain text saved from a page starts with its headline.
    if ctx.raw.kind in {"text", "markdown", "jsonl"}:
        for line in ctx.raw.text.splitlines():
            candidate = line.strip().lstrip("#").strip()
            if not candidate:
                continue
            if len(candidate.split()) <= _MAX_HEADLINE_WORDS and not candidate.endswith((".", ":")):
                ctx.provenance["title"] = "text"
                return candidate
            break
    return None
