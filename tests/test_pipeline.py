"""The pipeline's own behaviour: worker processes give the same timeline as one process."""

import pendulum

from timeline import pipeline
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
