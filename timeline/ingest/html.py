"""Saved or fetched HTML pages: the main text from trafilatura, the metadata from the page.

Metadata layers, strongest first: JSON-LD (`NewsArticle` and kin), meta tags (Open Graph,
`article:*`, Dublin Core, `<title>`, `<link rel=canonical>`, `<html lang>`), then htmldate in
extensive mode for a publication date the markup does not state. The body is the text
trafilatura extracts, and every offset points into it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from timeline.ingest.decode import DecodeError, decode, encoding_note
from timeline.ingest.model import Fields, RawDocument, Sourced, normalise_fields
from timeline.types import Problem

_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "backgroundnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "report",
    "socialmediaposting", "webpage",
})
# meta name/property -> field, strongest first within each field.
_META = (
    ("article:published_time", "published"),
    ("og:article:published_time", "published"),
    ("datepublished", "published"),
    ("pubdate", "published"),
    ("publishdate", "published"),
    ("publish-date", "published"),
    ("parsely-pub-date", "published"),
    ("sailthru.date", "published"),
    ("dc.date.issued", "published"),
    ("dcterms.created", "published"),
    ("dc.date", "published"),
    ("date", "published"),
    ("article:modified_time", "updated"),
    ("og:updated_time", "updated"),
    ("datemodified", "updated"),
    ("dcterms.modified", "updated"),
    ("last-modified", "updated"),
    ("og:title", "title"),
    ("twitter:title", "title"),
    ("dc.title", "title"),
    ("og:site_name", "outlet"),
    ("application-name", "outlet"),
    ("dc.publisher", "outlet"),
    ("og:url", "url"),
    ("author", "author"),
    ("article:author", "author"),
    ("dc.creator", "author"),
    ("parsely-author", "author"),
)
_META_FIELDS = dict(_META)
# trafilatura falls back to whatever text a page has; a page whose every line is shorter than
# this holds menus or link lists, not an article.
_MIN_PROSE_WORDS = 8
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<\s*(html|head|body|article|p|div|main|section)\b", re.IGNORECASE)
_LANG_REGION = re.compile(r"^[a-z]{2,3}[-_]([A-Za-z]{2})\b")


class NotAnArticle(ValueError):
    pass


def looks_like_html(data: bytes) -> bool:
    """For files without a telling extension: does the start look like markup?"""
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head


def declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def read_html(data: bytes, origin: str, stem: str, url: str | None = None) -> RawDocument | Problem:
    """An HTML page -> its article text and metadata, or the reason it has none."""
    try:
        decoded = decode(data, declared=declared_charset(data))
    except DecodeError as exc:
        return Problem(origin=origin, message=str(exc))
    try:
        return html_document(decoded.text, origin, stem, url, notes=[n for n in [encoding_note(decoded)] if n])
    except NotAnArticle as exc:
        return Problem(origin=origin, message=str(exc))


def html_document(html: str, origin: str, stem: str, url: str | None = None, notes: list[str] | None = None) -> RawDocument:
    """The article in `html`; `NotAnArticle` when there is none."""
    if not _LOOKS_LIKE_HTML.search(html[:20000]):
        raise NotAnArticle("not an HTML page (no HTML elements found); save the page as HTML, or the text as .txt")
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise NotAnArticle(f"the HTML cannot be parsed ({exc}); save the page again") from exc
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, deduplicate=False,
    )
    text = getattr(extracted, "text", None) or ""
    if not _has_prose(text):
        raise NotAnArticle(
            "no article text found in the page (an index page, or one that needs JavaScript?); "
            "save the article page itself, or paste its text into a .txt file"
        )
    json_ld = _json_ld_fields(tree)
    meta = _meta_fields(tree, extracted)
    found_date = _htmldate_fields(html)
    page = tuple(layer for layer in (json_ld, meta, found_date) if layer)
    region = _region(tree)
    declared: Fields = {}
    if url:
        declared["url"] = Sourced(url, "command_line")
    return RawDocument(
        origin=origin, stem=stem, text=text, kind="html", declared=declared, page=page,
        notes=tuple(notes or ()), region=region,
    )


def _has_prose(text: str) -> bool:
    """At least one line of running text; link lists and menus have none."""
    return any(len(line.split()) >= _MIN_PROSE_WORDS for line in text.splitlines())


def _json_ld_fields(tree: Any) -> Fields:
    for item in _json_ld_items(tree):
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
            continue
        raw = {
            "title": item.get("headline") or item.get("name"),
            "published": item.get("datePublished") or item.get("dateCreated"),
            "updated": item.get("dateModified"),
            "author": _names(item.get("author")),
            "outlet": _names(item.get("publisher")),
            "url": item.get("url") if isinstance(item.get("url"), str) else None,
            "language": item.get("inLanguage") if isinstance(item.get("inLanguage"), str) else None,
        }
        fields, _ = normalise_fields({k: v for k, v in raw.items() if isinstance(v, str)}, "json_ld")
        if fields:
            return fields
    return {}


def _json_ld_items(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except json.JSONDecodeError:
            continue  # broken JSON-LD is common on real pages; the meta tags still count
        yield from _walk(data)


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk(data["@graph"])


def _names(value: Any) -> str | None:
    """A schema.org Person/Organization (or a list of them, or a plain string) -> names."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _meta_fields(tree: Any, extracted: Any) -> Fields:
    found: dict[str, tuple[int, str]] = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        field = _META_FIELDS.get(key)
        content = (element.get("content") or "").strip()
        if field and content:
            rank = next(i for i, (name, _) in enumerate(_META) if name == key)
            if field not in found or rank < found[field][0]:
                found[field] = (rank, content)
    raw = {field: content for field, (_, content) in found.items()}
    if "url" not in raw:
        canonical = tree.xpath('//link[@rel="canonical"]/@href')
        if canonical:
            raw["url"] = str(canonical[0]).strip()
    # trafilatura reads titles, bylines and site names from more places than meta tags.
    for field, attribute in (("title", "title"), ("author", "author"), ("outlet", "sitename")):
        value = getattr(extracted, attribute, None)
        if field not in raw and isinstance(value, str) and value.strip():
            raw[field] = value
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        raw["language"] = lang.split("-")[0].split("_")[0].lower()
    fields, _ = normalise_fields(raw, "meta_tag")
    return fields


def _htmldate_fields(html: str) -> Fields:
    try:
        found = htmldate.find_date(html, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises assorted errors on odd markup; it is only a fallback
        return {}
    return {"published": Sourced(found, "htmldate")} if found else {}


def _region(tree: Any) -> str | None:
    """'en-IN' -> 'IN': the country that decides what an ambiguous zone name means."""
    lang = tree.get("lang") or ""
    match = _LANG_REGION.match(lang)
    return match.group(1).upper() if match else None
