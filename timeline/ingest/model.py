"""What the readers hand to the publication-context step: a body and its metadata, by source."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from timeline.types import Origin, Problem

# The metadata a document can carry, and the other names users and feeds give them.
FIELDS = ("id", "title", "outlet", "url", "author", "published", "updated", "timezone", "language")
ALIASES = {
    "date": "published",
    "published_at": "published",
    "publication_date": "published",
    "pubdate": "published",
    "date_published": "published",
    "datepublished": "published",
    "modified": "updated",
    "updated_at": "updated",
    "date_modified": "updated",
    "datemodified": "updated",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "site_name": "outlet",
    "tz": "timezone",
    "lang": "language",
    "link": "url",
    "headline": "title",
    "byline": "author",
    "authors": "author",
}

# How each provenance value is named in messages and in `timeline read`.
ORIGIN_LABELS: dict[str, str] = {
    "front_matter": "front matter",
    "manifest": "manifest",
    "meta_tag": "meta tag",
    "json_ld": "JSON-LD",
    "htmldate": "htmldate",
    "jsonl": "JSON Lines",
    "text": "text",
    "inferred": "inferred",
    "command_line": "command line",
    "default": "default",
}


@dataclass(frozen=True)
class Sourced:
    """A metadata value and where it came from."""

    value: Any
    origin: Origin


Fields = dict[str, Sourced]


def normalise_fields(raw: Mapping[str, Any], origin: Origin) -> tuple[Fields, list[str]]:
    """Known metadata fields of `raw` (aliases folded in), and the keys that were not understood."""
    fields: Fields = {}
    unknown: list[str] = []
    for key, value in raw.items():
        name = str(key).strip().lower().replace("-", "_")
        name = ALIASES.get(name, name)
        if name not in FIELDS:
            unknown.append(str(key))
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, list | tuple):  # e.g. several authors
            value = ", ".join(str(v) for v in value if v)
        fields.setdefault(name, Sourced(value.strip() if isinstance(value, str) else value, origin))
    return fields, unknown


@dataclass(frozen=True)
class RawDocument:
    """A body as read, with the metadata found for it, before publication context is settled.

    `declared` is metadata written for this one document by its author or user (front matter,
    a JSON Lines record); `page` is metadata a web page carries, strongest first (JSON-LD,
    meta tags, htmldate). The manifest sits between the two; see `context.layers`.
    """

    origin: str
    stem: str
    text: str
    kind: str  # "text", "markdown", "html", "jsonl"
    declared: Fields = field(default_factory=dict)
    page: tuple[Fields, ...] = ()
    notes: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    region: str | None = None  # ISO country code when known, to read ambiguous zone names
