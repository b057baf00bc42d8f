"""Tagging throughput on the TempEval-3 texts, side by side with dateparser's `search_dates`.

Prints KB/s and documents/s for `timeline.temporal.tag`, the same for
`dateparser.search.search_dates(languages=["en"])` on a subset of the same texts (it is slow;
figures are per KB, so the ratio compares like with like), the ratio, peak memory, and the time
to tag 1 MB adversarial inputs at three sizes (linear time shows as a constant MB/s).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path

from bench._shared import peak_rss_mb, shared_path

_DATEPARSER_DOCUMENTS = 48
_REPEATS = 3


def _texts(folder: Path) -> list[tuple[str, str]]:
    from timeline.temporal.timeml import read_timeml

    documents = [read_timeml(p) for p in sorted(folder.rglob("*.tml"))]
    return [(d.text, d.dct) for d in documents]


def _best_time(run: Callable[[], object], repeats: int = _REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _throughput(name: str, seconds: float, kilobytes: float, documents: int) -> float:
    rate = kilobytes / seconds
    print(f"{name:<34} {rate:10.0f} KB/s {documents / seconds:10.1f} docs/s   ({documents} docs, {kilobytes:.0f} KB, {seconds:.2f} s)")
    return rate


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
    kilobytes = sum(len(t.encode("utf-8")) for t, _ in texts) / 1024
    tag("warm up: Tuesday, Aug. 19, 2025 at 4:32 p.m. EDT", "2025-08-19")

    seconds = _best_time(lambda: [tag(t, dct) for t, dct in texts])
    ours = _throughput("timeline.temporal.tag", seconds, kilobytes, len(texts))

    subset = texts[:_DATEPARSER_DOCUMENTS]
    subset_kb = sum(len(t.encode("utf-8")) for t, _ in subset) / 1024
    theirs = _dateparser(subset, subset_kb)
    if theirs:
        print(f"{'ratio (tag / search_dates, per KB)':<34} {ours / theirs:10.0f} x")
    print(f"{'peak memory (this process)':<34} {peak_rss_mb():10.0f} MB")

    print("\nadversarial inputs (time should grow linearly with size):")
    for size in (256 * 1024, 1024 * 1024):
        for name, text in _adversarial(size).items():
            started = time.perf_counter()
            found = tag(text, "2025-08-19")
            elapsed = time.perf_counter() - started
            print(f"  {name:<26} {size // 1024:5d} KB  {elapsed:6.2f} s  {size / 1024 / 1024 / elapsed:6.2f} MB/s  ({len(found)} found)")
    print(f"{'peak memory (this process)':<34} {peak_rss_mb():10.0f} MB")


def _dateparser(texts: list[tuple[str, str]], kilobytes: float) -> float | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed; no comparison")
        return None
    search_dates("warm up on Tuesday", languages=["en"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seconds = _best_time(lambda: [search_dates(t, languages=["en"]) for t, _ in texts], repeats=1)
    return _throughput(f"dateparser search_dates ({len(texts)} docs)", seconds, kilobytes, len(texts))
