"""Exact and near-duplicate documents are read once, with the other outlets listed."""

from __future__ import annotations

import json

import pendulum

from timeline.ingest.dedupe import deduplicate
from timeline.types import Document

WIRE = (
    "The central bank raised its main interest rate by a quarter point on Wednesday, its fourth "
    "increase this year, and signalled that more rises could follow if inflation stays high. "
    "The governor told a news conference that price pressures had broadened across the economy "
    "and that the labour market remained tight despite slower growth in the second quarter. "
    "Markets had expected the move, and the currency was little changed after the announcement."
)


def doc(id_, text, outlet=None, day=19):
    return Document(
        id=id_, origin=f"{id_}.txt", text=text, outlet=outlet,
        published=pendulum.datetime(2025, 8, day, tz="UTC"),
    )


def test_exact_copies_with_different_boilerplate_are_one_story():
    first = doc("a", WIRE + "\nCopyright 2025 Paper One", "Paper One", day=20)
    second = doc("b", WIRE, "Paper Two", day=19)
    from timeline.ingest.boilerplate import find_boilerplate

    first = first.model_copy(update={"excluded": tuple(find_boilerplate(first.text))})
    kept, problems = deduplicate([first, second])
    (story,) = kept
    # The first copy in input order is kept, even when a later one was published earlier:
    # documents stream, so the kept copy is passed on before the others are read.
    assert story.id == "a"
    (copy,) = story.also_published_by
    assert (copy.id, copy.outlet, copy.similarity) == ("b", "Paper Two", 1.0)
    (problem,) = problems
    assert problem.origin == "b.txt" and problem.severity == "warning"
    assert "an exact copy of a.txt" in problem.message


def test_a_lightly_edited_republication_is_a_near_duplicate():
    edited = WIRE.replace("little changed", "steady")
    kept, problems = deduplicate([doc("a", WIRE, "Wire"), doc("b", edited, "Daily", day=20)])
    (story,) = kept
    (copy,) = story.also_published_by
    assert copy.outlet == "Daily" and 0.5 < copy.similarity < 1.0
    assert "near-duplicate" in problems[0].message


def test_different_reports_of_the_same_event_are_kept_apart():
    other = (
        "Policymakers lifted borrowing costs again on Wednesday. Analysts at several banks said the "
        "decision, widely anticipated, showed the bank was still worried about wages, while exporters "
        "warned that a stronger currency would hurt their sales abroad later in the year."
    )
    kept, problems = deduplicate([doc("a", WIRE), doc("b", other)])
    assert [d.id for d in kept] == ["a", "b"] and problems == []


def test_seeds_are_not_duplicates_of_each_other(seeds_dir, read):
    documents, problems = read(seeds_dir)
    assert len(documents) == 2
    assert all(d.also_published_by == () for d in documents)


def test_duplicates_across_input_kinds(tmp_path, read):
    (tmp_path / "story.txt").write_text(f"---\npublished: 2025-08-19\ntimezone: UTC\noutlet: One\n---\n{WIRE}\n", encoding="utf-8")
    record = {"id": "feed1", "outlet": "Two", "published": "2025-08-20", "timezone": "UTC", "text": WIRE}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (document,), problems = read(tmp_path)
    # feed.jsonl comes before story.txt in the folder's (sorted) order, so it is kept.
    assert document.id == "feed1" and document.also_published_by[0].outlet == "One"
    (warning,) = problems
    assert warning.origin == str(tmp_path / "story.txt")


def test_deduplication_can_be_turned_off(tmp_path, read):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(WIRE, encoding="utf-8")
    documents, _ = read(tmp_path, timezone="UTC", published=pendulum.date(2025, 8, 19), deduplicate=False)
    assert len(documents) == 2


# -- streaming: documents are passed on as they come, copies dropped as they are met ----------

VARIANTS = [
    "Rescue teams reached the village on Thursday after floods cut the only road into the valley, "
    "and officials said hundreds of families were still waiting for clean water and medicine.",
    "The football club sacked its manager on Sunday night after a run of seven defeats, and the "
    "chairman said a replacement would be named before the next home game against the leaders.",
    "Shares in the carmaker fell sharply on Monday after it cut its profit forecast for the year, "
    "blaming weaker demand in China and the rising cost of batteries for its electric models.",
]


