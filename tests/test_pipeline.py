"""The pipeline's own behaviour: worker processes give the same timeline as one process."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pendulum
import pytest

from bench._corpus import articles, front_matter_file, write_folder
from timeline import pipeline
from timeline.pipeline import BuildOptions, build
from timeline.types import Document

ARTICLE = (
    "The minister met union leaders on Monday. Talks will resume next Friday, "
    "officials said. The strike began in March {n}."
)


def _documents(count: int) -> list[Document]:
    published = pendulum.datetime(2025, 8, 19, tz="Europe/Paris")
    return [
        Document(
            id=f"doc{n:03d}",
            origin=f"doc{n:03d}.txt",
            text=ARTICLE.format(n=1990 + n % 30),
            published=published.add(days=n % 5),
            published_granularity="day",
            timezone="Europe/Paris",
        )
        for n in range(count)
    ]


def test_workers_give_the_same_timeline_as_one_process(monkeypatch):
    monkeypatch.setattr(pipeline, "_PARALLEL_THRESHOLD", 8)
    monkeypatch.setattr(pipeline, "_CHUNK", 3)
    documents = _documents(40)
    seen: list[int] = []
    parallel = pipeline.build_timeline(documents, workers=2, progress=seen.append)
    serial = pipeline.build_timeline(documents, workers=1)
    assert parallel == serial
    assert sum(seen) == len(documents)
    assert parallel.events, "the articles' dated statements produced no events"


def test_sources_are_listed_by_id_whatever_the_input_order():
    documents = _documents(5)
    timeline = pipeline.build_timeline(list(reversed(documents)), workers=1)
    assert [s.id for s in timeline.sources] == sorted(d.id for d in documents)


# -- the streaming build: reading in workers, same output, problems, progress ------------------

CORPUS = 80
CRASH_ON = "article_0000007"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Generated articles (about 5% of them republished), a JSON Lines feed, and bad input."""
    folder = tmp_path_factory.mktemp("corpus")
    write_folder(folder / "articles", CORPUS)
    feed = [json.dumps({"id": f"feed-{a.name}", **a.metadata, "colour": "red", "text": a.body})
            for a in articles(12, seed=7)]
    feed.insert(3, "{not json")
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    (folder / "articles" / "empty.txt").write_bytes(b"")
    (folder / "articles" / "binary.txt").write_bytes(b"\x00\x01" * 50)
    (folder / "articles" / "broken.md").write_text("---\ntitle: [x\n---\nText\n", encoding="utf-8")
    return folder


@dataclass
class Built:
    result: pipeline.BuildResult
    site: Path
    totals: list[int]
    done: list[int]


@pytest.fixture(scope="module")
def builds(corpus, tmp_path_factory) -> dict[int, Built]:
    """The corpus built with one process and with two workers, small tasks so that many are in
    flight, and analysis failing on one document."""
    real = pipeline.analyse_document

    def analyse(document):
        if document.id == CRASH_ON:
            raise RuntimeError("tagger failed\nwith a second line")
        return real(document)

    built = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "_PARALLEL_THRESHOLD", 8)
        patch.setattr(pipeline, "_CHUNK", 5)
        patch.setattr(pipeline, "_READ_BATCH", 3)
        patch.setattr(pipeline, "analyse_document", analyse)  # fork: the workers see it too
        for workers in (1, 2):
            site = tmp_path_factory.mktemp(f"site-{workers}")
            totals: list[int] = []
            done: list[int] = []
            result = build([corpus], site, BuildOptions(workers=workers), on_documents=totals.append, progress=done.append)
            built[workers] = Built(result, site, totals, done)
    return built


def test_a_parallel_build_writes_the_same_site_as_one_process(builds):
    for name in ("timeline.json", "index.html"):
        assert (builds[2].site / name).read_bytes() == (builds[1].site / name).read_bytes()
    timeline = builds[2].result.timeline
    assert len(timeline.events) > CORPUS, "the generated articles' dated statements made few events"
    assert any(s.also_published_by for s in timeline.sources), "no republication was recognised"
    assert any(len(e.sources) > 1 for e in timeline.events), "no event was merged across sources"


