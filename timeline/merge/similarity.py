"""How alike two mentions are: their times, actors, speaker, predicate and key terms.

Terms and actors are weighted by how rare they are in the corpus being merged (inverse document
frequency over mentions), so "Trump" in a corpus about Trump counts for little and "framework"
for a lot. Actor keys are normalised across sources first: "zelensky" and "zelenskyy" are one key.
Verbs, and terms that are verbs or event nouns read as verbs, are compared through their synonym
class (`synonyms`): "acquired" and "the purchase" meet on "buy".
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Literal

from rapidfuzz import fuzz

from timeline.events import lexicon as lexicons
from timeline.merge.synonyms import course_verbs, happening_classes
from timeline.types import Mention

TimeRelation = Literal["equal", "nested", "overlap", "near", "recent", "earlier", "far"]

# Closest two actor keys may be (rapidfuzz ratio, 0-100) to count as spellings of one name.
_SPELLING_RATIO = 88
_MIN_FUZZY_LENGTH = 5
# Days two disjoint times may lie apart and still be read as a disagreement about one happening.
CONFLICT_WINDOW_DAYS = 1
# A time inferred from the publication ("have defeated", reported the next day) covers the
# days just before it: an explicit time this many days earlier is the same happening's.
RECENT_WINDOW_DAYS = 3
# Share of the smaller side's actor weight two mentions must share for a back-reference: months
# apart, "Apple launched the iTunes Store" and "Apple launches 3G iPhone" share a verb and the
# company, but what was launched is an actor of one only.
BACK_REFERENCE_ACTORS = 0.5
# Predicates that name no happening of their own: the happening is in their words
# ("deliveries ... are not due until October", "made its maiden flight").
_GENERAL_PREDICATES = frozenset({"be", "have", "make", "take", "give", "get", "do", "hold"})


@dataclass(frozen=True, slots=True)
class Prepared:
    """A dated mention with what comparing it needs, computed once."""

    index: int
    mention: Mention
    first_day: int  # proleptic ordinal of the first day the time covers
    last_day: int
    actors: frozenset[str]
    terms: frozenset[str]
    speaker: str | None
    speaker_is_person: bool
    reporting: bool
    inferred: bool  # dated from the publication or the narrative, not by its own words
    refers_back: bool  # told with a verb of its own (not a statement): may name a past happening
    predicates: frozenset[str]  # the happening's verbs: the predicate, or an event noun's
    verb: str = ""  # the predicate as compared: a synonym's class ("acquire" -> "buy")
    tells_course: bool = False  # its verb tells the course of a happening its words name
    value: str = ""  # the time's TIMEX3 value
    bounds: tuple[float, float] = (0.0, 0.0)  # the time's start and end, as timestamps
    terms_mass: float = 0.0  # sum of squared term weights, for cosines
    actors_mass: float = 0.0

    @property
    def span_days(self) -> int:
        return self.last_day - self.first_day + 1


@dataclass(frozen=True)
class Weights:
    """Inverse document frequencies of terms and actor keys over the mentions being merged."""

    idf: dict[str, float]
    default: float
    squared: dict[str, float] = field(default_factory=dict)  # idf², what masses add up

    def __post_init__(self) -> None:
        if not self.squared:
            self.squared.update({k: v * v for k, v in self.idf.items()})

    def of(self, key: str) -> float:
        return self.idf.get(key, self.default)

    def mass(self, keys: Iterable[str]) -> float:
        get, default = self.squared.get, self.default * self.default
        # Keys often come from a set, whose order follows the hash seed; a plain float sum
        # would differ in its last bits from run to run and tip ties between pair scores.
        return math.fsum(get(k, default) for k in keys)


def _bounds(mention: Mention) -> tuple[float, float]:
    time = mention.time
    if time is None or time.start is None:
        return (0.0, 0.0)
    start = time.start.timestamp()
    return start, time.end.timestamp() if time.end is not None else start


def day_range(mention: Mention) -> tuple[int, int] | None:
    """First and last day (ordinals, in the time's own zone) a mention's time covers."""
    time = mention.time
    if time is None or time.start is None:
        return None
    first = time.start.date().toordinal()
    if time.end is None or time.end <= time.start:
        return first, first
    last = (time.end - timedelta(microseconds=1)).date().toordinal()
    return first, max(first, last)


def spelling_map(keys: Iterable[str]) -> dict[str, str]:
    """Key -> canonical spelling, joining near-identical names that share their first letters.

    Keys are blocked by their first three characters, so only names that could be spellings of
    each other are compared; the most frequent spelling (then the shortest) is canonical.
    """
    counts = Counter(keys)
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in counts:
        if len(key) >= _MIN_FUZZY_LENGTH and " " not in key:
            blocks[key[:3]].append(key)
    mapping: dict[str, str] = {}
    for block in blocks.values():
        if len(block) < 2:
            continue
        ordered = sorted(block, key=lambda k: (-counts[k], len(k), k))
        canon: list[str] = []
        for key in ordered:
            target = next((c for c in canon if fuzz.ratio(key, c) >= _SPELLING_RATIO), None)
            if target is None:
                canon.append(key)
            else:
                mapping[key] = target
    return mapping


# Words an acronym skips: "European Aeronautic Defence and Space" is EADS.
_ACRONYM_SKIPS = frozenset({"and", "of", "the", "for", "&", "de", "du", "des", "la", "le"})


def acronym_map(keys: Iterable[str]) -> dict[str, str]:
    """Key -> canonical key, joining a name and its acronym across documents ("general motors"
    / "gm", "united states air force" / "usaf"): a document that spells a name out and uses
    its acronym joins them itself; another may use only one. An acronym two names share
    ("bea") joins neither; the more frequent spelling is canonical (then the acronym)."""
    counts = Counter(keys)
    names: dict[str, list[str]] = defaultdict(list)
    for key in counts:
        words = [w for w in key.split() if w not in _ACRONYM_SKIPS]
        if len(words) >= 2 and all(w[:1].isalpha() for w in words):
            names["".join(w[0] for w in words)].append(key)
    mapping: dict[str, str] = {}
    for acronym, full in names.items():
        if acronym in counts and len(full) == 1:
            name = full[0]
            if counts[name] > counts[acronym]:
                mapping[acronym] = name
            else:
                mapping[name] = acronym
    return mapping


def prepare(mentions: Sequence[Mention]) -> tuple[list[Prepared], Weights]:
    """Prepared dated mentions (in input order) and the corpus weights."""
    prepared, _, weights = prepare_with_undated(mentions, ())
    return prepared, weights


def prepare_with_undated(
    mentions: Sequence[Mention], undated: Sequence[Mention]
) -> tuple[list[Prepared], list[Prepared], Weights]:
    """Prepared dated mentions, prepared undated ones (placed after every time, as if told
    last: what they tell can only be earlier), and the weights of the dated ones."""
    spelling = spelling_map(k for m in mentions for k in m.actor_keys)
    acronyms = acronym_map(spelling.get(k, k) for m in mentions for k in m.actor_keys)
    spelling = {k: acronyms.get(v, v) for k, v in spelling.items()} | {
        k: v for k, v in acronyms.items() if k not in spelling}
    dated, weights = _prepare([(m, day_range(m)) for m in mentions], None, spelling)
    later = [(m, (UNDATED_DAY, UNDATED_DAY)) for m in undated]
    rest, _ = _prepare(later, weights, spelling)
    return dated, rest, weights


# The day an undated mention is placed on: after every day a calendar holds.
UNDATED_DAY = 10**7


def _prepare(
    mentions: Sequence[tuple[Mention, tuple[int, int] | None]], weights: Weights | None,
    spelling: dict[str, str],
) -> tuple[list[Prepared], Weights]:
    lexicon = lexicons.load()
    synonyms, course = happening_classes(), course_verbs()
    prepared: list[Prepared] = []
    for m, days in mentions:
        if days is None:
            continue
        actors = frozenset(spelling.get(k, k) for k in m.actor_keys)
        terms = frozenset(synonyms.get(k, k) for k in m.keywords)
        speaker = None
        person = False
        if m.attribution:
            words = m.attribution.split()
            last = words[-1].casefold()
            speaker = spelling.get(last, last)
            person = not (
                last in lexicon.organisation_words
                or m.attribution.casefold() in lexicon.organisation_words
                or (len(words) == 1 and m.attribution.isupper())
            )
        prepared.append(
            Prepared(
                index=len(prepared), mention=m, first_day=days[0], last_day=days[1],
                actors=actors, terms=terms, speaker=speaker,
                verb=(verb := synonyms.get(m.predicate or "", m.predicate or "")),
                tells_course=(m.predicate or "") in course,
                speaker_is_person=person,
                reporting=(m.predicate or "") in lexicon.reporting_verbs,
                inferred=m.inferred or m.time is None, predicates=_predicates(m, verb, terms),
                value=m.time.value if m.time else "", bounds=_bounds(m),
                refers_back=bool(m.predicate) and m.predicate not in _GENERAL_PREDICATES
                and m.predicate not in lexicon.reporting_verbs,
            )
        )
    if weights is None:
        df: Counter[str] = Counter()
        for p in prepared:
            df.update(p.terms)
            df.update(f"@{a}" for a in p.actors)
        n = max(len(prepared), 1)
        idf = {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}
        weights = Weights(idf, math.log(n + 1))
    prepared = [
        replace(p, terms_mass=weights.mass(p.terms),
                actors_mass=weights.mass(f"@{a}" for a in p.actors))
        for p in prepared
    ]
    return prepared, weights


def _predicates(m: Mention, verb: str, terms: frozenset[str]) -> frozenset[str]:
    """The verbs a mention's happening is told with: its `verb` (the predicate as compared,
    see `happening_classes`), or, for a general verb ("be", "make"), its statement's event words."""
    if m.predicate and m.predicate not in _GENERAL_PREDICATES:
        return frozenset({verb})
    return terms


