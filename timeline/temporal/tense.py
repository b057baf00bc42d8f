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

from timeline.temporal.lexicon import read_resource, trie_regex

Tense = Literal["past", "present", "future"]

_WINDOW = 90  # characters of context looked at on each side
_NEAR_RIGHT = 25  # a cue this close on the right beats a distant one on the left
_ADJACENT = 6  # a cue this close is hard to overrule ("the quarter ended Sept. 30")


@dataclass(frozen=True)
class TenseCues:
    regex: re.Pattern[str]  # over the lower-cased clause, with plain apostrophes
    phrases: dict[str, Tense]
    clause_break: re.Pattern[str]
    not_past: frozenset[str]
    suffix: str
    auxiliaries: dict[str, Tense]
    group_words: frozenset[str]
    weak_past: frozenset[str]
    right_clause_break: re.Pattern[str]
    adjective_markers: frozenset[str]
    adjacent_future: re.Pattern[str]
    possessive: tuple[str, ...] = ()
    # `adjacent_future` over the clause read backwards: a match at its start or none, quickly known.
    adjacent_future_backwards: re.Pattern[str] = re.compile("(?!)")

    def tense_of(self, text: str, start: int, end: int) -> Tense | None:
        return self.direction(text, start, end)[0]

    def direction(self, text: str, start: int, end: int) -> tuple[Tense | None, bool]:
        """The tense around text[start:end], and whether its cue is right next to it (a word
        or two away), which makes it hard to overrule."""
        left = self._left_clause(text, start).lower().replace("\u2019", "'")
        if self.adjacent_future_backwards.match(left[::-1]):
            adjacent = self.adjacent_future.search(left)
            if adjacent and left[: adjacent.start()].strip():  # not "Until Thursday, they had ..."
                return "future", True
        left_cue = None
        for m in reversed(list(self.regex.finditer(left))):
            cue = self._classify(m, left)
            if cue:  # the nearest cue on the left: its verb group alone is read
                left_cue = (self._verb_group(left, m.start(), cue), len(left) - m.end())
                break
        if left_cue is not None and left_cue[1] <= _NEAR_RIGHT:
            return self._decided(left_cue, text, end)  # no cue on the right is nearer
        right = self._right_clause(text, end).lower().replace("\u2019", "'")
        right_cue = None
        for m in self.regex.finditer(right):
            cue = self._classify(m, right)
            if cue:
                # After the expression, "planned" is when the planning happened ("On Friday,
                # the government planned ..."), not the time of what was planned.
                if cue == "future" and m.group().endswith(self.suffix):
                    cue = "past"
                right_cue = (self._verb_group(right, m.start(), cue), m.start())
                break
        chosen = left_cue
        if left_cue and right_cue and right_cue[1] < _NEAR_RIGHT < left_cue[1]:
            chosen = right_cue
        return self._decided(chosen or right_cue, text, end)

    def _decided(self, chosen: tuple[Tense, int] | None, text: str, end: int) -> tuple[Tense | None, bool]:
        """The tense of the chosen cue (its verb group's, and how far it is from the expression)."""
        if chosen is None:
            return None, False
        adjacent_cue = chosen[1] <= _ADJACENT
        if chosen[0] == "future" and not adjacent_cue and text.startswith(self.possessive, end):
            # "would look for ways to get around Wednesday's ruling": the verb's future does not
            # reach into a possessive that names when something else happened; the nearer one wins.
            return "present", False
        return chosen[0], adjacent_cue

    def _verb_group(self, clause: str, cue_start: int, cue: Tense) -> Tense:
        """The auxiliary that opens the verb group decides: "will be named" (future), "had
        been due to expire" (past), "is heard" (present); "is expected to" keeps the future.
        The group runs back from the cue over auxiliaries and the words that sit between them
        ("not", "been"), and stops at anything else."""
        decided: Tense | None = None
        opening = ""
        for word in reversed(_WORDS.findall(clause, max(0, cue_start - 40), cue_start)):
            tense = self.auxiliaries.get(word)
            if tense is not None:
                decided, opening = tense, word
            elif word not in self.group_words:
                break
        if decided is None or (decided == "present" and cue == "future"):
            return cue
        if decided == "past" and cue == "future" and opening in self.weak_past:
            return cue
        return decided

    def _classify(self, m: re.Match[str], clause: str) -> Tense | None:
        phrase = m.group()
        tense = self.phrases.get(phrase) or self.phrases.get(" ".join(phrase.split()))
        if tense:
            return tense
        if len(phrase) > len(self.suffix) + 2 and phrase not in self.not_past and phrase.endswith(self.suffix):
            # "a still unspecified date", "the proposed merger": an adjective, not a verb.
            before = _WORDS.findall(clause, max(0, m.start() - 16), m.start())
            if before and before[-1] in self.adjective_markers:
                return None
            return "past"
        return None

    def _left_clause(self, text: str, start: int) -> str:
        first = max(0, start - _WINDOW)
        window = text[first:start]
        if first and _is_word_character(text[first - 1]):
            # a word the window cuts in two is no cue: "heduled" is not a past tense
            window = window[_WORD_RUN.match(window).end() :]  # type: ignore[union-attr]
        breaks = list(self.clause_break.finditer(window))
        return window[breaks[-1].end() :] if breaks else window

    def _right_clause(self, text: str, end: int) -> str:
        window = text[end : end + _WINDOW]
        if end + _WINDOW < len(text) and _is_word_character(text[end + _WINDOW]):
            window = window[: len(window) - _WORD_RUN.match(window[::-1]).end()]  # type: ignore[union-attr]
        found = self.clause_break.search(window)
        window = window[: found.start()] if found else window
        for another in self.right_clause_break.finditer(window):
            if not _joins_names(window, another.start(), another.end()):
                return window[: another.start()]
        return window


