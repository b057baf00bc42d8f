"""Stage 1, ingest: sources (files, folders, globs, URLs) -> `Document`s with publication context.

Contract used by the pipeline:

    iter_documents(sources, options) -> Iterator[Document | Problem]

It yields each readable document and, for each source that cannot be read, a `Problem` that
names the source and says what to do; one bad source never stops the others.

Documents stream: each comes as soon as it is read and known to repeat no earlier one, so
memory does not grow with the input. A copy of an earlier document is dropped (with a
warning), and the earlier one, already passed on, is told of it by `on_republished`. The
steps are in `timeline.ingest.stream`, where the pipeline takes them apart to read in worker
processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from timeline.ingest.fetch import FetchSettings
from timeline.ingest.stream import (
    Admission,
    IngestOptions,
    Item,
    Plan,
    Read,
    Republished,
    plan,
    read_item,
)
from timeline.types import Document, Problem, Republication, Source

__all__ = [
    "FetchSettings", "IngestOptions", "Plan", "Republished", "iter_documents", "plan",
    "read_documents", "with_republications",
]

Listing = TypeVar("Listing", Document, Source)
DEFAULT_OPTIONS = IngestOptions()


def iter_documents(
    sources: Sequence[str | Path],
    options: IngestOptions = DEFAULT_OPTIONS,
    *,
    on_republished: Callable[[Republished], None] | None = None,
) -> Iterator[Document | Problem]:
    """Read every source; yield its documents, and a `Problem` for whatever cannot be read.

    Documents come in input order as they are read; errors as they are met; warnings at the
    end, folded when many documents share one. Of several copies of a story (exact or near
    duplicates) the first is yielded and the others dropped, each with a warning and a call
    of `on_republished` (unless `options.deduplicate` is off).
    """
    reading = plan(sources, options)
    admission = Admission(options)
    for entry in reading.entries():
        for found in admission.take(_read(entry, reading)):
            if isinstance(found, Republished):
                if on_republished:
                    on_republished(found)
            else:
                yield found
    yield from admission.finish()


def _read(entry: Item | Read | Problem, reading: Plan) -> Read | Problem:
    if isinstance(entry, Read | Problem):
        return entry
    return read_item(entry, reading.defaults, reading.options.deduplicate)


def read_documents(
    sources: Sequence[str | Path], options: IngestOptions = DEFAULT_OPTIONS
) -> tuple[list[Document], list[Problem]]:
    """`iter_documents`, collected: the documents (each listing its republications) and the problems."""
    documents: list[Document] = []
    problems: list[Problem] = []
    republished: list[Republished] = []
    for item in iter_documents(sources, options, on_republished=republished.append):
        (problems if isinstance(item, Problem) else documents).append(item)
    return with_republications(documents, republished), problems


def with_republications(listed: list[Listing], republished: Sequence[Republished]) -> list[Listing]:
    """Each document (or its `Source`) listing the copies of it that were dropped, in input order."""
    copies: dict[str, list[Republication]] = {}
    for record in republished:
        copies.setdefault(record.of, []).append(record.copy)
    return [
        d.model_copy(update={"also_published_by": (*d.also_published_by, *copies[d.id])}) if d.id in copies else d
        for d in listed
    ]