def same_happening_words(a: Prepared, b: Prepared) -> bool:
    """The two are told with the same verb (or synonyms), or one names the happening the
    other's verb tells: a general verb's event words ("made its maiden flight" / "flew"), or
    another source's words, when they tell its course ("the delivery ... was delayed" / "was
    delivered today"). A statement or a reaction naming a happening ("said the meeting went
    well", "condemned the shooting") is a happening of its own."""
    pa, pb = a.mention.predicate, b.mention.predicate
    if pa is not None and a.verb == b.verb:
        return True
    if bool(a.predicates & b.predicates) and (
        pa in _GENERAL_PREDICATES or pb in _GENERAL_PREDICATES
    ):
        return True
    if a.mention.source == b.mention.source:
        return False  # one article keeps to its topic: its words recur from happening to happening
    return (a.tells_course and b.verb in a.terms) or (b.tells_course and a.verb in b.terms)


def time_relation(a: Prepared, b: Prepared) -> TimeRelation:
    """How two mentions' times relate: 'near' is a disagreement of a day between sources;
    'recent' an inferred publication time just after an explicit one; 'earlier' an inferred
    time long after an explicit one (a back-reference, when the words agree)."""
    if a.value == b.value:
        return "equal"
    if a.last_day < b.first_day or b.last_day < a.first_day:
        later, earlier = (b, a) if a.last_day < b.first_day else (a, b)
        gap = later.first_day - earlier.last_day
        if later.inferred and not earlier.inferred:
            return "recent" if gap <= RECENT_WINDOW_DAYS else "earlier"
        short = min(a.span_days, b.span_days) <= 2
        return "near" if gap <= CONFLICT_WINDOW_DAYS and short else "far"
    (sa, ea), (sb, eb) = a.bounds, b.bounds
    if (sa <= sb and eb <= ea) or (sb <= sa and ea <= eb):
        return "nested"
    if ea <= sb or eb <= sa:
        return "near"  # the same day, but disjoint parts of it
    return "overlap"


