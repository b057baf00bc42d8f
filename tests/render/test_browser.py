"""The built page in a real headless Chromium, opened from file:// as a reader would.

Skipped, with the reason, where no browser can be had (`make browser` installs Debian's chromium).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from render_fixtures import hostile_timeline, make_timeline

from timeline.render import write_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    write_site(make_timeline(), out)
    return out


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "hostile"
    write_site(hostile_timeline(), out)
    return out


@dataclass
class Visit:
    page: Any
    errors: list[str] = field(default_factory=list)
    network: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser):
    contexts = []

    def open_page(index: Path, **options) -> Visit:
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)

        def route(request_route):
            url = request_route.request.url
            if url.startswith("file://"):
                request_route.continue_()
            else:
                seen.network.append(url)
                request_route.abort()

        context.route("**/*", route)
        page.on("request", lambda r: r.url.startswith("file://") or seen.network.append(r.url))
        page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
        page.goto(index.resolve().as_uri())
        page.wait_for_load_state("load")
        return seen

    yield open_page
    for context in contexts:
        context.close()


def placed_events(site: Path) -> list[dict]:
    data = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    return [e for e in data["events"] if e["time"]["start"]]


def wait_for_chart(page) -> None:
    page.wait_for_selector("#chart .cartesianlayer .point")


def seen_points(page) -> int:
    return page.locator("#chart .cartesianlayer .point").count()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def point_of(page, event_id: str):
    """The marker of an event: trace and point index from the chart's own data."""
    where = page.evaluate(
        """id => {
            const traces = document.getElementById('chart').data;
            for (let t = 0; t < traces.length; t++) {
                const i = (traces[t].customdata || []).indexOf(id);
                if (i >= 0) return [t, i];
            }
            return null;
        }""",
        event_id,
    )
    assert where, f"no marker for {event_id}"
    trace, index = where
    return page.locator("#chart .cartesianlayer .scatterlayer .trace").nth(trace).locator(".point").nth(index)


def hover(page, locator) -> None:
    box = locator.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_the_page_loads_from_file_with_no_errors_and_no_network(visit, sample_site):
    seen = visit(sample_site / "index.html")
    wait_for_chart(seen.page)
    assert seen.errors == []
    assert seen.network == []
    assert seen.page.locator("#explore").is_visible()


def test_the_plot_has_one_marker_per_dated_event(visit, sample_site):
    seen = visit(sample_site / "index.html")
    wait_for_chart(seen.page)
    events = placed_events(sample_site)
    assert seen.page.locator("#chart .cartesianlayer .point").count() == len(events)
    ids = seen.page.evaluate("Array.from(document.getElementById('chart').data).flatMap(t => t.customdata || [])")
    assert sorted(ids) == sorted(e["id"] for e in events)


def test_hovering_shows_the_headline_and_clicking_opens_the_details(visit, sample_site):
    seen = visit(sample_site / "index.html")
    page = seen.page
    wait_for_chart(page)
    event = [e for e in placed_events(sample_site) if e["id"] == "ev-briefing"][0]
    marker = point_of(page, event["id"])
    hover(page, marker)
    page.wait_for_selector("#chart .hoverlayer .hovertext")
    label = page.locator("#chart .hoverlayer .hovertext").text_content()
    assert squash(event["headline"]) in squash(label)
    assert "13:30 EDT" in label
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#detail[open]")
    assert page.locator("#detail-heading").text_content() == event["headline"]
    detail = page.locator("#detail").text_content()
    assert "How the date was found:" in detail and "'1:30 p.m. EDT' in Example Wire" in detail
    assert page.locator("#detail mark").first.text_content() == "1:30 p.m. EDT"
    assert seen.errors == []


def test_the_keyboard_opens_the_details_and_escape_closes_them(visit, sample_site):
    page = visit(sample_site / "index.html").page
    wait_for_chart(page)
    button = page.locator("#chronology button.open-detail").first
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#detail[open]")
    headline = page.locator("#chronology li[data-event-id] .headline").first.text_content()
    assert page.locator("#detail-heading").text_content() == headline
    page.keyboard.press("Escape")
    page.wait_for_selector("#detail:not([open])", state="attached")
    assert page.evaluate("document.activeElement.classList.contains('open-detail')")


