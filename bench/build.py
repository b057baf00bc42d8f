"""Whole-pipeline figures: the seed build, stage by stage, and analysis throughput on real news.

    python -m bench build
    BENCH_BUILD_REPEAT=10 python -m bench build

1. The seed corpus (`timeline build` with no arguments), best of several runs, split into the
   stages ingest, analysis (tag + events), merge and render.
2. Analysis throughput (documents/s, KB/s) on the TempEval-3 news texts from ../shared, with one
   process and with one worker per CPU, and the peak memory of this process.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pendulum

from bench._shared import peak_rss_mb, shared_path
from timeline import merge, render
from timeline.pipeline import BuildOptions, analyse_document, build_timeline, read_documents
from timeline.temporal.timeml import read_timeml
from timeline.types import Document

REPO = Path(__file__).resolve().parent.parent


def _best_of(repeat: int, action: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def _seed_build(repeat: int) -> None:
    seeds = [str(REPO / "seeds")]
    ingest_s, (documents, problems) = _best_of(repeat, lambda: read_documents(seeds, BuildOptions()))
    analyse_s, mentions = _best_of(
        repeat, lambda: [m for d in documents for m in analyse_document(d)]
    )
    merge_s, _ = _best_of(repeat, lambda: merge.merge_mentions(mentions))
    timeline = build_timeline(documents, problems=problems, workers=1)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        render_s, _ = _best_of(repeat, lambda: render.write_site(timeline, Path(tmp) / "site"))
    total = ingest_s + analyse_s + merge_s + render_s
    print(f"seed build (best of {repeat}): {total * 1000:.0f} ms in all")
    for name, seconds in [("ingest", ingest_s), ("tag + events", analyse_s), ("merge", merge_s), ("render", render_s)]:
        print(f"  {name:<13} {seconds * 1000:7.1f} ms")
    print(f"  -> {len(timeline.events)} events, {len(timeline.undated)} undated, from {len(documents)} documents")


def _tempeval_documents(folder: Path) -> list[Document]:
    documents = []
    for path in sorted(folder.rglob("*.tml")):
        parsed = read_timeml(path)
        dct = pendulum.parse(parsed.dct[:10], exact=True)
        published = pendulum.datetime(dct.year, dct.month, dct.day, tz="UTC")
        documents.append(
            Document(
                id=path.stem,
                origin=str(path),
                text=parsed.text,
                published=published,
                published_granularity="day",
                timezone="UTC",
            )
        )
    return documents


def _throughput() -> None:
    folder = shared_path("data", "tempeval3")
    if folder is None:
        return
    documents = _tempeval_documents(folder)
    kilobytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1024
    cpus = os.cpu_count() or 1
    for workers in sorted({1, cpus}):
        # The pipeline only starts worker processes for large inputs, so give it enough.
        batch = documents * (1 if workers == 1 else max(1, 256 // len(documents) + 1))
        started = time.perf_counter()
        timeline = build_timeline(batch, workers=workers)
        elapsed = time.perf_counter() - started
        kb = kilobytes * len(batch) / len(documents)
        print(
            f"analysis + merge, {workers} process{'es' * (workers > 1)}: {len(batch)} TempEval documents "
            f"({kb:.0f} KB) in {elapsed:.2f} s = {len(batch) / elapsed:.0f} documents/s, "
            f"{kb / elapsed:.0f} KB/s; {len(timeline.events)} events"
        )
    print(f"peak memory of this process: {peak_rss_mb():.0f} MB (RSS)")


def run() -> None:
    repeat = int(os.environ.get("BENCH_BUILD_REPEAT", "5"))
    _seed_build(repeat)
    _throughput()
