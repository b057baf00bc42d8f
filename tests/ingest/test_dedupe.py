"""Exact and near-duplicate documents are read once, with the other outlets listed."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum

from timeline.types import Document

WIRE = (
    "The central bank raised its main interest rate by a quarter point on Wednesday, its fourth "
    "increase this year, and signalled that more rises could follow if inflation stays high. "
    "The governor told a news conference that price pressures had broadened across the economy "
    "and that the labour market remained tight despite slower growth in the second quarter. "
    "Markets had expected the move, and the currency was little changed after the announcement."
)


def write(folder: Path, name: str, text: str, outlet: str = "Wire", day: int = 19,
          id_: str | None = None) -> Path:
    """A story file (its id is its name unless given), with the metadata that leaves nothing
    to warn about."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    named = f"id: {id_}\n" if id_ else ""
    header = f"---\n{named}outlet: {outlet}\npublished: 2025-08-{day:02d}\ntimezone: UTC\n---\n"
    path.write_text(header + text, encoding="utf-8")
    return path


def test_exact_copies_with_different_boilerplate_are_one_story(tmp_path, read):
    write(tmp_path, "a", WIRE + "\nCopyright 2025 Paper One", "Paper One", day=20)
    copy_path = write(tmp_path, "b", WIRE, "Paper Two", day=19)
    kept, problems = read(tmp_path)
    (story,) = kept
    # The first copy in input order is kept, even when a later one was published earlier:
    # documents stream, so the kept copy is passed on before the others are read.
    assert story.id == "a"
    (copy,) = story.also_published_by
    assert (copy.id, copy.outlet, copy.similarity) == ("b", "Paper Two", 1.0)
    (problem,) = problems
    assert problem.origin == str(copy_path) and problem.severity == "warning"
    assert f"an exact copy of {tmp_path / 'a.txt'}" in problem.message


def test_a_lightly_edited_republication_is_a_near_duplicate(tmp_path, read):
    write(tmp_path, "a", WIRE)
    write(tmp_path, "b", WIRE.replace("little changed", "steady"), "Daily", day=20)
    kept, problems = read(tmp_path)
    (story,) = kept
    (copy,) = story.also_published_by
    assert copy.outlet == "Daily" and 0.5 < copy.similarity < 1.0
    (problem,) = problems
    assert "near-duplicate" in problem.message


def test_different_reports_of_the_same_event_are_kept_apart(tmp_path, read):
    other = (
        "Policymakers lifted borrowing costs again on Wednesday. Analysts at several banks said the "
        "decision, widely anticipated, showed the bank was still worried about wages, while exporters "
        "warned that a stronger currency would hurt their sales abroad later in the year."
    )
    write(tmp_path, "a", WIRE)
    write(tmp_path, "b", other)
    kept, problems = read(tmp_path)
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


def _stories() -> list[tuple[str, str, str]]:
    """(id, outlet, text): three stories, each with an exact copy and a lightly edited one,
    and two loners."""
    stories = []
    for number, text in enumerate(VARIANTS):
        stories.append((f"s{number}-original", "Wire", text))
        stories.append((f"s{number}-exact", "Copy Desk", text + " "))
        stories.append((f"s{number}-edited", "Daily", text + " More follows."))
    stories.append(("loner-1", "Wire", WIRE))
    stories.append(("loner-2", "Wire", WIRE.replace("central bank", "statistics office").replace(
        "interest rate by a quarter point", "inflation figures for July").replace(
        "its fourth increase this year", "earlier than planned")))
    return stories


def _read_in_order(folder: Path, stories: list[tuple[str, str, str]], read):
    """The stories read from files whose names sort in the order given (folders are read in
    name order), each file naming its story's id."""
    for position, (id_, outlet, text) in enumerate(stories):
        write(folder, f"{position:02d}", text, outlet, id_=id_)
    return read(folder)


def _partition(kept: list[Document]) -> set[frozenset[str]]:
    return {frozenset([d.id, *(c.id for c in d.also_published_by)]) for d in kept}


def test_each_story_is_found_whatever_the_input_order(tmp_path, read):
    import random

    expected = {
        *(frozenset({f"s{n}-original", f"s{n}-exact", f"s{n}-edited"}) for n in range(len(VARIANTS))),
        frozenset({"loner-1"}), frozenset({"loner-2"}),
    }
    stories = _stories()
    for seed in range(5):
        order = random.Random(seed).sample(stories, len(stories))
        kept, problems = _read_in_order(tmp_path / f"order-{seed}", order, read)
        assert _partition(kept) == expected
        # The first copy of each story in this order is the one kept, in input order; the
        # others are listed in input order too.
        story_of = {member: story for story in expected for member in story}
        firsts, seen = [], set()
        for id_, _, _ in order:
            if story_of[id_] not in seen:
                seen.add(story_of[id_])
                firsts.append(id_)
        assert [d.id for d in kept] == firsts
        position = {id_: n for n, (id_, _, _) in enumerate(order)}
        for document in kept:
            copies = [position[c.id] for c in document.also_published_by]
            assert copies == sorted(copies)
        assert len(problems) == 2 * len(VARIANTS)


def test_each_dropped_copy_is_reported_with_how_alike_it_is(tmp_path, read):
    kept, problems = _read_in_order(tmp_path, _stories(), read)
    listed = {d.id: [(c.id, c.outlet, c.similarity) for c in d.also_published_by] for d in kept}
    for number in range(len(VARIANTS)):
        (exact, edited) = listed[f"s{number}-original"]
        assert exact == (f"s{number}-exact", "Copy Desk", 1.0)
        assert edited[:2] == (f"s{number}-edited", "Daily") and 0.7 <= edited[2] < 1.0
    id_of = {str(tmp_path / f"{n:02d}.txt"): id_ for n, (id_, _, _) in enumerate(_stories())}
    # "an exact copy of 00.txt; ...", "a near-duplicate (83% alike) of 00.txt; ..."
    assert sorted((id_of[p.origin], p.message.split(" (")[0].split(" of ")[0]) for p in problems) == sorted(
        [(f"s{n}-exact", "an exact copy") for n in range(len(VARIANTS))]
        + [(f"s{n}-edited", "a near-duplicate") for n in range(len(VARIANTS))]
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
