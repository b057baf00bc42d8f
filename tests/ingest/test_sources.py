"""Files, folders (recursive), globs and URLs, mixed in one call."""

from __future__ import annotations

import pytest
from _ingest_helpers import errors

from timeline.ingest.sources import FileSource, UrlSource, expand
from timeline.types import Problem


@pytest.fixture
def tree(tmp_path):
    for relative in ("a.txt", "sub/b.md", "sub/deeper/c.html", "sub/deeper/d.jsonl", "notes.pdf",
                     ".hidden/e.txt", "sub/.f.txt", "sources.yaml"):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return tmp_path


def names(items):
    return [item.path.relative_to(item.root).as_posix() if isinstance(item, FileSource) else item for item in items]


def test_a_folder_is_searched_recursively_for_article_files_only(tree):
    found = list(expand([tree]))
    assert names(found) == ["a.txt", "sub/b.md", "sub/deeper/c.html", "sub/deeper/d.jsonl"]


def test_globs_including_double_star(tree):
    found = list(expand([str(tree / "**" / "*.html"), str(tree / "*.txt")]))
    assert [item.path.name for item in found] == ["c.html", "a.txt"]


def test_a_source_named_twice_is_read_once(tree):
    found = list(expand([tree / "a.txt", str(tree / "*.txt"), tree]))
    assert [item.path.name for item in found].count("a.txt") == 1


def test_urls_pass_through_and_missing_paths_are_problems(tree):
    found = list(expand(["https://example.org/story.html", str(tree / "nope.txt"), str(tree / "*.xyz")]))
    assert found[0] == UrlSource("https://example.org/story.html")
    assert [p.message.split(";")[0] for p in found[1:]] == ["no such file or folder", "no file matches this pattern"]
    assert all(isinstance(p, Problem) for p in found[1:])


def test_a_folder_with_no_articles_is_a_warning(tmp_path):
    (tmp_path / "data.csv").write_text("x", encoding="utf-8")
    (problem,) = list(expand([tmp_path]))
    assert problem.severity == "warning" and "holds no article files" in problem.message


def test_mixed_kinds_in_one_call(tmp_path, read):
    (tmp_path / "a.txt").write_text("---\npublished: 2025-08-19\n---\nStory one said.\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "published": "2025-08-19", "text": "Story two."}\n', encoding="utf-8")
    from pages import article_page

    (tmp_path / "c.html").write_text(article_page(meta={"article:published_time": "2025-08-19"}), encoding="utf-8")
    documents, problems = read(tmp_path / "a.txt", str(tmp_path / "*.jsonl"), tmp_path / "c.html", timezone="UTC")
    assert [d.id for d in documents] == ["a", "b1", "c"]
    assert errors(problems) == []
