"""End to end on the seed corpus: the events a reader of the two articles expects, each once.

Checked by date, sources and key content; nothing here is known to the code under test.
"""

from __future__ import annotations

import pytest

from timeline.pipeline import BuildOptions, build, read_documents
from timeline.types import Event


@pytest.fixture(scope="module")
def seed_timeline(seeds_dir):
    try:
        result = build([seeds_dir], out_dir=None, options=BuildOptions(workers=1))
    except NotImplementedError as exc:  # a stage not yet on this branch
        pytest.skip(f"pipeline stage missing: {exc}")
    return result.timeline


def _text(event: Event) -> str:
    return " ".join([event.headline, *(m.sentence for m in event.mentions)]).lower()


def _on(timeline, day: str) -> list[Event]:
    return [e for e in timeline.events if e.time.value.startswith(day)]


def _matching(timeline, day: str, *words: str) -> list[Event]:
    return [e for e in _on(timeline, day) if all(w in _text(e) for w in words)]


def test_the_alaska_meeting_is_on_friday(seed_timeline):
    [event] = _matching(seed_timeline, "2025-08-15", "putin", "alaska")
    assert event.time.value == "2025-08-15"
    assert "meet" in event.headline.lower()


def test_the_white_house_meeting_with_zelenskyy_is_on_monday(seed_timeline):
    [event] = [e for e in _matching(seed_timeline, "2025-08-18", "zelenskyy")
               if "european leaders" in e.headline.lower()]
    assert event.headline.lower().startswith("trump meets")


def test_rutte_calls_it_a_breakthrough_on_monday_apart_from_the_meeting(seed_timeline):
    [event] = _matching(seed_timeline, "2025-08-18", "rutte", "breakthrough")
    assert "zelenskyy" not in _text(event)


def test_the_fox_interview_on_tuesday_morning_is_one_event_with_both_sources(seed_timeline):
    [event] = [e for e in _on(seed_timeline, "2025-08-19")
               if "fox" in _text(e) and "air" in _text(e) and "leavitt" not in e.headline.lower()]
    assert event.time.value == "2025-08-19TMO"
    assert len(event.sources) == 2


def test_the_white_house_briefing_is_one_event_with_both_sources(seed_timeline):
    briefings = [e for e in _on(seed_timeline, "2025-08-19")
                 if "framework" in _text(e) and "ground" in _text(e)]
    [event] = briefings
    assert len(event.sources) == 2
    assert any(m.attribution and "Leavitt" in m.attribution for m in event.mentions)


def test_the_update_stamp_and_boilerplate_are_not_events(seed_timeline):
    texts = [m.sentence.lower() for e in seed_timeline.events for m in e.mentions]
    assert not any("updated at" in t for t in texts)
    assert not any("copyright" in t or "sign up" in t or "terms of use" in t for t in texts)


def test_the_biden_background_is_undated(seed_timeline):
    dated = [m for e in seed_timeline.events for m in e.mentions if "biden turned down" in m.sentence.lower()]
    undated = [m for m in seed_timeline.undated if "biden turned down" in m.sentence.lower()]
    assert dated == [] and len(undated) == 1


def test_mention_offsets_point_into_the_body_and_carry_their_evidence(seed_timeline, seeds_dir):
    documents, _ = read_documents([seeds_dir], BuildOptions())
    bodies = {d.id: d.text for d in documents}
    for mention in [m for e in seed_timeline.events for m in e.mentions] + list(seed_timeline.undated):
        assert bodies[mention.source][mention.start:mention.end] == mention.sentence
    for event in seed_timeline.events:
        for m in event.mentions:
            assert m.timex is not None and m.timex.value
            assert m.inferred or bodies[m.source][m.timex.start:m.timex.end] == m.timex.text
