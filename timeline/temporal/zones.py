"""Time-zone abbreviations ("EDT", "ET", "IST") -> UTC offsets, from `resources/zones.yaml`.

Shared by the tagger (clock times such as "4:32 p.m. EDT") and by ingest (a document's zone
read from its text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources

import pendulum
import yaml


@dataclass(frozen=True)
class ZoneReading:
    abbreviation: str
    zone: str  # IANA name of the region that uses the abbreviation
    offset: str | None  # fixed offset such as "-04:00" when the abbreviation implies one
    regions: tuple[str, ...]

    def offset_at(self, moment: datetime) -> timedelta:
        """The UTC offset this reading denotes at `moment` (generic readings follow DST)."""
        if self.offset is not None:
            sign = -1 if self.offset.startswith("-") else 1
            hours, minutes = self.offset.lstrip("+-").split(":")
            return sign * timedelta(hours=int(hours), minutes=int(minutes))
        local = pendulum.instance(moment).in_timezone(self.zone)
        return local.utcoffset() or timedelta(0)

    def timezone(self, moment: datetime) -> pendulum.FixedTimezone | pendulum.Timezone:
        """A tzinfo for `moment`: the fixed offset when the abbreviation states one."""
        if self.offset is None:
            return pendulum.timezone(self.zone)
        return pendulum.FixedTimezone(int(self.offset_at(moment).total_seconds()), name=self.abbreviation)


@cache
def _table() -> dict[str, tuple[ZoneReading, ...]]:
    raw = yaml.safe_load(resources.files("timeline.temporal.resources").joinpath("zones.yaml").read_text("utf-8"))
    return {
        abbreviation: tuple(
            ZoneReading(abbreviation, r["zone"], r.get("offset"), tuple(r.get("regions", ())))
            for r in readings
        )
        for abbreviation, readings in raw.items()
    }


def abbreviations() -> frozenset[str]:
    return frozenset(_table())


def readings(abbreviation: str) -> tuple[ZoneReading, ...]:
    """Every reading of an abbreviation (more than one means it is ambiguous); () if unknown."""
    return _table().get(abbreviation.upper().replace(".", ""), ())


def resolve(abbreviation: str, region: str | None = None) -> tuple[ZoneReading | None, bool]:
    """The reading to use, and whether the choice was ambiguous.

    With several readings, the one whose regions include `region` wins; without a region
    hint the first (the most common in English-language news) is used and flagged ambiguous.
    """
    options = readings(abbreviation)
    if not options:
        return None, False
    if len(options) == 1:
        return options[0], False
    if region:
        for reading in options:
            if region.upper() in reading.regions:
                return reading, False
    return options[0], True


@cache
def _regions() -> dict[str, str]:
    raw = resources.files("timeline.temporal.resources").joinpath("regions.yaml").read_text("utf-8")
    return {str(k): str(v) for k, v in yaml.safe_load(raw).items()}


def region_of(timezone: str) -> str | None:
    """The region (ISO 3166 code) a document's IANA zone implies, used to read ambiguous abbreviations."""
    table = _regions()
    if timezone in table:
        return table[timezone]
    prefixes = [k for k in table if k.endswith("/") and timezone.startswith(k)]
    return table[max(prefixes, key=len)] if prefixes else None
