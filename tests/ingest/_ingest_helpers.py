"""Plain helpers shared by the ingest tests (a unique module name: tests/ingest is on sys.path)."""

from __future__ import annotations

from timeline.types import Document, Problem


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def excluded_text(document: Document) -> dict[str, list[str]]:
    """reason -> the excluded pieces of the body, as written."""
    found: dict[str, list[str]] = {}
    for span in document.excluded:
        found.setdefault(span.reason, []).append(document.text[span.start : span.end])
    return found
