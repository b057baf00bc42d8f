"""Synthetic HTML pages for the ingest tests (written here; nothing is copied from real sites)."""

from __future__ import annotations

import json

PARAGRAPHS = (
    "Negotiators met again on Tuesday in Geneva, officials said, after a week of delays that had "
    "threatened to end the whole process before it had properly begun.",
    "The talks will continue on Wednesday, a spokesperson told reporters outside the venue late in "
    "the afternoon, adding that both delegations had agreed on an agenda.",
    "Observers said the agreement on an agenda was the first concrete progress since the talks were "
    "announced in the spring, when hopes of a quick deal had been high.",
)


def article_page(
    *,
    title: str = "Talks resume in Geneva",
    json_ld: dict | None = None,
    meta: dict[str, str] | None = None,
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    lang: str = "en-US",
    extra_body: str = "",
) -> str:
    meta_tags = "\n".join(
        f'<meta {"property" if ":" in k else "name"}="{k}" content="{v}">' for k, v in (meta or {}).items()
    )
    script = f'<script type="application/ld+json">{json.dumps(json_ld)}</script>' if json_ld else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Example Times</title>\n'
        f"{meta_tags}\n{script}</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{body}\n{extra_body}</article>"
        "<footer>Copyright 2025 Example Times</footer></body></html>"
    )


INDEX_PAGE = (
    "<!DOCTYPE html><html><head><title>Section front</title></head><body>"
    "<nav><a href='/a'>A</a> <a href='/b'>B</a> <a href='/c'>C</a></nav></body></html>"
)
