"""`timeline export`: TimelineJS3 JSON, CSV and iCalendar from a built timeline.json."""

import csv
import io
from datetime import date, datetime

import icalendar
import pytest
from render_fixtures import HOSTILE, hostile_timeline, make_timeline
from typer.testing import CliRunner

from timeline.cli import app
from timeline.render import write_site
from timeline.render.export import ExportError, load_timeline, to_csv, to_ics, to_timelinejs

runner = CliRunner()


@pytest.fixture
def built(tmp_path, sample_timeline):
    write_site(sample_timeline, tmp_path / "site")
    return tmp_path / "site" / "timeline.json"


# --- TimelineJS ------------------------------------------------------------------------------

def test_timelinejs_has_one_slide_per_dated_event(sample_timeline):
    slides = to_timelinejs(sample_timeline)["events"]
    placed = [e for e in sample_timeline.events if e.time.start is not None]
    assert sorted(s["unique_id"] for s in slides) == sorted(e.id for e in placed)
    for slide in slides:
        assert {"start_date", "text", "group", "unique_id"} <= slide.keys()
        assert isinstance(slide["start_date"]["year"], int)


def test_timelinejs_dates_keep_their_precision(sample_timeline):
    slides = {s["unique_id"]: s for s in to_timelinejs(sample_timeline)["events"]}
    assert slides["ev-summit"]["start_date"] == {"year": 2025, "month": 8, "day": 15, "display_date": "Fri 15 Aug 2025"}
    assert slides["ev-briefing"]["start_date"] == {
        "year": 2025, "month": 8, "day": 19, "hour": 13, "minute": 30, "display_date": "Tue 19 Aug 2025, 13:30 EDT",
    }
    assert slides["ev-talks"]["start_date"] == {"year": 2025, "month": 9, "display_date": "September 2025"}
    assert "end_date" not in slides["ev-talks"]
    # A week is a period TimelineJS cannot name, so it is given as a range of days.
    assert slides["ev-troops"]["end_date"] == {"year": 2025, "month": 8, "day": 31}
    assert slides["ev-interview"]["start_date"]["display_date"] == "Tue 19 Aug 2025, morning"


def test_timelinejs_text_is_escaped_html():
    slide = to_timelinejs(hostile_timeline())["events"][0]
    assert "<script" not in slide["text"]["headline"] and "<script" not in slide["text"]["text"]
    assert "&lt;script&gt;" in slide["text"]["text"]
    assert "javascript:" not in slide["text"]["text"]  # the hostile URL does not become a link


# --- CSV -------------------------------------------------------------------------------------

def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_event(sample_timeline):
    rows = read_csv(to_csv(sample_timeline))
    assert len(rows) == len(sample_timeline.events)
    summit = [r for r in rows if r["event_id"] == "ev-summit"][0]
    assert summit["time_value"] == "2025-08-15"
    assert summit["time_display"] == "Fri 15 Aug 2025"
    assert summit["source_ids"] == "wire; hill"  # in the order of their outlets
    assert summit["outlets"] == "Example Wire; The Hill"
    assert summit["mentions"] == "2"


def test_csv_leaves_an_unnamed_outlet_empty_instead_of_showing_the_title(sample_timeline):
    sources = [s.model_copy(update={"outlet": None}) if s.id == "wire" else s for s in sample_timeline.sources]
    timeline = sample_timeline.model_copy(update={"sources": sources})
    summit = [r for r in read_csv(to_csv(timeline)) if r["event_id"] == "ev-summit"][0]
    ids, outlets = summit["source_ids"].split("; "), summit["outlets"].split("; ")
    assert dict(zip(ids, outlets, strict=True)) == {"wire": "", "hill": "The Hill"}


def test_csv_with_mentions_has_one_row_per_mention_and_undated_ones(sample_timeline):
    rows = read_csv(to_csv(sample_timeline, mentions=True))
    total = sum(len(e.mentions) for e in sample_timeline.events) + len(sample_timeline.undated)
    assert len(rows) == total
    assert sum(1 for r in rows if r["event_id"] == "") == len(sample_timeline.undated)
    friday = [r for r in rows if r["time_text"] == "last Friday"][0]
    assert friday["resolution"] == "'last Friday' in The Hill, published Tue 19 Aug 2025 → Fri 15 Aug 2025"
    assert friday["anchor_kind"] == "publication"


