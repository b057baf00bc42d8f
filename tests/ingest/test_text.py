"""Plain text and Markdown with YAML front matter; bad text files."""

from __future__ import annotations

import json

import pendulum
import pytest
from _ingest_helpers import errors

BODY = "Officials met on Tuesday.\nThe talks went on.\n"


def write(tmp_path, name, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_front_matter_fields_and_body_exactly_after_the_closing_line(tmp_path, read):
    path = write(tmp_path, "story.txt", (
        "---\n"
        "title: Talks resume\n"
        "outlet: Example Times\n"
        "url: https://example.org/talks\n"
        "published: 2025-08-19T09:15:00+02:00\n"
        "updated: 2025-08-19T18:00:00+02:00\n"
        "timezone: Europe/Berlin\n"
        "language: en\n"
        "id: talks-1\n"
        "---\n" + BODY
    ))
    (document,), problems = read(path)
    assert problems == []
    assert document.text == BODY
    assert document.id == "talks-1"
    assert (document.title, document.outlet, document.url) == ("Talks resume", "Example Times", "https://example.org/talks")
    assert document.published == pendulum.parse("2025-08-19T07:15:00Z")
    assert document.published_granularity == "second"
    assert document.updated == pendulum.parse("2025-08-19T16:00:00Z")
    assert document.timezone == "Europe/Berlin"
    assert set(document.provenance.values()) == {"front_matter"}
    assert document.origin == str(path)


def test_a_date_alone_is_the_start_of_that_day_in_the_documents_zone(tmp_path, read):
    path = write(tmp_path, "a.md", "---\npublished: 2025-01-15\ntimezone: Asia/Tokyo\n---\n# Heading\n\nText.\n")
    (document,), _ = read(path)
    assert document.published == pendulum.datetime(2025, 1, 15, tz="Asia/Tokyo")
    assert document.published_granularity == "day"
    assert document.title == "Heading"
    assert document.provenance["title"] == "text"


def test_non_iso_dates_in_front_matter_are_read(tmp_path, read):
    path = write(tmp_path, "a.txt", "---\ndate: 'Aug. 19, 2025 4:32 pm'\ntz: America/New_York\n---\nText.\n")
    (document,), problems = read(path)
    assert errors(problems) == []
    assert document.published == pendulum.datetime(2025, 8, 19, 16, 32, tz="America/New_York")


def test_no_front_matter_means_the_whole_file_is_the_body(tmp_path, read):
    content = "Headline\n---\nNot front matter: the rule is not on line 1.\n"
    (document,), _ = read(write(tmp_path, "plain.txt", content))
    assert document.text == content
    assert document.id == "plain"


def test_timelines2015_front_matter_reads(shared_dir, read):
    import json as _json

    corpus = shared_dir / "data" / "timelines2015" / "corpus_1"
    documents, problems = read(corpus / "articles", timezone="UTC")
    assert errors(problems) == []
    assert len(documents) == len(list((corpus / "articles").glob("*.txt")))
    for document in documents:
        assert document.published is not None and document.published_granularity == "day"
        assert document.provenance["published"] == "front_matter"
        assert document.title and document.url
        sentences = _json.loads((corpus / "sentences" / f"{document.id}.sentences.json").read_text("utf-8"))
        start, end = sentences["sentences"]["0"]
        # the first sentence is the headline, at offset 0 of the body
        assert start == 0 and document.text[start:end] == document.text.splitlines()[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        (b"---\ntitle: [unclosed\n---\nText\n", "front matter is not valid YAML at line"),
        (b"---\ntitle: x\nText without a closing line\n", "never closed"),
        (b"---\n- a\n- b\n---\nText\n", "front matter must be 'key: value' lines"),
        (b"---\ntitle: only metadata\n---\n\n", "no article text"),
    ],
)
def test_bad_text_files_get_one_line_messages_and_others_survive(tmp_path, read, content, expected):
    bad = write(tmp_path, "bad.txt", content)
    write(tmp_path, "good.txt", "---\npublished: 2025-08-19\n---\nFine.\n")
    documents, problems = read(tmp_path, timezone="UTC")
    assert [d.id for d in documents] == ["good"]
    (problem,) = errors(problems)
    assert problem.origin == str(bad)
    assert expected in problem.message
    assert "\n" not in str(problem)


def test_latin1_text_is_decoded_with_a_warning(tmp_path, read):
    text = "Le président a parlé à Genève; les négociations reprendront à l'été, a-t-il déclaré.\n" * 3
    path = write(tmp_path, "latin.txt", text.encode("cp1252"))
    (document,), problems = read(path, timezone="UTC", published=pendulum.date(2025, 8, 19))
    assert "président" in document.text and "Genève" in document.text
    (warning,) = [p for p in problems if "not UTF-8" in p.message]
    assert warning.severity == "warning" and warning.origin == str(path)


def test_utf16_with_a_bom_is_text_not_binary(tmp_path, read):
    path = write(tmp_path, "wide.txt", "Talks resumed on Tuesday.\n".encode("utf-16"))
    (document,), problems = read(path, timezone="UTC", published=pendulum.date(2025, 8, 19))
    assert document.text == "Talks resumed on Tuesday.\n"
    assert errors(problems) == []


def test_unreadable_date_is_reported_and_the_next_source_of_the_date_used(tmp_path, read):
    path = write(tmp_path, "a.txt", "---\npublished: the day after the vote\ntimezone: UTC\n---\nText.\n")
    (document,), problems = read(path, published=pendulum.date(2025, 8, 19))
    (problem,) = errors(problems)
    assert "'the day after the vote'" in problem.message and "ISO 8601" in problem.message
    assert document.published == pendulum.datetime(2025, 8, 19, tz="UTC")
    assert document.provenance["published"] == "command_line"


def test_unknown_front_matter_keys_are_reported_not_fatal(tmp_path, read):
    path = write(tmp_path, "a.txt", "---\npublished: 2025-08-19\ntimezone: UTC\ncolour: blue\n---\nText.\n")
    (document,), problems = read(path)
    assert [p.message for p in problems] == ["front matter keys not understood and ignored: colour"]
    assert document.notes == ("front matter keys not understood and ignored: colour",)


def test_documents_pickle_and_dump_as_json(tmp_path, read):
    import pickle

    path = write(tmp_path, "a.txt", "---\npublished: 2025-08-19\ntimezone: Europe/Paris\n---\nText.\n")
    (document,), _ = read(path)
    assert pickle.loads(pickle.dumps(document)) == document
    assert json.loads(document.model_dump_json())["published"] == "2025-08-19T00:00:00+02:00"


def test_an_unknown_language_does_not_stop_dates_being_read(tmp_path, read):
    path = write(tmp_path, "a.txt", "---\nlanguage: xx\npublished: 'Aug. 19, 2025'\ntimezone: UTC\n---\nText.\nUpdated Aug. 20, 2025\n")
    (document,), problems = read(path)
    assert errors(problems) == []
    assert document.language == "xx"
    assert document.published == pendulum.datetime(2025, 8, 19, tz="UTC")


@pytest.mark.parametrize("zone", ["-24", "+15:00", "UTC+99"])
def test_an_impossible_utc_offset_is_reported_not_used(tmp_path, read, zone):
    path = write(tmp_path, "story.txt", f"---\npublished: 2025-08-19\ntimezone: '{zone}'\n---\nTalks resumed on Monday.\n")
    (document,), problems = read(path)
    assert document.timezone != zone
    assert any(zone in p.message and p.origin == str(path) for p in problems)
