"""Ingest throughput: documents per second over a generated folder of text files and a JSON
Lines file of the same articles, and the peak memory of each run.

    python -m bench ingest            # 3000 documents
    BENCH_INGEST_DOCUMENTS=20000 python -m bench ingest

Reading streams: the last figure, with each document let go once read (as the pipeline does),
shows memory that grows with the number of documents only through the duplicate index.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from bench._shared import peak_rss_mb
from timeline.ingest import IngestOptions, iter_documents, read_documents
from timeline.types import Problem

_WORDS = (
    "minister talks agreement officials said government week budget vote court police city "
    "company shares market report security council election president spokesperson border "
    "trade inflation statement meeting plan deal forces capital region rally crisis aid"
).split()
_SEED = 20250819


def _article(rng: random.Random, number: int) -> tuple[dict[str, str], str]:
    sentences = []
    for _ in range(rng.randint(12, 30)):
        words = rng.choices(_WORDS, k=rng.randint(8, 24))
        sentences.append(" ".join(words).capitalize() + f" on day {rng.randint(1, 28)}.")
    body = f"Headline number {number}\n" + "\n".join(sentences)
    body += "\nSign up for the Morning Report\nUpdated at 4:32 p.m. EDT\nCopyright 2025 Example Media Inc. All rights reserved.\n"
    metadata = {
        "title": f"Headline number {number}",
        "outlet": f"Outlet {number % 17}",
        "published": f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}",
        "timezone": "America/New_York",
    }
    return metadata, body


def _generate(folder: Path, count: int) -> tuple[Path, Path]:
    rng = random.Random(_SEED)
    texts = folder / "texts"
    texts.mkdir()
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as lines:
        for number in range(count):
            metadata, body = _article(rng, number)
            header = "".join(f"{k}: {v}\n" for k, v in metadata.items())
            (texts / f"article_{number:06d}.txt").write_text(f"---\n{header}---\n{body}", encoding="utf-8")
            lines.write(json.dumps({"id": f"a{number}", **metadata, "text": body}) + "\n")
    return texts, feed


def _measure(label: str, read: Callable[[], tuple[list, list]], count: int) -> None:
    started = time.perf_counter()
    documents, problems = read()
    elapsed = time.perf_counter() - started
    assert len(documents) == count, (len(documents), problems[:3])
    del documents
    tracemalloc.start()
    read()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<28} {count} documents in {elapsed:6.2f} s = {count / elapsed:7.0f} documents/s, "
        f"peak Python memory {peak / 1e6:6.1f} MB",
        flush=True,
    )


def _streamed(sources: list[Path], options: IngestOptions) -> tuple[list, list]:
    """`iter_documents` as the pipeline uses it: each document let go once it is handled;
    only how many there were is kept (as a list of that many Nones)."""
    documents, problems = [], []
    for item in iter_documents(sources, options):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            documents.append(None)
    return documents, problems


def run() -> None:
    count = int(os.environ.get("BENCH_INGEST_DOCUMENTS", "3000"))
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        texts, feed = _generate(Path(tmp), count)
        size = sum(p.stat().st_size for p in texts.iterdir()) / 1e6
        print(f"generated {count} articles ({size:.1f} MB of text), each with front matter and boilerplate")
        options = IngestOptions()
        _measure("folder of .txt files", lambda: read_documents([texts], options), count)
        _measure("one .jsonl file", lambda: read_documents([feed], options), count)
        no_dedupe = IngestOptions(deduplicate=False)
        _measure(".txt, no duplicate search", lambda: read_documents([texts], no_dedupe), count)
        _measure(".txt, streamed (none kept)", lambda: _streamed([texts], options), count)
    print(f"peak resident memory of the process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    run()
