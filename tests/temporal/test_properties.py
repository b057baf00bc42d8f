"""Properties that hold for any text and any reference time (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.temporal import tag
from timeline.temporal.grammar import grammar
from timeline.temporal.values import is_value

# Text built from the words the rules care about, so that examples reach deep into the grammar,
# mixed with arbitrary characters.
_WORDS = [
    "Monday", "Tuesday", "Friday", "last", "next", "this", "the", "of", "a", "two", "twenty-one",
    "days", "week", "weekend", "months", "year", "years", "ago", "later", "earlier", "before",
    "after", "Aug.", "August", "May", "March", "19", "2025", "1998", "'98", "1990s", "4:32",
    "p.m.", "a.m.", "EDT", "ET", "IST", "noon", "midnight", "morning", "night", "tonight",
    "today", "yesterday", "tomorrow", "now", "recently", "the future", "quarter", "third",
    "fiscal", "half", "first", "early", "late", "mid-", "about", "more than", "every", "daily",
    "Christmas", "Thanksgiving", "winter", "summer", "century", "said", "will", "had", "was",
    "8/19/2025", "2025-08-19", "-", ",", ".", "\n", "  ", "to", "from", "between", "and",
    "nineteen", "ninety-four", "two thousand", "ended", "Sept. 30", "Q3", "'s", "year-earlier",
]
texts = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=40).map(" ".join)
references = st.one_of(
    st.none(),
    st.dates(),
    # hypothesis takes naive bounds and attaches the zone itself
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)),  # noqa: DTZ001
)
zones = st.sampled_from([None, "America/New_York", "Europe/London", "Asia/Kolkata", "+05:30", "UTC"])

settings.register_profile("temporal", deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(settings.get_profile("temporal"), max_examples=300)
@given(text=texts, reference=references, timezone=zones)
def test_any_text_tags_without_error_into_well_formed_expressions(text, reference, timezone):
    timexes = tag(text, reference, timezone=timezone)
    previous_end = 0
    for t in timexes:
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= previous_end, "expressions overlap or are out of order"
        previous_end = t.end
        assert t.text == text[t.start : t.end]
        assert is_value(t.value), t.value
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        if t.interval is not None:
            assert t.interval.start < t.interval.end
            assert t.interval.start.tzinfo is not None


@settings(settings.get_profile("temporal"), max_examples=200)
@given(text=texts)
@example(text="TWELVE ninety-four")  # a year in words whose century word was no head
def test_windowed_matching_finds_what_scanning_everything_finds(text):
    _assert_matches_are_those_found_everywhere(text)


def _assert_matches_are_those_found_everywhere(text: str) -> None:
    g = grammar("en")
    key = lambda m: (m.start, m.end, m.rule.index)  # noqa: E731
    assert sorted(map(key, g.matches(text))) == sorted(map(key, g.matches_everywhere(text)))


# Numbers in the contexts the rules before a head of digits look for ("the early '90s", "Q3 98",
# "the 1988 period"): a head whose rules can use none of them is passed over.
_NUMBER_WORDS = [
    "the", "early", "late", "mid", "mid-", "year", "period", "quarter", "Q", "Q3", "'", "’", "s", "'s", "0s",
    "1990s", "'90s", "1988", "98", "5", "1,000", "3.5", "$5", "20", "2001", "10", "-", " ", ".", ",",
]
number_texts = st.lists(st.one_of(st.sampled_from(_NUMBER_WORDS), st.text("0123456789'’sQ -", max_size=4)), max_size=30).map(
    lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts))
)


@settings(settings.get_profile("temporal"), max_examples=300)
@given(text=number_texts)
@example(text="in the early '90s and Q3 '98, the 1988 period, the year 2001, 1,000 and $5")
def test_heads_passed_over_hide_no_match(text):
    _assert_matches_are_those_found_everywhere(text)


# Clock times and numeric dates, in the cases and spaces the rules that begin at a head of digits
# are told apart by the character after its first: a rule passed over hides no match.
_CLOCK_WORDS = [
    "4", "10", "12", "1998", "1747", "0600", "23", "7", "٤", ":", "30", ":05", ".", "/", "-", " ", "\t", "\xa0",
    "\u2009", "p.m.", "P.M.", "am", "AM", "o'clock", "o’clock", "GMT", "EST", "h", "hours", "Z", "+05:30",
]
clock_texts = st.lists(st.one_of(st.sampled_from(_CLOCK_WORDS), st.text("0123456789:/. apmAPM", max_size=4)), max_size=30).map(
    lambda parts: "".join(p + (" " if i % 4 == 3 else "") for i, p in enumerate(parts))
)


@settings(settings.get_profile("temporal"), max_examples=300)
@given(text=clock_texts)
@example(text="at 4 p.m. EST, 10:30 AM, 1747 GMT on 12/31/1999, 7\u2009o'clock, 1998 and 23:05Z")
def test_rules_passed_over_at_a_head_hide_no_match(text):
    _assert_matches_are_those_found_everywhere(text)


@settings(settings.get_profile("temporal"), max_examples=100)
@given(text=st.text(max_size=300), reference=references)
def test_arbitrary_unicode_never_breaks_the_tagger(text, reference):
    for t in tag(text, reference):
        assert text[t.start : t.end] == t.text


@settings(settings.get_profile("temporal"), max_examples=200)
@given(text=st.one_of(texts, number_texts))
@example(text="at 5pm, a 16-hour day in 1998year's end; months_ 12 3,000 Q3 yearly")
def test_the_fast_trigger_finds_the_heads_the_regex_finds(text):
    trigger = grammar("en").trigger
    key = lambda hit: (hit[0], id(hit[1]))  # noqa: E731
    assert sorted(map(key, trigger.hits(text))) == sorted(map(key, trigger._hits_any_case(text)))
