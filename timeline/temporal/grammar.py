"""Compile a language's rules (`resources/<lang>/rules.yaml`) against its lexicon.

A rule's pattern names slots (`{month}`, `{count}`, `{day:day2}`) and lexicon classes
(`[[months]]`); this module expands them into one compiled regex per rule and turns each match
into a `Match`: the span plus the slot values, already converted to what the words mean
("Aug." -> 8, "twenty-one" -> 21.0, "yesterday" -> {days: -1}).
"""

from __future__ import annotations

import re
import re._constants as _sre_constants  # the parsed form of patterns, read by first_characters
import re._parser as _sre_parser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from timeline.temporal import zones
from timeline.temporal.lexicon import Lexicon, load, normalise, read_resource, trie_regex

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
    heads: frozenset[str]  # head words (lower case) or "<digits>" near which the rule can match
    first: frozenset[str] | None = None  # lower-case characters a match can begin with (None: any)
    at_head: bool = False  # a match always begins where its head does ("4:32 p.m.", "Aug. 19")
    reach: int = 0  # how many characters before its head a match can begin (at most _LEFT)
    # The words (runs of letters, lower case) a match can begin with, when it begins with one;
    # None when they cannot be listed. A run the pattern ends in the middle of is a prefix.
    first_words: frozenset[str] | None = None
    first_prefixes: tuple[str, ...] = ()
    # The pattern from the slot the heads come from to its end, and how far before its head that
    # slot can begin: no match can use a head where it does not match (None: not known).
    head_slot: re.Pattern[str] | None = None
    head_lead: int = 0
    # For each character a match can begin with (lower case), the characters that can follow it
    # (None: any, or the end of the text); None when they cannot be listed. Rules that begin at
    # their head only: "1998" is no "10/19/98" nor "4 p.m.".
    seconds: dict[str, frozenset[str] | None] | None = None


# How far left of a head an expression may start ("the next two hundred and fifty years").
_LEFT = 40
_DIGITS = "<digits>"  # any run of digits
_DIGITS4 = "<digits4>"  # a run of exactly four digits (years)
# Where an expression can start: the first character of a word, of "'90s" or of "$5".
_LONGEST_WORD = 40  # characters: no word a rule can begin with is longer (checked when compiled)
_WORD_START = re.compile(r"(?<![\w'\u2019$£€])(?:([^\W\d_]+)|[\w'\u2019$£€])")  # group 1: a word


@dataclass(frozen=True)
class HeadRules:
    """The rules one head can trigger, looked up by the character a match would begin with
    (key "": rules that can begin with anything): those that begin at the head itself, and
    those that begin a few words before it, with how far before it they can begin, farthest
    first."""

    at_head: dict[str, tuple[Rule, ...]]
    before: dict[str, tuple[tuple[int, Rule], ...]]
    reach: int  # the farthest any rule in `before` can begin before the head
    # The rules in `before` by the word (run of letters) a match begins with; None when some
    # rule's first words cannot be listed exactly (then `before` is used for every start).
    before_by_word: dict[str, tuple[tuple[int, Rule], ...]] | None
    # Where a rule in `before` could use this head occurrence: its pattern from its head slot
    # on matches at most `lead` characters before the head (one regex for them all, which
    # skips up to `lead` characters first). Elsewhere no such rule can (a match is found from
    # its own head), and the words before the head need not be visited: most digits are no
    # decade, year or quarter. None when some rule in `before` has no such pattern.
    head_slots: re.Pattern[str] | None
    lead: int

    @classmethod
    def of(cls, rules: list[Rule]) -> HeadRules:
        before = [r for r in rules if not r.at_head]
        slots, lead = _head_slots(before)
        return cls(
            _by_first_two_characters([r for r in rules if r.at_head]),
            _by_first_character(before, lambda r: (r.reach, r)),
            max((r.reach for r in before), default=0),
            _by_first_word(before),
            slots,
            lead,
        )


def _head_slots(rules: list[Rule]) -> tuple[re.Pattern[str] | None, int]:
    if not rules or any(r.head_slot is None for r in rules):
        return None, 0
    patterns = list(dict.fromkeys(r.head_slot.pattern for r in rules if r.head_slot is not None))
    lead = max(r.head_lead for r in rules)
    return re.compile(rf"(?s:.{{0,{lead}}})(?:{'|'.join(patterns)})", re.IGNORECASE), lead  # the rules' flags


