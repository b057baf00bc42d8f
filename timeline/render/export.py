"""`timeline export`: a built `timeline.json` -> TimelineJS3 JSON, CSV or iCalendar.

Every format reads the same view model as the page, so an export says what the page says:
the same display times, the same "how the date was resolved" sentences.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

import icalendar
from pydantic import ValidationError

from timeline.render.page import EventView, Page, build_page
from timeline.render.when import TIMED, in_zone
from timeline.types import SCHEMA_VERSION, Event, Timeline

# Spreadsheets run a cell that starts with one of these as a formula; article text is untrusted.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DAY = timedelta(days=1)


class ExportFormat(StrEnum):
    timelinejs = "timelinejs"
    csv = "csv"
    ics = "ics"


class ExportError(Exception):
    """A timeline that cannot be exported; the message names the file and the problem."""


def load_timeline(path: Path) -> Timeline:
    """Read and validate a `timeline.json`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ExportError(f"{path}: no such file (build one with `timeline build`, or pass --timeline)") from exc
    except IsADirectoryError as exc:
        raise ExportError(f"{path}: is a folder; pass the timeline.json inside it") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    _check_version(path, data)
    try:
        return Timeline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the top level"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ExportError(f"{path}: not a valid timeline: {where}: {first['msg']}{more}") from exc


def _check_version(path: Path, data: object) -> None:
    if not isinstance(data, dict):
        raise ExportError(f"{path}: not a timeline (the top level is not an object)")
    version = data.get("schema_version")
    if not isinstance(version, str) or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ExportError(
            f"{path}: schema_version {version!r} is not supported (this timeline reads {SCHEMA_VERSION})"
        )