def _stories() -> list[Document]:
    """Three stories, each with an exact copy and a lightly edited one, and two loners."""
    documents = []
    for number, text in enumerate(VARIANTS):
        documents.append(doc(f"s{number}-original", text, "Wire"))
        documents.append(doc(f"s{number}-exact", text + " ", "Copy Desk"))
        documents.append(doc(f"s{number}-edited", text + " More follows.", "Daily"))
    documents.append(doc("loner-1", WIRE))
    documents.append(doc("loner-2", WIRE.replace("central bank", "statistics office").replace(
        "interest rate by a quarter point", "inflation figures for July").replace(
        "its fourth increase this year", "earlier than planned")))
    return documents


def _partition(kept: list[Document]) -> set[frozenset[str]]:
    return {frozenset([d.id, *(c.id for c in d.also_published_by)]) for d in kept}


def test_each_story_is_found_whatever_the_input_order():
    import random

    expected = {
        *(frozenset({f"s{n}-original", f"s{n}-exact", f"s{n}-edited"}) for n in range(len(VARIANTS))),
        frozenset({"loner-1"}), frozenset({"loner-2"}),
    }
    documents = _stories()
    for seed in range(5):
        order = random.Random(seed).sample(documents, len(documents))
        kept, problems = deduplicate(order)
        assert _partition(kept) == expected
        # The first copy of each story in this order is the one kept, in input order.
        story_of = {member: story for story in expected for member in story}
        firsts, seen = [], set()
        for document in order:
            if story_of[document.id] not in seen:
                seen.add(story_of[document.id])
                firsts.append(document.id)
        assert [d.id for d in kept] == firsts
        assert len(problems) == 2 * len(VARIANTS)


def test_streaming_reading_makes_the_batch_decisions(tmp_path, read):
    documents = _stories()
    for number, document in enumerate(documents):
        header = f"---\nid: {document.id}\noutlet: {document.outlet}\npublished: 2025-08-19\ntimezone: UTC\n---\n"
        (tmp_path / f"{number:02d}.txt").write_text(header + document.text, encoding="utf-8")
    streamed, problems = read(tmp_path)
    batch, batch_problems = deduplicate(documents)
    assert [d.id for d in streamed] == [d.id for d in batch]
    assert [[(c.id, c.outlet, c.similarity) for c in d.also_published_by] for d in streamed] == [
        [(c.id, c.outlet, c.similarity) for c in d.also_published_by] for d in batch
    ]
    id_of = {str(tmp_path / f"{number:02d}.txt"): d.id for number, d in enumerate(documents)}
    # "an exact copy of ...", "a near-duplicate (83% alike) of ...", for the same documents
    assert sorted((id_of[p.origin], p.message.split(" of ")[0]) for p in problems) == sorted(
        (p.origin.removesuffix(".txt"), p.message.split(" of ")[0]) for p in batch_problems
    )


def test_a_document_is_passed_on_before_the_rest_is_read(tmp_path):
    from timeline.ingest import IngestOptions, iter_documents

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"---\npublished: 2025-08-19\ntimezone: UTC\n---\n{VARIANTS[0] if name == 'a' else VARIANTS[1]}", encoding="utf-8")
    republished = []
    stream = iter_documents([tmp_path], IngestOptions(), on_republished=republished.append)
    first = next(stream)
    assert first.id == "a"
    # b.txt has not been read yet: made a copy of a.txt now, it is found to be one.
    (tmp_path / "b.txt").write_text(f"---\npublished: 2025-08-20\ntimezone: UTC\noutlet: Late\n---\n{VARIANTS[0]}", encoding="utf-8")
    rest = list(stream)
    assert [p.origin for p in rest] == [str(tmp_path / "b.txt")]
    (record,) = republished
    assert (record.of, record.copy.id, record.copy.outlet, record.copy.similarity) == ("a", "b", "Late", 1.0)
