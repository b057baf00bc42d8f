"""What `timeline read` shows: each document's publication context and where it came from."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.table import Table

from timeline.ingest.model import ORIGIN_LABELS
from timeline.types import Document, Problem


def _with_origin(document: Document, name: str, value: object) -> str:
    if value is None:
        return "-"
    origin = document.provenance.get(name)
    return f"{value}\n[dim]{ORIGIN_LABELS.get(origin, origin)}[/]" if origin else str(value)


def documents_table(documents: Sequence[Document]) -> Table:
    table = Table(show_lines=False)
    for name in ("id", "published", "updated", "timezone"):
        table.add_column(name, no_wrap=False, overflow="fold", max_width=26)
    table.add_column("title / outlet", ratio=1, overflow="fold")
    table.add_column("set apart", justify="right")
    for document in documents:
        published = None
        if document.published is not None:
            published = (
                document.published.date().isoformat()
                if document.published_granularity == "day"
                else document.published.isoformat(timespec="minutes")
            )
        updated = document.updated.isoformat(timespec="minutes") if document.updated else None
        heading = document.title or "-"
        if document.outlet:
            heading += f"\n[dim]{document.outlet}[/]"
        for copy in document.also_published_by:
            heading += f"\n[dim]also: {copy.outlet or copy.id}[/]"
        table.add_row(
            document.id,
            _with_origin(document, "published", published),
            _with_origin(document, "updated", updated),
            _with_origin(document, "timezone", document.timezone),
            heading,
            str(len(document.excluded)),
        )
    return table


def documents_json(documents: Sequence[Document], problems: Sequence[Problem]) -> str:
    """The documents without their bodies (offsets into the bodies are kept), and the problems."""
    payload = {
        "documents": [
            {**d.model_dump(mode="json", exclude={"text"}), "characters": len(d.text)} for d in documents
        ],
        "problems": [p.model_dump(mode="json") for p in problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
