"""Boilerplate in plain text (sign-up boxes, copyright lines, navigation) -> excluded spans.

The rules are data (`resources/boilerplate.yaml`). A rule matches a whole line; the line is
then recorded as an excluded `Span` of the body, which is never rewritten, so every offset
into the body stays valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    news_signals: tuple[re.Pattern[str], ...]

    def reason_for(self, line: str) -> str | None:
        """Why `line` is boilerplate, or None when it is (or may be) news."""
        stripped = line.strip()
        if not stripped:
            return None
        has_news_signal = any(signal.search(stripped) for signal in self.news_signals)
        reason = self._match(stripped, has_news_signal)
        if reason:
            return reason
        # A notice made of several boilerplate sentences ("Copyright 2025 X Inc. All rights
        # reserved. This material may not be published...") is boilerplate as a whole.
        sentences = _SENTENCE_BREAK.split(stripped)
        if len(sentences) > 1:
            reasons = [self._match(sentence, has_news_signal) for sentence in sentences]
            if all(reasons):
                return reasons[0]
        return None

    def _match(self, text: str, has_news_signal: bool) -> str | None:
        for rule in self.rules:
            if (rule.strict or not has_news_signal) and rule.pattern.fullmatch(text):
                return rule.reason
        return None


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
        news_signals=tuple(re.compile(s, re.IGNORECASE) for s in raw.get("news_signals", ())),
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