def test_the_list_view_matches_timeline_json(visit, sample_site):
    page = visit(sample_site / "index.html").page
    data = json.loads((sample_site / "timeline.json").read_text(encoding="utf-8"))
    items = page.evaluate(
        """Array.from(document.querySelectorAll('#chronology li[data-event-id]')).map(li => ({
            id: li.dataset.eventId, headline: li.querySelector('.headline').textContent,
            mentions: li.querySelectorAll('ol.mentions > li').length}))"""
    )
    events = {e["id"]: e for e in data["events"]}
    placed = placed_events(sample_site)
    assert sorted(i["id"] for i in items) == sorted(e["id"] for e in placed)
    for item in items:
        assert item["headline"] == events[item["id"]]["headline"]
        assert item["mentions"] == len(events[item["id"]]["mentions"])
    starts = [datetime.fromisoformat(events[i["id"]]["time"]["start"]) for i in items]
    assert starts == sorted(starts)
    unplaced = page.locator("#undated li[data-event-id]").count()
    assert unplaced == len(data["events"]) - len(placed)
    assert page.locator("#undated ul.undated > li").count() == len(data["undated"])
    assert page.locator("#sources ol.sources > li").count() == len(data["sources"])


def test_search_and_filters_narrow_the_list_and_the_chart(visit, sample_site):
    page = visit(sample_site / "index.html").page
    wait_for_chart(page)
    page.fill("#search", "breakthrough")
    page.wait_for_function("() => document.querySelectorAll('#chart .cartesianlayer .point').length === 1")
    visible = page.locator("#chronology li[data-event-id]:visible")
    assert visible.count() == 1 and "Rutte" in visible.first.text_content()
    page.fill("#search", "")
    page.wait_for_function(
        f"() => document.querySelectorAll('#chart .cartesianlayer .point').length === {len(placed_events(sample_site))}"
    )
    page.select_option("#filter-actor", label="Donald Trump")
    with_trump = [e for e in placed_events(sample_site) if "Donald Trump" in e["actors"]]
    page.wait_for_function(
        f"() => document.querySelectorAll('#chart .cartesianlayer .point').length === {len(with_trump)}"
    )
    assert page.locator("#chronology li[data-event-id]:visible").count() == len(with_trump)
    page.select_option("#filter-actor", value="")
    page.select_option("#filter-source", label="Berliner Beispiel: Gipfel in Alaska")
    berlin = [e for e in placed_events(sample_site) if "berlin" in e["sources"]]
    assert page.locator("#chronology li[data-event-id]:visible").count() == len(berlin)
    assert "Showing" in page.locator("#match-count").text_content()


def test_the_zone_switch_moves_clock_times_only(visit, sample_site):
    page = visit(sample_site / "index.html", timezone_id="Asia/Tokyo").page
    wait_for_chart(page)
    briefing = page.locator("li[data-event-id='ev-briefing'] time")
    summit = page.locator("li[data-event-id='ev-summit'] time")
    assert briefing.text_content() == "Tue 19 Aug 2025, 13:30 EDT"
    page.check("input[name=zone][value=utc]")
    assert briefing.text_content() == "Tue 19 Aug 2025, 17:30 UTC"
    page.check("input[name=zone][value=reader]")
    assert briefing.text_content() == "Wed 20 Aug 2025, 02:30 GMT+9"
    assert "Asia/Tokyo" in page.locator("#reader-zone").text_content()
    assert summit.text_content() == "Fri 15 Aug 2025"  # a date has no clock to move
    page.check("input[name=zone][value=document]")
    assert briefing.text_content() == "Tue 19 Aug 2025, 13:30 EDT"


def test_lanes_switch_between_outlets_and_actors(visit, sample_site):
    page = visit(sample_site / "index.html").page
    wait_for_chart(page)
    lanes = lambda: page.evaluate("document.getElementById('chart').layout.yaxis.ticktext")  # noqa: E731
    assert "The Hill" in lanes()
    page.select_option("#lanes", "actors")
    page.wait_for_function("() => document.getElementById('chart').layout.yaxis.ticktext.includes('Mark Rutte')")
    assert "The Hill" not in lanes()
    page.select_option("#lanes", "topics")
    page.wait_for_function("() => document.getElementById('chart').layout.yaxis.ticktext.includes('talks')")
    assert seen_points(page) == len(placed_events(sample_site))


