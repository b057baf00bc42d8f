"""Publication context: the timezone chain, update stamps, datelines, and where values came from."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest
from _ingest_helpers import errors, excluded_text

from timeline.ingest import evidence

PATTERNS = evidence.patterns("en").raw


@pytest.mark.parametrize("example", PATTERNS["update_examples"], ids=lambda e: e["line"])
def test_update_stamp_examples(example):
    (stamp,) = evidence.find_update_stamps(f"Body text.\n{example['line']}\n")
    if "date" in example:
        expected = date.fromisoformat(example["date"])
        assert (stamp.date.month, stamp.date.day) == (expected.month, expected.day)
    if "time" in example:
        assert f"{stamp.time.hour:02d}:{stamp.time.minute:02d}" == example["time"]
    assert stamp.zone == example.get("zone")


@pytest.mark.parametrize("line", PATTERNS["update_counter_examples"])
def test_update_stamp_counter_examples(line):
    assert evidence.find_update_stamps(line) == []


@pytest.mark.parametrize("example", PATTERNS["dateline_examples"], ids=lambda e: e["text"][:30])
def test_dateline_examples(example):
    found = evidence.find_dateline(example["text"])
    written = example["date"].split("-")
    assert found is not None
    assert [found.date.month, found.date.day] == [int(p) for p in written[-2:]]
    assert found.date.year == (int(written[0]) if len(written) == 3 else None)


@pytest.mark.parametrize("text", PATTERNS["dateline_counter_examples"])
def test_dateline_counter_examples(text):
    assert evidence.find_dateline(text) is None


@pytest.mark.parametrize("example", PATTERNS["clock_examples"], ids=lambda e: e["text"])
def test_clock_with_zone_examples(example):
    assert evidence.find_zone_mention(example["text"]).abbreviation == example["zone"]


def write(tmp_path, text, name="a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the timezone chain ---------------------------------------------------------------------

def test_explicit_timezone_beats_a_zone_in_the_text(tmp_path, read):
    path = write(tmp_path, "---\npublished: 2025-08-19\ntimezone: Europe/Madrid\n---\nIt ended at 4 p.m. EDT.\n")
    (document,), _ = read(path, timezone="Asia/Tokyo")
    assert document.timezone == "Europe/Madrid" and document.provenance["timezone"] == "front_matter"


def test_a_published_offset_is_explicit_metadata(tmp_path, read):
    path = write(tmp_path, "---\npublished: 2025-08-19T10:00:00+05:30\n---\nIt ended at 4 p.m. EDT.\n")
    (document,), _ = read(path)
    assert document.timezone == "+05:30" and document.provenance["timezone"] == "front_matter"


def test_a_zone_written_in_the_text_beats_the_command_line(tmp_path, read):
    path = write(tmp_path, "---\npublished: 2025-08-19\n---\nPolls closed at 8 p.m. PDT on Tuesday.\n")
    (document,), problems = read(path, timezone="Asia/Tokyo")
    assert document.timezone == "America/Los_Angeles" and document.provenance["timezone"] == "text"
    assert document.published == pendulum.datetime(2025, 8, 19, tz="America/Los_Angeles")
    assert problems == []


def test_the_command_line_zone_when_nothing_else_says(tmp_path, read):
    (document,), problems = read(write(tmp_path, "---\npublished: 2025-08-19\n---\nText.\n"), timezone="Asia/Tokyo")
    assert document.timezone == "Asia/Tokyo" and document.provenance["timezone"] == "command_line"
    assert document.published == pendulum.datetime(2025, 8, 19, tz="Asia/Tokyo")
    assert problems == []


def test_utc_by_default_with_a_warning(tmp_path, read):
    path = write(tmp_path, "---\npublished: 2025-08-19\n---\nText.\n")
    (document,), problems = read(path)
    assert document.timezone == "UTC" and document.provenance["timezone"] == "default"
    (warning,) = problems
    assert warning.severity == "warning" and warning.origin == str(path)
    assert "UTC" in warning.message and "--tz" in warning.message


def test_many_identical_warnings_are_folded_into_one_line(tmp_path, read):
    for number in range(5):
        write(tmp_path, f"---\npublished: 2025-08-19\n---\nStory number {number}.\n", name=f"s{number}.txt")
    documents, problems = read(tmp_path)
    (warning,) = problems
    assert warning.origin == f"{tmp_path} (5 documents)"
    assert all(d.notes and "UTC" in d.notes[0] for d in documents)


def test_an_unknown_zone_name_is_an_error_and_the_chain_goes_on(tmp_path, read):
    path = write(tmp_path, "---\npublished: 2025-08-19\ntimezone: Mars/Olympus\n---\nText.\n")
    (document,), problems = read(path, timezone="Europe/Oslo")
    (problem,) = errors(problems)
    assert "'Mars/Olympus'" in problem.message and "IANA" in problem.message
    assert document.timezone == "Europe/Oslo"


def test_an_unknown_tz_option_is_reported_once(tmp_path, read):
    write(tmp_path, "---\npublished: 2025-08-19\n---\nOne.\n")
    write(tmp_path, "---\npublished: 2025-08-19\n---\nTwo.\n", name="b.txt")
    documents, problems = read(tmp_path, timezone="Nowhere/Special")
    assert len(documents) == 2
    (problem,) = errors(problems)
    assert problem.origin == "--tz"


def test_an_ambiguous_zone_is_read_by_the_pages_region(tmp_path, read):
    from pages import article_page

    page = article_page(lang="en-IN", paragraphs=(
        "The results were announced at 5 p.m. IST on Tuesday by the election commission in New Delhi, officials said.",
    ), meta={"article:published_time": "2025-08-19"})
    (document,), problems = read(write(tmp_path, page, name="story.html"))
    assert document.timezone == "Asia/Kolkata"
    assert problems == []


def test_offset_abbreviations_and_fixed_offsets_as_zone_names(tmp_path, read):
    write(tmp_path, "---\npublished: 2025-01-10\ntimezone: EST\n---\nOne.\n")
    write(tmp_path, "---\npublished: 2025-01-10\ntimezone: '+02:00'\n---\nTwo.\n", name="b.txt")
    documents, _ = read(tmp_path)
    assert [d.timezone for d in documents] == ["America/New_York", "+02:00"]


# --- published and updated -----------------------------------------------------------------

def test_missing_date_is_reported_naming_the_file_and_the_three_ways(tmp_path, read):
    path = write(tmp_path, "Talks resumed on Tuesday.\n")
    (document,), problems = read(path, timezone="UTC")
    assert document.published is None
    (warning,) = problems
    assert warning.origin == str(path)
    for way in ("published: YYYY-MM-DD", "manifest", "--published"):
        assert way in warning.message


def test_published_from_the_command_line_is_that_day_in_the_documents_zone(tmp_path, read):
    path = write(tmp_path, "---\ntimezone: America/Chicago\n---\nText.\n")
    (document,), problems = read(path, published=date(2025, 8, 19))
    assert document.published == pendulum.datetime(2025, 8, 19, tz="America/Chicago")
    assert document.published_granularity == "day"
    assert document.provenance["published"] == "command_line"
    assert problems == []


def test_published_is_inferred_from_a_dateline_and_marked_so(tmp_path, read):
    path = write(tmp_path, "Headline here\nKYIV, Ukraine, August 19, 2025 (AP) — Officials said talks resumed.\n")
    (document,), problems = read(path, timezone="Europe/Kyiv", published=date(2030, 1, 1))
    assert document.published == pendulum.datetime(2025, 8, 19, tz="Europe/Kyiv")
    assert document.provenance["published"] == "inferred"
    (warning,) = problems
    assert "inferred 2025-08-19" in warning.message and "KYIV" in warning.message


def test_a_yearless_dateline_is_not_enough(tmp_path, read):
    path = write(tmp_path, "WASHINGTON, Aug. 19 (Reuters) - Officials said talks resumed.\n")
    (document,), problems = read(path, timezone="UTC")
    assert document.published is None
    assert any("--published" in p.message for p in problems)


def test_a_date_line_under_the_headline(tmp_path, read):
    path = write(tmp_path, "Airline orders jets\nMarch 01, 2008\nThe airline ordered ten jets.\n")
    (document,), _ = read(path, timezone="UTC")
    assert document.published == pendulum.datetime(2008, 3, 1, tz="UTC")
    assert document.provenance["published"] == "inferred"


def test_an_update_stamp_with_its_own_date(tmp_path, read):
    path = write(tmp_path, "---\npublished: 2025-08-19\ntimezone: Europe/London\n---\nText.\nUpdated 09:10 BST, 20 August 2025\n")
    (document,), _ = read(path)
    assert document.updated == pendulum.parse("2025-08-20T09:10:00+01:00")
    assert excluded_text(document)["update stamp"] == ["Updated 09:10 BST, 20 August 2025"]


def test_an_update_stamp_without_zone_is_read_in_the_documents_zone(tmp_path, read):
    path = write(tmp_path, "---\npublished: 2025-12-01\ntimezone: America/New_York\n---\nText.\nUpdated at 4:32 p.m.\n")
    (document,), _ = read(path)
    assert document.updated == pendulum.parse("2025-12-01T16:32:00-05:00")


def test_an_update_stamp_without_a_date_needs_the_publication_day(tmp_path, read):
    path = write(tmp_path, "Text.\nUpdated at 4:32 p.m. EDT\n")
    (document,), problems = read(path)
    assert document.updated is None
    assert excluded_text(document)["update stamp"] == ["Updated at 4:32 p.m. EDT"]
    assert any("update stamp" in p.message for p in problems)


def test_metadata_updated_wins_over_the_stamp(tmp_path, read):
    path = write(tmp_path, "---\npublished: 2025-08-19\nupdated: 2025-08-19T18:00-04:00\n---\nText.\nUpdated at 4:32 p.m. EDT\n")
    (document,), _ = read(path)
    assert document.updated == pendulum.parse("2025-08-19T18:00:00-04:00")
    assert document.provenance["updated"] == "front_matter"


# --- identity --------------------------------------------------------------------------------

def test_ids_are_file_stems_and_clashes_are_resolved(tmp_path, read):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    write(tmp_path / "one", "---\npublished: 2025-08-19\ntimezone: UTC\n---\nFirst story.\n", name="story.txt")
    write(tmp_path / "two", "---\npublished: 2025-08-19\ntimezone: UTC\n---\nSecond story.\n", name="story.md")
    documents, problems = read(tmp_path)
    assert [d.id for d in documents] == ["story", "story-2"]
    (warning,) = problems
    assert "'story' is already taken" in warning.message
