"""Writing the site: the files, their determinism, the atomic swap, and safety with hostile text."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from render_fixtures import HOSTILE, hostile_timeline, make_timeline, sample_sources

from timeline.render import SiteError, render_files, write_site
from timeline.render import site as site_module
from timeline.render.page import build_page
from timeline.render.schema import PACKAGED_SCHEMA, schema_text, timeline_schema
from timeline.render.site import PLOTLY_CDN, PLOTLY_FILE, PLOTLY_VERSION, STATIC, script_json
from timeline.types import SCHEMA_VERSION, Timeline


def test_the_site_has_its_files(tmp_path, sample_timeline):
    out = tmp_path / "site"
    write_site(sample_timeline, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", "timeline.json", "timeline.schema.json", "app.js", "style.css", PLOTLY_FILE,
         "LICENSE.plotly.txt"]
    )
    assert f'<script src="{PLOTLY_FILE}"></script>' in (out / "index.html").read_text()


def test_the_same_timeline_gives_byte_identical_files(tmp_path, sample_timeline):
    write_site(sample_timeline, tmp_path / "a")
    # An equal timeline built in another order (mapping keys) must not change a byte.
    reordered = [s.model_copy(update={"provenance": dict(reversed(s.provenance.items()))}) for s in sample_timeline.sources]
    write_site(sample_timeline.model_copy(update={"sources": tuple(reordered)}), tmp_path / "b")
    for file in (tmp_path / "a").iterdir():
        assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes(), file.name


def test_timeline_json_validates_against_the_schema_and_round_trips(tmp_path, sample_timeline):
    write_site(sample_timeline, tmp_path / "site")
    data = json.loads((tmp_path / "site" / "timeline.json").read_text())
    schema = json.loads((tmp_path / "site" / "timeline.schema.json").read_text())
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert Timeline.model_validate(data) == sample_timeline
    assert data["schema_version"] == SCHEMA_VERSION


def test_the_schema_rejects_what_is_not_a_timeline():
    validator = jsonschema.Draft202012Validator(timeline_schema())
    good = json.loads(render_files(make_timeline())["timeline.json"])
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "schema_version": "2.0.0"})
    assert not validator.is_valid({k: v for k, v in good.items() if k != "schema_version"})
    broken = json.loads(json.dumps(good))
    del broken["events"][0]["mentions"][0]["sentence"]
    assert not validator.is_valid(broken)


def test_the_packaged_schema_is_the_generated_one():
    assert PACKAGED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "timeline/render/timeline.schema.json is stale: run python -m timeline.render.schema"
    )
    assert timeline_schema()["$id"].endswith(SCHEMA_VERSION)


def test_the_vendored_plotly_is_the_declared_version():
    head = (STATIC / "vendor" / PLOTLY_FILE).read_text(encoding="utf-8")[:200]
    assert f"v{PLOTLY_VERSION}" in head
    assert PLOTLY_VERSION in PLOTLY_CDN


def test_cdn_mode_references_the_exact_plotly_and_writes_none(tmp_path, sample_timeline):
    write_site(sample_timeline, tmp_path / "site", cdn=True)
    html = (tmp_path / "site" / "index.html").read_text()
    assert f'<script src="{PLOTLY_CDN}"></script>' in html
    assert PLOTLY_CDN in _csp(html)
    assert not (tmp_path / "site" / PLOTLY_FILE).exists()


def test_an_existing_site_is_replaced_whole(tmp_path, sample_timeline):
    out = tmp_path / "site"
    write_site(sample_timeline, out, cdn=True)
    write_site(sample_timeline, out)
    assert (out / PLOTLY_FILE).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left beside it


def test_a_failed_build_leaves_the_old_site_and_no_temporary_folder(tmp_path, sample_timeline, monkeypatch):
    out = tmp_path / "site"
    write_site(sample_timeline, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def fail_midway(staging, target):
        assert (staging / "index.html").exists()  # the new site was being written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(site_module, "_swap_in", fail_midway)
    with pytest.raises(SiteError, match="No space left on device"):
        write_site(make_timeline(events=()), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failure_while_rendering_writes_nothing(tmp_path, sample_timeline, monkeypatch):
    monkeypatch.setattr(site_module, "render_index", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_site(sample_timeline, tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


def test_the_swap_works_without_an_atomic_exchange(tmp_path, sample_timeline, monkeypatch):
    out = tmp_path / "site"
    write_site(sample_timeline, out, cdn=True)
    monkeypatch.setattr(site_module, "_exchange", lambda a, b: False)
    write_site(sample_timeline, out)
    assert (out / PLOTLY_FILE).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_folder_holding_other_files_is_not_replaced(tmp_path, sample_timeline):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SiteError, match=r"notes\.txt"):
        write_site(sample_timeline, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_file_in_place_of_the_folder_is_refused(tmp_path, sample_timeline):
    (tmp_path / "site").write_text("not a folder")
    with pytest.raises(SiteError, match="not a folder"):
        write_site(sample_timeline, tmp_path / "site")


def test_the_site_is_readable_by_others(tmp_path, sample_timeline):
    write_site(sample_timeline, tmp_path / "site")
    assert (tmp_path / "site").stat().st_mode & 0o755 == 0o755


# --- hostile input ---------------------------------------------------------------------------

class _Elements(HTMLParser):
    """Every element with its attributes, and the raw text of each script."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def _csp(html: str) -> str:
    return re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1].replace("&#39;", "'")