def _is_word_character(ch: str) -> bool:
    return ch.isalnum() or ch in "'’_"


_WORD_RUN = re.compile(r"[\w'’]*")  # [\w] is what str.isalnum() accepts, and "_"


def _joins_names(clause: str, start: int, end: int) -> bool:
    """Whether the conjunction at clause[start:end] joins two capitalised words ("the
    Abortion and Reproductive Rights League"), inside a name rather than between clauses."""
    before = clause[:start].rstrip()
    first = len(before)
    while first and _is_word_character(before[first - 1]):
        first -= 1
    after = clause[end:].lstrip()
    return before[first : first + 1].isupper() and after[:1].isupper()




_WORDS = re.compile(r"[\w'\u2019]+")


def _phrase(words: list[str]) -> str:
    """An alternation of phrases (a trie: far faster to try than a flat list)."""
    return trie_regex(sorted({w.lower() for w in words}), {" ": r"\s+", "'": "['\u2019]"}) if words else ""


@cache
def cues(language: str) -> TenseCues:
    raw = read_resource(language, "tense.yaml")
    phrases: dict[str, Tense] = {}
    for kind in ("present", "past", "future"):  # a phrase listed twice takes the later kind
        phrases.update({str(w).lower(): kind for w in raw[kind]})  # type: ignore[misc]
    suffix = re.escape(raw.get("past_suffix", "ed"))
    # Only cue phrases and words with the past suffix match: the rest of the clause is skipped in C.
    alternation = trie_regex(sorted(phrases), {" ": r"\s+"})
    regex = re.compile(rf"(?<![\w'])(?:{alternation}|[a-z]+{suffix})(?![\w'])")
    auxiliaries: dict[str, Tense] = {}
    for tense, words in raw.get("auxiliaries", {}).items():
        auxiliaries.update({w.lower(): tense for w in words})
    adjacent_words = [str(w) for w in raw.get("adjacent_future", [])]
    adjacent = _phrase(adjacent_words) or "(?!)"
    adjacent_backwards = _phrase([w[::-1] for w in adjacent_words]) or "(?!)"
    # The prepositions that may stand between such a word and the time ("due on Friday").
    linking = [str(w) for w in raw.get("adjacent_future_prepositions", [])]
    linked = "".join(f"{_phrase([w])}\\s+|" for w in linking)
    linked_backwards = "".join(f"\\s+{_phrase([w[::-1]])}|" for w in linking)
    return TenseCues(
        adjacent_future=re.compile(rf"(?<![\w'\u2019])(?:{adjacent})\s+(?:{linked})\Z", re.IGNORECASE),
        adjacent_future_backwards=re.compile(rf"(?:{linked_backwards})\s+(?:{adjacent_backwards})(?![\w'\u2019])", re.IGNORECASE),
        regex=regex,
        phrases=phrases,
        clause_break=re.compile(raw.get("clause_break") or r"[.;!?\n]"),
        not_past=frozenset(w.lower() for w in raw.get("not_past", ())),
        suffix=raw.get("past_suffix", "ed"),
        auxiliaries=auxiliaries,
        group_words=frozenset(str(w).lower() for w in raw.get("verb_group_words", ())),
        weak_past=frozenset(str(w).lower() for w in raw.get("weak_past_auxiliaries", ())),
        right_clause_break=re.compile(
            rf"(?<![\w'\u2019])(?:{_phrase(raw.get('right_clause_break', [])) or '(?!)'})(?![\w'\u2019])", re.IGNORECASE
        ),
        adjective_markers=frozenset(str(w).lower() for w in raw.get("adjective_markers", ())),
        possessive=tuple(str(w) for w in raw.get("possessive_suffixes", ())),
    )
