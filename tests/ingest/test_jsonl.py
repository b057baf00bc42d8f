"""JSON Lines: one article per line; bad lines are reported by number and the rest are read."""

from __future__ import annotations

import json

import pendulum
from _ingest_helpers import errors
from pages import article_page


def write_jsonl(path, lines):
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_records_become_documents_with_their_metadata(tmp_path, read):
    path = write_jsonl(tmp_path / "feed.jsonl", [
        {"id": "a1", "title": "First", "outlet": "Wire", "url": "https://example.org/1",
         "published": "2025-08-19T09:00:00-04:00", "timezone": "America/New_York", "text": "Body one said.\n"},
        {"headline": "Second", "date": "2025-08-20", "tz": "Europe/Rome", "body": "Body two."},
    ])
    (first, second), problems = read(path)
    assert problems == []
    assert (first.id, first.title, first.outlet, first.url) == ("a1", "First", "Wire", "https://example.org/1")
    assert first.text == "Body one said.\n"
    assert first.published == pendulum.parse("2025-08-19T13:00:00Z")
    assert {k: v for k, v in first.provenance.items() if k != "language"} == dict.fromkeys(
        ("id", "title", "outlet", "url", "published", "timezone"), "jsonl"
    )
    assert second.id == "feed-2" and second.title == "Second"
    assert second.published == pendulum.datetime(2025, 8, 20, tz="Europe/Rome")
    assert second.origin == f"{path}:2"


def test_bad_lines_are_reported_and_the_good_ones_kept(tmp_path, read):
    path = write_jsonl(tmp_path / "feed.jsonl", [
        {"id": "ok1", "published": "2025-08-19", "timezone": "UTC", "text": "Fine one."},
        "{not json",
        "[1, 2]",
        {"id": "notext", "title": "No body"},
        "",
        {"id": "ok2", "published": "2025-08-19", "timezone": "UTC", "text": "Fine two.", "colour": "red"},
    ])
    documents, problems = read(path)
    assert [d.id for d in documents] == ["ok1", "ok2"]
    messages = {p.origin: p.message for p in errors(problems)}
    assert "is not valid JSON" in messages[f"{path}:2"]
    assert "not an object" in messages[f"{path}:3"]
    assert "has no article text" in messages[f"{path}:4"]
    (warning,) = [p for p in problems if p.severity == "warning"]
    assert warning.message == "fields not understood and ignored: colour"


def test_a_record_can_carry_a_saved_page(tmp_path, read):
    page = article_page(meta={"article:published_time": "2025-08-19T09:15:00+02:00"})
    path = write_jsonl(tmp_path / "pages.jsonl", [{"id": "p1", "outlet": "Feed", "html": page}])
    (document,), _ = read(path)
    assert "Negotiators met again" in document.text
    assert document.published == pendulum.parse("2025-08-19T07:15:00Z")
    assert document.provenance["published"] == "meta_tag"
    assert document.provenance["outlet"] == "jsonl"


def test_non_utf8_line_is_reported(tmp_path, read):
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "ok", "published": "2025-08-19", "timezone": "UTC", "text": "Fine."})
    path.write_bytes(good.encode() + b"\n" + '{"text": "caf\u00e9"}'.encode("latin-1") + b"\n")
    documents, problems = read(path)
    assert [d.id for d in documents] == ["ok"]
    (problem,) = errors(problems)
    assert problem.origin == f"{path}:2" and "not UTF-8" in problem.message


def test_empty_and_binary_jsonl(tmp_path, read):
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n")
    (tmp_path / "binary.jsonl").write_bytes(b"\x00\x01\x02" * 10)
    documents, problems = read(tmp_path)
    assert documents == []
    assert sorted(p.message.split(":")[0].split(",")[0] for p in errors(problems)) == ["binary file", "empty file"]
