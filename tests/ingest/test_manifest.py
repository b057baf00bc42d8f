"""Manifests beside the files or passed with --manifest; their precedence and their errors."""

from __future__ import annotations

import pendulum
from _ingest_helpers import errors


def test_sources_toml_beside_the_files_with_defaults(tmp_path, read):
    (tmp_path / "a.txt").write_text("Story A.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Story B.\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[defaults]\ntimezone = "Europe/London"\noutlet = "Wire"\n\n'
        '[documents."a.txt"]\ntitle = "A"\npublished = 2025-03-30\noutlet = "Paper"\n',
        encoding="utf-8",
    )
    documents, problems = read(tmp_path)
    by_id = {d.id: d for d in documents}
    assert by_id["a"].published == pendulum.datetime(2025, 3, 30, tz="Europe/London")
    assert by_id["a"].outlet == "Paper" and by_id["b"].outlet == "Wire"
    assert by_id["a"].provenance["outlet"] == "manifest"
    assert by_id["b"].timezone == "Europe/London"
    assert by_id["b"].published is None
    assert [p.origin for p in problems] == [str(tmp_path / "b.txt")]
    assert "--published" in problems[0].message and "front matter" in problems[0].message


def test_manifest_in_a_folder_above_covers_subfolders(tmp_path, read):
    (tmp_path / "day1").mkdir()
    (tmp_path / "day1" / "x.txt").write_text("Story.\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        "documents:\n  day1/x.txt:\n    published: 2025-08-19\n    timezone: UTC\n", encoding="utf-8"
    )
    (document,), problems = read(tmp_path)
    assert problems == []
    assert document.published == pendulum.datetime(2025, 8, 19, tz="UTC")


def test_front_matter_wins_over_the_manifest_and_explicit_manifest_over_the_automatic(tmp_path, read):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("---\ntitle: From front matter\n---\nText.\n", encoding="utf-8")
    (folder / "sources.yaml").write_text(
        "documents:\n  a.txt: {title: From beside, outlet: Beside, published: 2025-01-01, timezone: UTC}\n",
        encoding="utf-8",
    )
    explicit = tmp_path / "meta.yaml"
    explicit.write_text("documents:\n  a.txt: {outlet: Explicit}\n", encoding="utf-8")
    (document,), _ = read(folder, manifest=explicit)
    assert document.title == "From front matter"
    assert document.provenance["title"] == "front_matter"
    assert document.outlet == "Explicit"
    assert document.published == pendulum.datetime(2025, 1, 1, tz="UTC")


def test_broken_manifest_is_reported_once_and_the_files_still_read(tmp_path, read):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Text of {name}.\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("documents:\n  a.txt: [unclosed\n", encoding="utf-8")
    documents, problems = read(tmp_path, timezone="UTC", published=pendulum.date(2025, 8, 19))
    assert len(documents) == 2
    (problem,) = errors(problems)
    assert problem.origin == str(tmp_path / "sources.yaml")
    assert "not valid YAML" in problem.message


def test_missing_explicit_manifest_is_an_error(tmp_path, read):
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    documents, problems = read(tmp_path / "a.txt", manifest=tmp_path / "nope.yaml", timezone="UTC")
    assert len(documents) == 1
    assert [p.message for p in errors(problems)] == ["manifest not found; check the --manifest path"]
