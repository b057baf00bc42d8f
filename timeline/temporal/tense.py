"""Which way a relative expression points: the tense of the verb group around it.

"Leavitt said Tuesday" -> past (inclusive of the reference day); "will meet Monday" -> future.
Cues are data (`resources/<lang>/tense.yaml`). The cue nearest to the expression inside its
clause decides: first to the left, where English puts auxiliaries; then to the right
("on Monday said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from timeline.temporal.lexicon import read_resource

Tense = Literal["past", "present", "future"]

_WINDOW = 90  # characters of context looked at on each side
_NEAR_RIGHT = 25  # a cue this close on the right beats a distant one on the left


@dataclass(frozen=True)
class TenseCues:
    regex: re.Pattern[str]
    clause_break: re.Pattern[str]
    not_past: frozenset[str]
    suffix: str
    auxiliaries: dict[str, Tense]
    adjacent_future: re.Pattern[str]

    def tense_of(self, text: str, start: int, end: int) -> Tense | None:
        left = self._left_clause(text, start)
        if self.adjacent_future.search(left):
            return "future"
        right = self._right_clause(text, end)
        left_cue = None
        for m in self.regex.finditer(left):
            cue = self._classify(m)
            if cue:
                left_cue = (self._verb_group(left, m.start(), cue), len(left) - m.end())
        right_cue = None
        for m in self.regex.finditer(right):
            cue = self._classify(m)
            if cue:
                right_cue = (self._verb_group(right, m.start(), cue), m.start())
                break
        if left_cue and right_cue and right_cue[1] < _NEAR_RIGHT < left_cue[1]:
            return right_cue[0]
        if left_cue:
            return left_cue[0]
        return right_cue[0] if right_cue else None

    def _verb_group(self, clause: str, cue_start: int, cue: Tense) -> Tense:
        """An auxiliary just before the cue decides: "will be named", "had been due"."""
        before = _WORDS.findall(clause, max(0, cue_start - 24), cue_start)[-3:]
        for word in reversed(before):
            tense = self.auxiliaries.get(word.lower().replace("\u2019", "'"))
            if tense:
                return tense
        return cue

    def _classify(self, m: re.Match[str]) -> Tense | None:
        kind = m.lastgroup
        if kind == "word":
            word = m.group().lower()
            if word.endswith(self.suffix) and len(word) > len(self.suffix) + 2 and word not in self.not_past:
                return "past"
            return None
        return kind  # type: ignore[return-value]

    def _left_clause(self, text: str, start: int) -> str:
        window = text[max(0, start - _WINDOW) : start]
        breaks = list(self.clause_break.finditer(window))
        return window[breaks[-1].end() :] if breaks else window

    def _right_clause(self, text: str, end: int) -> str:
        window = text[end : end + _WINDOW]
        found = self.clause_break.search(window)
        return window[: found.start()] if found else window


_WORDS = re.compile(r"[\w'\u2019]+")


def _phrase(words: list[str]) -> str:
    ordered = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['\u2019]") for w in ordered)


@cache
def cues(language: str) -> TenseCues:
    raw = read_resource(language, "tense.yaml")
    groups = "|".join(f"(?P<{kind}>{_phrase(raw[kind])})" for kind in ("future", "past", "present"))
    suffix = re.escape(raw.get("past_suffix", "ed"))
    # Only cue phrases and words with the past suffix match: the rest of the clause is skipped in C.
    regex = re.compile(rf"(?<![\w'\u2019])(?:{groups}|(?P<word>[a-z]+{suffix}))(?![\w'\u2019])", re.IGNORECASE)
    auxiliaries: dict[str, Tense] = {}
    for tense, words in raw.get("auxiliaries", {}).items():
        auxiliaries.update({w.lower(): tense for w in words})
    adjacent = _phrase(raw.get("adjacent_future", [])) or "(?!)"
    return TenseCues(
        adjacent_future=re.compile(rf"(?<![\w'\u2019])(?:{adjacent})\s+(?:on\s+|at\s+)?\Z", re.IGNORECASE),
        regex=regex,
        clause_break=re.compile(raw.get("clause_break") or r"[.;!?\n]"),
        not_past=frozenset(w.lower() for w in raw.get("not_past", ())),
        suffix=raw.get("past_suffix", "ed"),
        auxiliaries=auxiliaries,
    )
