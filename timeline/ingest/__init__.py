"""Stage 1, ingest: sources (files, folders, globs, URLs) -> `Document`s with publication context.

Contract used by the pipeline:

    iter_documents(sources, options) -> Iterator[Document | Problem]

It yields each readable document and, for each source that cannot be read, a `Problem` that
names the source and says what to do; one bad source never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from timeline.types import Document, Problem


@dataclass(frozen=True)
class IngestOptions:
    manifest: Path | None = None
    timezone: str | None = None  # --tz: the zone of documents that state none
    published: datetime | None = None  # --published: for documents that state no date


def iter_documents(sources: Sequence[str | Path], options: IngestOptions = IngestOptions()) -> Iterator[Document | Problem]:
    raise NotImplementedError
