"""extract_mentions on hand-made documents: what becomes an event, when, and how it reads."""

import pickle

from events_fixtures import day, document, timex

from timeline.events import extract_mentions

BRIEFING = (
    "White House says no troops\n"
    "The White House ruled out Tuesday deploying ground forces in Ruritania.\n"
    "“We will help with the coordination,” spokesperson Jane Doe told reporters.\n"
    "Doe described the meeting between Smith and Jones last Friday as “very productive.”\n"
    "Biden turned down the requests for a no-fly zone following the invasion.\n"
    "The ministers could meet again next month.\n"
    "Updated at 4:32 p.m. EDT\n"
)


def _briefing_mentions():
    text = BRIEFING
    timexes = [
        timex(text, "Tuesday", "2025-08-19", day(2025, 8, 19)),
        timex(text, "last Friday", "2025-08-15", day(2025, 8, 15)),
        timex(text, "4:32 p.m. EDT", "2025-08-19T16:32", day(2025, 8, 19), "minute"),
    ]
    return extract_mentions(document(text, title="White House says no troops"), timexes)


def _by_sentence(mentions, words):
    return [m for m in mentions if words in m.sentence]


def test_a_sentence_with_its_own_time_is_dated_by_it():
    [mention] = _by_sentence(_briefing_mentions(), "ruled out Tuesday")
    assert mention.time.value == "2025-08-19"
    assert not mention.inferred
    assert mention.timex.text == "Tuesday"
    assert mention.predicate == "rule"
    assert "White House" in mention.actors


def test_offsets_point_at_the_sentence_in_the_body():
    for mention in _briefing_mentions():
        assert BRIEFING[mention.start:mention.end] == mention.sentence


def test_reported_speech_without_a_time_takes_the_narrative_time_and_is_marked_inferred():
    [mention] = _by_sentence(_briefing_mentions(), "told reporters")
    assert mention.time.value == "2025-08-19"
    assert mention.inferred
    assert mention.attribution == "Jane Doe"
    assert mention.quotes == ("We will help with the coordination,",)


def test_an_embedded_time_dates_its_own_happening_with_a_rule_made_headline():
    mentions = _by_sentence(_briefing_mentions(), "last Friday")
    meeting = next(m for m in mentions if m.time and m.time.value == "2025-08-15")
    assert meeting.predicate == "meet"
    assert meeting.headline == "Smith and Jones meet"
    describing = next(m for m in mentions if m is not meeting)
    assert describing.time.value == "2025-08-19"  # Doe spoke at the briefing, not on Friday


def test_past_background_with_no_temporal_evidence_stays_undated():
    [mention] = _by_sentence(_briefing_mentions(), "Biden turned down")
    assert mention.time is None
    assert mention.timex is None


def test_hypothetical_statements_keep_their_modality_and_no_date():
    [mention] = _by_sentence(_briefing_mentions(), "could meet")
    assert mention.modality == "hypothetical"
    assert mention.time is None


def test_an_update_stamp_is_never_an_event():
    assert not _by_sentence(_briefing_mentions(), "Updated at")


def test_excluded_spans_yield_no_mention():
    text = "Smith resigned on Monday.\nSign up for our newsletter today and read more.\n"
    timexes = [timex(text, "Monday", "2025-08-18", day(2025, 8, 18))]
    doc = document(text, excluded=("Sign up for our newsletter today and read more.",))
    mentions = extract_mentions(doc, timexes)
    assert [m.sentence for m in mentions] == ["Smith resigned on Monday."]
    for m in mentions:
        for span in doc.excluded:
            assert m.end <= span.start or m.start >= span.end


def test_future_statements_are_kept_as_future():
    text = "The company will open the plant on Friday, its director said.\n"
    timexes = [timex(text, "Friday", "2025-08-22", day(2025, 8, 22))]
    [mention] = extract_mentions(document(text), timexes)
    assert mention.modality in ("future", "actual")
    opening = [m for m in extract_mentions(document(text), timexes) if m.predicate == "open"]
    assert opening and opening[0].modality == "future"


def test_the_headline_line_is_dated_by_publication_and_read_as_news():
    mentions = _briefing_mentions()
    [headline] = _by_sentence(mentions, "White House says no troops")
    assert headline.time.value == "2025-08-19"
    assert headline.inferred
    assert headline.timex.anchor.kind == "publication"


def test_a_headline_shares_the_occasion_of_the_statement_it_resembles():
    mentions = _briefing_mentions()
    [headline] = _by_sentence(mentions, "White House says no troops")
    [ruling] = _by_sentence(mentions, "ruled out Tuesday")
    assert headline.occasion is not None and headline.occasion == ruling.occasion


def test_a_spokesperson_speaks_for_the_organisation_last_quoted():
    mentions = _briefing_mentions()
    [ruling] = _by_sentence(mentions, "ruled out Tuesday")
    [told] = _by_sentence(mentions, "told reporters")
    assert ruling.occasion == told.occasion


def test_later_short_names_take_the_full_name_seen_first():
    text = "President Ann Smith said on Monday that talks would resume. Smith added that she was hopeful.\n"
    timexes = [timex(text, "Monday", "2025-08-18", day(2025, 8, 18))]
    mentions = extract_mentions(document(text), timexes)
    assert all("Ann Smith" in m.actors for m in mentions)
    assert all(m.attribution == "Ann Smith" for m in mentions)


def test_extraction_is_deterministic_and_picklable():
    first = _briefing_mentions()
    assert first == _briefing_mentions()
    assert pickle.loads(pickle.dumps(first)) == first
    assert len({m.id for m in first}) == len(first)


def test_a_document_without_publication_date_dates_only_explicit_times():
    text = "Smith resigned on Monday. Jones said she was surprised.\n"
    timexes = [timex(text, "Monday", "2025-08-18", day(2025, 8, 18))]
    doc = document(text).model_copy(update={"published": None})
    mentions = extract_mentions(doc, timexes)
    assert [m.time.value if m.time else None for m in mentions][0] == "2025-08-18"


def test_an_empty_document_has_no_mentions():
    assert extract_mentions(document(""), []) == []