def test_bad_input_costs_only_itself_in_worker_processes(builds):
    result = builds[2].result
    by_origin = {Path(p.origin).name: p for p in result.problems}
    for name in ("empty.txt", "binary.txt", "broken.md", "feed.jsonl:4"):
        assert by_origin[name].severity == "error", name
    crashed = by_origin[f"{CRASH_ON}.txt"]
    assert crashed.message.startswith("could not be analysed (RuntimeError: tagger failed)")
    assert all("\n" not in str(p) for p in result.problems)
    unknown = [p for p in result.problems if "not understood" in p.message]
    assert [(Path(p.origin).name, p.severity) for p in unknown] == [("feed.jsonl", "warning")]
    ids = {s.id for s in result.timeline.sources}
    assert CRASH_ON in ids and "feed-article_0000011" in ids
    assert not any(m.source == CRASH_ON for e in result.timeline.events for m in e.mentions)


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_counts_every_input_item_once(builds, workers):
    built = builds[workers]
    items = CORPUS + 3 + 13  # articles, bad files, feed lines (one of them not JSON)
    assert built.totals == [items]
    assert sum(built.done) == items
    assert all(count > 0 for count in built.done)
    duplicates = [p for p in built.result.problems if "read once" in p.message]
    assert duplicates
    assert len(built.result.timeline.sources) == items - 4 - len(duplicates)


def test_build_timeline_takes_any_iterable_of_documents(monkeypatch):
    monkeypatch.setattr(pipeline, "_PARALLEL_THRESHOLD", 8)
    monkeypatch.setattr(pipeline, "_CHUNK", 3)
    documents = _documents(40)
    seen: list[int] = []
    streamed = pipeline.build_timeline((d for d in documents), workers=2, progress=seen.append)
    assert streamed == pipeline.build_timeline(documents, workers=1)
    assert sum(seen) == len(documents)


def test_generated_articles_read_back_as_written(tmp_path):
    (article,) = articles(1)
    (tmp_path / "one.txt").write_text(front_matter_file(article), encoding="utf-8")
    result = build([tmp_path], None, BuildOptions(workers=1))
    (source,) = result.timeline.sources
    assert (source.title, source.outlet, source.timezone) == (
        article.metadata["title"], article.metadata["outlet"], article.metadata["timezone"]
    )


def test_a_worker_that_dies_costs_only_its_document(tmp_path, monkeypatch):

    from timeline.ingest import stream

    monkeypatch.setattr(pipeline, "_PARALLEL_THRESHOLD", 8)
    monkeypatch.setattr(pipeline, "_CHUNK", 4)
    monkeypatch.setattr(pipeline, "_READ_BATCH", 4)
    real_analyse, real_contextualise = pipeline.analyse_document, stream.contextualise

    def analyse(document):
        if document.id == "article_0000005":
            os._exit(1)  # as the kernel's out-of-memory killer would end it
        return real_analyse(document)

    def contextualise(raw, layers, defaults):
        if raw.stem == "article_0000011":
            os._exit(1)
        return real_contextualise(raw, layers, defaults)

    monkeypatch.setattr(pipeline, "analyse_document", analyse)  # workers are forked: they see it
    monkeypatch.setattr(stream, "contextualise", contextualise)
    write_folder(tmp_path, 24, republished=0)
    result = build([tmp_path], None, BuildOptions(workers=2))
    died = {Path(p.origin).stem: p.message for p in result.problems if "worker process" in p.message}
    assert sorted(died) == ["article_0000005", "article_0000011"]
    assert died["article_0000005"].startswith("the worker process analysing it stopped")
    assert died["article_0000011"].startswith("the worker process reading it stopped")
    assert len(result.timeline.sources) == 23  # all but the one that could not be read


def test_the_site_does_not_depend_on_the_hash_seed(corpus, tmp_path):
    """Sets and dicts of strings iterate in an order that changes with PYTHONHASHSEED: nothing
    written may follow it, or two runs on the same input would publish different sites."""
    sites = []
    for seed in ("1", "2"):
        site = tmp_path / f"site-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "timeline", "build", str(corpus / "articles"), "--out", str(site), "--workers", "1"],
            env=env, check=False, capture_output=True,
        )
        sites.append(site)
    for name in ("timeline.json", "index.html"):
        assert (sites[0] / name).read_bytes() == (sites[1] / name).read_bytes(), name