def test_csv_cells_cannot_run_as_formulas():
    timeline = make_timeline()
    event = timeline.events[0].model_copy(update={"headline": "=HYPERLINK(\"http://x\")"})
    rows = read_csv(to_csv(timeline.model_copy(update={"events": (event,)})))
    assert rows[0]["headline"] == "'=HYPERLINK(\"http://x\")"


def test_csv_keeps_hostile_text_verbatim():
    rows = read_csv(to_csv(hostile_timeline()))
    assert rows[0]["headline"] == " ".join(HOSTILE.values())


# --- iCalendar -------------------------------------------------------------------------------

def vevents(timeline):
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(to_ics(timeline)).walk("VEVENT")}


def test_ics_has_one_vevent_per_dated_event(sample_timeline):
    events = vevents(sample_timeline)
    assert sorted(events) == sorted(f"{e.id}@timeline" for e in sample_timeline.events if e.time.start)


def test_ics_days_are_all_day_and_clock_times_are_timed(sample_timeline):
    events = vevents(sample_timeline)
    summit = events["ev-summit@timeline"]
    assert summit["dtstart"].dt == date(2025, 8, 15) and not isinstance(summit["dtstart"].dt, datetime)
    assert summit["dtend"].dt == date(2025, 8, 16)
    briefing = events["ev-briefing@timeline"]["dtstart"].dt
    assert isinstance(briefing, datetime) and briefing.isoformat() == "2025-08-19T17:30:00+00:00"
    statement = events["ev-statement@timeline"]
    assert statement["dtend"].dt.isoformat() == "2025-08-20T08:00:00+00:00"  # an hour, to its end


def test_ics_parts_of_days_are_their_day_and_months_span_the_month(sample_timeline):
    events = vevents(sample_timeline)
    morning = events["ev-interview@timeline"]
    assert (morning["dtstart"].dt, morning["dtend"].dt) == (date(2025, 8, 19), date(2025, 8, 20))
    assert "morning" in str(morning["description"])
    talks = events["ev-talks@timeline"]
    assert (talks["dtstart"].dt, talks["dtend"].dt) == (date(2025, 9, 1), date(2025, 10, 1))
    assert str(talks["status"]) == "TENTATIVE"


def test_ics_is_stable(sample_timeline):
    assert to_ics(sample_timeline) == to_ics(make_timeline())
    assert b"DTSTAMP:20250819T220500Z" in to_ics(sample_timeline)  # the newest update, not the clock


# --- the command -----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["timelinejs", "csv", "ics"])
def test_export_writes_to_stdout_or_a_file(built, tmp_path, fmt):
    printed = runner.invoke(app, ["export", "--format", fmt, "--timeline", str(built)])
    assert printed.exit_code == 0, printed.output
    target = tmp_path / "out" / f"export.{fmt}"
    written = runner.invoke(app, ["export", "--format", fmt, "--timeline", str(built), "--out", str(target)])
    assert written.exit_code == 0, written.output
    assert target.read_bytes() == printed.stdout_bytes
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


def test_export_csv_mentions(built):
    result = runner.invoke(app, ["export", "--format", "csv", "--mentions", "--timeline", str(built)])
    assert result.exit_code == 0
    assert result.stdout.startswith("event_id,mention_id,")


def test_export_rejects_mentions_outside_csv(built):
    result = runner.invoke(app, ["export", "--format", "ics", "--mentions", "--timeline", str(built)])
    assert result.exit_code == 2
    assert "--mentions applies to --format csv only" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "not JSON (line 1, column 2"),
        ("[]", "not a timeline"),
        ('{"schema_version": "2.0.0"}', "schema_version '2.0.0' is not supported"),
        ('{"schema_version": "1.0.0", "generator": {"version": "1"}, "sources": [], "events": [{}]}',
         "not a valid timeline: events.0.id: Field required"),
    ],
)
def test_export_names_the_file_and_the_problem(tmp_path, content, message):
    path = tmp_path / "timeline.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ExportError, match=message.replace("(", r"\(")):
        load_timeline(path)
    result = runner.invoke(app, ["export", "--format", "csv", "--timeline", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) <= 2  # one message (a long path may wrap)