def _by_first_word(rules: list[Rule]) -> dict[str, tuple[tuple[int, Rule], ...]] | None:
    if any(r.first_words is None or r.first_prefixes for r in rules):
        return None
    table: dict[str, list[Rule]] = {}
    for rule in rules:
        for word in rule.first_words or ():
            if len(word) >= _LONGEST_WORD:
                raise GrammarError(f"rule {rule.name!r} can begin with a word of {len(word)} letters (at most {_LONGEST_WORD - 1})")
            table.setdefault(word, []).append(rule)
    return {w: tuple((r.reach, r) for r in sorted(found, key=lambda r: (-r.reach, r.index))) for w, found in table.items()}


def _by_first_two_characters(rules: list[Rule]) -> dict[str, tuple[Rule, ...]]:
    """`_by_first_character`, and under keys of two characters the rules that can begin with
    both; under a first character alone, then, those that can begin with it and any other
    character (or it alone, at the end of the text)."""
    # A first character that lower-cases to two ("İ") is never looked up (the text is seen one
    # character for one): its key would be taken for a pair.
    table = {first: found for first, found in _by_first_character(rules, lambda r: r).items() if len(first) <= 1}
    for first, found in list(table.items()):
        if not first:
            continue
        seconds = [(r, r.seconds.get(first) if r.seconds is not None else None) for r in found]
        listed = set().union(*(chars for _, chars in seconds if chars is not None))
        for second in listed:
            table[first + second] = tuple(r for r, chars in seconds if chars is None or second in chars)
        if listed:
            table[first] = tuple(r for r, chars in seconds if chars is None)
    return table


def _by_first_character(rules: list[Rule], entry: Callable[[Rule], Any]) -> dict[str, tuple[Any, ...]]:
    table: dict[str, list[Rule]] = {}
    anything = [r for r in rules if r.first is None]
    for rule in rules:
        for ch in rule.first or ():
            table.setdefault(ch, []).append(rule)
    if anything:
        table = {ch: found + anything for ch, found in table.items()}
        table[""] = anything
    order = (lambda r: (-r.reach, r.index)) if rules and not rules[0].at_head else (lambda r: r.index)
    return {ch: tuple(entry(r) for r in sorted(found, key=order)) for ch, found in table.items()}


@dataclass(frozen=True)
class Trigger:
    """Scans of the text for head words and digits; rules are tried only just before them.

    Head words are found by an Aho-Corasick automaton over the lower-cased text (one pass in C
    for every head word at once; a hit counts only when it is a whole run of letters), runs of
    digits by a regex.
    """

    automaton: ahocorasick.Automaton  # head word -> (length, HeadRules)
    # For text whose lower-casing moves offsets, or with digits of other scripts (which the
    # automaton leaves out: hundreds of first characters would slow every step it takes).
    regex_any_case: re.Pattern[str]
    rules_by_head: dict[str, HeadRules]

    def hits(self, text: str) -> Iterator[tuple[int, HeadRules]]:
        """(offset, the rules that need this head) for each head in the text: runs of digits,
        then words (the order does not matter to `Grammar.matches`)."""
        lowered = text.lower()
        if len(lowered) != len(text) or (not text.isascii() and _ANY_DIGIT.search(text)):
            yield from self._hits_any_case(text)
            return
        # Only ASCII digits are left: a run of them is found in C, not digit by digit.
        digits = self.rules_by_head[_DIGITS]
        digits4 = self.rules_by_head[_DIGITS4]
        for run in _ASCII_DIGITS.finditer(text):
            yield run.start(), (digits4 if run.end() - run.start() == 4 else digits)
        is_letter = str.isalpha if text.isascii() else _is_letter  # the same on ASCII
        last = len(lowered) - 1
        for end, (length, rules) in self.automaton.iter_long(lowered):
            start = end - length + 1
            if not (start and is_letter(lowered[start - 1])) and not (end < last and is_letter(lowered[end + 1])):
                yield start, rules

    def _hits_any_case(self, text: str) -> Iterator[tuple[int, HeadRules]]:
        by_head = self.rules_by_head
        for hit in self.regex_any_case.finditer(text):
            word = hit.group()
            if word[0].isdecimal():
                yield hit.start(), by_head[_DIGITS4 if len(word) == 4 else _DIGITS]
                continue
            found = by_head.get(word.lower())
            if found is not None:
                yield hit.start(), found


# The same runs as "[0-9]+", found twice as fast: a pattern that begins with a class (not a
# repeat) lets the regex engine skip to the next digit in its scanning loop.
_ASCII_DIGITS = re.compile(r"[0-9][0-9]*")


def _is_letter(ch: str) -> bool:
    """What the regex class [^\\W\\d_] matches: a word character that is not a digit or "_"."""
    return ch.isalpha() or (ch.isalnum() and not ch.isdecimal())