def actor_overlap(a: Prepared, b: Prepared, weights: Weights) -> float:
    """Weighted overlap coefficient of actors: shared weight over the smaller side's weight."""
    if not a.actors or not b.actors:
        return 0.0
    shared = a.actors & b.actors
    if not shared:
        return 0.0
    smaller = min(a.actors_mass, b.actors_mass)
    return weights.mass(f"@{k}" for k in shared) / smaller if smaller else 0.0


def tells_again(a: Prepared, b: Prepared, weights: Weights) -> bool:
    """Whether the two may tell one happening at different times (a back-reference, "When
    Jobs first introduced iPhone 4, ..." months later): both told with a verb of their own,
    the same one (or synonyms), about mostly the same actors. A shared verb and a company
    alone are not enough: "Apple launched the iTunes Store" is not "Apple launches 3G iPhone"."""
    return (
        a.refers_back and b.refers_back and a.verb == b.verb
        and actor_overlap(a, b, weights) >= BACK_REFERENCE_ACTORS
    )


HappeningKey = tuple[str, str]  # (verb, actor key)


def happening_keys(p: Prepared) -> list[HappeningKey]:
    """The keys a mention that may be told again is looked up by: `tells_again` holds only
    for two mentions that share one, so the times between them need not be searched."""
    if not p.refers_back:
        return []
    return [(p.verb, actor) for actor in p.actors]