def export(timeline: Timeline, fmt: ExportFormat, *, mentions: bool = False) -> bytes:
    if fmt is ExportFormat.timelinejs:
        return (json.dumps(to_timelinejs(timeline), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt is ExportFormat.csv:
        return to_csv(timeline, mentions=mentions).encode("utf-8")
    return to_ics(timeline)


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` to `path` through a temporary file, so a failure leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- TimelineJS3 ---------------------------------------------------------------------------

def to_timelinejs(timeline: Timeline) -> dict:
    """Knight Lab's TimelineJS3 JSON. Its `text` fields are HTML, so every text is escaped."""
    page = build_page(timeline)
    events_by_id = {e.id: e for e in timeline.events}
    return {
        "title": {"text": {"headline": html.escape(page.title), "text": html.escape(page.summary)}},
        "events": [_slide(view, events_by_id[view.id], page) for view in page.events],
    }


def _slide(view: EventView, event: Event, page: Page) -> dict:
    zone = view.zone
    start, end = _timelinejs_dates(event, zone)
    start["display_date"] = view.display
    slide: dict = {
        "unique_id": view.id,
        "start_date": start,
        "text": {"headline": html.escape(view.headline), "text": _slide_text(view)},
        "group": view.lanes["sources"],
        "autolink": False,
    }
    if end:
        slide["end_date"] = end
    return slide


def _timelinejs_dates(event: Event, zone: str | None) -> tuple[dict, dict | None]:
    """Start (and, for weeks and coarser, end) at the precision the date is known."""
    time = event.time
    assert time.start is not None  # only placed events become slides
    start = in_zone(time.start, zone)
    granularity = time.granularity or "day"
    if granularity in TIMED:
        fields = ["year", "month", "day", "hour", "minute"] + (["second"] if granularity == "second" else [])
        return {f: getattr(start, f) for f in fields}, None
    if granularity in ("day", "part_of_day"):
        return {"year": start.year, "month": start.month, "day": start.day}, None
    last = in_zone(time.end, zone) - _DAY if time.end and time.end > time.start else start
    if granularity == "week":
        return ({"year": start.year, "month": start.month, "day": start.day},
                {"year": last.year, "month": last.month, "day": last.day})
    if granularity == "month":
        return {"year": start.year, "month": start.month}, None
    if granularity in ("season", "quarter", "half"):
        return {"year": start.year, "month": start.month}, {"year": last.year, "month": last.month}
    if granularity == "year" or last.year == start.year:
        return {"year": start.year}, None
    return {"year": start.year}, {"year": last.year}


def _slide_text(view: EventView) -> str:
    parts = []
    for conflict in view.conflicts:
        parts.append(
            f"<p><strong>Sources disagree:</strong> {html.escape(conflict.note)} "
            f"({html.escape('; '.join(conflict.values))})</p>"
        )
    for mention in view.mentions:
        source = html.escape(mention.source.label)
        if mention.source.url:
            source = f'<a href="{html.escape(mention.source.url)}">{source}</a>'
        parts.append(f"<blockquote>{html.escape(mention.sentence_text)}</blockquote><p>{source}</p>")
        if mention.resolution:
            parts.append(f"<p><small>How the date was found: {html.escape(mention.resolution)}</small></p>")
    return "".join(parts)


# --- CSV -----------------------------------------------------------------------------------

EVENT_COLUMNS = (
    "event_id", "time_value", "time_display", "start", "end", "granularity", "status", "headline",
    "source_ids", "outlets", "actors", "mentions", "conflicts",
)
MENTION_COLUMNS = (
    "event_id", "mention_id", "source_id", "outlet", "title", "url", "published", "sentence",
    "time_text", "time_value", "anchor_kind", "anchor_value", "inferred", "modality", "resolution",
)


def to_csv(timeline: Timeline, *, mentions: bool = False) -> str:
    """One row per event, or per mention (undated ones with an empty event_id).

    Cells that a spreadsheet would run as a formula get a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    page = build_page(timeline)
    if mentions:
        writer.writerow(MENTION_COLUMNS)
        rows: Iterable[list[str]] = _mention_rows(timeline, page)
    else:
        writer.writerow(EVENT_COLUMNS)
        rows = _event_rows(timeline, page)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def _event_rows(timeline: Timeline, page: Page) -> Iterator[list[str]]:
    events = {e.id: e for e in timeline.events}
    for view in (*page.events, *page.unplaced):
        time = events[view.id].time
        yield [
            view.id, time.value, view.display,
            time.start.isoformat() if time.start else "", time.end.isoformat() if time.end else "",
            time.granularity or "", view.status, view.headline,
            "; ".join(s.id for s in view.sources),
            # Side by side with source_ids; a source that names no outlet leaves its place empty
            # (the page shows its title instead, but in data that would pass for an outlet).
            "; ".join(s.outlet or "" for s in view.sources),
            "; ".join(view.actors), str(len(view.mentions)), " | ".join(c.note for c in view.conflicts),
        ]


def _mention_rows(timeline: Timeline, page: Page) -> Iterator[list[str]]:
    originals = {m.id: m for e in timeline.events for m in e.mentions} | {m.id: m for m in timeline.undated}
    grouped = [(view.id, view.mentions) for view in (*page.events, *page.unplaced)] + [("", page.undated)]
    for event_id, views in grouped:
        for view in views:
            original = originals[view.id]
            evidence = original.timex
            anchor = evidence.anchor if evidence else None
            yield [
                event_id, view.id, view.source.id, view.source.outlet or "", view.source.title or "",
                view.source.url or "", view.source.published or "", original.sentence,
                evidence.text if evidence else "", evidence.value if evidence else "",
                anchor.kind if anchor else "", anchor.value if anchor else "",
                "yes" if view.inferred else "no", view.modality, view.resolution or "",
            ]


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


# --- iCalendar -----------------------------------------------------------------------------

def to_ics(timeline: Timeline) -> bytes:
    """One VEVENT per dated event.

    Clock times (hour, minute, second) are timed events in UTC. Days and parts of days are
    all-day events on their date (a part of day is too vague for a clock range, and the
    description says which part). Weeks, months and coarser are all-day events spanning
    their whole period, the honest form of "some time in August".
    """
    page = build_page(timeline)
    events = {e.id: e for e in timeline.events}
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//timeline//timeline {timeline.generator.version}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", page.title)
    for view in page.events:
        calendar.add_component(_vevent(view, events[view.id], timeline))
    return calendar.to_ical()


def _vevent(view: EventView, event: Event, timeline: Timeline) -> icalendar.Event:
    time = event.time
    assert time.start is not None
    entry = icalendar.Event()
    entry.add("uid", f"{event.id}@timeline")
    entry.add("dtstamp", _stamp(event, timeline))
    entry.add("summary", view.headline)
    if view.instant:
        entry.add("dtstart", time.start.astimezone(UTC))
        if time.granularity == "hour" and time.end and time.end > time.start:
            entry.add("dtend", time.end.astimezone(UTC))
    else:
        zone = view.zone
        first = in_zone(time.start, zone).date()
        last = in_zone(time.end, zone).date() if time.end and time.end > time.start else first + _DAY
        entry.add("dtstart", first)
        entry.add("dtend", max(last, first + _DAY))
    entry.add("description", _description(view))
    entry.add("status", "TENTATIVE" if view.status in ("future", "hypothetical") else "CONFIRMED")
    entry.add("transp", "TRANSPARENT")
    urls = [s.url for s in view.sources if s.url]
    if urls:
        entry.add("url", urls[0])
    if view.actors:
        entry.add("categories", list(view.actors))
    return entry


def _stamp(event: Event, timeline: Timeline) -> datetime:
    """DTSTAMP must be set; the newest publication of the event's sources keeps it stable."""
    sources = {s.id: s for s in timeline.sources}
    times = [t for sid in event.sources if (s := sources.get(sid)) for t in (s.published, s.updated) if t]
    assert event.time.start is not None
    return max(times, default=event.time.start).astimezone(UTC)


def _description(view: EventView) -> str:
    lines = [view.display, f"Sources: {', '.join(s.label for s in view.sources)}"]
    lines += [f"Sources disagree: {c.note}" for c in view.conflicts]
    for mention in view.mentions:
        lines.append(f"{mention.source.label}: \"{mention.sentence_text}\"")
        if mention.resolution:
            lines.append(f"  How the date was found: {mention.resolution}")
    return "\n".join(lines)