def _first_character_view(text: str) -> str:
    """The text as `Rule.first` sees it: lower case, one character per character, and digits
    of other scripts as "0" (the regex engine's \\d matches them too)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower()[:1] or ch for ch in text)
    if not text.isascii():
        lowered = _ANY_DIGIT.sub("0", lowered)
    return lowered


_ANY_DIGIT = re.compile(r"(?![0-9])\d")  # a digit of another script


Fields = tuple[tuple[str, Callable[[str], Any]], ...]  # a rule's groups and their converters


class Match:
    """One rule matching one stretch of text. `values` maps its groups to what their words
    mean, `spans` to where they are: both read when first asked for, since most candidate
    matches lose to a longer one that overlaps them and are never read."""

    __slots__ = ("start", "end", "rule", "_found", "_fields", "_values")

    def __init__(self, start: int, end: int, rule: Rule, found: re.Match[str], fields: Fields) -> None:
        self.start, self.end, self.rule = start, end, rule
        self._found, self._fields = found, fields
        self._values: dict[str, Any] | None = None

    @property
    def values(self) -> dict[str, Any]:
        if self._values is None:
            found = self._found
            self._values = {name: convert(text) for name, convert in self._fields if (text := found.group(name)) is not None}
        return self._values

    @property
    def spans(self) -> dict[str, tuple[int, int]]:
        found = self._found
        return {name: found.span(name) for name, _ in self._fields if found.group(name) is not None}


@dataclass(frozen=True)
class Grammar:
    lexicon: Lexicon
    rules: tuple[Rule, ...]
    trigger: Trigger
    fields: tuple[Fields, ...]  # by rule index: its named groups (but "t") and their converters

    def matches(self, text: str) -> Iterator[Match]:
        """Every match of every rule (overlapping ones included; choosing is the caller's).

        A rule is tried only at the starts of words a little before a head it needs, with an
        anchored match: the regex engine never scans text that cannot hold an expression.
        """
        tried: set[int] = set()  # rule index x text length + start, for rules tried before heads
        stride = len(text) + 1
        lowered = _first_character_view(text)
        # Words are read from the lower-case view when the text is ASCII: it has the same word
        # starts, and its words need no lower-casing to be looked up.
        plain = text.isascii()
        words_in = lowered if plain else text
        for position, head in self.trigger.hits(text):
            table = head.at_head
            at_head = table.get(lowered[position : position + 2])
            if at_head is None:
                at_head = table.get(lowered[position]) or table.get("", ())
            for rule in at_head:
                m = rule.regex.match(text, position)
                if m is not None:
                    yield from self._match(rule, m)
            before = head.before
            if not before:
                continue
            slots = head.head_slots
            if slots is not None and slots.match(text, position - head.lead if position > head.lead else 0) is None:
                continue
            by_word = head.before_by_word
            first = position - head.reach if position > head.reach else 0
            # The scan may stop a word's length past the head: no start beyond it is wanted.
            for found in _WORD_START.finditer(words_in, first, position + _LONGEST_WORD):
                start = found.start()
                if start > position:
                    break
                word = found.group(1)  # read to its end: an end offset would cut it
                if word is not None and by_word is not None and (plain or word.isascii()):
                    # Only the rules that can begin with this word (most starts have none).
                    candidates = by_word.get(word if plain else word.lower())
                    if candidates is None:
                        continue
                else:
                    candidates = before.get(lowered[start]) or before.get("", ())
                distance = position - start
                for reach, rule in candidates:
                    if reach < distance:
                        break
                    key = rule.index * stride + start
                    if key in tried:
                        continue
                    tried.add(key)
                    m = rule.regex.match(text, start)
                    if m is not None:
                        yield from self._match(rule, m)

    def matches_everywhere(self, text: str) -> Iterator[Match]:
        """What `matches` finds, by trying every rule at every word start, and every rule that
        begins at its head wherever one of its heads is, word start or not ("'1988") (slow; for
        tests: none of the choices `matches` makes to try less)."""
        starts = [m.start() for m in _WORD_START.finditer(text)]
        for rule in self.rules:
            for start in starts:
                m = rule.regex.match(text, start)
                if m is not None:
                    yield from self._match(rule, m)
        word_starts = set(starts)
        for position, head in self.trigger.hits(text):
            if position in word_starts:
                continue
            for rule in {r.index: r for rules in head.at_head.values() for r in rules}.values():
                m = rule.regex.match(text, position)
                if m is not None:
                    yield from self._match(rule, m)

    def _match(self, rule: Rule, m: re.Match[str]) -> Iterator[Match]:
        span_group = "t" if "t" in rule.regex.groupindex and m.group("t") is not None else 0
        start, end = m.span(span_group)
        if start != end:
            yield Match(start, end, rule, m, self.fields[rule.index])


def _fields(rule: Rule, converters: dict[str, Callable[[str], Any]]) -> Fields:
    """A rule's named groups but "t" (the span to report), each with what converts its text: its
    slot's converter, or plain normalising."""
    return tuple(
        (name, converters[slot] if (slot := rule.slots.get(name)) else normalise)
        for name in rule.regex.groupindex
        if name != "t"
    )


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


def _year_words_converter(lexicon: Lexicon) -> Callable[[str], Any]:
    """ "nineteen ninety-four" -> (1994, 4); "two thousand and one" -> (2001, 4)."""
    ones = lexicon.classes.get("numbers", {})
    tens = lexicon.classes.get("number_tens", {})
    scales = lexicon.classes.get("number_scales", {})

    def convert(text: str) -> tuple[int, int] | None:
        words = re.split(r"[\s-]+", normalise(text))
        if words[:2] == ["the", "year"]:
            words = words[2:]
        if "thousand" in words or "hundred" in words:
            value = _words_to_number(" ".join(words), ones, tens, scales)
            return (int(value), 4) if value else None
        century = ones.get(words[0]) or tens.get(words[0])
        rest = _words_to_number(" ".join(w for w in words[1:] if w != "oh"), ones, tens, scales)
        if not century or rest is None or rest >= 100:
            return None
        return century * 100 + int(rest), 4

    return convert


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
        "year_words": _year_words_converter(lexicon),
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


def _year_words_regex(lexicon: Lexicon) -> str:
    """Years in words: "nineteen ninety-four", "nineteen oh five", "two thousand and one"."""
    ones = lexicon.alternation("numbers")
    tens = lexicon.alternation("number_tens")
    small = rf"(?:{tens}(?:[-\s]{ones})?|{ones})"
    century = r"(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
    return (
        rf"(?:{century}[\s-](?:{tens}(?:[-\s]{ones})?|oh[\s-]{ones}|ten|eleven|twelve|thirteen|fourteen"
        rf"|fifteen|sixteen|seventeen|eighteen|nineteen)|two\sthousand(?:\s(?:and\s)?{small})?)"
    )


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


def _head_words(head: Any, lexicon: Lexicon) -> set[str]:
    """The words a macro's or rule's `head` stands for (one per lexicon entry: its longest word)."""
    if head is None:
        return set()
    if head == "digits":
        return {_DIGITS}
    if head == "digits4":
        return {_DIGITS4}
    if isinstance(head, str):
        if head not in lexicon.classes:
            raise GrammarError(f"head names unknown lexicon class {head!r}")
        return {_longest_word(w) for w in lexicon.classes[head]}
    return {_longest_word(str(w).lower()) for w in head}


def _starts_at_head(head: Any, pattern: str, lexicon: Lexicon) -> bool:
    """Whether whatever a macro matches begins with its head: true of "Aug." (head "aug") and
    "1998", not of "new year's day" (head "year") or "'98" (head "98")."""
    if head is None:
        return False
    if isinstance(head, str) and head not in ("digits", "digits4"):
        entries = list(lexicon.classes[head])
    elif isinstance(head, list):
        entries = [str(w).lower() for w in head]
    else:
        entries = []
    if any(not entry.startswith(_longest_word(entry)) for entry in entries):
        return False
    first = first_characters(re.compile(pattern, re.IGNORECASE))
    return first is not None and all(c.isalnum() for c in first)


def _head_lead(head: Any, lexicon: Lexicon) -> int:
    """How many characters into a slot's text its head word can begin ("the day before
    yesterday": 15; "'98": 1; "Aug.": 0)."""
    if head in ("digits", "digits4"):
        return 1
    if isinstance(head, str) and head in lexicon.classes:
        return max((entry.find(_longest_word(entry)) for entry in lexicon.classes[head]), default=0) + 4
    return _LEFT if head is not None else 0  # a list of words may sit anywhere in the slot


def _longest_word(entry: str) -> str:
    # Letters only: the trigger matches whole runs of letters ("year's" fires on "year").
    return max(re.findall(r"[^\W\d_]+", entry) or [entry], key=len)


def _rule_heads(
    spec: dict[str, Any], macro_heads: dict[str, set[str]], leading: set[str], lexicon: Lexicon
) -> tuple[set[str], bool, str | None]:
    """The heads near which a rule can match, and whether a match always begins at its head.

    The heads are the rule's own `heads`, else those of one slot the pattern cannot do without
    (a month rather than digits when it needs both: fewer tries)."""
    if spec.get("heads"):
        return _head_words(spec["heads"], lexicon), False, None
    options = [slot for slot in mandatory_slots(spec["pattern"]) if macro_heads.get(slot)]
    if not options:
        return set(), False, None
    slot = min(options, key=lambda s: (bool(macro_heads[s] & {_DIGITS, _DIGITS4}) * (2 - (_DIGITS4 in macro_heads[s])), len(macro_heads[s])))
    opening = _LEADING_LOOKBEHINDS.sub("", spec["pattern"])
    return macro_heads[slot], slot in leading and opening.startswith(("{" + slot + "}", "{" + slot + ":")), slot


def _reach(template: str, slot: str | None, expand: Callable[[str], str], lead: int) -> int:
    """An upper bound on how far before its head slot a match of the template can begin: the
    widest text the part of the pattern before the slot can match (whitespace runs counted as
    one character), plus how far into the slot its head word can sit ("the day before
    yesterday"). Unbounded or unknown: _LEFT."""
    if slot is None:
        return _LEFT
    m = re.search(r"\{" + slot + r"(?::[a-z_0-9]+)?\}", template)
    if m is None:
        return _LEFT
    prefix = template[: m.start()]
    prefix += ")" * _unclosed_groups(prefix)
    regex = expand(prefix).replace(r"\s+", r"\s").replace(r"\s*", r"\s?")
    try:
        width = _sre_parser.parse(regex, re.IGNORECASE).getwidth()[1]
    except re.error:
        return _LEFT
    return min(_LEFT, width + lead + 1)


def _unclosed_groups(pattern: str) -> int:
    depth = 0
    for _, ch, _ in _structure(pattern):
        depth += {"(": 1, ")": -1}.get(ch, 0)
    return max(depth, 0)


def _structure(template: str) -> Iterator[tuple[int, str, str | None]]:
    """The characters of a rule template that shape it - "(", ")", "|" - and its slots, as
    (offset, character, slot name); escapes, character classes and [[classes]] are skipped."""
    i, in_class = 0, False
    while i < len(template):
        ch = template[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif template.startswith("[[", i):
            i = template.index("]]", i) + 2
            continue
        elif ch == "[":
            in_class = True
        elif ch == "{" and (m := _SLOT.match(template, i)):
            yield i, ch, m.group("slot")
            i = m.end()
            continue
        elif ch in "()|":
            yield i, ch, None
        i += 1


_LEADING_LOOKBEHINDS = re.compile(r"^(?:\(\?<[!=](?:\\.|[^()\\]|\([^()]*\))*\))+")


def mandatory_slots(template: str) -> list[str]:
    """Slots ({name} or {name:alias}) that every match of the template must contain: those not
    inside an optional group, a repetition that allows zero, or an alternation."""
    found: list[str] = []
    # Each open group: [start index of its slots in `found`, whether it has a "|"].
    stack: list[list[Any]] = [[0, False]]
    optional_ranges: list[tuple[int, int]] = []
    for i, ch, slot in _structure(template):
        if slot is not None:
            found.append(slot)
        elif ch == "(":
            stack.append([len(found), False])
        elif ch == "|":
            stack[-1][1] = True
        elif ch == ")" and len(stack) > 1:
            first, alternation = stack.pop()
            rest = template[i + 1 : i + 2]
            if alternation or rest in ("?", "*") or template.startswith("{0", i + 1):
                optional_ranges.append((first, len(found)))
    if stack[0][1]:
        return []
    return [slot for k, slot in enumerate(found) if not any(a <= k < b for a, b in optional_ranges)]


def _compile_rule(
    index: int,
    spec: dict[str, Any],
    macros: dict[str, str],
    fields: dict[str, str],
    macro_heads: dict[str, set[str]],
    leading: set[str],
    head_leads: dict[str, int],
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
    heads, at_head, head_slot = _rule_heads(spec, macro_heads, leading, lexicon)
    if not heads:
        raise GrammarError(f"rule {name!r} has no head: give it a slot with a head, or `heads`")

    def expand(prefix: str) -> str:
        return _expand_classes(_SLOT.sub(lambda m: f"(?:{macros.get(m.group('slot')) or lexicon.alternation(m.group('slot'))})", _spaces(prefix)), lexicon, derived)

    lead = head_leads.get(head_slot or "", _LEFT)
    reach = 0 if at_head else _reach(spec["pattern"], head_slot, expand, lead)
    parsed = _parsed(regex)  # read once, for both
    words = first_words(regex, parsed)
    check = None if at_head or lead > _HEAD_SLOT_LEAD else _from_slot(spec["pattern"], head_slot, expand)
    return Rule(name, index, regex, spec["build"], dict(spec.get("set", {})), slots, frozenset(heads),
                first_characters(regex, parsed), at_head, reach, words[0] if words else None, words[1] if words else (),
                check, lead if check else 0, first_pairs(parsed) if at_head else None)


# A head slot whose head may sit further into it than this is not checked (it would cost more
# tries than it saves).
_HEAD_SLOT_LEAD = 4


def _from_slot(template: str, slot: str | None, expand: Callable[[str], str]) -> re.Pattern[str] | None:
    """The template from `slot` on, compiled as the rule is: whatever a match of the rule holds
    from that slot on matches it where the slot begins. None unless the slot stands in the
    template's own sequence (not inside a group, where what follows it would not be all that
    follows it in a match; not beside a top-level alternative)."""
    if slot is None:
        return None
    m = re.search(r"\{" + slot + r"(?::[a-z_0-9]+)?\}", template)
    if m is None or _unclosed_groups(template[: m.start()]) or any(
        ch == "|" and _unclosed_groups(template[:i]) == 0 for i, ch, _ in _structure(template)
    ):
        return None
    try:
        return re.compile(expand(template[m.start() :]), re.IGNORECASE)  # the rules' flags
    except re.error:
        return None


@cache
def grammar(language: str) -> Grammar:
    lexicon = _with_engine_classes(load(language))
    raw = read_resource(language, "rules.yaml")
    derived = {"number_words": _number_words_regex(lexicon), "year_words": _year_words_regex(lexicon)}
    macro_specs: dict[str, dict[str, str]] = raw.get("macros", {})
    macros = {
        slot: _expand_classes(_spaces(spec["pattern"]), lexicon, derived) for slot, spec in macro_specs.items()
    }
    fields = {slot: spec.get("as", slot) for slot, spec in macro_specs.items()}
    macro_heads = {slot: _head_words(spec.get("head"), lexicon) for slot, spec in macro_specs.items()}
    leading = {
        slot for slot, spec in macro_specs.items() if _starts_at_head(spec.get("head"), macros[slot], lexicon)
    }
    head_leads = {slot: _head_lead(spec.get("head"), lexicon) for slot, spec in macro_specs.items()}
    rules = tuple(
        _compile_rule(i, spec, macros, fields, macro_heads, leading, head_leads, lexicon, derived)
        for i, spec in enumerate(raw.get("rules", ()))
    )
    converters = _converters(lexicon, macro_specs)
    return Grammar(lexicon, rules, _trigger(rules), tuple(_fields(r, converters) for r in rules))


def _parsed(regex: re.Pattern[str]) -> Any:
    """The parsed form of a compiled pattern (None if it cannot be parsed again)."""
    try:
        return _sre_parser.parse(regex.pattern, regex.flags)
    except re.error:
        return None


def first_characters(regex: re.Pattern[str], parsed: Any = None) -> frozenset[str] | None:
    """The lower-case characters a match of `regex` can begin with, or None when it could begin
    with almost anything. Read from the parsed pattern, so that a rule is not even tried where
    its first character cannot be."""
    try:
        chars, _ = _first(parsed if parsed is not None else _sre_parser.parse(regex.pattern, regex.flags))
    except (_AnyFirst, re.error):
        return None
    if chars & _DIGIT_CHARS:
        chars |= _DIGIT_CHARS  # other scripts' digits are seen as "0"
    return frozenset(c.lower() for c in chars)


_MAX_FIRST_WORDS = 4000


_MAX_PAIRS = 20000  # two-character beginnings walked before a rule's are given up listing
_ANY_CHARACTER = ""  # in a beginning being walked: a character that could be anything


def first_pairs(parsed: Any) -> dict[str, frozenset[str] | None] | None:
    """The two characters (lower case) a match can begin with, as the characters that can
    follow each first one (None: any, or the end of the text, where a match may end after
    it); None when they cannot be listed. Read from the parsed pattern (as `first_words`
    walks it); assertions are passed over, so the lists may be longer than the truth, never
    shorter."""
    found: dict[str, set[str] | None] = {}
    walked = 0

    def ended(acc: tuple[str, ...]) -> None:
        nonlocal walked
        walked += 1
        if walked > _MAX_PAIRS or not acc or acc[0] == _ANY_CHARACTER:
            raise _AnyFirst
        first = acc[0]
        if len(acc) == 1 or acc[1] == _ANY_CHARACTER:
            found[first] = None
        elif (seconds := found.setdefault(first, set())) is not None:
            seconds.add(acc[1])

    def walk(items: list[Any], i: int, acc: tuple[str, ...], then: Callable[[tuple[str, ...]], None]) -> None:
        if len(acc) == 2:
            ended(acc)
            return
        if i == len(items):
            then(acc)
            return
        op, av = items[i]
        c = _sre_constants

        def rest(more: tuple[str, ...]) -> None:
            walk(items, i + 1, more, then)

        if op is c.LITERAL:
            rest((*acc, _lower_one(chr(av))))
        elif op is c.IN:
            try:
                chars = {_lower_one(ch) for ch in _first_in(av, spaces=True)}
            except _AnyFirst:
                chars = {_ANY_CHARACTER}
            for ch in sorted(chars):
                rest((*acc, ch))
        elif op is c.NOT_LITERAL or op is c.ANY:
            rest((*acc, _ANY_CHARACTER))
        elif (bodies := _group_bodies(op, av)) is not None:
            for body in bodies:
                walk(body, 0, acc, rest)
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            rest(acc)  # takes no text
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, body = av
            if low == 0:
                rest(acc)
            if high != 0:

                def again(more: tuple[str, ...]) -> None:
                    if more == acc:
                        rest(more)  # a turn that took no text
                    else:  # the turns left (each takes text: a beginning is two characters)
                        left = high if high is c.MAXREPEAT else high - 1
                        walk([(op, (max(low - 1, 0), left, body))], 0, more, rest)

                walk(list(body), 0, acc, again)
        else:
            raise _AnyFirst

    try:
        walk(list(parsed), 0, (), ended)
    except (_AnyFirst, re.error, RecursionError, TypeError):
        return None
    # Digits of other scripts are seen as "0", which \\d lists: a digit named in the pattern
    # matches itself only.
    return {first: None if seconds is None else frozenset(seconds) for first, seconds in found.items()}


def _lower_one(ch: str) -> str:
    """`ch` as `_first_character_view` shows it, or any character when that is not one."""
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else _ANY_CHARACTER


def first_words(regex: re.Pattern[str], parsed: Any = None) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """The runs of letters (lower case) a match of `regex` can begin with, when it begins with
    a letter: whole words (the pattern goes on with something else than a letter) and prefixes
    (the pattern may end right after them). None when they cannot be listed (a class such as
    \\w, too many words). Read from the parsed pattern."""
    words: set[str] = set()
    prefixes: set[str] = set()

    def ended(acc: str) -> None:
        if acc:
            words.add(acc)
            if len(words) > _MAX_FIRST_WORDS:
                raise _AnyFirst

    def walk(items: list[Any], i: int, acc: str, then: Callable[[str], None]) -> None:
        if i == len(items):
            then(acc)
            return
        op, av = items[i]
        c = _sre_constants

        def rest(more: str) -> None:
            walk(items, i + 1, more, then)

        if op is c.LITERAL:
            ch = chr(av)
            rest(acc + ch.lower()) if ch.isalpha() else ended(acc)
        elif op is c.IN:
            letters, other = _class_characters(av)
            for ch in letters:
                rest(acc + ch)
            if other:
                ended(acc)
        elif (bodies := _group_bodies(op, av)) is not None:
            for body in bodies:
                walk(body, 0, acc, rest)
        elif (op is c.ASSERT_NOT and av[0] == 1 and _excludes_letters(av[1])) or (
            op is c.ASSERT and av[0] == 1 and _starts_with_non_letter(av[1])
        ):
            ended(acc)  # "(?![\\w-])", "(?= ended)": no letter follows, the word ends here
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            rest(acc)  # takes no text
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, body = av
            if low == 0 or high == 0:
                rest(acc)
            if high == 1:
                walk(list(body), 0, acc, rest)
            elif high != 0:

                def after_one(more: str) -> None:
                    if more != acc:
                        raise _AnyFirst  # letters all through: the run may go on in the next turn
                    rest(more)  # a turn that took no text

                walk(list(body), 0, acc, after_one)
        else:
            raise _AnyFirst

    try:
        items = parsed if parsed is not None else _sre_parser.parse(regex.pattern, regex.flags)
        walk(list(items), 0, "", lambda acc: prefixes.add(acc) if acc else None)
    except (_AnyFirst, re.error, RecursionError):
        return None
    return frozenset(words), tuple(sorted(prefixes))


def _group_bodies(op: Any, av: Any) -> list[list[Any]] | None:
    """The item sequences a parsed group goes on with (one per alternative); None for an item
    that is no group."""
    c = _sre_constants
    if op is c.BRANCH:
        return [list(branch) for branch in av[1]]
    if op is c.SUBPATTERN:
        return [list(av[3])]
    if op is c.ATOMIC_GROUP:
        return [list(av)]
    return None


def _excludes_letters(items: Any) -> bool:
    """Whether a negative lookahead on `items` fails before any letter: its first item is a class
    holding \\w, or the class [^\\W\\d_]."""
    c = _sre_constants
    if not items or items[0][0] is not c.IN:
        return False
    members = items[0][1]
    if (c.CATEGORY, c.CATEGORY_WORD) in members and (c.NEGATE, None) not in members:
        return True
    return members[:2] == [(c.NEGATE, None), (c.CATEGORY, c.CATEGORY_NOT_WORD)] and all(
        m in ((c.CATEGORY, c.CATEGORY_DIGIT), (c.LITERAL, ord("_"))) for m in members[2:]
    )


def _starts_with_non_letter(items: Any) -> bool:
    """Whether whatever `items` match begins with a character that is not a letter."""
    c = _sre_constants
    if not items:
        return False
    op, av = items[0]
    if op is c.LITERAL:
        return not chr(av).isalpha()
    if op is c.IN:
        try:
            letters, _ = _class_characters(av)
        except _AnyFirst:
            return False
        return not letters
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _starts_with_non_letter(av[2])
    if op is c.SUBPATTERN:
        return _starts_with_non_letter(av[3])
    return False


def _class_characters(items: Any) -> tuple[set[str], bool]:
    """The letters (lower case) a character class matches, and whether it matches anything else."""
    c = _sre_constants
    letters: set[str] = set()
    other = False
    for op, av in items:
        if op is c.LITERAL:
            ch = chr(av)
            if ch.isalpha():
                letters.add(ch.lower())
            else:
                other = True
        elif op is c.RANGE:
            span = [chr(x) for x in range(av[0], av[1] + 1)] if av[1] - av[0] < 128 else None
            if span is None:
                raise _AnyFirst
            letters |= {ch.lower() for ch in span if ch.isalpha()}
            other = other or any(not ch.isalpha() for ch in span)
        elif op is c.CATEGORY and av in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE):
            other = True
        else:
            raise _AnyFirst
    return letters, other


class _AnyFirst(Exception):
    """The pattern can begin with too many characters to be worth listing."""


_DIGIT_CHARS = frozenset("0123456789")
# What \s matches in a str pattern: the characters str.isspace() holds for (none lies past U+3000).
_SPACES = frozenset(ch for ch in map(chr, range(0x3001)) if ch.isspace())


def _first(items: Any) -> tuple[set[str], bool]:
    """(characters an item sequence can begin with, whether it can match the empty string)."""
    found: set[str] = set()
    for op, av in items:
        chars, nullable = _first_of(op, av)
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_of(op: Any, av: Any) -> tuple[set[str], bool]:
    c = _sre_constants
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        return _first_in(av), False
    if op is c.BRANCH:
        found: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, empty = _first(branch)
            found |= chars
            nullable = nullable or empty
        return found, nullable
    if op is c.SUBPATTERN:
        return _first(av[3])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        chars, empty = _first(av[2])
        return chars, empty or av[0] == 0
    if op is c.ATOMIC_GROUP:
        return _first(av)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True
    raise _AnyFirst


def _first_in(items: Any, spaces: bool = False) -> set[str]:
    c = _sre_constants
    found: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            found.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < 128:
            found |= {chr(x) for x in range(av[0], av[1] + 1)}
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            found |= _DIGIT_CHARS  # other scripts' digits are seen as "0" (_first_character_view)
        elif op is c.CATEGORY and av is c.CATEGORY_SPACE and spaces:
            found |= _SPACES
        else:
            raise _AnyFirst
    return found


def _trigger(rules: tuple[Rule, ...]) -> Trigger:
    by_head: dict[str, list[Rule]] = {}
    for rule in rules:
        for head in rule.heads:
            by_head.setdefault(head, []).append(rule)
    words = sorted(h for h in by_head if h not in (_DIGITS, _DIGITS4))
    # Lenient edges ("16-hour", "month's"): a trigger may fire too often, never too rarely.
    pattern = rf"(?<![^\W\d_])(?:{trie_regex(words)})(?![^\W\d_])|\d+"
    # A four-digit run may be a year: it triggers what any digits do and what years do.
    by_head[_DIGITS4] = sorted(
        {r.index: r for r in by_head.get(_DIGITS, []) + by_head.get(_DIGITS4, [])}.values(), key=lambda r: r.index
    )
    by_head.setdefault(_DIGITS, [])
    rules_by_head = {head: HeadRules.of(found) for head, found in by_head.items()}
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, (len(word), rules_by_head[word]))
    automaton.make_automaton()
    return Trigger(automaton, re.compile(pattern, re.IGNORECASE), rules_by_head)
