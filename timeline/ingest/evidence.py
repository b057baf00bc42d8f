"""Publication evidence written in the text: update stamps, clock times with a zone, datelines.

The patterns are language resources (`resources/context.<language>.yaml`); this module only
compiles and applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import dateparser
import yaml
from dateparser.date import DateDataParser

from timeline.ingest.boilerplate import iter_lines
from timeline.temporal import zones

# Datelines sit at the top of an article: only this many non-empty lines are searched.
_DATELINE_LINES = 4


@dataclass(frozen=True)
class Patterns:
    language: str
    clock_with_zone: re.Pattern[str]
    update_stamp: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]
    raw: dict[str, Any]  # the resource as written, for its examples


@cache
def patterns(language: str = "en") -> Patterns:
    name = f"context.{language}.yaml"
    folder = resources.files("timeline.ingest.resources")
    if not folder.joinpath(name).is_file():
        name = "context.en.yaml"
    raw = yaml.safe_load(folder.joinpath(name).read_text("utf-8"))
    zone_names = sorted(zones.abbreviations(), key=len, reverse=True)
    pieces = {key: f"(?:{value})" for key, value in raw["pieces"].items()}
    pieces["zone"] = "(?:" + "|".join(map(re.escape, zone_names)) + ")"

    def compile_(pattern: str, flags: int = 0) -> re.Pattern[str]:
        for key, value in pieces.items():
            pattern = pattern.replace("{" + key + "}", value)
        return re.compile(pattern, re.VERBOSE | flags)

    return Patterns(
        language=language,
        clock_with_zone=compile_(raw["clock_with_zone"]),
        update_stamp=compile_(raw["update_stamp"]),
        datelines=tuple(compile_(p, re.MULTILINE) for p in raw["datelines"]),
        raw=raw,
    )


@dataclass(frozen=True)
class ClockTime:
    hour: int
    minute: int
    second: int = 0


_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(?:([aApP])\.?\s?[mM]\.?)?")


def read_clock(text: str) -> ClockTime | None:
    """'4:32 p.m.' -> 16:32; None when it is not a valid time of day."""
    match = _CLOCK.fullmatch(text.strip())
    if not match:
        return None
    hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    meridiem = (match[4] or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return ClockTime(hour, minute, second)


@dataclass(frozen=True)
class PartialDate:
    """A calendar date as written; `year` is None when the text leaves it out."""

    year: int | None
    month: int
    day: int

    def complete(self, year: int | None) -> date | None:
        chosen = self.year or year
        if chosen is None:
            return None
        try:
            return date(chosen, self.month, self.day)
        except ValueError:
            return None


@cache
def date_languages(language: str) -> list[str] | None:
    """[language] when dateparser knows it; None (let it detect) otherwise."""
    try:
        DateDataParser(languages=[language]).get_date_data("1 January 2000")  # it checks lazily
    except ValueError:
        return None
    return [language]


_YEAR = re.compile(r"\b\d{4}\b|\d{1,2}/\d{1,2}/\d{2}\b")


def read_date(text: str, language: str = "en") -> PartialDate | None:
    """'Aug. 19, 2025' -> 2025-08-19; 'Aug. 19' -> (None, 8, 19); None when unreadable."""
    settings = {"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month"], "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(text, languages=date_languages(language), settings=settings)
    if parsed is None:
        return None
    has_year = bool(_YEAR.search(text))
    return PartialDate(parsed.year if has_year else None, parsed.month, parsed.day)


@dataclass(frozen=True)
class Stamp:
    """An 'Updated at 4:32 p.m. EDT' line: where it is and what it says."""

    start: int
    end: int
    date: PartialDate | None
    time: ClockTime | None
    zone: str | None


def find_update_stamps(text: str, language: str = "en") -> list[Stamp]:
    found = []
    pattern = patterns(language).update_stamp
    for start, _end, line in iter_lines(text):
        stripped = line.strip()
        match = pattern.fullmatch(stripped) if stripped else None
        if not match:
            continue
        when = match["date1"] or match["date2"]
        day = read_date(when, language) if when else None
        clock = read_clock(match["time"]) if match["time"] else None
        if day is None and clock is None:
            continue
        lead = len(line) - len(line.lstrip())
        found.append(Stamp(start + lead, start + lead + len(stripped), day, clock, match["zone"]))
    return found


@dataclass(frozen=True)
class ZoneMention:
    abbreviation: str
    start: int
    end: int


def find_zone_mention(text: str, language: str = "en") -> ZoneMention | None:
    """The first clock time written with a zone abbreviation ('4:32 p.m. EDT')."""
    for match in patterns(language).clock_with_zone.finditer(text):
        if read_clock(match["time"]):
            return ZoneMention(match["zone"], match.start(), match.end())
    return None


@dataclass(frozen=True)
class Dateline:
    date: PartialDate
    start: int
    end: int
    text: str


def find_dateline(text: str, language: str = "en") -> Dateline | None:
    """A dateline or a date line at the top of the text, read as a (possibly yearless) date."""
    seen = 0
    for start, _end, line in iter_lines(text):
        if not line.strip():
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            break
        for pattern in patterns(language).datelines:
            match = pattern.match(line)
            if match and (day := read_date(match["date"], language)):
                return Dateline(day, start + match.start(), start + match.end(), match.group(0).strip())
    return None
