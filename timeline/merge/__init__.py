"""Stage 4, merge: `Mention`s from every document -> `Event`s, one per happening.

Contract used by the pipeline:

    merge_mentions(mentions) -> tuple[list[Event], list[Mention]]   # (events, undated)

Events come sorted by time, then id; the output depends only on the input (deterministic).

How: dated mentions are blocked by time and indexed by actor, verb and term (`blocking`),
candidate pairs are scored (`similarity`; verbs that tell one happening in other words,
"acquire" / "buy", are compared as one: `synonyms`), and clusters grow by average linkage,
strongest pairs first: two
clusters join only when their mentions agree on average, so one shared name cannot chain two
happenings of the same day together. Statements one speaker makes on one occasion in one
article (consecutive, same time) are linked as one happening. The merged time is the most precise
time consistent with every mention's own time; when sources put the same happening on
different dates, the event keeps both readings as a `Conflict`. A time inferred from the
publication meets an explicit time just before it; an inferred or undated back-reference joins
an earlier dated happening told with the same verb about the same actors, when the words agree
strongly (`similarity.time_relation`, `blocking`, `_told_again`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from timeline.events.narrative import HEADLINE_RULE, HEADLINE_RULES, PUBLICATION_RULE
from timeline.merge.blocking import candidate_pairs
from timeline.merge.similarity import (
    HappeningKey,
    Prepared,
    Weights,
    content,
    happening_index,
    happening_keys,
    prepare_with_undated,
    similarity,
    tells_again,
)
from timeline.types import Conflict, Event, EventTime, Mention, Modality

__all__ = ["MergeOptions", "merge_mentions"]

# Evidence rules of times guessed from the publication day, not told by the sources.
_PUBLICATION_RULES = frozenset({PUBLICATION_RULE, HEADLINE_RULE})


@dataclass(frozen=True)
class MergeOptions:
    # Lowest pair score that proposes joining two clusters.
    pair_threshold: float = 0.4
    # The join is accepted when the two clusters' units (occasions, or single mentions) agree
    # this much on average (see `_linkage`); at most `linkage_sample` units per side count.
    linkage_threshold: float = 0.3
    linkage_sample: int = 8
    # Disjoint times (a disagreement between sources, or an undated back-reference to an
    # earlier happening) need stronger agreement on content.
    conflict_threshold: float = 0.7
    # Undated background joins the dated happening it tells again (same verb, same actor)
    # when they agree this much: with no time of its own, it has no date to contradict.
    background_threshold: float = 0.6


def merge_mentions(
    mentions: Iterable[Mention], options: MergeOptions = MergeOptions()
) -> tuple[list[Event], list[Mention]]:
    """Join the mentions of each happening into one event; return (events, undated)."""
    mentions = sorted(mentions, key=lambda m: (m.source, m.start, m.end, m.id))
    undated = [m for m in mentions if m.time is None]
    dated = [m for m in mentions if m.time is not None]
    prepared, background, weights = prepare_with_undated(dated, undated)
    # Mentions that may be told again: the blocking pairs inferred ones with earlier dated
    # happenings through it, and undated background finds the happening it tells through it.
    happenings = happening_index(prepared)
    clusters = _cluster(prepared, happenings, weights, options)
    joined = _told_again(prepared, happenings, background, weights, options)
    undated = [p.mention for p in background if p.index not in joined]
    cluster_of = {i: c for c, members in enumerate(clusters) for i in members}
    told: list[list[Mention]] = [[prepared[i].mention for i in members] for members in clusters]
    for k, i in sorted(joined.items()):
        told[cluster_of[i]].append(background[k].mention)
    events = [_event(mentions) for mentions in told]
    loose = [m for m in dated if m.time is not None and m.time.start is None]
    events.extend(_event([m]) for m in loose)
    events.sort(key=_event_order)
    return events, undated


# -- clustering -------------------------------------------------------------------------


class _Clusters:
    """Union-find over mention indexes; each cluster is held as its list of units (what one
    article tells as one occasion, or a single mention), the only record of its members."""

    def __init__(self, size: int, units: Iterable[list[int]]):
        self.parent = list(range(size))
        # Mentions per cluster, to hang the smaller tree under the larger one (short finds).
        self.mention_count = [1] * size
        self.units: dict[int, list[list[int]]] = {}
        for unit in units:
            root = unit[0]
            for i in unit:
                self.parent[i] = root
            self.mention_count[root] = len(unit)
            self.units[root] = [unit]

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def join(self, first: int, second: int) -> None:
        """Join two clusters, given by their roots: the first one's units come first, as the
        linkage samples the leading units of a cluster."""
        units = self.units.pop(first)
        units.extend(self.units.pop(second))
        if self.mention_count[first] < self.mention_count[second] or (
            self.mention_count[first] == self.mention_count[second] and second < first
        ):
            first, second = second, first
        self.parent[second] = first
        self.mention_count[first] += self.mention_count[second]
        self.units[first] = units

    def groups(self) -> list[list[int]]:
        return sorted(sorted(i for unit in units for i in unit) for units in self.units.values())


def _units(prepared: Sequence[Prepared]) -> list[list[int]]:
    """Each mention alone, but those one document marks as one occasion together (see
    `Mention.occasion`), in ascending index order."""
    occasions: dict[tuple[str, str], list[int]] = {}
    units: list[list[int]] = []
    for p in prepared:
        if not p.mention.occasion:
            units.append([p.index])
            continue
        key = (p.mention.source, p.mention.occasion)
        if key not in occasions:
            occasions[key] = []
            units.append(occasions[key])
        occasions[key].append(p.index)
    return units


def _cluster(
    prepared: Sequence[Prepared], happenings: Mapping[HappeningKey, list[int]],
    weights: Weights, options: MergeOptions,
) -> list[list[int]]:
    clusters = _Clusters(len(prepared), _units(prepared))
    size = len(prepared)
    # Scores of the pairs the linkage asks about, numbered i * size + j (i < j). Candidate
    # pairs below the threshold are not kept: for a large corpus they are most of them.
    scores: dict[int, float] = {}

    def score_of(i: int, j: int) -> float:
        score, relation = similarity(prepared[i], prepared[j], weights)
        needed = options.conflict_threshold if relation in ("near", "earlier") else 0.0
        return score if score >= needed else 0.0

    def pair_score(i: int, j: int) -> float:
        i, j = (i, j) if i < j else (j, i)
        key = i * size + j
        found = scores.get(key)
        if found is None:
            found = scores[key] = score_of(i, j)
        return found

    proposals = []
    for i, j in candidate_pairs(prepared, weights, happenings=happenings):
        score = score_of(i, j)
        if score >= options.pair_threshold:
            proposals.append((score, i, j))
            scores[i * size + j] = score
    proposals.sort(key=lambda t: (-t[0], t[1], t[2]))
    units = clusters.units
    for _score, i, j in proposals:
        ri, rj = clusters.find(i), clusters.find(j)
        if ri != rj and _linkage(units[ri], units[rj], pair_score, options.linkage_sample) >= (
            options.linkage_threshold
        ):
            clusters.join(ri, rj)
    return clusters.groups()


def _told_again(
    prepared: Sequence[Prepared], happenings: Mapping[HappeningKey, list[int]],
    background: Sequence[Prepared], weights: Weights, options: MergeOptions,
) -> dict[int, int]:
    """Undated background that tells again a happening another statement dates ("When Jobs
    first introduced iPhone 4, ..."): background index -> the dated mention it joins. Only
    the same verb about the same actors (`tells_again`), with strong agreement, joins; the
    rest stays undated.
    A happening dated only by its report's publication ("First A380 enters commercial
    service", a headline) is a target too: the background has no time to contradict it, and
    joining moves no date. The strongest agreement wins, then an explicit date, then the first."""
    joined: dict[int, int] = {}
    for k, b in enumerate(background):
        if b.mention.modality == "hypothetical":
            continue
        candidates = sorted({i for key in happening_keys(b) for i in happenings.get(key, ())})
        scored = [(content(b, prepared[i], weights), not prepared[i].inferred, -i)
                  for i in candidates if prepared[i].mention.source != b.mention.source
                  and tells_again(b, prepared[i], weights)]
        best = max(scored, default=None)
        if best is not None and best[0] >= options.background_threshold:
            joined[k] = -best[2]
    return joined


def _linkage(a: Sequence[Sequence[int]], b: Sequence[Sequence[int]], score, sample: int) -> float:
    """Average, over pairs of units of the two clusters, of the best pair score between them.

    Units are what one article tells as one occasion, so an occasion's varied statements do
    not dilute the average; a single shared detail cannot chain two happenings (average, not
    single, linkage). Large clusters are sampled deterministically.
    """
    left, right = list(a)[:sample], list(b)[:sample]
    total = 0.0
    for unit_a in left:
        for unit_b in right:
            total += max(score(i, j) for i in unit_a[:sample] for j in unit_b[:sample])
    return total / (len(left) * len(right))


# -- events ---------------------------------------------------------------------------


def _span(time: EventTime) -> float:
    if time.start is None or time.end is None:
        return float("inf")
    return (time.end - time.start).total_seconds()


def _contains(outer: EventTime, inner: EventTime) -> bool:
    if None in (outer.start, outer.end, inner.start, inner.end):
        return outer.value == inner.value
    return outer.start <= inner.start and inner.end <= outer.end  # type: ignore[operator]


def _disjoint(a: EventTime, b: EventTime) -> bool:
    if None in (a.start, a.end, b.start, b.end):
        return a.value != b.value
    return a.end <= b.start or b.end <= a.start  # type: ignore[operator]


def merged_time(mentions: Sequence[Mention]) -> tuple[EventTime, list[Conflict]]:
    """The most precise time consistent with the mentions' own times, and any disagreement.

    Explicitly dated mentions decide; inferred ones only when there are no others, or to
    refine the explicit reading with a finer time their own narrative told (`_refined`).
    Among the readings, the one most mentions allow (contain) wins, then the most precise,
    then the earliest; explicit readings disjoint from it are reported as a conflict.
    """
    explicit = [m for m in mentions if not m.inferred and m.time is not None]
    pool = explicit or [m for m in mentions if m.time is not None]
    times = [m.time for m in pool if m.time is not None]
    best = _most_supported(times)
    if explicit:
        best = _refined(best, explicit, mentions)
    disagreeing = [m for m in explicit if m.time is not None and _disjoint(m.time, best)]
    if not disagreeing:
        return best, []
    agreeing = [m for m in explicit if m.time is not None and not _disjoint(m.time, best)]
    values = sorted({best.value} | {m.time.value for m in disagreeing if m.time})
    sources = sorted({m.source for m in agreeing + disagreeing})
    readings = "; ".join(
        f"{value}: {', '.join(sorted({m.source for m in explicit if m.time and m.time.value == value}))}"
        for value in values
    )
    note = f"sources disagree on the date of this happening ({readings}); {best.value} is shown"
    return best, [Conflict(values=tuple(values), sources=tuple(sources), note=note)]


def _most_supported(times: Sequence[EventTime]) -> EventTime:
    """The reading most times allow (contain), then the most precise, then the earliest."""

    def support(t: EventTime) -> int:
        return sum(1 for other in times if _contains(other, t))

    return min(times, key=lambda t: (-support(t), _span(t), t.start is None, t.start, t.value))


def _refined(best: EventTime, explicit: Sequence[Mention], mentions: Sequence[Mention]
             ) -> EventTime:
    """A finer time inside the explicit reading, told by a source's own narrative ("first
    flew in April 2005" / "lifted off at 08:30 UTC ... has made its maiden flight"): the
    most precise time consistent with every explicit mention that agrees. A time guessed
    from the publication day refines nothing: the happening may be any day of the period."""
    agreeing = [m.time for m in explicit if m.time is not None and not _disjoint(m.time, best)]
    finer = [
        m.time for m in mentions
        if m.inferred and m.time is not None and m.timex is not None
        and m.timex.rule not in _PUBLICATION_RULES and _span(m.time) < _span(best)
        and all(_contains(t, m.time) for t in agreeing)
    ]
    return _most_supported(finer) if finer else best


def _representative(mentions: Sequence[Mention]) -> Mention:
    """The mention whose headline stands for the event: an article's own headline, else one
    explicitly dated, actual, and central (sharing most key terms with the others)."""
    counts: Counter[str] = Counter(k for m in mentions for k in set(m.keywords))

    def rank(m: Mention) -> tuple:
        centrality = sum(counts[k] - 1 for k in set(m.keywords))
        headline = bool(m.timex and m.timex.rule in HEADLINE_RULES)  # written as a summary
        return (not headline, m.inferred, m.modality != "actual", -centrality, m.source,
                m.start, m.id)

    return min(mentions, key=rank)


def _actors(mentions: Sequence[Mention]) -> tuple[str, ...]:
    counts: Counter[str] = Counter(a for m in mentions for a in m.actors)
    names = sorted(counts, key=lambda n: (-counts[n], n))
    kept: list[str] = []
    for name in sorted(names, key=lambda n: -len(n)):
        if not any(other.endswith(" " + name) for other in kept):
            kept.append(name)
    longer = {n: next((k for k in kept if k.endswith(" " + n)), n) for n in names}
    ordered: list[str] = []
    for name in names:
        full = longer[name]
        if full not in ordered:
            ordered.append(full)
    return tuple(ordered)


def _modality(mentions: Sequence[Mention]) -> Modality:
    kinds = {m.modality for m in mentions}
    for kind in ("actual", "future", "hypothetical"):
        if kind in kinds:
            return kind  # type: ignore[return-value]
    return "actual"


def event_id(mentions: Sequence[Mention]) -> str:
    """Stable id: a hash of the first mention's source and offsets."""
    first = min(mentions, key=lambda m: (m.source, m.start, m.end, m.id))
    digest = hashlib.sha1(f"{first.source}:{first.start}-{first.end}:{first.id}".encode())
    return "ev-" + digest.hexdigest()[:12]


def _event(mentions: Sequence[Mention]) -> Event:
    ordered = sorted(mentions, key=lambda m: (m.source, m.start, m.end, m.id))
    time, conflicts = merged_time(ordered)
    sources = tuple(sorted({m.source for m in ordered}))
    return Event(
        id=event_id(ordered),
        headline=_representative(ordered).headline,
        time=time,
        sources=sources,
        actors=_actors(ordered),
        modality=_modality(ordered),
        conflicts=tuple(conflicts),
        mentions=tuple(ordered),
    )


def _event_order(event: Event) -> tuple:
    start = event.time.start
    return (start is None, start.timestamp() if start else 0.0, _span(event.time), event.id)
