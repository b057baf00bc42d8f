"""JSON Lines: one article per line, for bulk input.

    {"id": "a1", "title": "...", "outlet": "...", "published": "2025-08-19T09:00:00-04:00", "text": "..."}

The body is the `text` field (or `body`, `content`), exactly as given; a record may instead
carry a saved page in `html`, which is read like an HTML file. The other fields are the same
metadata as in front matter. The file is streamed, so its size does not matter; a bad line is
reported with its number and the other lines are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from timeline.ingest.html import NotAnArticle, html_document
from timeline.ingest.model import RawDocument, normalise_fields
from timeline.types import Problem

TEXT_KEYS = ("text", "body", "content", "article")
HTML_KEY = "html"
_SNIFF = 8192


@dataclass(frozen=True)
class Line:
    """One record of a JSON Lines file, as bytes: parsed where it is read (maybe a worker)."""

    path: Path
    origin: str  # the file's
    number: int
    data: bytes


def jsonl_lines(path: Path, origin: str) -> Iterator[Line | Problem]:
    """The file's non-blank lines, streamed, or a Problem when it holds no JSON Lines at all."""
    try:
        with path.open("rb") as stream:
            if problem := _sniff(stream, origin):
                yield problem
                return
            for number, data in enumerate(stream, start=1):
                if data.strip():
                    yield Line(path, origin, number, data)
    except OSError as exc:
        yield Problem(origin=origin, message=f"cannot be read ({exc.strerror}); check the file's permissions")


def count_items(path: Path) -> int:
    """How many items `jsonl_lines` yields, counted cheaply (no JSON is parsed)."""
    try:
        with path.open("rb") as stream:
            if _sniff(stream, str(path)):
                return 1
            return sum(1 for data in stream if data.strip())
    except OSError:
        return 1


def _sniff(stream: BinaryIO, origin: str) -> Problem | None:
    """A Problem when the file is empty or binary; else None, with the stream back at its start."""
    head = stream.read(_SNIFF)
    if not head.strip():
        return Problem(origin=origin, message="empty file: there is no record to read; add one JSON object per line or remove the file")
    if b"\x00" in head:
        return Problem(origin=origin, message="binary file, not JSON Lines (it contains NUL bytes); write one JSON object per line in UTF-8")
    stream.seek(0)
    return None


def unknown_fields_problem(origin: str, unknown: set[str]) -> Problem:
    return Problem(
        origin=origin, severity="warning",
        message=f"fields not understood and ignored: {', '.join(sorted(unknown))}",
    )


def parse_line(line: Line) -> tuple[RawDocument | Problem, list[str]]:
    """One record -> its document (or the reason it cannot be read), and the keys not understood."""
    unknown: set[str] = set()
    item = _record(line.data, line.number, line.path, line.origin, unknown)
    return item, sorted(unknown)


def _record(line: bytes, number: int, path: Path, origin: str, unknown: set[str]) -> RawDocument | Problem:
    where = f"{origin}:{number}"
    try:
        text = line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return Problem(origin=where, message=f"line {number} is not UTF-8 (byte {exc.start}); JSON Lines must be UTF-8, so convert the file")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return Problem(origin=where, message=f"line {number} is not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line")
    if not isinstance(record, dict):
        return Problem(origin=where, message=f"line {number} is a JSON {type(record).__name__}, not an object with a 'text' field")
    stem = f"{path.stem}-{number}"
    body_key = next((k for k in TEXT_KEYS if isinstance(record.get(k), str) and record[k].strip()), None)
    metadata = {k: v for k, v in record.items() if k not in TEXT_KEYS and k != HTML_KEY}
    declared, ignored = normalise_fields(metadata, "jsonl")
    unknown.update(ignored)
    if body_key is None and isinstance(record.get(HTML_KEY), str):
        try:
            page = html_document(record[HTML_KEY], where, stem)
        except NotAnArticle as exc:
            return Problem(origin=where, message=f"line {number}: {exc}")
        return RawDocument(origin=where, stem=stem, text=page.text, kind="html", declared=declared, page=page.page, region=page.region)
    if body_key is None:
        return Problem(origin=where, message=f"line {number} has no article text; give it a 'text' field")
    return RawDocument(origin=where, stem=stem, text=record[body_key], kind="jsonl", declared=declared)
