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
