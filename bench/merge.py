"""Merge speed and memory on a synthetic corpus, and per-document extraction speed.

The synthetic corpus imitates a large news pile: 100,000 mentions from 5,000 sources over a year,
each reporting one of 30,000 happenings (so most happenings are told by several sources), with
actors drawn from a shared pool of a few thousand names (some in two spellings), key terms from a
Zipf-like vocabulary, a share of inferred dates, a share of month-level dates, and some sources
putting a happening a day off. It prints merge time, mentions per second and peak memory.

Extraction speed is measured on the seed articles with a fixed set of time expressions, so it
does not depend on the temporal stage, and on the TempEval-3 texts from ../shared beside the
tagger (skipped when they are missing); `python -m bench merge` runs it.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

import pendulum

from bench._shared import peak_rss_mb
from timeline.types import EventTime, Mention, TimeEvidence

MENTIONS = 100_000
HAPPENINGS = 30_000
SOURCES = 5_000
ACTORS = 4_000
VOCABULARY = 20_000
DAYS = 365
SEED = 2015


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) + str(i)
            for i in range(VOCABULARY)]


def _zipf_pick(rng: random.Random, items: list[str]) -> str:
    # Rank r drawn with probability ~ 1/r: a few very common terms, a long tail of rare ones.
    return items[min(int(len(items) ** rng.random()) - 1, len(items) - 1)]


def synthetic_mentions(count: int = MENTIONS, seed: int = SEED) -> list[Mention]:
    rng = random.Random(seed)
    words = _vocabulary(rng)
    surnames = [w.capitalize() for w in words[:ACTORS]]
    origin = pendulum.datetime(2024, 1, 1, tz="UTC")
    happenings = []
    for _ in range(HAPPENINGS):
        happenings.append((
            rng.randrange(DAYS),
            rng.sample(surnames, rng.randint(1, 3)),
            {_zipf_pick(rng, words) for _ in range(rng.randint(6, 12))},
            rng.choice(["say", "meet", "announce", "visit", "sign", "launch", "rule"]),
        ))
    mentions = []
    for n in range(count):
        truth = rng.randrange(HAPPENINGS)
        day, actors, terms, predicate = happenings[truth]
        source = f"src{rng.randrange(SOURCES):05d}"
        # In a fixed order: drawing in a set's order would follow PYTHONHASHSEED.
        told_terms = {t for t in sorted(terms) if rng.random() < 0.7} | {
            _zipf_pick(rng, words) for _ in range(rng.randint(2, 6))
        }
        told_actors = [a + ("y" if rng.random() < 0.05 else "") for a in actors]
        roll = rng.random()
        start = origin.add(days=day + (1 if roll < 0.03 else 0))
        if roll > 0.9:
            month = start.start_of("month")
            time_ = EventTime(value=month.format("YYYY-MM"), start=month,
                              end=month.add(months=1), granularity="month")
        else:
            time_ = EventTime(value=start.format("YYYY-MM-DD"), start=start,
                              end=start + timedelta(days=1), granularity="day")
        offset = rng.randrange(50_000)
        mentions.append(Mention(
            id=f"{source}:{offset}-{offset + 120}:{n}", source=source, sentence="…",
            start=offset, end=offset + 120, headline=f"happening {truth}",
            actors=tuple(told_actors), attribution=told_actors[0] if predicate == "say" else None,
            predicate=predicate, time=time_, timex=TimeEvidence(text="…", value=time_.value),
            inferred=rng.random() < 0.3, keywords=tuple(sorted(told_terms)),
            actor_keys=tuple(sorted(a.lower() for a in told_actors)),
        ))
    return mentions


def bench_merge() -> None:
    from timeline.merge import merge_mentions

    t0 = time.perf_counter()
    mentions = synthetic_mentions()
    built = time.perf_counter() - t0
    before = peak_rss_mb()
    t0 = time.perf_counter()
    events, undated = merge_mentions(mentions)
    elapsed = time.perf_counter() - t0
    sizes = [len(e.mentions) for e in events]
    multi = sum(1 for e in events if len(e.sources) > 1)
    print(f"synthetic corpus: {len(mentions):,} mentions, {SOURCES:,} sources, "
          f"{HAPPENINGS:,} happenings (built in {built:.1f} s)")
    print(f"merge: {elapsed:.1f} s, {len(mentions) / elapsed:,.0f} mentions/s, "
          f"{len(events):,} events ({multi:,} with several sources, largest {max(sizes)} "
          f"mentions), {len(undated)} undated")
    pure = sum(1 for e in events if len({m.headline for m in e.mentions}) == 1)
    print(f"quality: {pure / len(events):.1%} of events hold one synthetic happening only; "
          f"{len({m.headline for m in mentions}):,} happenings were told")
    print(f"peak memory: {peak_rss_mb():,.0f} MB (before merging: {before:,.0f} MB)")


def bench_extraction(rounds: int = 20) -> None:
    from pathlib import Path

    from timeline.events import extract_mentions
    from timeline.types import Anchor, Document, Interval, Timex

    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    published = pendulum.datetime(2025, 8, 19, tz="America/New_York")
    day = Interval(start=published, end=published.add(days=1))
    documents = []
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        timexes = []
        for phrase in ("Tuesday", "Monday", "last Friday"):
            at = text.find(phrase)
            if at >= 0:
                timexes.append(Timex(start=at, end=at + len(phrase), text=phrase, type="DATE",
                                     value="2025-08-19", interval=day, granularity="day",
                                     anchor=Anchor(kind="publication", value="2025-08-19"),
                                     rule="bench"))
        timexes.sort(key=lambda t: t.start)
        documents.append((Document(id=path.stem, origin=str(path), text=text,
                                   published=published, timezone="America/New_York"), timexes))
    extract_mentions(*documents[0])  # load the lexicon and dictionaries once
    characters = sum(len(d.text) for d, _ in documents) * rounds
    t0 = time.perf_counter()
    for _ in range(rounds):
        for document, timexes in documents:
            extract_mentions(document, timexes)
    elapsed = time.perf_counter() - t0
    count = len(documents) * rounds
    print(f"extraction: {count} documents in {elapsed:.2f} s: {count / elapsed:,.0f} documents/s, "
          f"{characters / elapsed / 1000:,.0f} k characters/s (one process)")


def bench_tempeval_events() -> None:
    """Seconds spent tagging and extracting events on the TempEval-3 texts (one process):
    extraction cold (the first pass loads the dictionaries) and warm."""
    from bench._shared import shared_path
    from bench.build import _tempeval_documents
    from timeline import events, temporal

    folder = shared_path("data", "tempeval3")
    if folder is None:
        return
    documents = _tempeval_documents(folder)
    t0 = time.perf_counter()
    tagged = [(d, temporal.tag(d.text, d.published, timezone=d.timezone, language=d.language))
              for d in documents]
    tagging = time.perf_counter() - t0
    t0 = time.perf_counter()
    count = sum(len(events.extract_mentions(d, timexes)) for d, timexes in tagged)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d, timexes in tagged:
        events.extract_mentions(d, timexes)
    warm = time.perf_counter() - t0
    print(f"TempEval-3, {len(documents)} documents: tagging {tagging:.2f} s, events {cold:.2f} s "
          f"(warm {warm:.2f} s = {len(documents) / warm:,.0f} documents/s), {count:,} mentions")


def run() -> None:
    bench_extraction()
    bench_tempeval_events()
    bench_merge()


if __name__ == "__main__":
    run()
