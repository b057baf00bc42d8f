"""The page's view model: what each event shows and how its date is explained."""

from render_fixtures import PUBLISHED_19, make_timeline, mention, sample_sources

from timeline.render.page import (
    NO_ACTOR,
    OTHER_TOPICS,
    SEVERAL_OUTLETS,
    TOPIC_LANES,
    build_page,
    main_actor,
    resolution_sentence,
    safe_url,
    topic_lanes,
)
from timeline.types import Anchor, Source


def by_id(page):
    return {e.id: e for e in (*page.events, *page.unplaced)}


def test_events_are_in_chronological_order_and_unplaceable_ones_apart(sample_timeline):
    page = build_page(sample_timeline)
    starts = [e.machine_time for e in page.events]
    assert [e.id for e in page.events][:3] == ["ev-summit", "ev-conflict", "ev-rutte"]
    assert len(starts) == 8
    assert [e.id for e in page.unplaced] == ["ev-past"]
    assert page.unplaced[0].display == "some time in the past"


def test_display_times_follow_granularity_and_zone(sample_timeline):
    events = by_id(build_page(sample_timeline))
    assert events["ev-interview"].display == "Tue 19 Aug 2025, morning"
    assert events["ev-briefing"].display == "Tue 19 Aug 2025, 13:30 EDT"
    assert events["ev-statement"].display == "Wed 20 Aug 2025, 09:00 CEST"
    assert events["ev-talks"].display == "September 2025"
    assert events["ev-troops"].display == "week of Mon 25 Aug 2025"


def test_machine_readable_times_keep_their_precision(sample_timeline):
    events = by_id(build_page(sample_timeline))
    assert events["ev-summit"].machine_time == "2025-08-15"
    assert events["ev-talks"].machine_time == "2025-09"
    assert events["ev-troops"].machine_time == "2025-W35"
    assert events["ev-briefing"].machine_time == "2025-08-19T13:30:00-04:00"
    # Only clock times move when the reader switches zones.
    assert events["ev-briefing"].instant == "2025-08-19T13:30:00-04:00"
    assert events["ev-summit"].instant is None


def test_markers_sit_mid_interval_and_long_intervals_get_a_span(sample_timeline):
    events = by_id(build_page(sample_timeline))
    assert events["ev-summit"].x == "2025-08-15 12:00:00"
    assert events["ev-summit"].span is None
    assert events["ev-briefing"].x == "2025-08-19 13:30:00"
    assert events["ev-talks"].span == ("2025-09-01 00:00:00", "2025-10-01 00:00:00")


def test_status_distinguishes_inferred_future_and_hypothetical(sample_timeline):
    events = by_id(build_page(sample_timeline))
    assert events["ev-summit"].status == "reported"
    assert events["ev-rutte"].status == "inferred"
    assert events["ev-talks"].status == "future"
    assert events["ev-troops"].status == "hypothetical"


def test_lanes_by_outlet_and_by_actor(sample_timeline):
    page = build_page(sample_timeline)
    events = by_id(page)
    assert events["ev-summit"].lanes["sources"] == SEVERAL_OUTLETS
    assert events["ev-summit"].lanes["actors"] == "Donald Trump"
    assert events["ev-statement"].lanes["sources"] == "Berliner Beispiel"
    assert events["ev-statement"].lanes["actors"] == NO_ACTOR
    assert page.lanes["sources"][-1] == SEVERAL_OUTLETS
    assert page.lanes["sources"][0] == "The Hill"  # the busiest lane first
    assert set(page.lanes["actors"]) == {e.lanes["actors"] for e in page.events}


def test_two_documents_of_one_outlet_share_its_lane():
    sources = sample_sources()
    second_hill = sources[0].model_copy(update={"id": "hill-2"})
    timeline = make_timeline(sources=(*sources, second_hill))
    event = timeline.events[0].model_copy(update={"sources": ("hill", "hill-2")})
    page = build_page(timeline.model_copy(update={"events": (event,)}))
    assert page.events[0].lanes["sources"] == "The Hill"


def test_resolution_sentences_say_what_a_date_was_resolved_against(sample_timeline):
    events = by_id(build_page(sample_timeline))
    summit = {m.source.id: m.resolution for m in events["ev-summit"].mentions}
    assert summit["hill"] == "'last Friday' in The Hill, published Tue 19 Aug 2025 → Fri 15 Aug 2025"
    assert summit["wire"] == "'Aug. 15' in Example Wire, a date complete in itself → Fri 15 Aug 2025"
    rutte = events["ev-rutte"].mentions[0].resolution
    assert rutte == "No date in this sentence; the story's time was set by 'on Monday' earlier in The Hill → Mon 18 Aug 2025"


