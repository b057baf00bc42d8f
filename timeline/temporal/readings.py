"""Parsers: a rule match -> a `Reading`, what the words say before anything is resolved.

A reading records the calendar components the text states for certain (year, month, weekday,
hour, ...) and what it only implies: a shift from an anchor ("last week", "two days later"),
a direction to look in ("next Friday"), a part of the day. Resolution (`resolve.py`) fills in
the rest from the reference time, the narrative time and the tense.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from timeline.temporal.grammar import Match

Kind = Literal["point", "duration", "set", "ref"]
AnchorKind = Literal["publication", "narrative"]

# Components that say which day (or coarser period) is meant, as opposed to a time of day.
DATE_FIELDS = ("year", "month", "day", "weekday", "season", "quarter", "half", "holiday", "days", "decade", "century")
TIME_FIELDS = ("hour", "pod")


# Not frozen: a frozen dataclass of this size takes six times as long to build, and the engine
# builds one per candidate match. Treated as immutable all the same (copied with `replace`).
@dataclass(slots=True)
class Reading:
    start: int
    end: int
    rule: str
    kind: Kind = "point"
    # Calendar components stated in the text.
    year: int | None = None
    year_digits: int = 4
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    pod: str | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    decade: int | None = None
    decade_digits: int = 3
    century: int | None = None
    nth: int | None = None  # "the first Tuesday in November": which of the month's weekdays (-1: the last)
    holiday: dict[str, Any] | None = None
    zone: str | None = None
    utc_offset: str | None = None
    fiscal: bool = False
    # What is implied: a shift of `unit` by `shift` (or `count` x `sign`), whole days from a
    # deictic word ("yesterday"), and what the shift counts from.
    unit: str | None = None
    shift: int | None = None
    count: float | str | None = None
    sign: int = 0
    days: int | None = None
    anchor: AnchorKind = "publication"
    span: str | None = None  # duration stretching back ("past") or ahead ("next") from the anchor
    keep_period: bool = False  # "a year earlier" after "the third quarter": that quarter, a year before
    ahead_only: bool = False  # "in five years": a date when the tense points ahead, else a duration
    completed: bool = False  # "the latest quarter": a period that was over by publication
    # TIMEX3 attributes fixed by the words.
    mod: str | None = None
    value: str | None = None
    quant: str | None = None
    freq: str | None = None

    def has_date(self) -> bool:
        return any(getattr(self, f) is not None for f in DATE_FIELDS) or self.unit is not None

    def has_time(self) -> bool:
        return any(getattr(self, f) is not None for f in TIME_FIELDS)

    def moved(self, start: int, end: int, **changes: Any) -> Reading:
        return replace(self, start=start, end=end, **changes)


Builder = Callable[[Match], list[Reading]]


def _base(m: Match, **fixed: Any) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "rule": m.rule.name, **fixed}


def _calendar(v: dict[str, Any]) -> dict[str, Any]:
    """Calendar components from slot values."""
    out: dict[str, Any] = {}
    if (year := v.get("year")) is not None:
        out["year"], out["year_digits"] = year
    for name in ("month", "day", "weekday", "minute", "second", "season", "holiday", "zone", "utc_offset"):
        if v.get(name) is not None:
            out[name] = v[name]
    if v.get("hour") is not None:
        out["hour"] = _hour(v["hour"], v.get("ampm"))
    if (named := v.get("named_time")) is not None:
        hour, minute = named.split(":")
        out["hour"], out["minute"] = int(hour), int(minute)
    if v.get("pod") is not None:
        out["pod"] = v["pod"]
    if (decade := v.get("decade")) is not None:
        out["decade"], out["decade_digits"] = decade if isinstance(decade, tuple) else (decade, 1)
    if v.get("century") is not None and v["century"] >= 1:
        out["century"] = v["century"] - 1  # "the 20th century" is the 1900s: TIMEX3 "19"
    if v.get("quarter") is not None:
        out["quarter"] = v["quarter"]
    if v.get("half") is not None:
        out["half"] = v["half"]
    if v.get("nth") is not None:
        out["nth"] = v["nth"]
    if v.get("fiscal"):
        out["fiscal"] = True
    if v.get("position") is not None:
        out["mod"] = v["position"]
    if v.get("first") is not None:
        out["half"] = 1
    if v.get("second") is not None:
        out["half"] = 2
    return out


def _hour(hour: int, ampm: str | None) -> int:
    if ampm == "a":
        return 0 if hour == 12 else hour
    if ampm == "p":
        return hour if hour == 12 else hour + 12
    return hour


def _deictic(v: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if (deictic := v.get("deictic")) is not None:
        out["days"] = deictic["days"]
        if "part" in deictic and v.get("pod") is None:
            out["pod"] = deictic["part"]
    return out


def _shifter(v: dict[str, Any]) -> dict[str, Any]:
    shifter = v.get("shifter")
    if shifter is None:
        return {}
    return {"shift": shifter["shift"], "anchor": shifter.get("anchor", "publication")}


def _merged_alternatives(values: dict[str, Any]) -> dict[str, Any]:
    """Fold numbered captures ("quarter2" from another alternative) into their field."""
    out = dict(values)
    for name, value in values.items():
        base = name.rstrip("0123456789")
        if base != name:
            out.pop(name)
            out.setdefault(base, value)
    return out


def build_point(m: Match) -> list[Reading]:
    v = _merged_alternatives(m.values)
    fields = {**_calendar(v), **_deictic(v), **_shifter(v), **m.rule.fixed}
    if fields.get("unit") == "quarter" and fields.get("quarter") is None:
        fields["quarter"] = v.get("quarter")
    if v.get("quarter") is not None and not 1 <= v["quarter"] <= 4:
        return []
    if v.get("half") is not None and v["half"] not in (1, 2):
        return []
    if v.get("century") is not None and fields.get("century") is None:
        return []
    if fields.get("unit") in ("quarter", "half") and fields.get("month") is None:
        fields.pop("unit")
    if fields.get("shift") is not None and fields.get("pod") is not None and not any(
        fields.get(f) is not None for f in ("weekday", "month", "season", "holiday", "days")
    ):
        fields["days"] = fields.pop("shift")  # "this morning": today; "the next morning": a day on
        if v.get("the") and fields["days"] > 0:
            fields["anchor"] = "narrative"  # "the next morning", like "the next day", goes on from the story
    if fields.get("days") is not None and fields.get("shift") is not None and fields.get("weekday") is None:
        fields.pop("shift")
    if not _plausible(fields):
        return []
    return [Reading(**_base(m), **fields)]


def _plausible(fields: dict[str, Any]) -> bool:
    day, month = fields.get("day"), fields.get("month")
    if day is not None and not 1 <= day <= 31:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and month is not None and day > (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return False
    if fields.get("nth") is not None and fields["nth"] not in (-1, 1, 2, 3, 4, 5):
        return False
    return (fields.get("hour") or 0) <= 24 and (fields.get("minute") or 0) < 60


def build_day_range(m: Match) -> list[Reading]:
    """'Aug. 18-19': two dates, the second taking its month (and year) from the first."""
    v = m.values
    first = {k: v[k] for k in ("month", "day") if k in v}
    if "year" in v:
        first["year"] = v["year"]
    second = {**first, "day": v["day2"]}
    if second["day"] <= first["day"]:
        return []
    cal1, cal2 = _calendar(first), _calendar(second)
    if not (_plausible(cal1) and _plausible(cal2)):
        return []
    end_first, start_second = m.spans["day"][1], m.spans["day2"][0]
    return [
        Reading(start=m.start, end=end_first, rule=m.rule.name, **cal1),
        Reading(start=start_second, end=m.end, rule=m.rule.name, **cal2),
    ]


def build_shifted(m: Match) -> list[Reading]:
    """'last week', 'this year', 'the following month': a period shifted from an anchor."""
    v = m.values
    return [Reading(**_base(m), unit=v["unit"], **{**_shifter(v), **m.rule.fixed})]


def build_shifted_day(m: Match) -> list[Reading]:
    """'the next day', 'that morning', 'the previous night'."""
    v = m.values
    shifter = _shifter(v)
    word = v["unit"]
    pod = None if word == "day" else {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[word]
    if shifter["anchor"] == "publication" and shifter["shift"] != 0 and pod is None:
        if not v.get("the") or shifter["shift"] < 0:
            return []  # "next day", "the last day": not a day counted from anywhere
        shifter["anchor"] = "narrative"  # "the next day": the day after the one the story is at
    return [Reading(**_base(m), unit="day", pod=pod, **shifter)]


def _with_fraction(v: dict[str, Any]) -> dict[str, Any]:
    """'two and a half years', 'a year and a half': the fraction the words add to the count."""
    count, fraction = v.get("count"), v.get("fraction")
    if isinstance(count, int | float) and isinstance(fraction, int | float):
        return {**v, "count": count + fraction}
    return v


def build_offset(m: Match) -> list[Reading]:
    """'two days ago' (from the publication time), 'a year later' (from the narrative time)."""
    v = _with_fraction({**_merged_alternatives(m.values), **m.rule.fixed})
    offset = v.get("offset") or {"sign": -1}
    if isinstance(offset, str):
        offset = {"sign": -1 if offset in ("before", "earlier", "ago") else 1,
                  "anchor": "publication" if offset == "ago" else "narrative"}
    unit = v.get("unit")
    if unit is None or v.get("count") is None:
        return []
    return [Reading(**_base(m), unit=unit, count=v["count"], sign=offset["sign"],
                    anchor=offset.get("anchor", "publication"), keep_period=bool(v.get("keep_period")),
                    ahead_only=bool(v.get("ahead_only")))]


def build_duration(m: Match) -> list[Reading]:
    v = _with_fraction({**_merged_alternatives(m.values), **m.rule.fixed})
    if v.get("count") is None or v.get("unit") is None:
        return []
    span = v.get("span")
    anchor: AnchorKind = "narrative" if span in ("previous", "following", "preceding", "ensuing") else "publication"
    return [Reading(**_base(m), kind="duration", unit=v["unit"], count=v["count"], span=span, anchor=anchor)]


def build_set(m: Match) -> list[Reading]:
    v = {**m.values, **m.rule.fixed}
    fields: dict[str, Any] = {"kind": "set"}
    if (adverb := v.get("setadv")) is not None:
        fields["value"] = adverb["value"]
        if "part" in adverb:
            fields["pod"] = adverb["part"]
    if (quant := v.get("quant")) is not None:
        fields["quant"] = quant
    if v.get("weekday") is not None:
        fields["weekday"] = v["weekday"]
    if v.get("pod") is not None:
        fields["pod"] = v["pod"]
    if v.get("month") is not None:
        fields["month"] = v["month"]
    if v.get("season") is not None:
        fields["season"] = v["season"]
    if v.get("unit") is not None:
        fields["unit"] = v["unit"]
        fields["count"] = v.get("count") or 1
    if (times := v.get("times")) is not None:
        fields["freq"] = f"{times:g}X"
    return [Reading(**_base(m), **fields)]


def build_ref(m: Match) -> list[Reading]:
    v = {**m.values, **m.rule.fixed}
    return [Reading(**_base(m), kind="ref", value=v["ref"])]


BUILDERS: dict[str, Builder] = {
    "point": build_point,
    "day_range": build_day_range,
    "shifted": build_shifted,
    "shifted_day": build_shifted_day,
    "offset": build_offset,
    "duration": build_duration,
    "set": build_set,
    "ref": build_ref,
}
