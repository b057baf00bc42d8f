"""The TempEval-3 Task A scorer: how well system time expressions match gold ones.

- strict match: identical span; relaxed match: overlapping spans (each expression is matched
  at most once);
- precision, recall and F1 for both;
- type and value accuracy over the relaxed matches;
- value F1 (and type F1) = relaxed F1 x value (type) accuracy, TempEval-3's headline figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from timeline.temporal.timeml import TimeMLDocument, TimeMLError, read_timeml


class Expression(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Mismatch:
    """One relaxed match whose value (or type) differs from the gold one."""

    document: str
    start: int
    end: int
    gold_text: str
    system_text: str
    gold_type: str
    system_type: str
    gold_value: str
    system_value: str


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    errors: list[Mismatch] = field(default_factory=list)
    missed: list[tuple[str, Expression]] = field(default_factory=list)
    spurious: list[tuple[str, Expression]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.type_correct += other.type_correct
        self.value_correct += other.value_correct
        self.errors.extend(other.errors)
        self.missed.extend(other.missed)
        self.spurious.extend(other.spurious)


@dataclass(frozen=True)
class Scores:
    strict_precision: float
    strict_recall: float
    strict_f1: float
    relaxed_precision: float
    relaxed_recall: float
    relaxed_f1: float
    type_accuracy: float
    value_accuracy: float
    type_f1: float
    value_f1: float


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def scores(c: Counts) -> Scores:
    sp, sr = _ratio(c.strict, c.system), _ratio(c.strict, c.gold)
    rp, rr = _ratio(c.relaxed, c.system), _ratio(c.relaxed, c.gold)
    relaxed_f1 = _f1(rp, rr)
    type_accuracy = _ratio(c.type_correct, c.relaxed)
    value_accuracy = _ratio(c.value_correct, c.relaxed)
    return Scores(
        strict_precision=sp, strict_recall=sr, strict_f1=_f1(sp, sr),
        relaxed_precision=rp, relaxed_recall=rr, relaxed_f1=relaxed_f1,
        type_accuracy=type_accuracy, value_accuracy=value_accuracy,
        type_f1=relaxed_f1 * type_accuracy, value_f1=relaxed_f1 * value_accuracy,
    )


def compare(document: str, gold: Sequence[Expression], system: Sequence[Expression]) -> Counts:
    """Count matches between one document's gold and system expressions."""
    counts = Counts(gold=len(gold), system=len(system))
    gold_sorted = sorted(gold, key=lambda t: (t.start, t.end))
    system_sorted = sorted(system, key=lambda t: (t.start, t.end))
    used: set[int] = set()
    matched_system: set[int] = set()
    for g in gold_sorted:
        partner = _best_overlap(g, system_sorted, used)
        if partner is None:
            counts.missed.append((document, g))
            continue
        used.add(partner)
        matched_system.add(partner)
        s = system_sorted[partner]
        counts.relaxed += 1
        counts.strict += (s.start, s.end) == (g.start, g.end)
        counts.type_correct += s.type == g.type
        counts.value_correct += s.value == g.value
        if s.value != g.value or s.type != g.type:
            counts.errors.append(
                Mismatch(document, g.start, g.end, g.text, s.text, g.type, s.type, g.value, s.value)
            )
    counts.spurious.extend((document, s) for i, s in enumerate(system_sorted) if i not in matched_system)
    return counts


def _best_overlap(g: Expression, system: Sequence[Expression], used: set[int]) -> int | None:
    """The unused system expression overlapping `g` the most (exact spans first)."""
    best, best_overlap = None, 0
    for i, s in enumerate(system):
        if s.start >= g.end:
            break
        if i in used or s.end <= g.start:
            continue
        overlap = min(s.end, g.end) - max(s.start, g.start)
        if (s.start, s.end) == (g.start, g.end):
            return i
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


Tagger = Callable[[TimeMLDocument], Sequence[Expression]]


@dataclass
class Evaluation:
    counts: Counts
    documents: int
    problems: list[str]

    @property
    def scores(self) -> Scores:
        return scores(self.counts)


def evaluate(paths: Iterable[Path], tagger: Tagger) -> Evaluation:
    """Tag each TimeML document with its own DCT and score it against its gold TIMEX3s."""
    total = Counts()
    problems: list[str] = []
    documents = 0
    for path in paths:
        try:
            document = read_timeml(path)
        except TimeMLError as exc:
            problems.append(str(exc))
            continue
        documents += 1
        total.add(compare(document.name, document.timexes, tagger(document)))
    return Evaluation(total, documents, problems)


def timeml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.tml") if p.is_file())
