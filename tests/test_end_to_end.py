"""The whole path on the seed corpus: `timeline build` -> site/ with timeline.json and index.html."""

import json

import pytest
from typer.testing import CliRunner

from timeline.cli import app

SEED_IDS = {"000_dab2739ac07fd837", "003_a8b378084ffd83f8"}


@pytest.fixture(scope="module")
def built_site(tmp_path_factory, seeds_dir):
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(app, ["build", str(seeds_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def timeline_json(built_site):
    return json.loads((built_site / "timeline.json").read_text("utf-8"))


def events_on(timeline, day):
    return [e for e in timeline["events"] if e["time"]["value"].startswith(day)]


def test_site_files_are_written(built_site):
    assert (built_site / "index.html").stat().st_size > 0
    assert (built_site / "timeline.json").stat().st_size > 0
    assert not list(built_site.parent.glob(f"{built_site.name}.tmp*")), "temporary directory left behind"


def test_sources_carry_their_publication_context(timeline_json):
    sources = {s["id"]: s for s in timeline_json["sources"]}
    assert set(sources) == SEED_IDS
    for source in sources.values():
        assert source["published"].startswith("2025-08-19")
    assert sources["000_dab2739ac07fd837"]["outlet"] == "The Hill"


def test_alaska_meeting_is_dated_friday_15_august(timeline_json):
    friday = events_on(timeline_json, "2025-08-15")
    alaska = [e for e in friday if any("Alaska" in m["sentence"] for m in e["mentions"])]
    assert alaska, [e["headline"] for e in timeline_json["events"]]
    assert "003_a8b378084ffd83f8" in alaska[0]["sources"]


def test_tuesday_events_cite_both_outlets(timeline_json):
    tuesday = events_on(timeline_json, "2025-08-19")
    assert tuesday
    cited = {source for event in tuesday for source in event["sources"]}
    assert cited == SEED_IDS
    assert any(set(e["sources"]) == SEED_IDS for e in tuesday), "no Tuesday event merged across outlets"


def test_every_mention_points_at_its_sentence(timeline_json, seeds_dir):
    bodies = {p.stem: p.read_text("utf-8") for p in seeds_dir.glob("*.txt")}
    for event in timeline_json["events"]:
        for mention in event["mentions"]:
            body = bodies[mention["source"]]
            assert body[mention["start"]:mention["end"]] == mention["sentence"]
