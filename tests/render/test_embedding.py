"""docs/embedding.md: its snippets use fields timeline.json has, and work in a browser."""

from __future__ import annotations

import re
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from render_fixtures import make_timeline

from timeline.render import write_site
from timeline.types import Event, EventTime, Source, Timeline

DOC = Path(__file__).resolve().parents[2] / "docs" / "embedding.md"


def html_blocks() -> list[str]:
    return re.findall(r"```html\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def loader() -> str:
    return [block for block in html_blocks() if "fetch(" in block][0]


def loader_code() -> str:
    """The loader without its strings and comments, where names are only words."""
    return re.sub(r'"[^"\n]*"|//[^\n]*', "", loader())


def test_the_loader_fetches_timeline_json_from_the_site_folder():
    assert 'fetch("site/timeline.json")' in loader()
    assert 'src="site/index.html"' in html_blocks()[0]


@pytest.mark.parametrize(
    ("variable", "model"),
    [("timeline", Timeline), ("event", Event), ("event.time", EventTime), ("source", Source)],
)
def test_every_field_the_loader_reads_exists(variable, model):
    used = set(re.findall(rf"\b{re.escape(variable)}\.([a-z_]+)\b", loader_code()))
    used -= {"time"} if variable == "event" else set()  # checked as event.time.* below
    assert used, f"the loader reads nothing from {variable}"
    assert used <= set(model.model_fields), used - set(model.model_fields)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def served(tmp_path, local_http):
    """The sample site and a page made of the doc's snippets, served on 127.0.0.1."""
    write_site(make_timeline(), tmp_path / "site")
    (tmp_path / "embed.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Embed</title>"
        "<link rel='icon' href='data:,'></head><body>"
        + "".join(html_blocks())
        + "</body></html>",
        encoding="utf-8",
    )
    return local_http(partial(_QuietHandler, directory=str(tmp_path)))


@pytest.mark.browser
def test_the_snippets_work_in_a_browser(browser, served):
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{served}/embed.html")
        dated = [e for e in make_timeline().events if e.time.start]
        page.wait_for_function(f"() => document.querySelectorAll('#timeline-events li').length === {len(dated)}")
        listed = page.locator("#timeline-events li strong").all_text_contents()
        assert sorted(listed) == sorted(e.headline for e in dated)
        frame = page.frame_locator("iframe")
        frame.locator("#chart .cartesianlayer .point").first.wait_for()
        assert frame.locator("#chronology li[data-event-id]").count() == len(dated)
        assert errors == []
    finally:
        context.close()
