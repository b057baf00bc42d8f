"""The seed corpus comes out with its publication context and its boilerplate set apart."""

from __future__ import annotations

from datetime import timedelta

import pendulum
import pytest
from _ingest_helpers import errors, excluded_text


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    from timeline.ingest import read_documents

    documents, problems = read_documents([seeds_dir])
    return {d.id: d for d in documents}, problems


def test_both_seeds_are_read_without_problems(seeds, seeds_dir):
    documents, problems = seeds
    assert sorted(documents) == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert problems == []


def test_publication_day_in_new_york_from_the_manifest(seeds):
    for document in seeds[0].values():
        assert document.published == pendulum.datetime(2025, 8, 19, tz="America/New_York")
        assert document.published.utcoffset() == timedelta(hours=-4)
        assert document.published_granularity == "day"
        assert document.timezone == "America/New_York"
        assert document.provenance["published"] == "manifest"
        assert document.provenance["timezone"] == "manifest"


def test_titles_and_outlet_from_the_manifest(seeds):
    hill = seeds[0]["000_dab2739ac07fd837"]
    other = seeds[0]["003_a8b378084ffd83f8"]
    assert hill.title == "Trump floats air support for Ukraine as part of security guarantees"
    assert hill.outlet == "The Hill"
    assert hill.provenance["outlet"] == "manifest"
    assert other.title == "White House reaffirms no US troops in Ukraine as part of security guarantee"
    assert other.outlet is None


def test_the_hill_update_stamp_becomes_updated(seeds):
    hill = seeds[0]["000_dab2739ac07fd837"]
    assert hill.updated == pendulum.parse("2025-08-19T16:32:00-04:00")
    assert hill.updated.utcoffset() == timedelta(hours=-4)
    assert hill.provenance["updated"] == "text"
    assert excluded_text(hill)["update stamp"] == ["Updated at 4:32 p.m. EDT"]


def test_the_hill_boilerplate_is_excluded_and_the_body_kept_as_read(seeds, seeds_dir):
    hill = seeds[0]["000_dab2739ac07fd837"]
    assert hill.text == (seeds_dir / "000_dab2739ac07fd837.txt").read_text("utf-8")
    found = excluded_text(hill)
    sign_up = found["boilerplate: newsletter sign-up"]
    assert sign_up[0] == "Sign up for the Morning Report"
    assert sign_up[1].startswith("The latest in politics and policy.")
    assert sign_up[1].endswith("and its affiliates")
    assert found["boilerplate: copyright line"] == [
        hill.text[hill.text.index("Copyright 2025") :].rstrip()
    ]


def test_the_other_seed_boilerplate_is_excluded(seeds):
    other = seeds[0]["003_a8b378084ffd83f8"]
    found = excluded_text(other)
    assert found["boilerplate: related-articles heading"] == ["Related Articles"]
    assert found["boilerplate: navigation"] == ["Back to top button"]
    assert other.updated is None


def test_no_news_sentence_of_the_seeds_is_excluded(seeds):
    for document in seeds[0].values():
        for span in document.excluded:
            piece = document.text[span.start : span.end]
            assert "said" not in piece and "Trump" not in piece, piece


def test_seed_documents_are_picklable_and_serialisable(seeds):
    import pickle

    for document in seeds[0].values():
        assert pickle.loads(pickle.dumps(document)) == document
        dumped = document.model_dump(mode="json")
        assert dumped["updated"] in (None, "2025-08-19T16:32:00-04:00")
        assert not errors(seeds[1])
