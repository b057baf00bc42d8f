"""Refiners that resolve a `Reading` into a TIMEX3 value, an interval and an explanation.

Relative readings are resolved against an anchor: the publication time, or the time the
narrative is at (the last point in time the text mentioned). Bare weekdays, months, seasons
and holidays are placed in the direction of the tense.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import pendulum

from timeline.temporal import values, zones
from timeline.temporal.readings import Reading
from timeline.temporal.tense import Tense
from timeline.temporal.trusted import trusted
from timeline.types import Anchor, Granularity, Interval, TimexType

# Unit -> (pendulum keyword, how many of it, granularity of a shifted point).
_UNITS: dict[str, tuple[str, int, Granularity]] = {
    "second": ("seconds", 1, "second"),
    "minute": ("minutes", 1, "minute"),
    "hour": ("hours", 1, "hour"),
    "day": ("days", 1, "day"),
    "night": ("days", 1, "day"),
    "week": ("weeks", 1, "week"),
    "weekend": ("weeks", 1, "week"),
    "fortnight": ("weeks", 2, "week"),
    "month": ("months", 1, "month"),
    "quarter": ("months", 3, "quarter"),
    "season": ("months", 3, "season"),
    "half": ("months", 6, "half"),
    "year": ("years", 1, "year"),
    "decade": ("years", 10, "decade"),
    "century": ("years", 100, "century"),
    "millennium": ("years", 1000, "century"),
}
# Unit -> TIMEX3 duration designator; True when it belongs after the "T".
_DURATION_CODES: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "night": ("D", False, 1),
    "week": ("W", False, 1),
    "weekend": ("WE", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "quarter": ("Q", False, 1),
    "season": ("M", False, 3),
    "year": ("Y", False, 1),
    # Decades and centuries in years, as TimeML corpora write them ("two decades": P20Y).
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
    "millennium": ("Y", False, 1000),
}
# A fractional amount is written in the next smaller unit: 2.5 years -> P2Y6M.
_SMALLER = {"year": ("month", 12), "day": ("hour", 24), "hour": ("minute", 60), "week": ("day", 7), "minute": ("second", 60)}
_FINENESS: dict[str, int] = {
    "century": 0, "decade": 1, "year": 2, "half": 3, "quarter": 4, "season": 4, "month": 5, "week": 6,
    "day": 7, "part_of_day": 8, "hour": 9, "minute": 10, "second": 11,
}
_THIRDS = frozenset({"START", "MID", "END"})  # the mods that narrow a period to a third of it
_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_RECENT = 400  # characters: how far back "a year earlier" looks for the period it repeats
_RECENT_DATE = 150  # characters: a yearless month this close after a dated expression shares its year
_HALF_QUARTER = 45  # days
_MEMO_SIZE = 4096  # resolved values kept per document
_AGAINST_TENSE = 8  # months: how much nearer a date must be to win against the tense
_AGAINST_NEAR_TENSE = 11  # ... against a tense cue right next to it
_NEAR_LAST_WEEKEND = 3  # up to Wednesday, "the weekend" without a tense is the one just past


@dataclass(slots=True)  # not frozen: cheaper to build; only its anchor is filled in, once
class Point:
    """A resolved point in time that later expressions can be anchored to."""

    value: str
    start: pendulum.DateTime
    granularity: Granularity
    text: str | None = None
    position: int = 0  # where in the text it was mentioned
    anchor: Anchor | None = None  # the anchor it gives, once asked for


@dataclass(slots=True)  # not frozen: cheaper to build; never changed once built
class Resolved:
    type: TimexType
    value: str
    interval: Interval | None = None
    granularity: Granularity | None = None
    anchor: Anchor | None = None
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    ambiguous: bool = False


@dataclass
class Resolver:
    """Resolves readings in text order, keeping track of where the narrative is."""

    reference: pendulum.DateTime | None
    tz: tzinfo
    region: str | None = None
    document_zone: bool = False
    narrative: list[Point] = field(default_factory=list)
    paragraph_start: int = 0
    position: int = 0
    standalone: bool = False
    tense_is_near: bool = False
    publication: Anchor | None = None
    publication_point: Point | None = None
    # The same value, anchored the same way, resolves the same: its (immutable) result is shared.
    finished: dict[tuple[Any, ...], Resolved] = field(default_factory=dict)

    # ---- public ----------------------------------------------------------------------------

    def resolve(
        self,
        r: Reading,
        tense: Tense | None,
        text: str,
        paragraph_start: int = 0,
        standalone: bool = False,
        tense_is_near: bool = False,
    ) -> Resolved | None:
        """`paragraph_start`: where the reading's paragraph begins. `standalone`: the reading is
        on a short line of its own, a stamp, so a bare clock time in it is on the publication
        day, not on the day the narrative is at."""
        self.paragraph_start = paragraph_start
        self.standalone = standalone
        self.tense_is_near = tense_is_near
        self.position = r.start
        if r.kind == "ref":
            return Resolved("DATE", r.value or "PRESENT_REF", anchor=self._publication_anchor())
        if r.kind == "duration" or (r.ahead_only and tense != "future"):
            return self._duration(r)  # read as a duration whatever its kind
        if r.kind == "set":
            return self._set(r)
        resolved = self._point(r, tense)
        if resolved is not None and resolved.interval is not None and resolved.granularity is not None:
            value = resolved.value
            if len(value) >= 4 and value[0].isdigit() and not _is_comparison(r):
                self._remember(resolved, text, r.start)
        return resolved

    # ---- anchors ---------------------------------------------------------------------------

    def _publication_anchor(self) -> Anchor | None:
        if self.reference is None:
            return None
        if self.publication is None:  # one shared, immutable anchor per document
            self.publication = _anchor("publication", values.day_value(self.reference.date()))
        return self.publication

    def _anchor_point(self, kind: str, needed: str = "day", since: int = 0) -> tuple[Point | None, Anchor | None]:
        """The point to count from: the narrative's latest point fine enough, or the publication."""
        if kind == "narrative":
            fine_enough = _FINENESS.get(needed, 7)
            for point in reversed(self.narrative):
                if point.position < since:
                    break
                if _FINENESS[point.granularity] >= fine_enough:
                    return point, _narrative_anchor(point)
        if self.reference is None:
            return None, None
        if self.publication_point is None:  # one per document
            self.publication_point = Point(values.day_value(self.reference.date()), self.reference, "day")
        return self.publication_point, self._publication_anchor()

    def _remember(self, resolved: Resolved, text: str, position: int) -> None:
        """A dated point (not "PRESENT_REF", "XXXX-..."): later expressions may count from it."""
        assert resolved.interval is not None and resolved.granularity is not None
        start = pendulum.instance(resolved.interval.start)
        self.narrative.append(Point(resolved.value, start, resolved.granularity, text, position))
        if len(self.narrative) > 8:
            del self.narrative[0]

    # ---- points ----------------------------------------------------------------------------

    def _point(self, r: Reading, tense: Tense | None) -> Resolved | None:
        if r.decade is not None or r.century is not None:
            return self._period_of_years(r)
        if r.year is not None:
            return self._absolute(r, self._year(r))
        if r.unit == "year" and r.shift is not None and any(x is not None for x in (r.month, r.quarter, r.half, r.season)):
            return self._in_shifted_year(r)
        if r.unit is not None and (r.shift is not None or r.count is not None):
            return self._shifted(r, tense)
        if r.days is not None:
            return self._deictic(r)
        if r.weekday is not None and r.month is None:
            return self._weekday(r, tense)
        if r.month is not None or r.season is not None or r.holiday is not None or r.quarter is not None or r.half is not None:
            return self._yearless(r, tense)
        if r.hour is not None or r.pod is not None:
            return self._time_only(r, tense)
        return None

    def _year(self, r: Reading) -> int:
        year = r.year or 0
        if r.year_digits == 2:
            base = self.reference.year if self.reference else 2000
            century = base - base % 100
            candidates = (century - 100 + year, century + year, century + 100 + year)
            year = min(candidates, key=lambda y: abs(y - base))
        return year

    def _period_of_years(self, r: Reading) -> Resolved:
        if r.century is not None:
            value = f"{r.century:02d}"
        else:
            decade = r.decade or 0
            if r.decade_digits < 3:
                base = self.reference.year if self.reference else 2000
                decade = (base // 100) * 10 + decade
                if decade * 10 > base:
                    decade -= 10
            value = f"{decade:03d}"
        return self._finish(value, "DATE", r, None)

    def _absolute(self, r: Reading, year: int, anchor: Anchor | None = None) -> Resolved | None:
        """The reading placed in `year`, resolved with `anchor`."""
        if r.keep_period and r.month is None:  # "the 1988 period": the narrative's period, that year
            point = self._recent_period()
            if point is not None:
                moment = values.shifted(point.start, "years", year - point.start.year)
                return self._finish(_format(moment, point.granularity), "DATE", r, anchor)
        if r.quarter is not None:
            return self._finish(f"{year:04d}-Q{r.quarter}", "DATE", r, anchor)
        if r.half is not None:
            return self._finish(f"{year:04d}-H{r.half}", "DATE", r, anchor)
        if r.season is not None:
            return self._finish(f"{year:04d}-{r.season}", "DATE", r, anchor)
        if r.holiday is not None:
            day = holiday_date(r.holiday, year)
            if day and r.unit == "week":  # "Easter week"
                return self._finish(values.week_value(day), "DATE", r, anchor)
            return self._with_time(r, day, anchor) if day else None
        if r.month is None:
            return self._finish(f"{year:04d}", "DATE", r, anchor)
        if r.nth is not None and r.weekday is not None:
            nth_day = _nth_weekday(year, r.month, r.weekday, r.nth)
            return self._with_time(r, nth_day, anchor) if nth_day.month == r.month else None
        if r.day is None:
            return self._finish(f"{year:04d}-{r.month:02d}", "DATE", r, anchor)
        try:
            day = pendulum.date(year, r.month, r.day)
        except ValueError:
            return None
        if r.unit == "week":  # "the week of March 6"
            return self._finish(values.week_value(day), "DATE", r, anchor)
        if r.unit == "quarter":  # "the quarter ended Sept. 30": mostly the months before that day
            middle = day.subtract(days=_HALF_QUARTER)
            return self._finish(f"{middle.year:04d}-Q{values.quarter_of(middle.month)}", "DATE", r, anchor)
        return self._with_time(r, day, anchor)

    def _in_shifted_year(self, r: Reading) -> Resolved | None:
        """'January this year', 'next year's first quarter'."""
        point, anchor = self._anchor_point(r.anchor, "year")
        if point is None:
            return self._unanchored(r)
        return self._absolute(replace(r, unit=None, shift=None), point.start.year + (r.shift or 0), anchor)

    def _deictic(self, r: Reading) -> Resolved | None:
        point, anchor = self._anchor_point(r.anchor)
        if point is None:
            return self._unanchored(r)
        day = _day(point.start) + timedelta(days=r.days or 0)
        return self._with_time(r, day, anchor)

    def _weekday(self, r: Reading, tense: Tense | None) -> Resolved | None:
        point, anchor = self._anchor_point(r.anchor)
        if point is None:
            return self._unanchored(r)
        base = _day(point.start)
        weekday = r.weekday or 1
        today = base.isoweekday()
        back, ahead = (today - weekday) % 7, (weekday - today) % 7
        if r.shift == -1:
            offset = -(back or 7)
        elif r.shift == 1:
            offset = ahead or 7
        elif r.shift == 0:
            offset = weekday - today
        elif tense == "future" or (tense == "present" and ahead < back):
            offset = ahead
        else:
            offset = -back
        return self._with_time(r, base + timedelta(days=offset), anchor)

    def _yearless(self, r: Reading, tense: Tense | None) -> Resolved | None:
        # A month named just after a dated one belongs with it ("in June from $29.75 in March").
        recent = self._recent_dated() if r.shift is None and tense is None else None
        if recent is not None:
            point, anchor = recent, _narrative_anchor(recent)
        else:
            point, anchor = self._anchor_point(r.anchor, "month")
        if point is None:
            return self._unanchored(r)
        base = point.start.date()
        year = self._choose_year(r, base, tense)
        return self._absolute(r, year, anchor)

    def _choose_year(self, r: Reading, base: date, tense: Tense | None) -> int:
        """The year that puts a month, season, holiday or quarter where the words point."""
        position = self._position_in_year(r, base.year)
        now = (base.month, base.day)
        if r.quarter is not None or r.half is not None:
            if tense == "past" and r.shift is None and position > now:
                return base.year - 1
            return base.year + (r.shift or 0)
        if r.shift == -1:
            return base.year if position < (base.month, 1) else base.year - 1
        if r.shift == 1:
            return base.year if position > (base.month, 31) else base.year + 1
        if r.shift == 0:
            return base.year
        # The nearest occurrence, against the tense only when it is much nearer.
        def cost(year: int) -> tuple[float, float]:
            position = self._position_in_year(r, year)
            months = _months_between(position, year, base) if r.day is not None or r.holiday is not None or r.nth is not None \
                else (year - base.year) * 12 + position[0] - base.month
            against = (tense == "past" and months > 0) or (tense == "future" and months < 0)
            penalty = (_AGAINST_NEAR_TENSE if self.tense_is_near else _AGAINST_TENSE) if against else 0
            return abs(months) + penalty, abs(months)  # a tie goes to the nearer

        return min((y for y in (base.year - 1, base.year, base.year + 1) if 1 <= y <= 9999), key=cost)

    def _position_in_year(self, r: Reading, year: int) -> tuple[int, int]:
        if r.holiday is not None:
            day = holiday_date(r.holiday, year)
            return (day.month, day.day) if day else (12, 31)
        if r.season is not None:
            return (_SEASON_MONTHS[r.season], 1)
        if r.quarter is not None:
            return (3 * r.quarter - 2, 1)
        if r.half is not None:
            return (6 * r.half - 5, 1)
        if r.nth is not None and r.weekday is not None and r.month is not None:
            day = _nth_weekday(year, r.month, r.weekday, r.nth)
            return (day.month, day.day)
        return (r.month or 1, r.day or 1)

    def _time_only(self, r: Reading, tense: Tense | None = None) -> Resolved | None:
        point, anchor = self._anchor_point("publication" if self.standalone else "narrative", "day")
        if point is None:
            return self._unanchored(r)
        day = point.start.date()
        if r.hour == 24 and not r.minute and tense == "past":
            day = day.subtract(days=1)  # "shortly after midnight" in the past: the one that began the day
        return self._with_time(r, day, anchor)

    def _recent_period(self, within: int = _RECENT, reported: bool = False) -> Point | None:
        """The latest quarter, half or month the text named shortly before the current reading.
        `reported`: a period it compares with must have been over at publication unless named in
        the same paragraph (a forecast "through the third quarter of 1990" is not the period
        whose results the story reports)."""
        for point in reversed(self.narrative):
            if self.position - point.position > within:
                return None
            if reported and point.position < self.paragraph_start and self.reference is not None \
                    and _period_end(point) > self.reference:
                continue
            if point.granularity in ("quarter", "half", "month"):
                return point
        return None

    def _recent_point(self, within: int) -> Point | None:
        """The latest point the text named no more than `within` characters back, in the same
        paragraph (a new paragraph that says "the year" is back at the story's present)."""
        if not self.narrative:
            return None
        point = self.narrative[-1]
        if self.position - point.position <= within and point.position >= self.paragraph_start:
            return point
        return None

    def _recent_dated(self) -> Point | None:
        """The point named just before, in the same paragraph, if it is a day or a month."""
        if not self.narrative:
            return None
        point = self.narrative[-1]
        if point.position < self.paragraph_start or self.position - point.position > _RECENT_DATE:
            return None
        return point if _FINENESS[point.granularity] >= _FINENESS["month"] else None

    def _same_period_earlier(self, r: Reading, years: int) -> Resolved | None:
        """'a year earlier' after 'the third quarter': that quarter, `years` years before. "The
        year-earlier period" names a period: the story's latest, however far back it was named."""
        point = self._recent_period(within=self.position + 1, reported=True) if r.keep_period \
            else self._recent_period()
        if point is None:
            return None
        moment = values.shifted(point.start, "years", years)
        anchor = _narrative_anchor(point)
        return self._finish(_format(moment, point.granularity), "DATE", r, anchor)

    def _named_period(self, r: Reading) -> Resolved | None:
        """'the quarter', 'the latest period': the quarter the narrative is in, else the last
        complete quarter before publication (the one a report is about)."""
        for point in reversed(self.narrative):
            if r.completed and self.reference is not None and _period_end(point) > self.reference:
                continue
            if point.granularity in ("quarter", "half") or (r.unit == "period" and point.granularity == "month"):
                anchor = _narrative_anchor(point)
                return self._finish(point.value if point.granularity != "quarter" else _format(point.start, "quarter"), "DATE", r, anchor)
        if self.reference is None:
            return self._unanchored(r)
        moment = values.shifted(self.reference, "months", -3)
        return self._finish(_format(moment, "quarter"), "DATE", r, self._publication_anchor())

    def _weekend(self, r: Reading, tense: Tense | None) -> Resolved | None:
        point, anchor = self._anchor_point(r.anchor, "day")
        if point is None:
            return self._unanchored(r)
        base = point.start.date()
        weekday = base.isoweekday()
        if r.shift is not None and r.shift != 0:
            day = base.add(weeks=r.shift)
        elif r.anchor == "narrative":
            day = base  # "that weekend": the weekend of the week the story is at
        elif weekday < 6 and (tense == "past" or (tense is None and weekday <= _NEAR_LAST_WEEKEND)):
            day = base.subtract(days=weekday)  # the weekend just past (without a tense: the nearer)
        else:
            day = base  # the weekend of this week: ahead, or under way
        return self._finish(values.week_value(day) + "-WE", "DATE", r, anchor)

    def _shifted(self, r: Reading, tense: Tense | None = None) -> Resolved | None:
        unit = r.unit or "day"
        if unit == "period" or (unit == "quarter" and r.anchor == "narrative" and r.shift == 0):
            return self._named_period(r)
        if unit == "weekend" and r.count is None:
            return self._weekend(r, tense)
        if r.count is not None and not isinstance(r.count, int | float):
            if r.anchor == "narrative":  # "a few days later": after the story's time, not after now
                return self._duration(r)
            return Resolved("DATE", "PAST_REF" if r.sign < 0 else "FUTURE_REF", anchor=self._publication_anchor())
        if r.count is not None and r.count != int(r.count) and unit in ("year", "week"):
            # "a year and a half ago": 18 months ago, known to the month (a fraction of a day
            # would claim a time of day the reference does not give)
            smaller, factor = _SMALLER[unit]
            r = replace(r, unit=smaller, count=r.count * factor)
            unit = smaller
        keyword, size, granularity = _UNITS[unit]
        if r.count is not None:
            amount = r.count * r.sign
            if unit == "year" and abs(amount) == 1:  # "a year earlier", not "41 years ago"
                same = self._same_period_earlier(r, int(amount))
                if same is not None:
                    return same
        else:
            amount = r.shift or 0
        if r.anchor == "narrative" and r.count is None and unit == "year":
            # "the year", "the full year": the year of a recent point, else of publication
            # ("the latest fiscal year": the last one over at publication, whatever the story named)
            recent = None if r.completed else self._recent_point(_RECENT)
            point, anchor = (recent, _narrative_anchor(recent)) if recent \
                else self._anchor_point("publication", granularity)
            if r.completed:
                amount = -1
        else:
            point, anchor = self._anchor_point(r.anchor, granularity)
        if point is None:
            return self._unanchored(r)
        if r.anchor == "narrative" and r.count is not None and point is self.publication_point \
                and _FINENESS[granularity] > _FINENESS["day"]:
            return self._duration(r)  # "an hour later" with no clock time in the story: only the time between
        moment = point.start
        if amount != int(amount):
            return self._duration(r)  # "a minute and a half later": the time between is all it says
        moment = values.shifted(moment, keyword, int(amount) * size)
        if r.count is not None and r.anchor == "narrative" and _FINENESS[point.granularity] > _FINENESS[granularity] \
                and unit != "year":
            if _FINENESS[granularity] <= _FINENESS["day"]:  # "two days later", after a clock time: a day
                granularity = point.granularity if _FINENESS[point.granularity] <= _FINENESS["day"] else "day"
            else:  # "an hour later", after "9 p.m.": the clock time it reaches
                granularity = point.granularity
        if unit == "weekend":
            return self._finish(values.week_value(moment.date()) + "-WE", "DATE", r, anchor)
        if r.pod is not None or r.hour is not None or granularity == "day":
            return self._with_time(r, moment.date(), anchor)
        return self._finish(_format(moment, granularity), "TIME" if _FINENESS[granularity] > _FINENESS["day"] else "DATE", r, anchor)

    def _with_time(self, r: Reading, day: date, anchor: Anchor | None) -> Resolved:
        value = values.day_value(day)
        if r.hour is not None:
            value += f"T{r.hour:02d}:{r.minute or 0:02d}"
            if r.second is not None:
                value += f":{r.second:02d}"
            zone = self._zone(r, day)
            if zone is not None:
                return self._finish(value, "TIME", r, anchor, zone)
            return self._finish(value, "TIME", r, anchor)
        if r.pod is not None:
            return self._finish(f"{value}T{r.pod}", "TIME", r, anchor)
        return self._finish(value, "DATE", r, anchor)

    def _zone(self, r: Reading, day: date) -> tuple[tzinfo, bool, str] | None:
        """The zone a stated clock time is in, whether that was a guess, and its offset."""
        if r.utc_offset is not None:
            offset = r.utc_offset
            return values._fixed_zone(offset), False, offset
        if r.zone is None:
            return None
        reading, ambiguous = zones.resolve(r.zone, self.region)
        if reading is None:
            return None
        noon = pendulum.datetime(day.year, day.month, day.day, 12, tz=pendulum.UTC)
        offset = values.offset_suffix(int(reading.offset_at(noon).total_seconds() // 60))
        return reading.timezone(noon), ambiguous, offset

    def _finish(
        self,
        value: str,
        type_: TimexType,
        r: Reading,
        anchor: Anchor | None,
        zone: tuple[tzinfo, bool, str] | None = None,
    ) -> Resolved:
        # The anchor by identity: anchors are shared objects, and hashing one hashes its fields.
        # (The entry's result holds the anchor, so its id names no other while the entry lives.)
        key = (value, type_, r.mod, id(anchor), zone)
        known = self.finished.get(key)
        if known is not None:
            return known
        tz = zone[0] if zone else self.tz
        ambiguous = zone[1] if zone else False
        if zone and self.document_zone and self._offset_differs(value, zone[2]):
            value += zone[2]
        span = values.interval_of(value, tz)
        interval = None
        granularity: Granularity | None = None
        if span is not None:
            start, end = _narrow(span.start, span.end, r.mod)
            interval = trusted(Interval, {"start": start, "end": end})  # aware by construction
            granularity = span.granularity
        resolved = Resolved(type_, value, interval, granularity, anchor, r.mod, ambiguous=ambiguous)
        if len(self.finished) < _MEMO_SIZE:
            self.finished[key] = resolved
        return resolved

    def _offset_differs(self, value: str, offset: str) -> bool:
        span = values.interval_of(value, self.tz)
        if span is None:
            return True
        local = span.start.utcoffset()
        minutes = int(local.total_seconds() // 60) if local is not None else 0
        return values.offset_suffix(minutes) != offset

    def _unanchored(self, r: Reading) -> Resolved:
        """Without a reference time: the value says what is known, X for the rest."""
        if r.weekday is not None:
            value = f"XXXX-WXX-{r.weekday}"
        elif r.month is not None:
            value = f"XXXX-{r.month:02d}" + (f"-{r.day:02d}" if r.day else "")
        elif r.unit in ("week", "weekend"):
            value = "XXXX-WXX"
        elif r.unit in ("month",):
            value = "XXXX-XX"
        elif r.unit in ("year", "quarter", "half", "decade", "century"):
            value = "XXXX"
        else:
            value = "XXXX-XX-XX"
        if r.pod is not None and value.count("-") >= 2:
            value += f"T{r.pod}"
        type_: TimexType = "TIME" if r.pod is not None or r.hour is not None else "DATE"
        return Resolved(type_, value, mod=r.mod, anchor=_anchor("none", value))

    # ---- durations and sets ----------------------------------------------------------------

    def _duration(self, r: Reading) -> Resolved | None:
        value = duration_value(r.count, r.unit or "day")
        if value is None:
            return None
        interval = None
        anchor = None
        if r.span is not None and isinstance(r.count, int | float) and r.count == int(r.count):
            point, anchor = self._anchor_point(r.anchor)
            if point is not None:
                keyword, size, _ = _UNITS[r.unit or "day"]
                amount = int(r.count) * size
                if r.span in ("past", "last", "previous", "preceding", "recent"):
                    interval = trusted(Interval, {"start": values.shifted(point.start, keyword, -amount), "end": point.start})
                elif r.span in ("next", "coming", "following", "ensuing"):
                    interval = trusted(Interval, {"start": point.start, "end": values.shifted(point.start, keyword, amount)})
        return Resolved("DURATION", value, interval=interval, anchor=anchor, mod=r.mod)

    def _set(self, r: Reading) -> Resolved | None:
        quant = r.quant
        if r.value is not None:
            value = r.value
        elif r.weekday is not None:
            value = f"XXXX-WXX-{r.weekday}" + (f"T{r.pod}" if r.pod else "")
        elif r.pod is not None:
            value = f"XXXX-XX-XXT{r.pod}"
        elif r.month is not None:
            value = f"XXXX-{r.month:02d}"
        elif r.season is not None:
            value = f"XXXX-{r.season}"
        elif r.unit is not None:
            value = duration_value(r.count or 1, r.unit) or "P1D"
        else:
            return None
        return Resolved("SET", value, quant=quant, freq=r.freq, mod=r.mod)


# ---- helpers -------------------------------------------------------------------------------


def _day(moment: datetime) -> date:
    """The calendar day of a moment, as a plain date (whose arithmetic runs in C)."""
    return date(moment.year, moment.month, moment.day)


def _anchor(kind: str, value: str, text: str | None = None) -> Anchor:
    return trusted(Anchor, {"kind": kind, "value": value, "text": text})


def _narrative_anchor(point: Point) -> Anchor:
    """The anchor a narrative point gives (made once per point: several expressions share it)."""
    if point.anchor is None:
        point.anchor = _anchor("narrative", point.value, point.text)
    return point.anchor


def _is_comparison(r: Reading) -> bool:
    """'a year earlier', 'the latest period': said to compare, not to move the story in time."""
    return (r.count is not None and r.unit in ("year", "quarter", "month")) or r.unit == "period" or r.keep_period


def duration_value(count: Any, unit: str) -> str | None:
    code, after_t, multiple = _DURATION_CODES[unit]
    if not isinstance(count, int | float):
        return f"P{'T' if after_t else ''}X{code}"
    amount = count * multiple
    if amount <= 0:
        return None
    if amount != int(amount):
        if unit in _SMALLER:
            whole = int(amount)
            smaller, factor = _SMALLER[unit]
            rest = round((amount - whole) * factor, 3)
            small_code, small_after_t, _ = _DURATION_CODES[smaller]
            head = f"{whole}{code}" if whole else ""
            if after_t or small_after_t:
                date_part = "" if after_t else head
                time_part = (head if after_t else "") + f"{rest:g}{small_code}"
                return f"P{date_part}T{time_part}"
            return f"P{head}{rest:g}{small_code}"
        return f"P{'T' if after_t else ''}{amount:g}{code}"
    return f"P{'T' if after_t else ''}{int(amount)}{code}"


def holiday_date(spec: dict[str, Any], year: int) -> date | None:
    if "fixed" in spec:
        month, day = (int(x) for x in str(spec["fixed"]).split("-"))
        return pendulum.date(year, month, day)
    if "nth" in spec:
        month, weekday, n = spec["nth"]
        return _nth_weekday(year, month, weekday, n)
    if "easter" in spec:
        return _easter(year).add(days=int(spec["easter"]))
    if spec.get("election"):
        monday = _nth_weekday(year, 11, 1, 1)
        return monday.add(days=1)
    return None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> pendulum.Date:
    if n > 0:
        first = pendulum.date(year, month, 1)
        return first.add(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = pendulum.date(year, month, 1).add(months=1).subtract(days=1)
    return last.subtract(days=(last.isoweekday() - weekday) % 7 + 7 * (-n - 1))


def _easter(year: int) -> pendulum.Date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return pendulum.date(year, month, day + 1)


def _period_end(point: Point) -> pendulum.DateTime:
    months = {"quarter": 3, "half": 6, "month": 1, "season": 3}.get(point.granularity)
    return values.shifted(point.start, "months", months) if months else point.start


def _months_between(position: tuple[int, int], year: int, base: date) -> float:
    return (year - base.year) * 12 + (position[0] - base.month) + (position[1] - base.day) / 31


def _format(moment: pendulum.DateTime, granularity: str) -> str:
    if granularity == "year":
        return f"{moment.year:04d}"
    if granularity == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if granularity == "quarter":
        return f"{moment.year:04d}-Q{values.quarter_of(moment.month)}"
    if granularity == "half":
        return f"{moment.year:04d}-H{1 if moment.month <= 6 else 2}"
    if granularity == "week":
        return values.week_value(moment.date())
    if granularity == "decade":
        return f"{moment.year // 10:03d}"
    if granularity == "century":
        return f"{moment.year // 100:02d}"
    if granularity == "hour":
        return f"{values.day_value(moment.date())}T{moment.hour:02d}"
    if granularity in ("minute", "second"):
        return f"{values.day_value(moment.date())}T{moment.hour:02d}:{moment.minute:02d}"
    return values.day_value(moment.date())


def _narrow(start: datetime, end: datetime, mod: str | None) -> tuple[datetime, datetime]:
    """START/MID/END of a period: its first, middle or last third."""
    if mod not in _THIRDS:
        return start, end
    third = timedelta(seconds=_elapsed(start, end).total_seconds() / 3)
    if mod == "START":
        return start, start + third
    if mod == "MID":
        return start + third, end - third
    return end - third, end


def _elapsed(start: datetime, end: datetime) -> timedelta:
    """The time a clock measures from `start` to `end`, as pendulum's `end - start` gives it
    (OverflowError where it raises one), without building its Interval."""
    if end.tzinfo is not start.tzinfo:
        return datetime.__sub__(end, start)  # the standard library counts in UTC
    return _in_utc(end) - _in_utc(start)  # it would subtract the wall-clock times


def _in_utc(moment: datetime) -> datetime:
    wall = datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, moment.microsecond, tzinfo=UTC)
    return wall - (moment.utcoffset() or timedelta(0))
