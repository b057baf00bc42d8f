"""Times shown at their real granularity, in the document's zone."""

from datetime import datetime

import pytest

from timeline.render.when import describe_published, describe_time, describe_value, zone_label
from timeline.types import EventTime


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-08-15", "Fri 15 Aug 2025"),
        ("2025-08-19TMO", "Tue 19 Aug 2025, morning"),
        ("2025-08-19TEV", "Tue 19 Aug 2025, evening"),
        ("2025-08", "August 2025"),
        ("2025-W34", "week of Mon 18 Aug 2025"),
        ("2025-W34-WE", "weekend of Sat 23 Aug 2025"),
        ("2025-SU", "summer 2025"),
        ("2025-Q3", "Q3 2025"),
        ("2025-H1", "first half of 2025"),
        ("2025", "2025"),
        ("202", "the 2020s"),
        ("19", "the 20th century"),
        ("PAST_REF", "some time in the past"),
        ("2025-08-19T16:32Z", "Tue 19 Aug 2025, 16:32 UTC"),
        ("2025-08-19T16:32-04:00", "Tue 19 Aug 2025, 16:32 UTC-04:00"),
        # Impossible or unknown forms are shown as written, never guessed at.
        ("2025-02-30", "2025-02-30"),
        ("2025-08-19TXX", "2025-08-19TXX"),
        ("P3D", "P3D"),
    ],
)
def test_values_are_described_at_their_granularity(value, expected):
    assert describe_value(value) == expected


def test_a_clock_value_without_an_offset_is_read_in_the_documents_zone():
    assert describe_value("2025-08-19T16:32", "America/New_York") == "Tue 19 Aug 2025, 16:32 EDT"
    assert describe_value("2025-01-19T16:32", "America/New_York") == "Sun 19 Jan 2025, 16:32 EST"


def test_clock_times_are_shown_in_the_documents_zone():
    time = EventTime(
        value="2025-08-19T20:32",
        start=datetime.fromisoformat("2025-08-19T20:32:00+00:00"),
        granularity="minute",
    )
    assert describe_time(time, "America/New_York") == "Tue 19 Aug 2025, 16:32 EDT"
    assert describe_time(time, None) == "Tue 19 Aug 2025, 20:32 UTC"


def test_a_date_keeps_no_invented_clock_time():
    time = EventTime(
        value="2025-08-15",
        start=datetime.fromisoformat("2025-08-15T00:00:00-04:00"),
        end=datetime.fromisoformat("2025-08-16T00:00:00-04:00"),
        granularity="day",
    )
    assert describe_time(time, "Europe/Berlin") == "Fri 15 Aug 2025"


def test_an_unknown_zone_name_falls_back_to_the_offset():
    moment = datetime.fromisoformat("2025-08-19T16:32:00-04:00")
    assert describe_published(moment, "minute", "Mars/Olympus") == "Tue 19 Aug 2025, 16:32 UTC-04:00"


def test_publication_times_keep_their_precision():
    moment = datetime.fromisoformat("2025-08-19T23:30:00-04:00")
    assert describe_published(moment, "day", "America/New_York") == "Tue 19 Aug 2025"
    assert describe_published(moment, "second", "Europe/Berlin") == "Wed 20 Aug 2025, 05:30:00 CEST"


def test_zone_labels():
    assert zone_label(datetime.fromisoformat("2025-08-19T16:32:00+05:30")) == "UTC+05:30"
    assert zone_label(datetime.fromisoformat("2025-08-19T16:32:00+00:00")) == "UTC"
