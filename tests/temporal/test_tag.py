"""`tag()`: the contract (sorted, non-overlapping, offsets into the text) and what each
expression carries: interval, granularity, anchor, rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pendulum
import pytest

from timeline.temporal import tag

SEED_REFERENCE = "2025-08-19"
SEED_ZONE = "America/New_York"


def _by_text(timexes):
    return {t.text: t for t in timexes}


def test_seed_articles_resolve_against_their_publication_day(seeds_dir):
    found = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text("utf-8")
        timexes = tag(text, SEED_REFERENCE, timezone=SEED_ZONE)
        for t in timexes:
            assert text[t.start : t.end] == t.text
            found.setdefault(t.text, set()).add(t.value)
    assert found["Tuesday morning"] == {"2025-08-19TMO"}
    assert found["Tuesday"] == {"2025-08-19"}
    assert found["Monday"] == {"2025-08-18"}
    assert found["last Friday"] == {"2025-08-15"}
    assert found["this morning"] == {"2025-08-19TMO"}
    assert found["4:32 p.m. EDT"] == {"2025-08-19T16:32"}


def test_clock_time_with_zone_has_interval_in_that_zone():
    (t,) = tag("Updated at 4:32 p.m. EDT", SEED_REFERENCE, timezone=SEED_ZONE)
    assert t.type == "TIME"
    assert t.granularity == "minute"
    assert t.interval is not None
    assert t.interval.start.utcoffset() == timedelta(hours=-4)
    assert t.interval.start == pendulum.datetime(2025, 8, 19, 20, 32, tz="UTC")
    assert t.interval.end - t.interval.start == timedelta(minutes=1)


def test_zone_other_than_the_documents_is_written_into_the_value():
    (t,) = tag("The vote closed at 16:32 GMT.", SEED_REFERENCE, timezone=SEED_ZONE)
    assert t.value == "2025-08-19T16:32+00:00"
    assert t.interval is not None and t.interval.start.utcoffset() == timedelta(0)


def test_daylight_saving_follows_the_date_for_generic_zones():
    (summer,) = tag("It starts at 9 a.m. ET.", "2025-08-19", timezone=SEED_ZONE)
    (winter,) = tag("It starts at 9 a.m. ET.", "2025-01-14", timezone=SEED_ZONE)
    assert summer.interval is not None and winter.interval is not None
    assert summer.interval.start.utcoffset() == timedelta(hours=-4)
    assert winter.interval.start.utcoffset() == timedelta(hours=-5)


def test_relative_expression_records_its_anchor_and_rule():
    (t,) = tag("The summit last Friday was long.", SEED_REFERENCE, timezone=SEED_ZONE)
    assert t.anchor is not None and t.anchor.kind == "publication" and t.anchor.value == SEED_REFERENCE
    assert t.rule
    assert t.interval is not None
    assert t.interval.start == pendulum.datetime(2025, 8, 15, tz=SEED_ZONE)
    assert t.interval.end == pendulum.datetime(2025, 8, 16, tz=SEED_ZONE)
    assert t.granularity == "day"


def test_narrative_expression_anchors_to_the_previous_date():
    timexes = tag("The deal was signed on March 3, 2021. Two days later it collapsed.", SEED_REFERENCE)
    later = _by_text(timexes)["Two days later"]
    assert later.value == "2021-03-05"
    assert later.anchor is not None and later.anchor.kind == "narrative" and later.anchor.value == "2021-03-03"


@pytest.mark.parametrize("reference", [date(2025, 8, 19), "2025-08-19", pendulum.datetime(2025, 8, 19, 15, tz=SEED_ZONE)])
def test_reference_may_be_a_date_an_iso_string_or_an_aware_datetime(reference):
    (t,) = tag("They met yesterday.", reference, timezone=SEED_ZONE)
    assert t.value == "2025-08-18"


def test_without_reference_relative_values_stay_unresolved():
    timexes = tag("They met Tuesday and signed on Aug. 19, 2025.", None)
    assert [(t.text, t.value) for t in timexes] == [("Tuesday", "XXXX-WXX-2"), ("Aug. 19, 2025", "2025-08-19")]
    assert timexes[0].interval is None


def test_output_is_sorted_and_does_not_overlap():
    text = "From Monday to Wednesday, 9 a.m. EST Tuesday, the first nine months of 1998 and two days ago."
    timexes = tag(text, SEED_REFERENCE)
    assert timexes
    for a, b in zip(timexes, timexes[1:], strict=False):
        assert a.end <= b.start


@pytest.mark.parametrize("language", ["en-US", "EN", "fr", None])
def test_language_tags_are_normalised_and_unknown_languages_fall_back_to_english(language):
    (t,) = tag("Signed on 8/19/2025.", SEED_REFERENCE, language=language)
    assert t.value == "2025-08-19"


def test_ambiguous_zone_is_read_by_the_documents_region():
    (india,) = tag("The match starts at 7:30 p.m. IST.", "2025-08-19", timezone="Asia/Kolkata")
    (ireland,) = tag("The match starts at 7:30 p.m. IST.", "2025-08-19", timezone="Europe/Dublin")
    assert india.interval is not None and ireland.interval is not None
    assert india.interval.start.utcoffset() == timedelta(hours=5, minutes=30)
    assert ireland.interval.start.utcoffset() == timedelta(hours=1)
    assert not india.ambiguous and not ireland.ambiguous


def test_ambiguous_zone_without_a_region_is_flagged():
    (t,) = tag("The match starts at 7:30 p.m. IST.", "2025-08-19")
    assert t.ambiguous
    assert t.interval is not None


def test_duration_over_the_past_years_has_the_interval_it_covers():
    (t,) = tag("Prices rose over the past three years.", "2025-08-19", timezone=SEED_ZONE)
    assert (t.type, t.value) == ("DURATION", "P3Y")
    assert t.interval is not None
    assert t.interval.end == pendulum.datetime(2025, 8, 19, tz=SEED_ZONE)
    assert t.interval.start == pendulum.datetime(2022, 8, 19, tz=SEED_ZONE)


def test_mod_narrows_the_interval():
    (t,) = tag("Talks resume in mid-September.", "2025-08-19", timezone=SEED_ZONE)
    assert t.mod == "MID" and t.interval is not None
    assert pendulum.datetime(2025, 9, 10, tz=SEED_ZONE) <= t.interval.start
    assert t.interval.end <= pendulum.datetime(2025, 9, 21, tz=SEED_ZONE)


def test_models_built_without_validation_are_still_validated_in_the_tests():
    import pydantic

    from timeline.temporal.trusted import trusted
    from timeline.types import Interval

    naive = datetime(2025, 8, 19)  # noqa: DTZ001 - the point: a naive datetime must be refused
    with pytest.raises(pydantic.ValidationError):
        trusted(Interval, {"start": naive, "end": naive})
