"""The whole path: ingest -> temporal -> events -> merge -> render.

`analyse_document` is the per-document part (tag, then extract mentions). It is a pure
function of one `Document`, so it runs unchanged in worker processes here and, later, on a
cluster. Merging needs every mention and runs once, in the parent.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from timeline import events, ingest, merge, render, temporal
from timeline.types import Document, Generator, Mention, Problem, Source, Timeline

# Below this many documents, starting worker processes costs more than it saves.
_PARALLEL_THRESHOLD = 64
_CHUNK = 16

DEFAULT_SOURCES = ("seeds",)
DEFAULT_OUT = "site"


@dataclass(frozen=True)
class BuildOptions:
    manifest: Path | None = None
    timezone: str | None = None
    published: datetime | date | None = None  # a date alone: that day in each document's zone
    workers: int | None = None  # None: one per CPU; 1: no worker processes
    cdn: bool = False
    strict: bool = False


@dataclass
class BuildResult:
    timeline: Timeline
    problems: list[Problem] = field(default_factory=list)
    out_dir: Path | None = None

    @property
    def documents_read(self) -> int:
        return len(self.timeline.sources)


Progress = Callable[[int], None]  # called with the number of documents just finished


def analyse_document(document: Document) -> list[Mention]:
    """Tag one document against its publication context and turn it into mentions."""
    timexes = temporal.tag(
        document.text,
        document.published,
        timezone=document.timezone,
        language=document.language,
    )
    return events.extract_mentions(document, timexes)


def _analyse_chunk(documents: list[Document]) -> list[list[Mention]]:
    return [analyse_document(document) for document in documents]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _analyse_all(
    documents: Sequence[Document], workers: int | None, progress: Progress | None
) -> Iterator[list[Mention]]:
    """Mentions of each document, in input order (so the output is deterministic)."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(documents) < _PARALLEL_THRESHOLD:
        for document in documents:
            yield analyse_document(document)
            if progress:
                progress(1)
        return
    # A bounded window of chunks in flight: Executor.map would submit every document at once,
    # which for a million articles means holding a million pickled texts in the queue.
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[list[list[Mention]]]] = deque()
        for chunk in _chunks(documents, _CHUNK):
            pending.append(pool.submit(_analyse_chunk, chunk))
            if len(pending) >= window:
                yield from _finish(pending.popleft(), progress)
        while pending:
            yield from _finish(pending.popleft(), progress)


def _finish(future: Future[list[list[Mention]]], progress: Progress | None) -> Iterator[list[Mention]]:
    results = future.result()
    if progress:
        progress(len(results))
    yield from results


def build_timeline(
    documents: Iterable[Document],
    *,
    problems: Iterable[Problem] = (),
    workers: int | None = 1,
    progress: Progress | None = None,
) -> Timeline:
    """Documents -> `Timeline` (no files written)."""
    from timeline import __version__

    documents = list(documents)
    mentions: list[Mention] = []
    for found in _analyse_all(documents, workers, progress):
        mentions.extend(found)
    merged, undated = merge.merge_mentions(mentions)
    return Timeline(
        generator=Generator(version=__version__),
        sources=tuple(Source.of(d) for d in sorted(documents, key=lambda d: d.id)),
        events=tuple(merged),
        undated=tuple(undated),
        problems=tuple(problems),
    )


def read_documents(
    sources: Sequence[str | Path], options: BuildOptions
) -> tuple[list[Document], list[Problem]]:
    ingest_options = ingest.IngestOptions(
        manifest=options.manifest, timezone=options.timezone, published=options.published
    )
    documents: list[Document] = []
    problems: list[Problem] = []
    for item in ingest.iter_documents(list(sources), ingest_options):
        (problems if isinstance(item, Problem) else documents).append(item)
    return documents, problems


def build(
    sources: Sequence[str | Path] = DEFAULT_SOURCES,
    out_dir: str | Path | None = DEFAULT_OUT,
    options: BuildOptions = BuildOptions(),
    *,
    on_documents: Callable[[int], None] | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Read `sources`, build the timeline, and write the site into `out_dir` (None: no files).

    `on_documents` is told how many documents were read, before analysis starts, so that a
    caller can size a progress bar; `progress` is then called as documents finish.
    """
    documents, problems = read_documents(sources, options)
    if on_documents:
        on_documents(len(documents))
    timeline = build_timeline(
        documents, problems=problems, workers=options.workers, progress=progress
    )
    result = BuildResult(timeline=timeline, problems=problems)
    if out_dir is not None and documents:
        result.out_dir = Path(out_dir)
        render.write_site(timeline, result.out_dir, cdn=options.cdn)
    return result