def test_a_phone_width_screen_gets_the_chart_above_the_list_and_a_full_screen_panel(visit, sample_site):
    seen = visit(sample_site / "index.html", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = seen.page
    wait_for_chart(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    chart, chronology = page.locator("#chart").bounding_box(), page.locator("#chronology").bounding_box()
    assert chart["y"] + chart["height"] <= chronology["y"]
    page.locator("#chronology button.open-detail").first.click()
    page.wait_for_selector("#detail[open]")
    assert page.locator("#detail").bounding_box()["width"] >= 389
    assert seen.errors == []


def test_the_hostile_page_runs_no_script(visit, hostile_site):
    seen = visit(hostile_site / "index.html")
    page = seen.page
    wait_for_chart(page)
    marker = page.locator("#chart .cartesianlayer .point").first
    hover(page, marker)
    page.wait_for_selector("#chart .hoverlayer .hovertext")
    assert "<script>" in page.locator("#chart .hoverlayer .hovertext").text_content()
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#detail[open]")
    page.keyboard.press("Escape")
    for summary in page.locator("summary").all():
        summary.click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert seen.dialogs == []
    assert seen.errors == []
    assert page.locator("script").count() == 3
    assert "<script>" in page.locator("#chronology .headline").first.text_content()


# WCAG 2 contrast of every piece of text against the background it is drawn on.
LOW_CONTRAST = """() => {
    const rgba = c => { const p = c.match(/rgba?\\(([^)]+)\\)/)[1].split(',').map(Number);
                        return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
    const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const background = el => {
        for (; el; el = el.parentElement) {
            const c = rgba(getComputedStyle(el).backgroundColor);
            if (c.a > 0) return c;
        }
        return {r: 255, g: 255, b: 255, a: 1};
    };
    const low = [];
    for (const el of document.querySelectorAll('body *')) {
        if (el.closest('svg, #chart, script, noscript')) continue;
        if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height) continue;
        const style = getComputedStyle(el);
        const [a, b] = [luminance(rgba(style.color)), luminance(background(el))].sort((x, y) => y - x);
        const ratio = (a + 0.05) / (b + 0.05);
        const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
        const large = size >= 24 || (size >= 18.66 && bold);
        if (ratio < (large ? 3 : 4.5)) low.push(`${el.tagName} ${ratio.toFixed(2)} ${el.textContent.trim().slice(0, 40)}`);
    }
    return low;
}"""


def test_all_text_has_enough_contrast(visit, sample_site):
    page = visit(sample_site / "index.html").page
    wait_for_chart(page)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate(LOW_CONTRAST) == []
    page.locator("#chronology button.open-detail").first.click()
    page.wait_for_selector("#detail[open]")
    assert page.evaluate(LOW_CONTRAST) == []


def test_every_control_is_reachable_with_the_keyboard(visit, sample_site):
    page = visit(sample_site / "index.html").page
    wait_for_chart(page)
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id || document.activeElement.className"))
    assert {"search", "filter-source", "filter-actor", "lanes", "open-detail"} <= reached


def test_without_javascript_the_list_is_complete_and_the_details_open(visit, sample_site):
    page = visit(sample_site / "index.html", java_script_enabled=False).page
    assert not page.locator("#explore").is_visible()
    assert not page.locator("button.open-detail").first.is_visible()
    items = page.locator("#chronology li[data-event-id]")
    assert items.count() == len(placed_events(sample_site))
    first = items.first
    assert not first.locator("blockquote").first.is_visible()
    first.locator("summary").click()
    assert first.locator("blockquote").first.is_visible()
    assert "How the date was found:" in first.locator(".detail-content").text_content()


def test_many_outlets_share_a_chart_of_bounded_height(visit, tmp_path):
    """Forty outlets, each with a crowded day: the lanes shrink instead of the chart growing
    to many screens."""
    summit = make_timeline().events[0]
    sources = tuple(
        s.model_copy(update={"id": f"s{n:02d}", "outlet": f"Outlet {n:02d}"})
        for n in range(40) for s in make_timeline().sources[:1]
    )
    events = tuple(
        summit.model_copy(update={"id": f"ev-{n:02d}-{k}", "sources": (f"s{n:02d}",), "mentions": ()})
        for n in range(40) for k in range(12)
    )
    write_site(make_timeline(sources=sources, events=events, undated=()), tmp_path / "site")
    seen = visit(tmp_path / "site" / "index.html")
    wait_for_chart(seen.page)
    height = seen.page.evaluate("document.getElementById('chart').getBoundingClientRect().height")
    assert 40 * 28 < height < 2000, height
