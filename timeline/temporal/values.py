"""TIMEX3 values: their grammar, how to write them, and the interval a value denotes.

A value such as "2025-08-19TMO", "2025-W33" or "199" names a stretch of calendar time; the
interval is that stretch as a half-open [start, end) pair of aware datetimes in a timezone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo
from functools import lru_cache

import pendulum

from timeline.types import Granularity

# The TIMEX3 value grammar used by the tagger (TimeML 1.2 plus the TempEval conventions).
_DATE = (
    r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"
    r"(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?|-Q[1-4X]|-H[12X]"
    r"|-(?:SP|SU|FA|WI))?"
)
_TIME = r"T(?:\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?|MO|MI|AF|EV|NI|DT)(?:Z|[+-]\d{2}:\d{2})?"
_NUMBER = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?:{_NUMBER}(?:Y|M|W|D|DE|CE|ML|Q|WE|H|L))+(?:T(?:{_NUMBER}(?:H|M|S))+)?"
    rf"|PT(?:{_NUMBER}(?:H|M|S))+"
)
TIMEX_VALUE = re.compile(
    rf"(?:{_DATE}(?:{_TIME})?|\d{{3}}|\d{{2}}|XXXX-WXX-[1-7](?:{_TIME})?|T\d{{2}}(?::\d{{2}})?"
    rf"|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)"
)

PARTS_OF_DAY = {"MO": (6, 12), "MI": (12, 13), "AF": (12, 18), "EV": (18, 22), "NI": (21, 30), "DT": (8, 18)}
SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@lru_cache(maxsize=8192)  # a document repeats its values
def is_value(value: str) -> bool:
    return TIMEX_VALUE.fullmatch(value) is not None


@dataclass(frozen=True)
class Span:
    """An interval plus how finely it is known."""

    start: pendulum.DateTime
    end: pendulum.DateTime
    granularity: Granularity


def day_value(day: pendulum.Date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def week_value(day: pendulum.Date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def offset_suffix(offset_minutes: int) -> str:
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


_INTERVAL = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})(?P<weekend>-WE)?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T(?:(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?|(?P<pod>MO|MI|AF|EV|NI|DT))"
    r"(?P<zone>Z|[+-]\d{2}:\d{2})?)?"
    r"|(?P<decade>\d{3})|(?P<century>\d{2})"
)


@lru_cache(maxsize=8192)
def interval_of(value: str, tz: tzinfo) -> Span | None:
    """The [start, end) a fully specified point value denotes in `tz`; None when it has none
    (a vague value, or a period reaching past the calendar's range, such as the year 9999)."""
    try:
        return _interval_of(value, tz)
    except (ValueError, OverflowError):
        return None


def _interval_of(value: str, tz: tzinfo) -> Span | None:
    m = _INTERVAL.fullmatch(value)
    if m is None:
        return None
    g = m.groupdict()
    if g["decade"]:
        start = pendulum.datetime(int(g["decade"]) * 10, 1, 1, tz=tz)
        return Span(start, start.add(years=10), "decade")
    if g["century"]:
        start = pendulum.datetime(max(int(g["century"]) * 100, 1), 1, 1, tz=tz)
        return Span(start, start.add(years=100), "century")
    if g["zone"]:
        tz = _fixed_zone(g["zone"])
    year = int(g["year"])
    if g["week"]:
        start = pendulum.parse(f"{year:04d}-W{g['week']}-1", tz=tz).start_of("day")
        if g["weekend"]:
            return Span(start.add(days=5), start.add(days=7), "day")
        return Span(start, start.add(weeks=1), "week")
    if g["quarter"]:
        start = pendulum.datetime(year, 3 * int(g["quarter"]) - 2, 1, tz=tz)
        return Span(start, start.add(months=3), "quarter")
    if g["half"]:
        start = pendulum.datetime(year, 6 * int(g["half"]) - 5, 1, tz=tz)
        return Span(start, start.add(months=6), "half")
    if g["season"]:
        start = pendulum.datetime(year, SEASONS[g["season"]], 1, tz=tz)
        return Span(start, start.add(months=3), "season")
    if not g["month"]:
        start = pendulum.datetime(year, 1, 1, tz=tz)
        return Span(start, start.add(years=1), "year")
    if not g["day"]:
        start = pendulum.datetime(year, int(g["month"]), 1, tz=tz)
        return Span(start, start.add(months=1), "month")
    day = pendulum.datetime(year, int(g["month"]), int(g["day"]), tz=tz)
    if g["pod"]:
        first, last = PARTS_OF_DAY[g["pod"]]
        return Span(day.add(hours=first), day.add(hours=last), "part_of_day")
    if g["hour"] is None:
        return Span(day, day.add(days=1), "day")
    start = day.add(hours=int(g["hour"]), minutes=int(g["minute"] or 0), seconds=int(g["second"] or 0))
    if g["second"]:
        return Span(start, start.add(seconds=1), "second")
    if g["minute"]:
        return Span(start, start.add(minutes=1), "minute")
    return Span(start, start.add(hours=1), "hour")


def _fixed_zone(zone: str) -> tzinfo:
    if zone == "Z":
        return pendulum.UTC
    sign = -1 if zone[0] == "-" else 1
    hours, minutes = zone[1:].split(":")
    return pendulum.FixedTimezone(sign * (int(hours) * 3600 + int(minutes) * 60))
