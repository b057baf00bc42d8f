"""Candidate pairs without comparing every mention with every other.

Mentions are indexed by (time bucket, term) where the term is one of their actor keys or key
terms. A mention dated to a day sits in that day's bucket; one dated to a week or a month in its
month's; anything coarser in its year's. A mention looks for partners in its own buckets, in the
days of the conflict window around it (and, for a time inferred from the publication, in the
recent days before it), and in the coarser buckets that contain it; only mentions
that share a term there become candidates. Terms so common in a bucket that they would pair
nearly everything with everything (a posting longer than `max_posting`) are skipped: the pairs
they would add, if real, share a rarer term as well.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

from timeline.merge.similarity import (
    CONFLICT_WINDOW_DAYS,
    RECENT_WINDOW_DAYS,
    HappeningKey,
    Prepared,
    Weights,
    happening_index,
    happening_keys,
)

Bucket = tuple[str, int]  # ("D", day ordinal) | ("M", year*12+month) | ("Y", year)

DEFAULT_MAX_POSTING = 200
# Keys a pair must share to be compared, and the most partners one mention is compared with.
DEFAULT_MIN_SHARED = 2
DEFAULT_MAX_PARTNERS = 40
# Terms per mention used as blocking keys: its rarest ones (actors always count).
_SIGNATURE_TERMS = 12


def _month(ordinal: int) -> int:
    day = dt.date.fromordinal(ordinal)
    return day.year * 12 + day.month - 1


def _year(ordinal: int) -> int:
    return dt.date.fromordinal(ordinal).year


def home_buckets(p: Prepared) -> list[Bucket]:
    """Where a mention is indexed, by how long its time is."""
    if p.span_days <= 2:
        return [("D", d) for d in range(p.first_day, p.last_day + 1)]
    if p.span_days <= 31:
        return sorted({("M", _month(p.first_day)), ("M", _month(p.last_day))})
    years = range(_year(p.first_day), _year(p.last_day) + 1)
    return [("Y", y) for y in list(years)[:3]]


def probe_buckets(p: Prepared) -> list[Bucket]:
    """Where a mention looks for partners: its own buckets, the window, the coarser ones."""
    buckets: set[Bucket] = set(home_buckets(p))
    if p.span_days <= 2:
        window = CONFLICT_WINDOW_DAYS
        # A time inferred from the publication may tell a happening of the days before it.
        before = RECENT_WINDOW_DAYS if p.inferred else window
        buckets.update(("D", d) for d in range(p.first_day - before, p.last_day + window + 1))
    if p.span_days <= 31:
        buckets.update({("M", _month(p.first_day)), ("M", _month(p.last_day))})
    buckets.update(("Y", y) for y in range(_year(p.first_day), _year(p.last_day) + 1)[:3])
    return sorted(buckets)


def signature(p: Prepared, weights: Weights) -> list[str]:
    """The keys a mention is indexed under: its actors, its rarest terms, and its verb.

    The verb always counts, however common: two tellings of one happening share it and an
    actor ("the A380 flew" / "the A380 first flew in April") even when their other words differ.
    """
    terms = sorted(p.terms, key=lambda t: (-weights.of(t), t))[:_SIGNATURE_TERMS]
    verb = p.verb
    if verb and verb in p.terms and verb not in terms:
        terms.append(verb)
    return [f"@{a}" for a in sorted(p.actors)] + terms


def _bucket_id(bucket: Bucket) -> int:
    kind, value = bucket
    return value * 4 + {"D": 0, "M": 1, "Y": 2}[kind]


def candidate_pairs(
    prepared: Sequence[Prepared],
    weights: Weights,
    max_posting: int = DEFAULT_MAX_POSTING,
    min_shared: int = DEFAULT_MIN_SHARED,
    max_partners: int = DEFAULT_MAX_PARTNERS,
    happenings: Mapping[HappeningKey, list[int]] | None = None,
) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of mentions worth comparing; each pair once, in a stable order.

    A partner must share at least `min_shared` keys (in one bucket or across the buckets
    probed); only the `max_partners` partners sharing most are kept, on either side. Keys and
    buckets are numbered, so the index holds integers, not tuples of strings. `happenings` is
    the `happening_index` of `prepared`, when the caller has built it already.
    """
    vocabulary: dict[str, int] = {}
    signatures = [
        tuple(sorted({vocabulary.setdefault(k, len(vocabulary)) for k in signature(p, weights)}))
        for p in prepared
    ]
    width = len(vocabulary) + 1
    homes = [tuple(_bucket_id(b) for b in home_buckets(p)) for p in prepared]
    probes = [tuple(_bucket_id(b) for b in probe_buckets(p)) for p in prepared]
    index: dict[int, list[int]] = {}
    for i, keys in enumerate(signatures):
        for bucket in homes[i]:
            base = bucket * width
            for key in keys:
                index.setdefault(base + key, []).append(i)
    # A key so common in its bucket that it would pair nearly everything says nothing.
    index = {key: posting for key, posting in index.items() if len(posting) <= max_posting}
    # Each mention's chosen partners, sorted, as compact arrays: a pair is yielded by the
    # first of its two mentions that chose it (a set of every pair would cost far more).
    chosen: list[array[int]] = []
    for i, keys in enumerate(signatures):
        shared: Counter[int] = Counter()
        for bucket in probes[i]:
            base = bucket * width
            for key in keys:
                posting = index.get(base + key)
                if posting:
                    shared.update(posting)
        del shared[i]
        partners = [j for j, count in shared.items() if count >= min_shared]
        if len(partners) > max_partners:
            partners = sorted(partners, key=lambda j: (-shared[j], j))[:max_partners]
        mine = array("I", sorted(partners))
        chosen.append(mine)
        for j in mine:
            if j > i:
                yield i, j
            elif not _holds(chosen[j], i):
                yield j, i  # j did not choose i (a coarse time does not probe day buckets)
    # Each (earlier, inferred) pair comes once: every inferred mention is visited once.
    if happenings is None:
        happenings = happening_index(prepared)
    for a, b in _back_references(prepared, happenings, max_posting, max_partners):
        together = set(probes[a]) & set(homes[b]) or set(probes[b]) & set(homes[a])
        if not together:
            yield a, b


def _holds(sorted_items: array[int], item: int) -> bool:
    at = bisect_left(sorted_items, item)
    return at < len(sorted_items) and sorted_items[at] == item


def _back_references(
    prepared: Sequence[Prepared], happenings: Mapping[HappeningKey, list[int]],
    max_posting: int, max_partners: int,
) -> Iterator[tuple[int, int]]:
    """Pairs of an inferred mention and an explicitly dated one from before it, told with the
    same verb about the same actor, whatever the time between them ("When Jobs first
    introduced iPhone 4, ..." months later): the times alone would never pair them."""
    for p in prepared:
        if not p.inferred:
            continue
        shared: Counter[int] = Counter()
        for key in happening_keys(p):
            # Only an explicit date can be the earlier time an inferred one refers back to.
            explicit = [j for j in happenings.get(key, ()) if not prepared[j].inferred]
            if explicit and len(explicit) <= max_posting:
                shared.update(j for j in explicit if prepared[j].last_day < p.first_day)
        for j, _count in sorted(shared.items(), key=lambda t: (-t[1], t[0]))[:max_partners]:
            yield (j, p.index) if j < p.index else (p.index, j)
