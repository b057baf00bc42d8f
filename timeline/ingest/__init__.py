"""Stage 1, ingest: sources (files, folders, globs, URLs) -> `Document`s with publication context.

Contract used by the pipeline:

    iter_documents(sources, options) -> Iterator[Document | Problem]

It yields each readable document and, for each source that cannot be read, a `Problem` that
names the source and says what to do; one bad source never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import httpx

from timeline.ingest.context import Defaults, contextualise, layers, zone_of
from timeline.ingest.dedupe import DEFAULT_THRESHOLD, deduplicate
from timeline.ingest.fetch import FetchError, FetchSettings, fetch, make_client, url_stem
from timeline.ingest.html import looks_like_html, read_html
from timeline.ingest.jsonl import read_jsonl
from timeline.ingest.manifest import ManifestFinder
from timeline.ingest.model import RawDocument
from timeline.ingest.problems import WarningDigest
from timeline.ingest.sources import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    READABLE_SUFFIXES,
    FileSource,
    Source,
    UrlSource,
    expand,
)
from timeline.ingest.text import read_text_file
from timeline.types import Document, Problem

__all__ = ["FetchSettings", "IngestOptions", "iter_documents", "read_documents"]


@dataclass(frozen=True)
class IngestOptions:
    manifest: Path | None = None
    timezone: str | None = None  # --tz: the zone of documents that state none
    published: datetime | date | None = None  # --published: for documents that state no date
    fetch: FetchSettings = field(default_factory=FetchSettings)
    deduplicate: bool = True
    near_duplicate_threshold: float = DEFAULT_THRESHOLD


def iter_documents(
    sources: Sequence[str | Path], options: IngestOptions = IngestOptions()
) -> Iterator[Document | Problem]:
    """Read every source; yield its documents, and a `Problem` for whatever cannot be read.

    Problems come as they are found. Documents come at the end, once duplicates across
    all sources have been recognised (unless `options.deduplicate` is off).
    """
    finder = ManifestFinder(options.manifest)
    defaults, problem = _defaults(options)
    if problem:
        yield problem
    ids = _UniqueIds()
    documents: list[Document] = []
    warnings = WarningDigest()
    yield from finder.take_problems()
    with _Fetcher(options.fetch) as fetcher:
        for source in expand(sources):
            if isinstance(source, Problem):
                yield from warnings.add(source)
                continue
            for raw in _guarded(_read(source, fetcher), source.origin):
                yield from finder.take_problems()
                if isinstance(raw, Problem):
                    yield from warnings.add(raw)
                    continue
                if isinstance(source, FileSource):
                    manifests, location = finder.for_path(source.path, source.root), source.path
                else:
                    manifests, location = finder.for_url(source.url), source.url
                yield from finder.take_problems()
                try:
                    document, problems = contextualise(raw, layers(raw, manifests, location), defaults)
                except Exception as exc:  # a bug must cost one document, never the build
                    yield _unexpected(raw.origin, exc)
                    continue
                document, clash = ids.claim(document)
                for found in [*problems, *([clash] if clash else [])]:
                    yield from warnings.add(found)
                if options.deduplicate:
                    documents.append(document)
                else:
                    yield document
    if documents:
        documents, problems = deduplicate(documents, options.near_duplicate_threshold)
        for found in problems:
            yield from warnings.add(found)
    yield from warnings.summary()
    yield from documents


def _guarded(items: Iterator[RawDocument | Problem], origin: str) -> Iterator[RawDocument | Problem]:
    """`items`, ending with a Problem instead of an exception if reading fails unexpectedly."""
    try:
        yield from items
    except Exception as exc:  # a bug must cost one source, never the build
        yield _unexpected(origin, exc)


def _unexpected(origin: str, exc: Exception) -> Problem:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return Problem(
        origin=origin,
        message=f"could not be read ({type(exc).__name__}{': ' + detail if detail else ''}); "
        "please report this with the file",
    )


def _defaults(options: IngestOptions) -> tuple[Defaults, Problem | None]:
    """The command-line fallbacks; an unknown --tz is reported once and not used."""
    if options.timezone:
        try:
            zone_of(options.timezone)
        except ValueError:
            problem = Problem(
                origin="--tz",
                message=f"{options.timezone!r} is not a zone name; use an IANA name such as "
                "America/New_York or an offset such as +02:00",
            )
            return Defaults(published=options.published), problem
    return Defaults(timezone=options.timezone, published=options.published), None


def read_documents(
    sources: Sequence[str | Path], options: IngestOptions = IngestOptions()
) -> tuple[list[Document], list[Problem]]:
    """`iter_documents`, collected: the documents and the problems."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for item in iter_documents(sources, options):
        (problems if isinstance(item, Problem) else documents).append(item)
    return documents, problems


class _Fetcher:
    """An HTTP client opened on the first URL only, and closed when reading ends."""

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self._client: httpx.Client | None = None
        self._stack = ExitStack()

    def __enter__(self) -> _Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    def get(self, url: str) -> RawDocument | Problem:
        if self._client is None:
            self._client = self._stack.enter_context(make_client(self.settings))
        try:
            fetched = fetch(self._client, url, self.settings)
        except FetchError as exc:
            return Problem(origin=url, message=str(exc))
        return read_html(fetched.content, url, url_stem(fetched.url), url=url)


def _read(source: Source, fetcher: _Fetcher) -> Iterator[RawDocument | Problem]:
    """One source -> its raw documents (a JSON Lines file holds many)."""
    if isinstance(source, UrlSource):
        yield fetcher.get(source.url)
        return
    suffix = source.path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(source.path, source.origin)
        return
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        yield Problem(origin=source.origin, message=f"cannot be read ({exc.strerror}); check the file's permissions")
        return
    if suffix in HTML_SUFFIXES or (suffix not in READABLE_SUFFIXES and looks_like_html(data)):
        yield read_html(data, source.origin, source.path.stem)
    else:
        yield read_text_file(source.path, source.origin, data)


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
