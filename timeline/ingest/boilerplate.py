"""Boilerplate in plain text (sign-up boxes, copyright lines, navigation) -> excluded spans.

The rules are data (`resources/boilerplate.yaml`). A rule matches a whole line; the line is
then recorded as an excluded `Span` of the body, which is never rewritten, so every offset
into the body stays valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from timeline.types import Span

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(©])")


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    strict: bool  # a fixed phrase: matches even when the line carries a news signal
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()


_Combined = tuple[re.Pattern[str], tuple[str, ...]]  # one regex of all rules, and their reasons


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    news_signal: re.Pattern[str]  # any of the resource's news signals
    _all: _Combined = field(init=False, repr=False)
    _strict: _Combined = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # One alternation per case, tried in rule order: a single regex call per line.
        object.__setattr__(self, "_all", _combined(self.rules))
        object.__setattr__(self, "_strict", _combined(tuple(r for r in self.rules if r.strict)))

    def reason_for(self, line: str) -> str | None:
        """Why `line` is boilerplate, or None when it is (or may be) news."""
        stripped = line.strip()
        if not stripped:
            return None
        has_news_signal = self.news_signal.search(stripped) is not None
        reason = self._match(stripped, has_news_signal)
        if reason:
            return reason
        # A notice made of several boilerplate sentences ("Copyright 2025 X Inc. All rights
        # reserved. This material may not be published...") is boilerplate as a whole.
        sentences = _SENTENCE_BREAK.split(stripped)
        if len(sentences) < 2:
            return None
        reasons = []
        for sentence in sentences:
            found = self._match(sentence, has_news_signal)
            if found is None:
                return None
            reasons.append(found)
        return reasons[0]

    def _match(self, text: str, has_news_signal: bool) -> str | None:
        pattern, reasons = self._strict if has_news_signal else self._all
        match = pattern.fullmatch(text)
        if match is None or match.lastgroup is None:
            return None
        return reasons[int(match.lastgroup[1:])]


def _combined(rules: tuple[Rule, ...]) -> _Combined:
    if not rules:
        return re.compile(r"(?!)"), ()
    alternatives = "|".join(f"(?P<r{i}>{rule.pattern.pattern})" for i, rule in enumerate(rules))
    return re.compile(alternatives, rules[0].pattern.flags), tuple(rule.reason for rule in rules)


@cache
def load_rules(name: str = "boilerplate.yaml") -> Rules:
    raw = yaml.safe_load(resources.files("timeline.ingest.resources").joinpath(name).read_text("utf-8"))
    flags = re.IGNORECASE | re.DOTALL
    return Rules(
        rules=tuple(
            Rule(
                reason=entry["reason"],
                pattern=re.compile(entry["pattern"], flags),
                strict=bool(entry.get("strict", False)),
                examples=tuple(entry.get("examples", ())),
                counter_examples=tuple(entry.get("counter_examples", ())),
            )
            for entry in raw["rules"]
        ),
        news_signal=re.compile("|".join(f"(?:{s})" for s in raw.get("news_signals", ())) or "(?!)", re.IGNORECASE),
    )


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, line) for each line of `text`; `end` excludes the line break."""
    position = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        yield position, position + len(content), content
        position += len(line)


def find_boilerplate(text: str, rules: Rules | None = None) -> list[Span]:
    """The boilerplate lines of `text` as spans; leading/trailing blanks of a line are not included."""
    rules = rules or load_rules()
    spans: list[Span] = []
    for start, end, line in iter_lines(text):
        reason = rules.reason_for(line)
        if reason:
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            spans.append(Span(start=start + lead, end=end - trail, reason=reason))
    return spans