def happening_index(prepared: Sequence[Prepared]) -> dict[HappeningKey, list[int]]:
    """Mentions that may be told again, by `happening_keys`, in ascending index order."""
    index: dict[HappeningKey, list[int]] = defaultdict(list)
    for p in prepared:
        for key in happening_keys(p):
            index[key].append(p.index)
    return dict(index)


def _cosine(a: Prepared, b: Prepared, weights: Weights) -> float:
    shared = a.terms & b.terms
    if not shared:
        return 0.0
    norm = math.sqrt(a.terms_mass * b.terms_mass)
    return weights.mass(shared) / norm if norm else 0.0


def content(a: Prepared, b: Prepared, weights: Weights) -> float:
    """How much two mentions say the same thing, 0..1, whatever their times."""
    terms = _cosine(a, b, weights)
    actors = actor_overlap(a, b, weights)
    score = 0.55 * terms + 0.3 * actors + (0.1 if same_happening_words(a, b) else 0.0)
    if a.speaker and b.speaker:
        if a.speaker == b.speaker:
            score += 0.1
        elif a.speaker_is_person and b.speaker_is_person:
            score -= 0.25  # two people speaking: two statements
    if (a.mention.modality == "hypothetical") != (b.mention.modality == "hypothetical"):
        score -= 0.2  # what might happen is not what did (a plan and its outcome may be)
    return max(0.0, min(1.0, score))


def similarity(a: Prepared, b: Prepared, weights: Weights) -> tuple[float, TimeRelation]:
    """Content similarity and how the two times relate; 0 when they cannot be one happening."""
    relation = time_relation(a, b)
    if a.mention.source == b.mention.source and a.mention.start == b.mention.start:
        return 0.0, relation  # two readings of one sentence are two happenings
    if relation == "far":
        return 0.0, relation
    if relation == "earlier" and not tells_again(a, b, weights):
        return 0.0, relation
    score = content(a, b, weights)
    if relation in ("nested", "overlap") and max(a.span_days, b.span_days) > 31:
        score -= 0.1  # a year-long time says little about which happening it is
    return max(0.0, score), relation
