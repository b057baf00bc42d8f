"""The whole path: ingest -> temporal -> events -> merge -> render.

`read_items` (ingest) and `analyse_document` are the per-document parts: pure functions of
their input, so they run unchanged in worker processes here and, later, on a cluster. The
main process does the cheap global steps in input order (unique ids, duplicate detection),
keeps only what the timeline needs of each document (its `Source` and its mentions), and
merges the mentions once at the end.

Documents stream through: reading, admitting and analysing overlap, with a bounded number of
tasks in flight at each step, so memory follows the number of documents (sources and
mentions), not the size of their text. The output does not depend on the number of workers:
results are taken in input order, and merging sorts what it is given.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from timeline import events, ingest, merge, render, temporal
from timeline.ingest.stream import (
    Admission,
    Item,
    Plan,
    Read,
    Republished,
    item_origin,
    read_items,
    unexpected,
    unread,
)
from timeline.parallel import Batch, Ready, Workers
from timeline.types import Document, Generator, Mention, Problem, Source, Timeline

# Below this many documents, starting worker processes costs more than it saves.
_PARALLEL_THRESHOLD = 64
_CHUNK = 16  # documents per analysis task
_READ_BATCH = 16  # items per reading task
_TASKS_PER_WORKER = 4  # tasks in flight per worker, at each step

DEFAULT_SOURCES = ("seeds",)
DEFAULT_OUT = "site"

Progress = Callable[[int], None]  # called with the number of input items just finished
Stage = Callable[[str], None]  # told what the build does next, once reading and analysis end
T = TypeVar("T")


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


def analyse_document(document: Document) -> list[Mention]:
    """Tag one document against its publication context and turn it into mentions."""
    timexes = temporal.tag(
        document.text,
        document.published,
        timezone=document.timezone,
        language=document.language,
    )
    return events.extract_mentions(document, timexes)


@dataclass(frozen=True)
class Analysed:
    mentions: list[Mention]
    problem: Problem | None = None


def _analyse_chunk(documents: list[Document]) -> list[Analysed]:
    return [_analyse_safely(document) for document in documents]


def _analyse_safely(document: Document) -> Analysed:
    try:
        return Analysed(analyse_document(document))
    except Exception as exc:  # a bug must cost one document, never the build
        return Analysed([], unexpected(document.origin, exc, "analysed"))


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class _Engine:
    """One build's streaming state: what is kept of each document, and the worker processes."""

    def __init__(self, workers: int | None, progress: Progress | None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.progress = progress or (lambda count: None)
        self.sources: list[Source] = []
        self.mentions: list[Mention] = []
        self.problems: list[Problem] = []  # reading's, in input order
        self.analysis_problems: list[Problem] = []  # analysis's, in input order
        self.republished: list[Republished] = []
        self._pool = Workers(1)
        self._stack = ExitStack()

    def __enter__(self) -> _Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    def start_workers(self, expected: int) -> None:
        if self.workers > 1 and expected >= _PARALLEL_THRESHOLD:
            self._pool = self._stack.enter_context(Workers(self.workers, _TASKS_PER_WORKER))

    def read(self, plan: Plan) -> Iterator[Document]:
        """The plan's documents, read (in workers) and admitted (here) in input order."""
        run = partial(read_items, defaults=plan.defaults, fingerprints=plan.options.deduplicate)
        work = (
            Batch(run, entry, _lost_reading) if isinstance(entry, list) else Ready([entry])
            for entry in _grouped(plan.entries(), _READ_BATCH)
        )
        admission = Admission(plan.options)
        for reads in self._pool.map(work):
            for entry in reads:
                yield from self._admit(admission, entry)
        self.problems.extend(admission.finish())

    def _admit(self, admission: Admission, entry: Read | Problem) -> Iterator[Document]:
        admitted = False
        for found in admission.take(entry):
            if isinstance(found, Document):
                admitted = True
                yield found
            elif isinstance(found, Problem):
                self.problems.append(found)
            else:
                self.republished.append(found)
        if isinstance(entry, Read) and entry.items and not admitted:
            self.progress(entry.items)  # read, but nothing to analyse

    def analyse(self, documents: Iterable[Document]) -> None:
        """Turn the documents into mentions (in workers), keeping each one's `Source`."""
        work = (
            Batch(_analyse_chunk, chunk, _lost_analysis)
            for chunk in _batches(self._listed(documents), _CHUNK)
        )
        for results in self._pool.map(work):
            for analysed in results:
                self.mentions.extend(analysed.mentions)
                if analysed.problem:
                    self.analysis_problems.append(analysed.problem)
            self.progress(len(results))

    def _listed(self, documents: Iterable[Document]) -> Iterator[Document]:
        """The documents as they pass, each listed among the sources: of a document, the
        timeline keeps its `Source` and its mentions only, so that memory does not follow
        the size of the text."""
        for document in documents:
            self.sources.append(Source.of(document))
            yield document

    def timeline(self, problems: Iterable[Problem] = (), on_stage: Stage | None = None) -> Timeline:
        from timeline import __version__

        if on_stage:
            on_stage(f"Merging {len(self.mentions):,} statements")
        merged, undated = merge.merge_mentions(self.mentions)
        sources = ingest.with_republications(sorted(self.sources, key=lambda s: s.id), self.republished)
        return Timeline(
            generator=Generator(version=__version__),
            sources=tuple(sources),
            events=tuple(merged),
            undated=tuple(undated),
            problems=(*problems, *self.problems, *self.analysis_problems),
        )


_DIED = "the worker process {step} it stopped (out of memory, or a crash); the other documents are not affected"


def _lost_reading(item: Item) -> Read:
    return unread(item, Problem(origin=item_origin(item), message=_DIED.format(step="reading")))


def _lost_analysis(document: Document) -> Analysed:
    return Analysed([], Problem(origin=document.origin, message=_DIED.format(step="analysing")))


def _grouped(entries: Iterable[Item | Read | Problem], size: int) -> Iterator[list[Item] | Read | Problem]:
    """Runs of items to read, in batches of at most `size`; anything else in its place."""
    for to_read, run in itertools.groupby(entries, key=lambda entry: not isinstance(entry, Read | Problem)):
        if to_read:
            yield from _batches(run, size)
        else:
            yield from run


def build_timeline(
    documents: Iterable[Document],
    *,
    problems: Iterable[Problem] = (),
    workers: int | None = 1,
    progress: Progress | None = None,
) -> Timeline:
    """Documents -> `Timeline` (no files written). `documents` may be any iterable: it is
    consumed as it is analysed, and only each document's `Source` and mentions are kept."""
    documents, expected = _counted(documents)
    with _Engine(workers, progress) as engine:
        engine.start_workers(expected)
        engine.analyse(documents)
    return engine.timeline(problems)


def _counted(documents: Iterable[Document]) -> tuple[Iterable[Document], int]:
    """The documents, and how many there are (up to the parallel threshold, for an iterator)."""
    if isinstance(documents, Sequence):
        return documents, len(documents)
    iterator = iter(documents)
    head = list(itertools.islice(iterator, _PARALLEL_THRESHOLD))
    return itertools.chain(head, iterator), len(head)


def read_documents(
    sources: Sequence[str | Path], options: BuildOptions
) -> tuple[list[Document], list[Problem]]:
    """Every document read, held in memory (see `build` for the streaming path)."""
    return ingest.read_documents(sources, _ingest_options(options))


def _ingest_options(options: BuildOptions) -> ingest.IngestOptions:
    return ingest.IngestOptions(
        manifest=options.manifest, timezone=options.timezone, published=options.published
    )


def build(
    sources: Sequence[str | Path] = DEFAULT_SOURCES,
    out_dir: str | Path | None = DEFAULT_OUT,
    options: BuildOptions = BuildOptions(),
    *,
    on_documents: Callable[[int], None] | None = None,
    progress: Progress | None = None,
    on_stage: Stage | None = None,
) -> BuildResult:
    """Read `sources`, build the timeline, and write the site into `out_dir` (None: no files).

    `on_documents` is told how many input items there are (files, JSON Lines records, URLs),
    once they are counted and before any is read, so that a caller can size a progress bar;
    `progress` is then called as items finish (read and analysed, or dropped as unreadable
    or as a duplicate). `on_stage` is told what comes after: merging, writing the site.
    """
    plan = ingest.plan(sources, _ingest_options(options))
    if on_documents:
        on_documents(plan.total)
    with _Engine(options.workers, progress) as engine:
        engine.start_workers(plan.total)
        engine.analyse(engine.read(plan))
    timeline = engine.timeline(on_stage=on_stage)
    result = BuildResult(timeline=timeline, problems=list(timeline.problems))
    if out_dir is not None and timeline.sources:
        if on_stage:
            on_stage("Writing the site")
        result.out_dir = Path(out_dir)
        render.write_site(timeline, result.out_dir, cdn=options.cdn)
    return result
