"""Compile a language's rules (`resources/<lang>/rules.yaml`) against its lexicon.

A rule's pattern names slots (`{month}`, `{count}`, `{day:day2}`) and lexicon classes
(`[[months]]`); this module expands them into one compiled regex per rule and turns each match
into a `Match`: the span plus the slot values, already converted to what the words mean
("Aug." -> 8, "twenty-one" -> 21.0, "yesterday" -> {days: -1}).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from timeline.temporal import zones
from timeline.temporal.lexicon import Lexicon, load, normalise, read_resource

_SLOT = re.compile(r"\{(?P<slot>[a-z_0-9]+)(?::(?P<name>[a-z_0-9]+))?\}")
_CLASS = re.compile(r"\[\[(?P<spec>[a-z_]+(?:-[a-z_]+)?)\]\]")


class GrammarError(ValueError):
    """A rules file that does not compile; names the rule."""


@dataclass(frozen=True)
class Rule:
    name: str
    index: int
    regex: re.Pattern[str]
    build: str
    fixed: dict[str, Any]
    slots: dict[str, str]  # group name -> slot (macro or lexicon class) that converts it


@dataclass(frozen=True)
class Match:
    """One rule matching one stretch of text; `values` maps group names to meanings."""

    start: int
    end: int
    rule: Rule
    values: dict[str, Any]
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Grammar:
    lexicon: Lexicon
    rules: tuple[Rule, ...]
    converters: dict[str, Callable[[str], Any]]

    def matches(self, text: str) -> Iterator[Match]:
        """Every match of every rule (overlapping ones included; choosing is the caller's)."""
        for rule in self.rules:
            for m in rule.regex.finditer(text):
                span_group = "t" if "t" in rule.regex.groupindex and m.group("t") is not None else 0
                start, end = m.span(span_group)
                if start == end:
                    continue
                yield Match(start, end, rule, *self._convert(rule, m))

    def _convert(self, rule: Rule, m: re.Match[str]) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
        values: dict[str, Any] = {}
        spans: dict[str, tuple[int, int]] = {}
        for name, text in m.groupdict().items():
            if text is None or name == "t":
                continue
            spans[name] = m.span(name)
            slot = rule.slots.get(name)
            values[name] = self.converters[slot](text) if slot else normalise(text)
        return values, spans


# ---- Converters: slot text -> meaning ----------------------------------------------------------


def _number_converter(lexicon: Lexicon) -> Callable[[str], Any]:
    ones = lexicon.classes.get("numbers", {})
    tens = lexicon.classes.get("number_tens", {})
    scales = lexicon.classes.get("number_scales", {})
    fixed = {**lexicon.classes.get("number_vague", {}), **lexicon.classes.get("number_articles", {})}
    fractions = lexicon.classes.get("fractions", {})

    def convert(text: str) -> float | str | None:
        key = normalise(text)
        if key in fixed:
            return fixed[key]
        digits = key.replace(",", "")
        whole, _, fraction = digits.partition(" ")
        try:
            value = float(whole)
        except ValueError:
            return _words_to_number(key, ones, tens, scales)
        return value + float(fractions.get(fraction, 0)) if fraction else value

    return convert


def _words_to_number(key: str, ones: dict, tens: dict, scales: dict) -> float | None:
    total = current = 0.0
    seen = False
    for word in re.split(r"[\s-]+", key):
        if word in ones:
            current += ones[word]
        elif word in tens:
            current += tens[word]
        elif word in scales:
            current = max(current, 1) * scales[word]
            if scales[word] >= 1000:
                total, current = total + current, 0.0
        elif word == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _year(text: str) -> tuple[int, int]:
    """(year, digits): two-digit years get their century from the reference later."""
    digits = re.sub(r"\D", "", text)
    return int(digits), len(digits)


def _decade(text: str) -> tuple[int, int]:
    digits = re.sub(r"\D", "", text)
    return int(digits[:-1]), len(digits) - 1  # "1990s" -> (199, 3); "'90s" -> (9, 1)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _ampm(text: str) -> str:
    return text.strip()[0].lower()


def _utc_offset(text: str) -> str:
    if text.upper() == "Z":
        return "+00:00"
    digits = text[1:].replace(":", "")
    return f"{text[0]}{digits[:2]}:{digits[2:]}"


def _converters(lexicon: Lexicon, macros: dict[str, dict[str, str]]) -> dict[str, Callable[[str], Any]]:
    number = _number_converter(lexicon)
    ordinals = lexicon.classes.get("ordinals", {})

    def ordinal(text: str) -> int | None:
        key = normalise(text)
        if key in ordinals:
            return ordinals[key]
        digits = re.match(r"\d+", key)
        return int(digits.group()) if digits else None

    def times(text: str) -> float | None:
        key = normalise(text)
        fixed = lexicon.classes.get("frequency_words", {})
        if key in fixed:
            return fixed[key]
        return number(key.rsplit(" ", 1)[0])

    base: dict[str, Callable[[str], Any]] = {
        "int": lambda text: int(text),
        "number": number,
        "year": _year,
        "decade": _decade,
        "day": _day,
        "ordinal": ordinal,
        "ampm": _ampm,
        "zone": lambda text: text.upper().replace(".", ""),
        "utc_offset": _utc_offset,
        "flag": lambda text: True,
        "text": normalise,
        "times": times,
    }
    converters: dict[str, Callable[[str], Any]] = {}
    for slot, spec in macros.items():
        kind = spec.get("convert", "text")
        if kind in base:
            converters[slot] = base[kind]
        else:
            converters[slot] = _class_lookup(lexicon, kind)
    for cls in lexicon.classes:
        converters.setdefault(cls, _class_lookup(lexicon, cls))
    return converters


def _class_lookup(lexicon: Lexicon, cls: str) -> Callable[[str], Any]:
    if cls not in lexicon.classes:
        raise GrammarError(f"converter names unknown lexicon class {cls!r}")
    table = lexicon.classes[cls]
    return lambda text: table.get(normalise(text))


# ---- Compiling patterns ------------------------------------------------------------------------


def _with_engine_classes(lexicon: Lexicon) -> Lexicon:
    """Add the classes the engine derives: compound number words, zone abbreviations."""
    classes = dict(lexicon.classes)
    classes["zones"] = {a: a for a in zones.abbreviations()}  # upper case only: "EDT", not "Edt"
    return Lexicon(lexicon.language, classes, lexicon.case_sensitive | {"zones"})


def _number_words_regex(lexicon: Lexicon) -> str:
    ones = lexicon.alternation("numbers")
    tens = lexicon.alternation("number_tens")
    scales = lexicon.alternation("number_scales")
    small = rf"(?:{tens}(?:[-\s]{ones})?|{ones})"
    return rf"(?:{small}(?:\s{scales}(?:\s(?:and\s)?{small})?)?)"


def _expand_classes(pattern: str, lexicon: Lexicon, derived: dict[str, str]) -> str:
    def replace(m: re.Match[str]) -> str:
        spec = m.group("spec")
        if spec in derived:
            return derived[spec]
        return lexicon.alternation(spec)

    return _CLASS.sub(replace, pattern)


def _spaces(pattern: str) -> str:
    """' ' -> one or more whitespace, ' ?' -> optional whitespace; character classes untouched."""
    out: list[str] = []
    in_class = escaped = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
            if pattern[i + 1 : i + 2] == "]":  # a literal "]" first in the class
                out.append("]")
                i += 1
        elif ch == " ":
            if pattern[i + 1 : i + 2] == "?":
                out.append(r"\s*")
                i += 1
            else:
                out.append(r"\s+")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _compile_rule(
    index: int,
    spec: dict[str, Any],
    macros: dict[str, str],
    fields: dict[str, str],
    lexicon: Lexicon,
    derived: dict[str, str],
) -> Rule:
    name = spec["name"]
    slots: dict[str, str] = {}

    def replace(m: re.Match[str]) -> str:
        slot = m.group("slot")
        group = m.group("name") or fields.get(slot, slot)
        if group in slots:
            raise GrammarError(f"rule {name!r}: field {group!r} captured twice; name one {{{slot}:other}}")
        if slot in macros:
            body = macros[slot]
        elif slot in lexicon.classes:
            body = lexicon.alternation(slot)
        else:
            raise GrammarError(f"rule {name!r}: unknown slot {slot!r}")
        slots[group] = slot
        return f"(?P<{group}>{body})"

    pattern = _SLOT.sub(replace, _spaces(spec["pattern"]))
    pattern = _expand_classes(pattern, lexicon, derived)
    try:
        regex = re.compile(rf"(?<![\w]){pattern}", re.IGNORECASE)
    except re.error as exc:
        raise GrammarError(f"rule {name!r} does not compile: {exc}") from exc
    return Rule(name, index, regex, spec["build"], dict(spec.get("set", {})), slots)


@cache
def grammar(language: str) -> Grammar:
    lexicon = _with_engine_classes(load(language))
    raw = read_resource(language, "rules.yaml")
    derived = {"number_words": _number_words_regex(lexicon)}
    macro_specs: dict[str, dict[str, str]] = raw.get("macros", {})
    macros = {
        slot: _expand_classes(_spaces(spec["pattern"]), lexicon, derived) for slot, spec in macro_specs.items()
    }
    fields = {slot: spec.get("as", slot) for slot, spec in macro_specs.items()}
    rules = tuple(
        _compile_rule(i, spec, macros, fields, lexicon, derived)
        for i, spec in enumerate(raw.get("rules", ()))
    )
    return Grammar(lexicon, rules, _converters(lexicon, macro_specs))