def test_hostile_text_stays_text():
    html = render_files(hostile_timeline())["index.html"].decode()
    parsed = _parse(html)
    tags = [tag for tag, _ in parsed.elements]
    assert tags.count("script") == 3  # the data block, plotly.js and app.js: none from the article
    assert "img" not in tags
    assert all(attrs.get("class", "").startswith("legend-mark") for tag, attrs in parsed.elements if tag == "svg")
    for tag, attrs in parsed.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not attrs.get("href", "").lower().startswith("javascript"), (tag, attrs)
    assert "&lt;script&gt;" in html


def test_the_embedded_data_cannot_close_its_script_element():
    timeline = hostile_timeline()
    html = render_files(timeline)["index.html"].decode()
    data_block = _parse(html).scripts[0]
    assert "</" not in data_block and "<!--" not in data_block and "\u2028" not in data_block
    assert json.loads(data_block) == build_page(timeline).data()


def test_script_json_escapes_every_dangerous_character():
    text = script_json({"k": "</script><!-- & \u2028\u2029 >"})
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == {"k": "</script><!-- & \u2028\u2029 >"}


def test_the_policy_allows_no_inline_script_and_no_network(sample_timeline):
    policy = _csp(render_files(sample_timeline)["index.html"].decode())
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'none'"
    assert directives["connect-src"] == "'none'"


def test_hostile_values_survive_into_timeline_json():
    timeline = hostile_timeline()
    data = json.loads(render_files(timeline)["timeline.json"])
    assert data["events"][0]["headline"] == " ".join(HOSTILE.values())


def test_a_timeline_with_no_events_still_makes_a_page(tmp_path):
    write_site(make_timeline(events=(), undated=()), tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text()
    assert "No dated events were found." in html
    assert len(sample_sources()) == html.count("<dt>Used in</dt>")


def test_the_page_is_a_pure_function_of_the_timeline(sample_timeline):
    first = render_files(sample_timeline)
    second = render_files(Timeline.model_validate_json(sample_timeline.model_dump_json()))
    assert first == second


def test_every_file_the_site_is_built_from_is_package_data():
    import tomllib
    from fnmatch import fnmatch

    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["*"]
    package = Path(site_module.__file__).parent
    assets = [p for folder in ("static", "templates") for p in (package / folder).rglob("*") if p.is_file()]
    assets.append(PACKAGED_SCHEMA)
    missing = [str(p.relative_to(package)) for p in assets if not any(fnmatch(p.name, pat) for pat in patterns)]
    assert not missing, f"not installed with the package: {missing}"


def test_a_source_with_no_outlet_is_named_by_its_title_once(tmp_path):
    sources = tuple(s.model_copy(update={"outlet": None}) if s.id == "hill" else s for s in sample_sources())
    write_site(make_timeline(sources=sources), tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    quoted = "“Trump floats air support”"
    assert quoted in page
    assert f"{quoted}: Trump floats air support" not in page, "the filter repeats the title"
    lines = [line for line in re.findall(r'class="source-line">(.*?)</p>', page, re.S) if "Trump floats" in line]
    assert lines and all(line.count("Trump floats air support") == 1 for line in lines), lines
