"""Plain text and Markdown, each with an optional YAML front-matter block.

    ---
    title: Trump floats air support for Ukraine
    published: 2025-08-19
    timezone: America/New_York
    ---
    Body text...

The body is everything after the closing `---` line, exactly as written (with no front
matter, the whole decoded file): offsets into it are what the rest of the pipeline uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from timeline.ingest.decode import DecodeError, decode, encoding_note
from timeline.ingest.model import RawDocument, normalise_fields
from timeline.types import Problem

# libyaml's loader when PyYAML was built with it: the same YAML, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENING = re.compile(r"---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


class FrontMatterError(ValueError):
    """The front-matter block is there but cannot be read; the message says how to fix it."""


@dataclass(frozen=True)
class Split:
    header: dict[str, Any] | None
    body: str


def split_front_matter(text: str) -> Split:
    """Separate a leading `---` ... `---` YAML block from the body."""
    opening = _OPENING.match(text)
    if not opening:
        return Split(None, text)
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        raise FrontMatterError(
            "front matter opened with '---' on line 1 is never closed; add a '---' line after it"
        )
    block = text[opening.end() : closing.start()]
    try:
        header = yaml.load(block, Loader=_LOADER)
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 2}"  # +1 for 1-based lines, +1 for the opening '---'
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise FrontMatterError(
            f"front matter is not valid YAML{where} ({problem}); write it as 'key: value' lines, "
            "quoting values that contain ':'"
        ) from exc
    if header is None:
        header = {}
    if not isinstance(header, dict):
        raise FrontMatterError(
            "front matter must be 'key: value' lines (title, published, ...), not a "
            f"{type(header).__name__}"
        )
    return Split(header, text[closing.end() :])


def read_text_file(path: Path, origin: str, data: bytes) -> RawDocument | Problem:
    """A .txt or .md file -> its body and front-matter metadata, or the reason it cannot be read."""
    try:
        decoded = decode(data)
        split = split_front_matter(decoded.text)
    except (DecodeError, FrontMatterError) as exc:
        return Problem(origin=origin, message=str(exc))
    if not split.body.strip():
        return Problem(origin=origin, message="the front matter is followed by no article text; add the text under the closing '---'")
    declared, unknown = normalise_fields(split.header or {}, "front_matter")
    notes = []
    if note := encoding_note(decoded):
        notes.append(note)
    if unknown:
        notes.append(f"front matter keys not understood and ignored: {', '.join(unknown)}")
    kind = "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"
    return RawDocument(
        origin=origin,
        stem=path.stem,
        text=split.body,
        kind=kind,
        declared=declared,
        notes=tuple(notes),
    )
