"""Stage 1, ingest: sources (files, folders, globs, URLs) -> `Document`s with publication context.

Contract used by the pipeline:

    iter_documents(sources, options) -> Iterator[Document | Problem]

It yields each readable document and, for each source that cannot be read, a `Problem` that
names the source and says what to do; one bad source never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from timeline.ingest.context import Defaults, contextualise, layers
from timeline.ingest.manifest import ManifestFinder
from timeline.ingest.model import RawDocument
from timeline.ingest.sources import (
    MARKDOWN_SUFFIXES,
    TEXT_SUFFIXES,
    FileSource,
    Source,
    UrlSource,
    expand,
)
from timeline.ingest.text import read_text_file
from timeline.types import Document, Problem

__all__ = ["IngestOptions", "iter_documents", "read_documents"]


@dataclass(frozen=True)
class IngestOptions:
    manifest: Path | None = None
    timezone: str | None = None  # --tz: the zone of documents that state none
    published: datetime | date | None = None  # --published: for documents that state no date


def iter_documents(
    sources: Sequence[str | Path], options: IngestOptions = IngestOptions()
) -> Iterator[Document | Problem]:
    """Read every source; yield its documents, and a `Problem` for whatever cannot be read."""
    finder = ManifestFinder(options.manifest)
    defaults = Defaults(timezone=options.timezone, published=options.published)
    ids = _UniqueIds()
    yield from finder.take_problems()
    for source in expand(sources):
        if isinstance(source, Problem):
            yield source
            continue
        for raw in _read(source):
            yield from finder.take_problems()
            if isinstance(raw, Problem):
                yield raw
                continue
            manifests = finder.for_path(source.path, source.root) if isinstance(source, FileSource) else finder.for_url(source.url)
            yield from finder.take_problems()
            location = source.path if isinstance(source, FileSource) else source.url
            document, problems = contextualise(raw, layers(raw, manifests, location), defaults)
            yield from problems
            document, clash = ids.claim(document)
            if clash:
                yield clash
            yield document


def read_documents(
    sources: Sequence[str | Path], options: IngestOptions = IngestOptions()
) -> tuple[list[Document], list[Problem]]:
    """`iter_documents`, collected: the documents and the problems."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for item in iter_documents(sources, options):
        (problems if isinstance(item, Problem) else documents).append(item)
    return documents, problems


def _read(source: Source) -> Iterator[RawDocument | Problem]:
    """One source -> its raw documents (a JSON Lines file holds many)."""
    if isinstance(source, UrlSource):
        yield Problem(origin=source.url, message="URLs cannot be read yet")
        return
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        yield Problem(origin=source.origin, message=f"cannot be read ({exc.strerror}); check the file's permissions")
        return
    suffix = source.path.suffix.lower()
    if suffix in TEXT_SUFFIXES | MARKDOWN_SUFFIXES:
        yield read_text_file(source.path, source.origin, data)
    else:
        yield Problem(origin=source.origin, message=f"files of type {suffix or '(none)'} cannot be read yet")


class _UniqueIds:
    """Keeps document ids unique: a second 'story' (from another folder) becomes 'story-2'."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, document: Document) -> tuple[Document, Problem | None]:
        if document.id not in self._seen:
            self._seen.add(document.id)
            return document, None
        number = 2
        while f"{document.id}-{number}" in self._seen:
            number += 1
        new_id = f"{document.id}-{number}"
        self._seen.add(new_id)
        problem = Problem(
            origin=document.origin,
            severity="warning",
            message=f"id {document.id!r} is already taken by another document; this one is {new_id!r} "
            "(give it an 'id:' in its metadata to choose)",
        )
        return document.model_copy(update={"id": new_id}), problem
