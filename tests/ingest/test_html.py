"""Saved HTML pages: trafilatura text, and metadata from JSON-LD, meta tags and htmldate."""

from __future__ import annotations

import pendulum
from _ingest_helpers import errors, excluded_text
from pages import INDEX_PAGE, PARAGRAPHS, article_page

NEWS_ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Talks resume (JSON-LD)",
    "datePublished": "2025-08-19T09:15:00-04:00",
    "dateModified": "2025-08-19T16:32:00-04:00",
    "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "Ann Roe"}],
    "publisher": {"@type": "Organization", "name": "Example Times"},
}


def save(tmp_path, name, html: str | bytes):
    path = tmp_path / name
    path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    return path


def test_main_text_is_extracted_and_the_page_chrome_is_not(tmp_path, read):
    path = save(tmp_path, "story.html", article_page(json_ld=NEWS_ARTICLE))
    (document,), problems = read(path)
    assert errors(problems) == []
    for paragraph in PARAGRAPHS:
        assert paragraph in document.text
    assert "Home" not in document.text and "Section" not in document.text


def test_json_ld_gives_title_dates_author_and_outlet(tmp_path, read):
    (document,), _ = read(save(tmp_path, "story.html", article_page(json_ld=NEWS_ARTICLE)))
    assert document.title == "Talks resume (JSON-LD)"
    assert document.published == pendulum.parse("2025-08-19T13:15:00Z")
    assert document.updated == pendulum.parse("2025-08-19T20:32:00Z")
    assert document.author == "Jane Doe, Ann Roe"
    assert document.outlet == "Example Times"
    assert document.timezone == "-04:00"
    for name in ("title", "published", "updated", "author", "outlet", "timezone"):
        assert document.provenance[name] == "json_ld", name


def test_json_ld_inside_a_graph_is_found(tmp_path, read):
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "X"}, NEWS_ARTICLE]}
    (document,), _ = read(save(tmp_path, "story.html", article_page(json_ld=graph)))
    assert document.provenance["published"] == "json_ld"


def test_meta_tags_when_there_is_no_json_ld(tmp_path, read):
    meta = {
        "article:published_time": "2025-08-19T09:15:00+01:00",
        "article:modified_time": "2025-08-20T08:00:00+01:00",
        "og:site_name": "Example Chronicle",
        "og:url": "https://example.org/news/talks",
        "author": "Sam Poe",
    }
    (document,), _ = read(save(tmp_path, "story.html", article_page(meta=meta)))
    assert document.published == pendulum.parse("2025-08-19T08:15:00Z")
    assert document.updated == pendulum.parse("2025-08-20T07:00:00Z")
    assert (document.outlet, document.url, document.author) == ("Example Chronicle", "https://example.org/news/talks", "Sam Poe")
    assert document.provenance["published"] == "meta_tag"
    assert document.provenance["url"] == "meta_tag"
    assert document.language == "en" and document.provenance["language"] == "meta_tag"


def test_json_ld_wins_over_meta_tags(tmp_path, read):
    meta = {"article:published_time": "2025-08-18T09:15:00-04:00"}
    (document,), _ = read(save(tmp_path, "story.html", article_page(json_ld=NEWS_ARTICLE, meta=meta)))
    assert document.published == pendulum.parse("2025-08-19T09:15:00-04:00")


def test_htmldate_finds_a_date_the_markup_does_not_declare(tmp_path, read):
    page = article_page(extra_body="<p class='byline'>Published March 3, 2024</p>")
    (document,), _ = read(save(tmp_path, "story.html", page), timezone="Europe/Paris")
    assert document.published == pendulum.datetime(2024, 3, 3, tz="Europe/Paris")
    assert document.published_granularity == "day"
    assert document.provenance["published"] == "htmldate"


def test_manifest_entry_wins_over_page_metadata(tmp_path, read):
    save(tmp_path, "story.html", article_page(json_ld=NEWS_ARTICLE))
    (tmp_path / "sources.yaml").write_text("documents:\n  story.html: {outlet: Syndicated Daily}\n", encoding="utf-8")
    (document,), _ = read(tmp_path)
    assert document.outlet == "Syndicated Daily" and document.provenance["outlet"] == "manifest"
    assert document.provenance["published"] == "json_ld"


def test_boilerplate_in_extracted_text_is_excluded(tmp_path, read):
    page = article_page(json_ld=NEWS_ARTICLE, extra_body="<p>Sign up for our daily briefing!</p>")
    (document,), _ = read(save(tmp_path, "story.html", page))
    assert excluded_text(document)["boilerplate: newsletter sign-up"] == ["Sign up for our daily briefing!"]


def test_declared_charset_is_honoured(tmp_path, read):
    page = article_page(json_ld=NEWS_ARTICLE, paragraphs=(PARAGRAPHS[0] + " Zürich café.", *PARAGRAPHS[1:]))
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    (document,), problems = read(save(tmp_path, "story.html", page.encode("cp1252")))
    assert "Zürich café" in document.text
    assert problems == []


def test_page_with_no_article_is_reported(tmp_path, read):
    bad = save(tmp_path, "front.html", INDEX_PAGE)
    save(tmp_path, "story.html", article_page(json_ld=NEWS_ARTICLE))
    documents, problems = read(tmp_path)
    assert [d.id for d in documents] == ["story"]
    (problem,) = errors(problems)
    assert problem.origin == str(bad) and "no article text found" in problem.message


def test_html_file_that_is_not_html(tmp_path, read):
    bad = save(tmp_path, "notes.html", "just some words, no markup at all")
    _, problems = read(bad)
    (problem,) = errors(problems)
    assert "not an HTML page" in problem.message


def test_html_without_extension_is_recognised(tmp_path, read):
    path = save(tmp_path, "saved_page", article_page(json_ld=NEWS_ARTICLE))
    (document,), _ = read(path)
    assert document.provenance["published"] == "json_ld"


def test_the_pages_own_offset_wins_over_a_manifest_default_zone(tmp_path, read):
    save(tmp_path, "story.html", article_page(json_ld=NEWS_ARTICLE))
    (tmp_path / "sources.yaml").write_text("defaults: {timezone: Asia/Tokyo}\n", encoding="utf-8")
    (document,), _ = read(tmp_path)
    assert document.timezone == "-04:00" and document.provenance["timezone"] == "json_ld"
