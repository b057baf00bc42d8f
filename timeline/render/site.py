"""Write the static site: every file is built in a temporary folder beside the target, then the
folder is swapped into place, so a failed build never leaves a half-written site and an existing
site survives a failed build.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from timeline.render.page import build_page
from timeline.render.schema import schema_text, timeline_text
from timeline.types import SCHEMA_VERSION, Timeline

STATIC = Path(__file__).with_name("static")

# The partial bundle (scatter, bar, pie and every layout component, range slider included) is
# a quarter of the full plotly.js; it is vendored so a build never fetches anything.
PLOTLY_VERSION = "4.1.1"
PLOTLY_FILE = "plotly-basic.min.js"
PLOTLY_CDN = f"https://cdn.plot.ly/plotly-basic-{PLOTLY_VERSION}.min.js"
PLOTLY_LICENSE = "LICENSE.plotly.txt"

STATIC_FILES = ("app.js", "style.css")
SITE_FILES = frozenset(
    {"index.html", "timeline.json", "timeline.schema.json", PLOTLY_FILE, PLOTLY_LICENSE, *STATIC_FILES}
)

# Escapes that keep a JSON text inert inside <script>: no "</script>", "<!--" or "&"
# sequence can form, and U+2028/U+2029 cannot end a line in older script parsers.
_SCRIPT_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


class SiteError(Exception):
    """The site could not be written; the message names the folder and the reason."""


def write_site(timeline: Timeline, out_dir: Path, *, cdn: bool = False) -> None:
    """Write index.html, timeline.json, timeline.schema.json and the assets into `out_dir`."""
    out_dir = Path(out_dir)
    files = render_files(timeline, cdn=cdn)
    try:
        _check_replaceable(out_dir)
        replace_dir(out_dir, files)
    except OSError as exc:
        raise SiteError(f"{out_dir}: cannot write the site ({exc.strerror or exc})") from exc


def render_files(timeline: Timeline, *, cdn: bool = False) -> dict[str, bytes]:
    """Every file of the site, by name: a pure function of `timeline` and `cdn`."""
    files = {
        "index.html": render_index(timeline, cdn=cdn).encode("utf-8"),
        "timeline.json": timeline_text(timeline).encode("utf-8"),
        "timeline.schema.json": schema_text().encode("utf-8"),
    }
    for name in STATIC_FILES:
        files[name] = (STATIC / name).read_bytes()
    if not cdn:
        files[PLOTLY_FILE] = (STATIC / "vendor" / PLOTLY_FILE).read_bytes()
        files[PLOTLY_LICENSE] = (STATIC / "vendor" / PLOTLY_LICENSE).read_bytes()
    return dict(sorted(files.items()))


def render_index(timeline: Timeline, *, cdn: bool = False) -> str:
    page = build_page(timeline)
    return _environment().get_template("index.html.j2").render(
        page=page,
        actor_ids={name: i for i, name in enumerate(page.actors)},
        data=Markup(script_json(page.data())),
        csp=content_security_policy(cdn=cdn),
        plotly_src=PLOTLY_CDN if cdn else PLOTLY_FILE,
        version=timeline.generator.version,
        schema_version=SCHEMA_VERSION,
    )


def script_json(data: object) -> str:
    """JSON for a <script type="application/json"> block that no article text can break out of."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_JSON_ESCAPES)


def content_security_policy(*, cdn: bool) -> str:
    """Scripts only from the site's own files (and the exact plotly.js on the CDN with --cdn);
    no inline script, no network. Inline styles are allowed because plotly.js sets them."""
    scripts = f"'self' {PLOTLY_CDN}" if cdn else "'self'"
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("timeline.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


# --- the swap ------------------------------------------------------------------------------

def _check_replaceable(out_dir: Path) -> None:
    """Replacing a folder deletes what is in it, so only an empty folder or a site is replaced."""
    if not out_dir.exists() and not out_dir.is_symlink():
        return
    if out_dir.is_symlink() or not out_dir.is_dir():
        raise SiteError(f"{out_dir}: exists and is not a folder; choose another --out")
    foreign = sorted(entry.name for entry in out_dir.iterdir() if entry.name not in SITE_FILES)
    if foreign:
        raise SiteError(
            f"{out_dir}: holds files that are not part of a timeline site ({', '.join(foreign[:3])}"
            f"{', ...' if len(foreign) > 3 else ''}); choose an empty or new folder for --out"
        )


def replace_dir(out_dir: Path, files: Mapping[str, bytes]) -> None:
    """Write `files` into a new folder beside `out_dir`, then swap it in for `out_dir`."""
    parent = out_dir.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{out_dir.name}.tmp-", dir=parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
        for name, content in files.items():
            (staging / name).write_bytes(content)
        _swap_in(staging, out_dir.absolute())
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after a swap it holds the old site


def _swap_in(staging: Path, target: Path) -> None:
    """Put `staging` at `target`; afterwards `staging` holds the old site, if any."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        return
    # No atomic exchange on this system: two renames, and the old site back if the second fails.
    holder = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-old-", dir=target.parent))
    os.rename(target, holder / "old")
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(holder / "old", target)
        raise
    finally:
        if target.exists():
            shutil.rmtree(holder, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step with Linux's renameat2; False where it is not available."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


@cache
def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