def test_a_statement_dated_by_its_publication_says_so():
    hill = [s for s in build_page(make_timeline()).sources if s.id == "hill"][0]
    m = mention("hill", "Leavitt said the option remains.", "(publication date)", "2025-08-19",
                anchor=PUBLISHED_19, inferred=True)
    assert m.timex.start is None
    assert resolution_sentence(m, hill) == (
        "No date in this sentence; dated to the day The Hill's report was published, Tue 19 Aug 2025 → Tue 19 Aug 2025"
    )
    notes = [s for s in build_page(make_timeline()).sources if s.id == "notes"][0]
    assert resolution_sentence(m, notes).startswith(
        "No date in this sentence; dated to the day the article “Background notes” was published"
    )


def test_a_publication_date_the_document_did_not_state_is_flagged():
    notes = [s for s in build_page(make_timeline()).sources if s.id == "notes"][0]
    m = mention("notes", "It happened yesterday.", "yesterday", "2025-08-18", anchor=PUBLISHED_19)
    assert "not stated by the document" in resolution_sentence(m, notes)
    inferred = mention("notes", "It rained.", "(publication date)", "2025-08-19", anchor=PUBLISHED_19, inferred=True)
    assert "not stated by the document" in resolution_sentence(inferred, notes)


def test_the_time_expression_is_found_by_offset_or_by_its_words(sample_timeline):
    events = by_id(build_page(sample_timeline))
    hill = [m for m in events["ev-summit"].mentions if m.source.id == "hill"][0].sentence
    assert (hill.before, hill.expression) == ("Trump met Putin in Alaska ", "last Friday")
    # An inferred date comes from outside the sentence: nothing is marked.
    rutte = events["ev-rutte"].mentions[0].sentence
    assert rutte.expression == "" and rutte.before == "Rutte called the US willingness a breakthrough."


def test_an_inferred_date_marks_nothing_even_a_word_alike():
    m = mention("hill", "The talks went on Tuesday too.", "Tuesday", "2025-08-19",
                anchor=Anchor(kind="narrative", value="2025-08-19", text="Tuesday"), inferred=True)
    page = build_page(make_timeline(undated=(m,)))
    assert page.undated[0].sentence.expression == ""


def test_a_wrong_offset_falls_back_to_the_words():
    m = mention("hill", "It rained on Friday.", "on Friday", "2025-08-15", anchor=PUBLISHED_19, offset=10)
    shifted = m.model_copy(update={"timex": m.timex.model_copy(update={"start": 999, "end": 1008})})
    page = build_page(make_timeline(undated=(shifted,)))
    sentence = page.undated[0].sentence
    assert (sentence.before, sentence.expression, sentence.after) == ("It rained ", "on Friday", ".")


def test_conflicts_name_the_sources_and_values(sample_timeline):
    conflict = by_id(build_page(sample_timeline))["ev-conflict"].conflicts[0]
    assert conflict.values == ("Fri 15 Aug 2025", "Sat 16 Aug 2025")
    assert conflict.sources == ("The Hill", "Berliner Beispiel")


def test_sources_report_their_publication_context(sample_timeline):
    sources = {s.id: s for s in build_page(sample_timeline).sources}
    wire = sources["wire"]
    assert wire.published == "Tue 19 Aug 2025, 16:32:00 EDT"
    assert wire.updated == "Tue 19 Aug 2025, 18:05 EDT"
    assert ("published", "an HTML meta tag") in wire.provenance
    assert (sources["hill"].events, sources["hill"].undated) == (5, 1)


def test_a_mention_of_an_unknown_source_still_shows_under_its_id():
    timeline = make_timeline(undated=(mention("ghost", "Boo.", None, None),))
    assert build_page(timeline).undated[0].source.label == "ghost"


