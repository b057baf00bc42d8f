"""TIMEX3 values: their grammar, how to write them, and the interval a value denotes.

A value such as "2025-08-19TMO", "2025-W33" or "199" names a stretch of calendar time; the
interval is that stretch as a half-open [start, end) pair of aware datetimes in a timezone.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
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


def day_value(day: date) -> str:
    """"YYYY-MM-DD" (the standard library writes it in C; for a datetime, its day alone)."""
    return date.isoformat(day)


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
        start = local_time(tz, int(g["decade"]) * 10, 1, 1)
        return Span(start, _months_later(start, 120), "decade")
    if g["century"]:
        start = local_time(tz, max(int(g["century"]) * 100, 1), 1, 1)
        return Span(start, _months_later(start, 1200), "century")
    if g["zone"]:
        tz = _fixed_zone(g["zone"])
    year = int(g["year"])
    if g["week"]:
        start = _week_start(tz, year, int(g["week"]))
        if g["weekend"]:
            return Span(_days_later(start, 5), _days_later(start, 7), "day")
        return Span(start, _days_later(start, 7), "week")
    if g["quarter"]:
        start = local_time(tz, year, 3 * int(g["quarter"]) - 2, 1)
        return Span(start, _months_later(start, 3), "quarter")
    if g["half"]:
        start = local_time(tz, year, 6 * int(g["half"]) - 5, 1)
        return Span(start, _months_later(start, 6), "half")
    if g["season"]:
        start = local_time(tz, year, SEASONS[g["season"]], 1)
        return Span(start, _months_later(start, 3), "season")
    if not g["month"]:
        start = local_time(tz, year, 1, 1)
        return Span(start, _months_later(start, 12), "year")
    if not g["day"]:
        start = local_time(tz, year, int(g["month"]), 1)
        return Span(start, _months_later(start, 1), "month")
    day = local_time(tz, year, int(g["month"]), int(g["day"]))
    if g["pod"]:
        first, last = PARTS_OF_DAY[g["pod"]]
        return Span(_on_the_clock(day, first), _on_the_clock(day, last), "part_of_day")
    if g["hour"] is None:
        return Span(day, _days_later(day, 1), "day")
    start = _on_the_clock(day, int(g["hour"]), int(g["minute"] or 0), int(g["second"] or 0))
    if g["second"]:
        return Span(start, start.add(seconds=1), "second")
    if g["minute"]:
        return Span(start, start.add(minutes=1), "minute")
    return Span(start, start.add(hours=1), "hour")


# Wall-clock arithmetic, as pendulum does it, without its generic steps (the intervals of a
# text's values cost more to build than to find otherwise). The tests hold these to pendulum.


def local_time(
    tz: tzinfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, microsecond: int = 0
) -> pendulum.DateTime:
    """`pendulum.datetime(year, ..., tz=tz)`: the wall-clock time in `tz`, moved past a gap
    (a time the clocks skip) as pendulum moves it."""
    if tz is pendulum.UTC:  # the usual zone, first: no gaps; pendulum attaches it with fold=1
        return pendulum.DateTime(year, month, day, hour, minute, second, microsecond, tzinfo=tz, fold=1)
    if isinstance(tz, pendulum.FixedTimezone):  # no transitions: pendulum only attaches the zone
        return pendulum.DateTime(year, month, day, hour, minute, second, microsecond, tzinfo=tz)
    if isinstance(tz, pendulum.Timezone):
        moment = pendulum.DateTime(year, month, day, hour, minute, second, microsecond, tzinfo=tz, fold=1)
        if moment.utcoffset() <= tz.utcoffset(datetime(year, month, day, hour, minute, second, microsecond, tzinfo=tz)):
            return moment  # not in a gap (where the offset after is larger than before): pendulum only attaches the zone
    return pendulum.datetime(year, month, day, hour, minute, second, microsecond, tz=tz)


def shifted(moment: pendulum.DateTime, unit: str, amount: int) -> pendulum.DateTime:
    """`moment.add(**{unit: amount})`; calendar units ("days" to "years") counted here. (Adding
    nothing, pendulum takes its path for hours, which can change a moment's fold.)"""
    if amount and isinstance(moment.tzinfo, pendulum.Timezone | pendulum.FixedTimezone):
        if unit in _MONTHS:
            return _months_later(moment, amount * _MONTHS[unit])
        if unit in _DAYS:
            return _days_later(moment, amount * _DAYS[unit])
    return moment.add(**{unit: amount})


_MONTHS = {"months": 1, "years": 12}
_DAYS = {"days": 1, "weeks": 7}


def _days_later(moment: pendulum.DateTime, days: int) -> pendulum.DateTime:
    """`moment.add(days=days)`: the same wall-clock time, `days` calendar days later."""
    day = date(moment.year, moment.month, moment.day) + timedelta(days=days)
    return local_time(moment.tzinfo, day.year, day.month, day.day, moment.hour, moment.minute, moment.second, moment.microsecond)  # type: ignore[arg-type]


def _months_later(moment: pendulum.DateTime, months: int) -> pendulum.DateTime:
    """`moment.add(months=months)`: the same wall-clock time and day of the month, or the
    month's last day if it is shorter."""
    years, month = divmod(moment.month - 1 + months, 12)
    year, month = moment.year + years, month + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return local_time(moment.tzinfo, year, month, day, moment.hour, moment.minute, moment.second, moment.microsecond)  # type: ignore[arg-type]


def _on_the_clock(day: pendulum.DateTime, hour: int, minute: int = 0, second: int = 0) -> pendulum.DateTime:
    """The moment the clocks show `hour:minute:second` on `day` (hours past 23 run into the
    next days). A clock time is read off the wall, not counted from midnight: on the day the
    clocks go forward, 9:00 is 9:00, where midnight plus nine hours would be 10:00."""
    days, hour = divmod(hour, 24)
    on = date(day.year, day.month, day.day) + timedelta(days=days)
    return local_time(day.tzinfo, on.year, on.month, on.day, hour, minute, second)  # type: ignore[arg-type]


def _week_start(tz: tzinfo, year: int, week: int) -> pendulum.DateTime:
    """The Monday that starts ISO week `week` of `year`, as pendulum parses "YYYY-Www-1" (week
    0 is the week before the first)."""
    if week > date(year, 12, 28).isocalendar()[1]:  # December 28 is always in a year's last week
        raise ValueError(f"{year} has no week {week}")
    monday = date.fromisocalendar(year, 1, 1) + timedelta(weeks=week - 1)
    return local_time(tz, monday.year, monday.month, monday.day)


def _fixed_zone(zone: str) -> tzinfo:
    if zone == "Z":
        return pendulum.UTC
    sign = -1 if zone[0] == "-" else 1
    hours, minutes = zone[1:].split(":")
    return pendulum.FixedTimezone(sign * (int(hours) * 3600 + int(minutes) * 60))
