"""Whole-pipeline figures: the seed build, stage by stage, analysis throughput on real news, and
a large synthetic build.

    python -m bench build
    BENCH_BUILD_REPEAT=10 python -m bench build
    BENCH_BUILD_DOCUMENTS=100000 python -m bench build    # the large build's size (default 20000)

1. The seed corpus (`timeline build` with no arguments), best of several runs, split into the
   stages ingest, analysis (tag + events), merge and render.
2. Analysis throughput (documents/s, KB/s) on the TempEval-3 news texts from ../shared, with one
   process and with one worker per CPU, and the peak memory of this process.
3. A large build (`timeline.build` on a folder of generated articles, see `bench/_corpus.py`),
   with one process and with one worker per CPU, each in a fresh process: documents/s through
   reading and analysis (in wall time, and per CPU-second, which a busy machine does not
   change), the peak resident memory of the main process and of a worker by then,
   and (in the last run only: it does not depend on the workers) merge time and peak memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pendulum

from bench._corpus import write_folder
from bench._shared import peak_rss_mb, shared_path
from timeline import merge, render
from timeline.pipeline import BuildOptions, analyse_document, build, build_timeline, read_documents
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


def _large_build() -> None:
    count = int(os.environ.get("BENCH_BUILD_DOCUMENTS", "20000"))
    with tempfile.TemporaryDirectory(prefix="bench-build-large-") as tmp:
        folder = Path(tmp) / "articles"
        size = write_folder(folder, count)
        print(f"large build: {count} generated articles ({size / 1e6:.1f} MB of text files), about 5% republished")
        configurations = sorted({1, os.cpu_count() or 1})
        for workers in configurations:
            # A fresh process for each, so that each peak-memory figure is its own. Merging
            # does not depend on the workers, and is slow at this size: it runs in the last only.
            merge_too = "merge" if workers == configurations[-1] else "no-merge"
            command = [sys.executable, "-m", "bench.build", "--large", str(folder), str(workers), merge_too]
            subprocess.run(command, check=True, cwd=REPO)


class _Stop(Exception):
    """Raised to end a measured build when merging starts."""


def _measure_large(folder: str, workers: int, merge_too: bool) -> None:
    started = time.perf_counter()
    expected: list[int] = []
    analysed: dict[str, float] = {}

    def on_stage(description: str) -> None:
        if not analysed:  # reading and analysis are over (and the workers have exited)
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            analysed.update(
                seconds=time.perf_counter() - started, peak_mb=peak_rss_mb(),
                cpu=time.process_time() + children.ru_utime + children.ru_stime,
            )
        if not merge_too:
            raise _Stop

    try:
        result = build([folder], None, BuildOptions(workers=workers), on_documents=expected.append, on_stage=on_stage)
    except _Stop:
        result = None
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"  {workers} process{'es' * (workers > 1)}: read + analysis {analysed['seconds']:.1f} s = "
        f"{expected[0] / analysed['seconds']:.0f} documents/s ({expected[0] / analysed['cpu']:.0f} per CPU-second: "
        f"the machine may be shared); peak RSS of the main process {analysed['peak_mb']:.0f} MB"
        + (f", of a worker {workers_mb:.0f} MB" if workers > 1 else ""),
        flush=True,
    )
    if result is not None:
        timeline = result.timeline
        print(
            f"  then merge: {time.perf_counter() - started - analysed['seconds']:.1f} s; "
            f"{len(timeline.sources)} sources, {len(timeline.events)} events, {len(result.problems)} problems; "
            f"peak RSS of the main process with merging {peak_rss_mb():.0f} MB",
            flush=True,
        )


def run() -> None:
    repeat = int(os.environ.get("BENCH_BUILD_REPEAT", "5"))
    _seed_build(repeat)
    _throughput()
    _large_build()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--large"]:
        _measure_large(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "merge")
    else:
        run()
