"""The tagger's own wall-clock arithmetic gives what pendulum's gives, to the fold (hypothesis)."""

from __future__ import annotations

from datetime import datetime

import pendulum
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline.temporal import values
from timeline.temporal.engine import _timezone, reference_moment
from timeline.temporal.resolve import _elapsed

# Zones with gaps and repeats (Sao Paulo's clocks skipped midnight; Apia skipped a whole day in
# 2011), fixed offsets, and UTC.
_ZONES = [
    pendulum.UTC, pendulum.timezone("America/New_York"), pendulum.timezone("America/Sao_Paulo"),
    pendulum.timezone("Pacific/Apia"), pendulum.timezone("Europe/London"), pendulum.timezone("Asia/Kolkata"),
    pendulum.FixedTimezone(-4 * 3600), pendulum.FixedTimezone(19800, name="IST"),
]
zones = st.sampled_from(_ZONES)
# Wall-clock times the clocks skipped: pendulum moves them on.
_GAPS = [
    (datetime(2018, 11, 4, 0, 30), pendulum.timezone("America/Sao_Paulo")),  # noqa: DTZ001
    (datetime(2024, 3, 10, 2, 30), pendulum.timezone("America/New_York")),  # noqa: DTZ001
    (datetime(2011, 12, 30, 9, 0), pendulum.timezone("Pacific/Apia")),  # noqa: DTZ001
]
# Wall-clock readings; hypothesis takes naive bounds, the zone is attached by pendulum.
walls = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31))  # noqa: DTZ001
near_transitions = st.builds(
    datetime, st.sampled_from([1993, 2011, 2018, 2024]), st.integers(1, 12), st.integers(1, 28),
    st.sampled_from([0, 1, 2, 3, 12, 23]), st.sampled_from([0, 30]),
)


def _same(a: object, b: object) -> bool:
    """Equal down to what equality does not compare: the fold, the zone object, the type."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        return (repr(a), a.fold, type(a), a.tzinfo, a.utcoffset()) == (repr(b), b.fold, type(b), b.tzinfo, b.utcoffset())
    return a == b


def _outcome(compute):
    try:
        return compute()
    except (ValueError, OverflowError):
        return "out of range"


@settings(max_examples=400, deadline=None)
@given(wall=st.one_of(walls, near_transitions), tz=zones)
@example(wall=_GAPS[0][0], tz=_GAPS[0][1])
@example(wall=_GAPS[1][0], tz=_GAPS[1][1])
@example(wall=_GAPS[2][0], tz=_GAPS[2][1])
def test_local_time_is_pendulums_datetime(wall, tz):
    fields = (wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.microsecond)
    assert _same(values.local_time(tz, *fields), pendulum.datetime(*fields, tz=tz))


@settings(max_examples=600, deadline=None)
@given(
    wall=st.one_of(walls, near_transitions), tz=zones, fold=st.sampled_from([0, 1]),
    unit=st.sampled_from(["days", "weeks", "months", "years", "hours", "minutes", "seconds"]),
    amount=st.one_of(st.integers(-40, 40), st.sampled_from([0, 120, -1200, 1200])),
)
@example(wall=datetime(2018, 11, 3, 0, 30), tz=_GAPS[0][1], fold=1, unit="days", amount=1)  # noqa: DTZ001
@example(wall=datetime(2024, 2, 10, 2, 30), tz=_GAPS[1][1], fold=1, unit="months", amount=1)  # noqa: DTZ001
@example(wall=datetime(2011, 12, 29, 9, 0), tz=_GAPS[2][1], fold=0, unit="weeks", amount=-1)  # noqa: DTZ001
def test_shifted_is_pendulums_add(wall, tz, fold, unit, amount):
    moment = pendulum.datetime(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, tz=tz, fold=fold)
    expected = _outcome(lambda: moment.add(**{unit: amount}))
    assert _same(_outcome(lambda: values.shifted(moment, unit, amount)), expected)


@pytest.mark.parametrize("tz", _ZONES, ids=str)
@pytest.mark.parametrize("year", [1, 2, 1993, 2004, 2011, 2015, 2020, 2025, 9999])
def test_weeks_start_where_pendulum_parses_them(year, tz):
    for week in range(0, 56):
        expected = _outcome(lambda week=week: pendulum.parse(f"{year:04d}-W{week:02d}-1", tz=tz).start_of("day"))
        assert _same(_outcome(lambda week=week: values._week_start(tz, year, week)), expected), (year, week)


@settings(max_examples=300, deadline=None)
@given(value=st.sampled_from(["2011-12-30", "2018-11-04", "2024-03-10", "2024-11-03", "0001", "9999-12", "2024-Q1"]),
       tz=zones, mod=st.sampled_from(["START", "MID", "END"]))
def test_elapsed_is_pendulums_difference(value, tz, mod):
    span = values.interval_of(value, tz)
    if span is None:
        return
    expected = _outcome(lambda: (span.end - span.start).total_seconds())
    assert _outcome(lambda: _elapsed(span.start, span.end).total_seconds()) == expected


@pytest.mark.parametrize("timezone", [None, "America/Sao_Paulo", "America/New_York", "Asia/Kolkata", "+05:30", "UTC"])
@pytest.mark.parametrize("day", ["2018-11-04", "2024-03-10", "1998-01-08", "0001-01-01", "9999-12-31", "2024-02-29"])
def test_a_day_reference_is_the_moment_pendulum_parses(day, timezone):
    tz = _timezone(timezone)
    parsed = pendulum.parse(day, tz=tz)
    expected = parsed.in_timezone(tz) if timezone else parsed
    moment, zone = reference_moment.__wrapped__(day, timezone)
    assert _same(moment, expected)
    assert zone == tz


def test_a_reference_that_is_no_day_is_refused_as_pendulum_refuses_it():
    with pytest.raises(ValueError) as ours:
        reference_moment.__wrapped__("2025-02-30", None)
    with pytest.raises(ValueError) as theirs:
        pendulum.parse("2025-02-30", tz=pendulum.UTC)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize(
    ("value", "zone", "start", "end"),
    [
        # The clocks went forward at 2:00 that morning: 9:00 is still 9:00 on the wall.
        ("2024-03-10T09:00", "America/New_York", "2024-03-10T09:00:00-04:00", "2024-03-10T09:01:00-04:00"),
        ("2024-03-10TMO", "America/New_York", "2024-03-10T06:00:00-04:00", "2024-03-10T12:00:00-04:00"),
        # They went back at 2:00: the evening keeps its hours too.
        ("2024-11-03TEV", "America/New_York", "2024-11-03T18:00:00-05:00", "2024-11-03T22:00:00-05:00"),
        # 1:30 came twice: read as pendulum reads a wall-clock time, the second time (after
        # the clocks went back), as every other date of the pipeline is.
        ("2024-11-03T01:30", "America/New_York", "2024-11-03T01:30:00-05:00", "2024-11-03T01:31:00-05:00"),
        # A night runs into the next morning, across the change.
        ("2024-03-09TNI", "America/New_York", "2024-03-09T21:00:00-05:00", "2024-03-10T06:00:00-04:00"),
        ("2025-03-30T16:32", "Europe/London", "2025-03-30T16:32:00+01:00", "2025-03-30T16:33:00+01:00"),
    ],
)
def test_a_clock_time_on_a_day_the_clocks_change_is_read_off_the_wall(value, zone, start, end):
    span = values.interval_of(value, pendulum.timezone(zone))
    assert (span.start.isoformat(), span.end.isoformat()) == (start, end)
