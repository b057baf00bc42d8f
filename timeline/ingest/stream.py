"""Reading at scale, in three steps, so that the costly one can run in worker processes:

1. `plan` (main process, cheap): the sources expanded into files, URLs and JSON Lines files,
   and how many input items they hold (a file, a record, a URL each), so that progress can
   show a total before anything is read. `Plan.entries` then streams the items in input
   order, with the manifest metadata each needs; URLs are fetched here.
2. `read_item` (anywhere, a pure function of the item): decode, parse, extract the text of a
   page, settle the publication context, and take the duplicate-detection fingerprint.
3. `Admission` (main process, in input order): unique ids, streaming duplicate detection,
   and the warning digest. A document is passed on as soon as it is admitted; a copy of an
   earlier one is dropped, and its original told of it by a `Republished` record.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx

from timeline.ingest.context import (
    Defaults,
    ManifestFields,
    contextualise,
    layers,
    tz_option_problem,
)
from timeline.ingest.dedupe import (
    DEFAULT_THRESHOLD,
    DuplicateIndex,
    Fingerprint,
    Original,
    duplicate_problem,
    fingerprint,
    republication,
)
from timeline.ingest.fetch import FetchError, FetchSettings, fetch, make_client, url_stem
from timeline.ingest.html import looks_like_html, read_html
from timeline.ingest.jsonl import Line, count_items, jsonl_lines, parse_line, unknown_fields_problem
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
from timeline.types import Document, Problem, Republication


@dataclass(frozen=True)
class IngestOptions:
    manifest: Path | None = None
    timezone: str | None = None  # --tz: the zone of documents that state none
    published: datetime | date | None = None  # --published: for documents that state no date
    fetch: FetchSettings = field(default_factory=FetchSettings)
    deduplicate: bool = True
    near_duplicate_threshold: float = DEFAULT_THRESHOLD


# -- items: what one read needs, self-contained so that it can be sent to a worker ------------


@dataclass(frozen=True)
class FileItem:
    """A text, Markdown or HTML file."""

    source: FileSource
    manifest: ManifestFields


@dataclass(frozen=True)
class LineItem:
    """One JSON Lines record; `last` marks the file's last one (its warnings are then due)."""

    line: Line
    manifest: ManifestFields
    last: bool


@dataclass(frozen=True)
class PageItem:
    """A page fetched from a URL."""

    url: str
    final_url: str
    content: bytes
    manifest: ManifestFields


Item = FileItem | LineItem | PageItem


@dataclass(frozen=True)
class Read:
    """What reading one item gave: its document, or the problems that stopped it."""

    document: Document | None
    problems: tuple[Problem, ...] = ()
    fingerprint: Fingerprint | None = None
    items: int = 1  # input items it stands for (0 for a source that names nothing)
    jsonl: str | None = None  # for a JSON Lines record: its file
    last: bool = False  # the file's last record: the warning on keys not understood is due
    unknown_fields: tuple[str, ...] = ()  # keys of the record not understood


@dataclass(frozen=True)
class Republished:
    """`copy` repeats the admitted document `of`, which should list it in `also_published_by`."""

    of: str
    copy: Republication


# -- 1. the plan -----------------------------------------------------------------------------


@dataclass
class Plan:
    """The sources to read, in input order, and how many input items they hold."""

    options: IngestOptions
    sources: list[Source | Problem]
    total: int
    defaults: Defaults
    defaults_problem: Problem | None

    def entries(self) -> Iterator[Item | Read | Problem]:
        """Each item to read, in input order; a `Read` for what the main process settled
        itself (a source that names nothing, a page that could not be fetched, an empty
        JSON Lines file); a bare `Problem` for what concerns no item (a broken manifest)."""
        if self.defaults_problem:
            yield self.defaults_problem
        finder = ManifestFinder(self.options.manifest)
        yield from finder.take_problems()
        with _Fetcher(self.options.fetch) as fetcher:
            for source in self.sources:
                if isinstance(source, Problem):
                    yield Read(None, (source,), items=0)
                elif isinstance(source, UrlSource):
                    manifest = ManifestFields.of(finder.for_url(source.url), source.url)
                    yield fetcher.get(source.url, manifest)
                else:
                    manifest = ManifestFields.of(finder.for_path(source.path, source.root), source.path)
                    yield from finder.take_problems()
                    if source.path.suffix.lower() in JSONL_SUFFIXES:
                        yield from _lines(source, manifest)
                    else:
                        yield FileItem(source, manifest)


def plan(sources: Sequence[str | Path], options: IngestOptions) -> Plan:
    """Expand the sources and count their items (JSON Lines records are counted, not parsed)."""
    expanded = list(expand(sources))
    total = sum(_items_in(source) for source in expanded)
    defaults, problem = _defaults(options)
    return Plan(options, expanded, total, defaults, problem)


def _items_in(source: Source | Problem) -> int:
    if isinstance(source, Problem):
        return 0
    if isinstance(source, FileSource) and source.path.suffix.lower() in JSONL_SUFFIXES:
        return count_items(source.path)
    return 1


def _lines(source: FileSource, manifest: ManifestFields) -> Iterator[LineItem | Read]:
    """The records of a JSON Lines file, each knowing whether it is the last one."""
    previous: Line | None = None
    for line in jsonl_lines(source.path, source.origin):
        if isinstance(line, Problem):
            if previous is not None:  # the file could not be read further: what came is all
                yield LineItem(previous, manifest, last=True)
                previous = None
            yield Read(None, (line,))
            continue
        if previous is not None:
            yield LineItem(previous, manifest, last=False)
        previous = line
    if previous is not None:
        yield LineItem(previous, manifest, last=True)


