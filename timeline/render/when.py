"""Times as a reader says them: at the granularity they are known, in the document's zone.

"2025-08-19TMO" -> "Tue 19 Aug 2025, morning", "2025-08-15" -> "Fri 15 Aug 2025",
"2025-08" -> "August 2025". A value is never shown more precisely than it is known: a date
keeps no invented clock time, and a month no invented day.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

import pendulum

from timeline.types import EventTime, Granularity

DAY_FORMAT = "ddd D MMM YYYY"
CLOCK_FORMAT = "HH:mm"

PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "some time in the past", "FUTURE_REF": "some time to come"}
ORDINAL_HALVES = {"1": "first", "2": "second"}

# Granularities finer than a day: only these carry a clock time, so only these change with
# the zone they are shown in.
TIMED: frozenset[Granularity] = frozenset({"hour", "minute", "second"})

_CLOCK = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})T(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?)?"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?$"
)
_PART_OF_DAY = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})T(?P<part>[A-Z]{2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})(?P<weekend>-WE)?$")
_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
_SEASON = re.compile(r"^(?P<year>\d{4})-(?P<season>SP|SU|FA|AU|WI)$")
_QUARTER = re.compile(r"^(?P<year>\d{4})-Q(?P<quarter>[1-4])$")
_HALF = re.compile(r"^(?P<year>\d{4})-H(?P<half>[12])$")
_YEAR = re.compile(r"^\d{4}$")
_DECADE = re.compile(r"^(?P<decade>\d{3})X?$")
_CENTURY = re.compile(r"^(?P<century>\d{2})(?:XX)?$")


def zone_label(moment: datetime) -> str:
    """'EDT' for a named zone, 'UTC-04:00' for a bare offset, 'UTC' for UTC."""
    name = moment.tzname() or ""
    if re.fullmatch(r"[A-Z]{2,5}", name):
        return name
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


# The same few days, zones and values come back for every mention: remember them.
@lru_cache(maxsize=8192)
def in_zone(moment: datetime, zone: str | None) -> pendulum.DateTime:
    """`moment` in the IANA zone or offset `zone`, or in its own offset when there is none."""
    instant = pendulum.instance(moment)
    if zone:
        try:
            return instant.in_timezone(zone)
        except (ValueError, pendulum.tz.exceptions.InvalidTimezone):
            pass  # an unknown zone name: the instant's own offset is still right
    return instant


def describe_clock(moment: datetime, granularity: Granularity | None, zone: str | None) -> str:
    """'Tue 19 Aug 2025, 16:32 EDT' (seconds shown only when they are known)."""
    local = in_zone(moment, zone)
    clock = local.format("HH:mm:ss" if granularity == "second" else CLOCK_FORMAT)
    return f"{local.format(DAY_FORMAT)}, {clock} {zone_label(local)}"


@lru_cache(maxsize=8192)
def describe_day(day: str) -> str:
    return pendulum.parse(day, exact=True).format(DAY_FORMAT)  # type: ignore[union-attr]


def describe_published(moment: datetime, granularity: Granularity, zone: str | None) -> str:
    """A publication or update time at the precision it is known."""
    if granularity in TIMED:
        return describe_clock(moment, granularity, zone)
    return describe_day(in_zone(moment, zone).to_date_string())


@lru_cache(maxsize=8192)
def describe_value(value: str, zone: str | None = None) -> str:
    """A TIMEX3 value in words; an unknown form is shown as it is rather than guessed at."""
    if value in REFERENCES:
        return REFERENCES[value]
    if match := _CLOCK.match(value):
        return _describe_clock_value(match, zone)
    if match := _PART_OF_DAY.match(value):
        part = PARTS_OF_DAY.get(match["part"])
        return f"{describe_day(match['date'])}, {part}" if part else value
    if _DAY.match(value):
        return _or_raw(value, lambda: describe_day(value))
    if match := _WEEK.match(value):
        return _or_raw(value, lambda: _describe_week(match))
    if match := _MONTH.match(value):
        return _or_raw(value, lambda: pendulum.date(int(match["year"]), int(match["month"]), 1).format("MMMM YYYY"))
    if match := _SEASON.match(value):
        return f"{SEASONS[match['season']]} {match['year']}"
    if match := _QUARTER.match(value):
        return f"Q{match['quarter']} {match['year']}"
    if match := _HALF.match(value):
        return f"{ORDINAL_HALVES[match['half']]} half of {match['year']}"
    if _YEAR.match(value):
        return value
    if match := _DECADE.match(value):
        return f"the {match['decade']}0s"
    if match := _CENTURY.match(value):
        return f"the {_ordinal(int(match['century']) + 1)} century"
    return value


def describe_time(time: EventTime, zone: str | None = None) -> str:
    """An event's time at its real granularity; clock times in `zone` (the document's)."""
    if time.start is not None and (time.granularity in TIMED or _CLOCK.match(time.value)):
        return describe_clock(time.start, time.granularity, zone)
    return describe_value(time.value, zone)


def is_timed(time: EventTime) -> bool:
    """True when the time has a clock part, which is what a zone switch changes."""
    return time.start is not None and (time.granularity in TIMED or bool(_CLOCK.match(time.value)))


def _describe_clock_value(match: re.Match[str], zone: str | None) -> str:
    day = _or_raw(match["date"], lambda: describe_day(match["date"]))
    clock = f"{match['hour']}:{match['minute'] or '00'}"
    if match["second"]:
        clock += f":{match['second']}"
    label = _value_zone_label(match["zone"], match["date"], zone)
    return f"{day}, {clock}{' ' + label if label else ''}"


def _value_zone_label(written: str | None, date: str, zone: str | None) -> str:
    """The zone a clock value is read in: its own offset when written, else the document's."""
    if written:
        return "UTC" if written == "Z" else f"UTC{written[:3]}:{written[-2:]}"
    if not zone:
        return ""
    try:
        return zone_label(pendulum.parse(date, tz=zone))  # type: ignore[arg-type]
    except (ValueError, pendulum.tz.exceptions.InvalidTimezone):
        return ""


def _describe_week(match: re.Match[str]) -> str:
    monday = pendulum.parse(f"{match['year']}-W{match['week']}", exact=True)
    if match["weekend"]:
        return f"weekend of {monday.add(days=5).format(DAY_FORMAT)}"  # type: ignore[union-attr]
    return f"week of {monday.format(DAY_FORMAT)}"  # type: ignore[union-attr]


def _or_raw(value: str, describe) -> str:
    """Impossible dates such as 2025-02-30 are shown as written, not as an error."""
    try:
        return describe()
    except ValueError:
        return value


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
