"""The tagging engine: parsers find readings, refiners merge, extend and resolve them.

    text -> rule matches -> readings (longest wins, no overlap)
         -> merge neighbours ("9 a.m. EST" + "Tuesday") -> attach modifiers ("early", "about")
         -> resolve in text order (reference time, narrative time, tense) -> Timex
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from functools import cache, lru_cache

import pendulum

from timeline.temporal.grammar import Grammar, Match, grammar
from timeline.temporal.lexicon import Lexicon, UnknownLanguage, read_resource
from timeline.temporal.readings import BUILDERS, Reading
from timeline.temporal.resolve import Resolver
from timeline.temporal.tense import cues
from timeline.temporal.trusted import trusted
from timeline.temporal.values import is_value, local_time
from timeline.types import Timex

_MODIFIER_WINDOW = 40
_MAX_JOIN = 16  # characters between a clock time and its day ("10:30 a.m. local time Wednesday")
# A line this short that holds a clock time is a stamp ("Updated at 4:32 p.m. EDT"): its time is
# on the publication day, not on the day the story was last at.
_STAMP_LENGTH = 60


@dataclass(frozen=True)
class Refiners:
    """Compiled language data the refiners use: joiners and modifier phrases."""

    time_then_date: re.Pattern[str]
    date_then_time: re.Pattern[str]
    range_end: re.Pattern[str]
    range_pair_opening: re.Pattern[str]
    range_pair: re.Pattern[str]
    position: re.Pattern[str]
    quantity: re.Pattern[str]
    approximator: re.Pattern[str]
    lexicon: Lexicon
    # The last word of every modifier phrase: a window ending in any other word holds none.
    final_words: frozenset[str]


@cache
def refiners(language: str) -> Refiners:
    g = grammar(language)
    joiners = read_resource(language, "rules.yaml").get("joiners", {})
    lexicon = g.lexicon

    def joiner(name: str, default: str) -> re.Pattern[str]:
        return re.compile(joiners.get(name, default).replace(" ", r"\s*"), re.IGNORECASE)

    def before(cls: str) -> re.Pattern[str]:
        # The modifier ends the text before the expression, separated by spaces or a hyphen.
        return re.compile(rf"(?<![\w-])(?P<word>{lexicon.alternation(cls)})[\s-]*\Z", re.IGNORECASE)

    return Refiners(
        time_then_date=joiner("time_then_date", r"^\s*$"),
        date_then_time=joiner("date_then_time", r"^\s*$"),
        range_end=joiner("range_end", r"(?!)"),  # no joiners: no ranges
        range_pair_opening=joiner("range_pair_opening", r"(?!)"),
        range_pair=joiner("range_pair", r"(?!)"),
        position=before("position_words"),
        quantity=before("quantity_modifiers"),
        approximator=before("approximators"),
        lexicon=lexicon,
        final_words=frozenset(
            _last_word(phrase)
            for cls in ("position_words", "quantity_modifiers", "approximators")
            for phrase in lexicon.words(cls)
        ),
    )


# ---- Language -----------------------------------------------------------------------------------

FALLBACK_LANGUAGE = "en"


@cache
def supported_language(language: str | None) -> str:
    """The resources to use for a document's language tag: "en-US" -> "en"; a language without
    resources falls back to English, whose numeric dates, years and clock times still apply."""
    base = (language or FALLBACK_LANGUAGE).lower().replace("_", "-").split("-")[0]
    if not re.fullmatch(r"[a-z]{2,3}", base):
        return FALLBACK_LANGUAGE
    try:
        read_resource(base, "rules.yaml")
    except UnknownLanguage:
        return FALLBACK_LANGUAGE
    return base


# ---- Reference time -----------------------------------------------------------------------------


@lru_cache(maxsize=256)
def reference_moment(reference: date | datetime | str | None, timezone: str | None) -> tuple[pendulum.DateTime | None, tzinfo]:
    """The reference as an aware datetime in the document's zone (start of day for a date).
    Remembered: a corpus has few publication days, and parsing one costs more than tagging a line."""
    tz = _timezone(timezone)
    if reference is None or reference == "":
        return None, tz
    if isinstance(reference, str) and (day := _iso_day(reference)) is not None:
        reference = day  # the common case, read without pendulum's parser: the same moment
    elif isinstance(reference, str):
        parsed = pendulum.parse(reference, tz=tz)
        if isinstance(parsed, pendulum.DateTime):
            reference = parsed
        elif isinstance(parsed, pendulum.Date):
            reference = parsed
        else:
            raise ValueError(f"reference {reference!r} is not a date or a datetime")
    if isinstance(reference, datetime):
        if reference.tzinfo is None:
            raise ValueError("reference datetime must be timezone-aware")
        moment = pendulum.instance(reference)
        return (moment.in_timezone(tz) if timezone else moment), (tz if timezone else moment.tzinfo or tz)
    return local_time(tz, reference.year, reference.month, reference.day), tz  # pendulum.datetime's moment


_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _iso_day(text: str) -> date | None:
    """The day a "YYYY-MM-DD" reference names; None for anything else (pendulum reads it)."""
    m = _ISO_DAY.fullmatch(text)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None  # pendulum's parser says what is wrong with it


def _timezone(name: str | None) -> tzinfo:
    """An IANA zone name or a fixed offset ("+05:30"); ValueError names anything else."""
    if not name:
        return pendulum.UTC
    try:
        if name[0] in "+-" and ":" in name:
            sign = -1 if name[0] == "-" else 1
            hours, minutes = name[1:].split(":")
            return pendulum.FixedTimezone(sign * (int(hours) * 3600 + int(minutes) * 60))
        return pendulum.timezone(name)
    except ValueError as exc:
        raise ValueError(f"unknown timezone {name!r} (use an IANA name such as America/New_York, or +05:30)") from exc


# ---- Parsing: matches -> non-overlapping readings ----------------------------------------------


def readings(g: Grammar, text: str) -> list[Reading]:
    """The readings the rules find, longest first, none overlapping another.

    A mask of the characters already taken makes each overlap test cost the length of the
    candidate, so the whole choice is linear in the text (plus sorting the candidates).
    """
    candidates = sorted(g.matches(text), key=lambda m: (m.start - m.end, m.rule.index, m.start))
    taken = bytearray(len(text))
    chosen: list[Reading] = []
    for m in candidates:
        if 1 in taken[m.start : m.end]:
            continue
        built = _build(m)
        if not built:
            continue
        for r in built:
            taken[r.start : r.end] = b"\x01" * (r.end - r.start)
        chosen.extend(built)
    return sorted(chosen, key=lambda r: r.start)


def _build(m: Match) -> list[Reading]:
    builder = BUILDERS.get(m.rule.build)
    if builder is None:
        raise ValueError(f"rule {m.rule.name!r} names unknown builder {m.rule.build!r}")
    return builder(m)


# ---- Refiners --------------------------------------------------------------------------------


def merge_neighbours(found: list[Reading], text: str, ref: Refiners) -> list[Reading]:
    """Join a clock time and the day it is on into one expression."""
    out: list[Reading] = []
    for r in found:
        if out and (merged := _merge(out[-1], r, text, ref)) is not None:
            out[-1] = merged
        else:
            out.append(r)
    return out


def _merge(a: Reading, b: Reading, text: str, ref: Refiners) -> Reading | None:
    if a.kind != "point" or b.kind != "point":
        return None
    gap = text[a.end : b.start]
    if len(gap) > _MAX_JOIN:
        return None
    if _is_time(a) and _is_day(b) and ref.time_then_date.match(gap):
        return _combine(b, a, a.start, b.end)
    if _is_day(a) and _is_time(b) and b.hour is not None and ref.date_then_time.match(gap):
        return _combine(a, b, a.start, b.end)
    return None


def _is_time(r: Reading) -> bool:
    return r.hour is not None and not r.has_date()


def _is_day(r: Reading) -> bool:
    day_known = r.weekday is not None or r.day is not None or r.days is not None
    return day_known and r.hour is None and r.pod is None


def _combine(day: Reading, time: Reading, start: int, end: int) -> Reading:
    return replace(
        day, start=start, end=end, rule=f"{time.rule}+{day.rule}" if start == time.start else f"{day.rule}+{time.rule}",
        hour=time.hour, minute=time.minute, second=time.second, zone=time.zone, utc_offset=time.utc_offset,
    )


def attach_modifiers(found: list[Reading], text: str, ref: Refiners) -> list[Reading]:
    """Extend expressions over the words that qualify them: "early 1990", "about two years"."""
    out: list[Reading] = []
    previous_end = 0
    for r in found:
        left_edge = max(previous_end, r.start - _MODIFIER_WINDOW)
        window = text[left_edge : r.start]
        last = _last_word(window)
        if last and last not in ref.final_words:
            out.append(r)
            previous_end = r.end
            continue
        for pattern, applies in (
            (ref.position, r.kind == "point" and r.count is None and r.hour is None),
            (ref.approximator, r.kind == "point"),
            (ref.quantity, r.kind == "duration" or (r.kind == "point" and r.count is not None)),
        ):
            if not applies:
                continue
            m = pattern.search(window)
            if m:
                cls = {ref.position: "position_words", ref.quantity: "quantity_modifiers", ref.approximator: "approximators"}[pattern]
                mod = ref.lexicon.lookup(cls, m.group("word"))
                r = r.moved(left_edge + m.start(), r.end, mod=mod if r.mod is None or cls != "position_words" else r.mod)
                break
        out.append(r)
        previous_end = r.end
    return out


def _last_word(text: str) -> str:
    """The run of letters that ends `text` (trailing spaces and hyphens aside), lower-cased;
    "" when it ends in something else."""
    stripped = text.rstrip()
    while stripped.endswith("-"):
        stripped = stripped[:-1].rstrip()
    start = len(stripped)
    while start and stripped[start - 1].isalpha():
        start -= 1
    return stripped[start:].lower()


# ---- Tagging -------------------------------------------------------------------------------


def tag(text: str, reference: date | datetime | str | None, timezone: str | None, language: str) -> list[Timex]:
    language = supported_language(language)
    g = grammar(language)
    ref = refiners(language)
    tense = cues(language)
    moment, tz = reference_moment(reference, timezone)
    found = attach_modifiers(merge_neighbours(readings(g, text), text, ref), text, ref)
    resolver = Resolver(moment, tz, region=_region(timezone), document_zone=timezone is not None)
    return list(_timexes(found, text, resolver, tense, ref))


def _is_bare_weekday(r: Reading) -> bool:
    return r.weekday is not None and r.shift is None and r.day is None and r.month is None


def _is_month(r: Reading) -> bool:
    return r.kind == "point" and r.month is not None and r.day is None and r.weekday is None and r.hour is None


def _is_bare_month(r: Reading) -> bool:
    return _is_month(r) and r.year is None and r.shift is None


def _ends_range(previous: Reading | None, r: Reading, text: str, ref: Refiners) -> bool:
    """A weekday that closes a range of weekdays ("from Monday to Wednesday"): it lies within
    the week after the range's start; a month that closes a range of months ("the
    July-September period", "from July 2024 to March"): within the year after it. (After a
    date, "from Sept. 14 to Thursday", the weekday is read as usual: the range may be longer
    than a week.)"""
    if previous is None or r.start - previous.end > _MAX_JOIN:
        return False
    if not ((_is_bare_weekday(previous) and _is_bare_weekday(r)) or (_is_month(previous) and _is_bare_month(r))):
        return False
    gap = text[previous.end : r.start]
    return ref.range_end.match(gap) is not None or (
        ref.range_pair.match(gap) is not None
        and ref.range_pair_opening.search(text, max(0, previous.start - _MAX_JOIN), previous.start) is not None
    )


def _past_range_start(r: Reading, end: Reading, reference: datetime | None) -> Reading:
    """The start of a past range of weekdays whose end would lie after publication ("was
    closed from Monday to Wednesday" in a Tuesday article) is in the week before: the range
    is over, so both ends look back."""
    if reference is None or r.anchor != "publication":
        return r
    if _is_bare_month(r) and end.month is not None:
        return _past_month_range_start(r, end.month, reference)
    if r.weekday is None or end.weekday is None:
        return r
    back = (reference.isoweekday() - r.weekday) % 7
    if (end.weekday - r.weekday) % 7 <= back:
        return r
    return replace(r, days=-(back + 7))  # counted in whole days from the publication day


def _past_month_range_start(r: Reading, end_month: int, reference: datetime) -> Reading:
    """The start of a past range of months ("sales rose in the July-September period" in
    August) is in the latest year whose range ended by the publication month: the range is
    told as over, so both ends look back, the end following the start."""
    assert r.month is not None
    publication = reference.year * 12 + reference.month - 1
    length = (end_month - r.month) % 12
    year = reference.year if r.month <= reference.month else reference.year - 1
    while year * 12 + r.month - 1 + length > publication:
        year -= 1
    return replace(r, unit="year", shift=year - reference.year)  # that month of a year counted from publication


def _timexes(found: Sequence[Reading], text: str, resolver: Resolver, tense, ref: Refiners) -> Iterable[Timex]:
    around = _Paragraphs(text).around
    resolve = resolver.resolve
    previous: Reading | None = None
    for k, r in enumerate(found):
        direction, near = tense.direction(text, r.start, r.end) if _needs_tense(r) else (None, False)
        if _ends_range(previous, r, text, ref) \
                and (direction != "past" or _is_bare_month(r)):
            # A range ends on or after its start. (In the past tense both ends of a range of
            # weekdays already look back; a month past its start could still be taken for last
            # year's.)
            r, direction = replace(r, anchor="narrative"), "future"
        elif direction == "past" and k + 1 < len(found) and _ends_range(r, found[k + 1], text, ref):
            r = _past_range_start(r, found[k + 1], resolver.reference)
        previous = r
        paragraph_start, paragraph_end = around(r.start, r.end)
        standalone = paragraph_end - paragraph_start < _STAMP_LENGTH
        words = text[r.start : r.end]
        try:
            resolved = resolve(r, direction, words, paragraph_start, standalone, near)
        except (ValueError, OverflowError):
            continue  # a date outside the calendar's range (year 0 or 10000): not an expression we can place
        if resolved is None or not is_value(resolved.value):
            continue
        # Built from values the resolver has already checked: validation would only cost time.
        yield trusted(Timex, {
            "start": r.start,
            "end": r.end,
            "text": words,
            "type": resolved.type,
            "value": resolved.value,
            "mod": resolved.mod,
            "quant": resolved.quant,
            "freq": resolved.freq,
            "interval": resolved.interval,
            "granularity": resolved.granularity,
            "anchor": resolved.anchor,
            "rule": r.rule,
            "ambiguous": resolved.ambiguous,
        })


class _Paragraphs:
    """Where the paragraph around each expression starts and ends, for expressions met in text
    order: each stretch of text is searched for line breaks once, so a long text without any
    costs linear time, not quadratic."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = 0  # the latest paragraph start found
        self.searched_to = 0  # line breaks before this offset are accounted for
        self.end = -1  # the end of the paragraph last asked about

    def around(self, start: int, end: int) -> tuple[int, int]:
        if start > self.searched_to:
            found = self.text.rfind("\n", self.searched_to, start)
            if found >= 0:
                self.start = found + 1
            self.searched_to = start
        if end > self.end:
            found = self.text.find("\n", end)
            self.end = len(self.text) if found < 0 else found
        return self.start, self.end


def _needs_tense(r: Reading) -> bool:
    if r.ahead_only or (r.unit == "weekend" and not r.shift) or (r.hour == 24 and not r.has_date()):
        return True
    if r.kind != "point" or r.year is not None or r.shift is not None or r.days is not None:
        return False
    return any(x is not None for x in (r.weekday, r.month, r.season, r.holiday, r.quarter, r.half))


def _region(timezone: str | None) -> str | None:
    from timeline.temporal.zones import region_of

    return region_of(timezone) if timezone else None