def _defaults(options: IngestOptions) -> tuple[Defaults, Problem | None]:
    """The command-line fallbacks; an unknown --tz is reported once and not used."""
    if options.timezone and (problem := tz_option_problem(options.timezone)):
        return Defaults(published=options.published), problem
    return Defaults(timezone=options.timezone, published=options.published), None


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

    def get(self, url: str, manifest: ManifestFields) -> PageItem | Read:
        if self._client is None:
            self._client = self._stack.enter_context(make_client(self.settings))
        try:
            fetched = fetch(self._client, url, self.settings)
        except FetchError as exc:
            return Read(None, (Problem(origin=url, message=str(exc)),))
        return PageItem(url, fetched.url, fetched.content, manifest)


# -- 2. reading one item ---------------------------------------------------------------------


def read_item(item: Item, defaults: Defaults, fingerprints: bool = True) -> Read:
    """Read one item into its document: a pure function of its arguments (worker-safe).

    Never raises: whatever goes wrong costs this item only, and says so in a Problem.
    """
    try:
        raw, unknown = _raw(item)
        if isinstance(raw, Problem):
            return Read(None, (raw,), unknown_fields=unknown, **_place(item))
        document, problems = contextualise(raw, layers(raw, item.manifest), defaults)
        found = fingerprint(document) if fingerprints else None
        return Read(document, tuple(problems), found, unknown_fields=unknown, **_place(item))
    except Exception as exc:  # a bug must cost one document, never the build
        return unread(item, unexpected(item_origin(item), exc))


def unread(item: Item, problem: Problem) -> Read:
    """The read of an item that gave nothing but `problem`."""
    return Read(None, (problem,), **_place(item))


def _place(item: Item) -> dict[str, Any]:
    """Where a JSON Lines record stands in its file (see `Read`)."""
    return {"jsonl": item.line.origin, "last": item.last} if isinstance(item, LineItem) else {}


def read_items(items: Sequence[Item], defaults: Defaults, fingerprints: bool = True) -> list[Read]:
    """`read_item` over a batch: one task for a worker process."""
    return [read_item(item, defaults, fingerprints) for item in items]


def item_origin(item: Item) -> str:
    if isinstance(item, FileItem):
        return item.source.origin
    if isinstance(item, LineItem):
        return f"{item.line.origin}:{item.line.number}"
    return item.url


def _raw(item: Item) -> tuple[RawDocument | Problem, tuple[str, ...]]:
    if isinstance(item, LineItem):
        raw, unknown = parse_line(item.line)
        return raw, tuple(unknown)
    if isinstance(item, PageItem):
        return read_html(item.content, item.url, url_stem(item.final_url), url=item.url), ()
    source = item.source
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        return Problem(origin=source.origin, message=f"cannot be read ({exc.strerror}); check the file's permissions"), ()
    suffix = source.path.suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in READABLE_SUFFIXES and looks_like_html(data)):
        return read_html(data, source.origin, source.path.stem), ()
    return read_text_file(source.path, source.origin, data), ()


def unexpected(origin: str, exc: Exception, step: str = "read") -> Problem:
    """A bug met while working on `origin`, as a one-line problem."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return Problem(
        origin=origin,
        message=f"could not be {step} ({type(exc).__name__}{': ' + detail if detail else ''}); "
        "please report this with the file",
    )


# -- 3. admission ----------------------------------------------------------------------------


class Admission:
    """Documents in input order -> unique ids, duplicates dropped, warnings folded.

    Errors come out as they are met; warnings wait for `finish` (see `WarningDigest`).
    """

    def __init__(self, options: IngestOptions) -> None:
        self._ids = _UniqueIds()
        self._duplicates = DuplicateIndex(options.near_duplicate_threshold) if options.deduplicate else None
        self._warnings = WarningDigest()
        self._unknown: dict[str, set[str]] = {}

    def take(self, entry: Read | Problem) -> list[Document | Problem | Republished]:
        if isinstance(entry, Problem):
            return [entry]
        out: list[Document | Problem | Republished] = []
        for problem in entry.problems:
            out.extend(self._warnings.add(problem))
        if entry.jsonl is not None:
            out.extend(self._unknown_fields(entry.jsonl, entry))
        if entry.document is not None:
            out.extend(self._admit(entry.document, entry.fingerprint))
        return out

    def finish(self) -> list[Problem]:
        return list(self._warnings.summary())

    def _admit(self, document: Document, found: Fingerprint | None) -> list[Document | Problem | Republished]:
        document, clash = self._ids.claim(document)
        out: list[Document | Problem | Republished] = list(self._warnings.add(clash)) if clash else []
        if self._duplicates is None:
            return [*out, document]
        assert found is not None, "documents are read with their fingerprint when duplicates are searched"
        duplicate = self._duplicates.check(Original(document.id, document.origin), found)
        if duplicate is None:
            return [*out, document]
        out.extend(self._warnings.add(duplicate_problem(document, duplicate)))
        out.append(Republished(duplicate.of.id, republication(document, duplicate.similarity)))
        return out

    def _unknown_fields(self, jsonl: str, entry: Read) -> Iterator[Problem]:
        """Keys a file's records carry that are not understood: one warning per file, at its end."""
        if entry.unknown_fields:
            self._unknown.setdefault(jsonl, set()).update(entry.unknown_fields)
        if entry.last and (unknown := self._unknown.pop(jsonl, None)):
            yield from self._warnings.add(unknown_fields_problem(jsonl, unknown))


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