def test_only_web_links_become_links():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url(" HTTP://example.org ") == "HTTP://example.org"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("JaVaScRiPt:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url("//example.org") is None
    assert safe_url(None) is None


def test_page_data_carries_what_the_chart_needs(sample_timeline):
    page = build_page(sample_timeline)
    data = page.data()
    events = {e["id"]: e for e in data["events"]}
    index = {s.id: s.index for s in page.sources}
    assert len(events) == 8
    assert sorted(events["ev-summit"]["sources"]) == sorted([index["hill"], index["wire"]])
    assert events["ev-summit"]["outlets"] == ["Example Wire", "The Hill"]
    assert events["ev-briefing"]["instant"] == "2025-08-19T13:30:00-04:00"
    assert "instant" not in events["ev-summit"]
    assert events["ev-conflict"]["conflict"] is True
    assert [s["key"] for s in data["statuses"]] == ["reported", "inferred", "future", "hypothetical"]


def test_source_label_falls_back_to_the_quoted_title_then_id():
    page = build_page(make_timeline(sources=(Source(id="x1"), Source(id="x2", title="A title")), events=(), undated=()))
    assert [s.label for s in page.sources] == ["“A title”", "x1"]


def test_sources_without_an_outlet_share_the_lane_of_their_site():
    sources = tuple(
        s.model_copy(update={"outlet": None, "url": f"https://www.example.org/{s.id}"}) if s.id in ("hill", "wire") else s
        for s in sample_sources()
    )
    page = build_page(make_timeline(sources=sources))
    events = {e.id: e for e in page.events}
    assert events["ev-summit"].lanes["sources"] == "example.org", "told by two sources of one site"
    assert {s.label for s in page.sources if s.id in ("hill", "wire")} != {"example.org"}, "filters still tell them apart"


def test_anchor_without_text():
    source = build_page(make_timeline()).sources[0]
    m = mention("hill", "Then it rained on Friday.", "on Friday", "2025-08-15",
                anchor=Anchor(kind="narrative", value="2025-08-18"))
    assert resolution_sentence(m, source).endswith("read against the story's time Mon 18 Aug 2025 → Fri 15 Aug 2025")


def test_topic_lanes_group_events_by_a_shared_key_word(sample_timeline):
    page = build_page(sample_timeline)
    events = by_id(page)
    assert events["ev-conflict"].lanes["topics"] == events["ev-talks"].lanes["topics"] == "talks"
    assert events["ev-briefing"].lanes["topics"] == events["ev-troops"].lanes["topics"] == "troops"
    assert events["ev-summit"].lanes["topics"] == OTHER_TOPICS
    assert page.lanes["topics"] == ("talks", "troops", OTHER_TOPICS)


def _keyword_event(event_id: str, *words: str):
    base = make_timeline().events[0]
    mentions = tuple(m.model_copy(update={"keywords": words}) for m in base.mentions)
    return base.model_copy(update={"id": event_id, "mentions": mentions})


def test_topic_lanes_pass_over_words_in_most_events_and_break_ties_by_name():
    events = [
        _keyword_event("a", "security", "air"),
        _keyword_event("b", "security", "air"),
        _keyword_event("c", "security", "boots"),
        _keyword_event("d", "security", "boots"),
        _keyword_event("e", "security", "alone"),
    ]
    assert topic_lanes(events) == {"a": "air", "b": "air", "c": "boots", "d": "boots"}


def test_topic_lanes_stop_at_the_limit():
    events = [_keyword_event(f"e{i:02d}{side}", f"word{i:02d}") for i in range(TOPIC_LANES + 3) for side in "ab"]
    lanes = topic_lanes(events)
    assert len(set(lanes.values())) == TOPIC_LANES
    assert len(lanes) == 2 * TOPIC_LANES


def test_without_key_words_there_is_no_topic_lane():
    timeline = make_timeline()
    bare = tuple(
        e.model_copy(update={"mentions": tuple(m.model_copy(update={"keywords": ()}) for m in e.mentions)})
        for e in timeline.events
    )
    assert "topics" not in build_page(timeline.model_copy(update={"events": bare})).lanes


def test_republications_are_listed_with_their_source(sample_timeline):
    berlin = [s for s in build_page(sample_timeline).sources if s.id == "berlin"][0]
    (copy,) = berlin.republications
    assert (copy.label, copy.url, copy.published, copy.similarity) == (
        "Beispiel am Sonntag", "https://example.org/copy", "Wed 20 Aug 2025, 11:00 CEST", "93% alike"
    )


def test_the_actor_lane_follows_the_headline():
    event = make_timeline().events[0]
    named = event.model_copy(update={"headline": "Putin meets Trump in Alaska", "actors": ("Alaska", "Donald Trump", "Vladimir Putin")})
    assert main_actor(named) == "Vladimir Putin"
    unnamed = named.model_copy(update={"headline": "A summit took place"})
    assert main_actor(unnamed) == "Alaska"
    assert main_actor(named.model_copy(update={"actors": ()})) == NO_ACTOR
