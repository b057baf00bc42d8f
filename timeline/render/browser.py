"""Headless Chromium through Playwright, for the browser tests and the README screenshot.

Uses Debian's `chromium` (`make browser` installs it) and never Playwright's own browser
download. Needs the dev extra (playwright).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Without the background-networking flags Chromium calls home at start and floods the console.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")


class BrowserUnavailable(Exception):
    """No browser can be had here; the message says why and what to do."""


def find_chromium() -> str | None:
    """$TIMELINE_CHROMIUM, else Debian's chromium on PATH."""
    explicit = os.environ.get("TIMELINE_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for candidate in CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A running headless Chromium (a Playwright `Browser`)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        raise BrowserUnavailable("playwright is not installed (pip install -e '.[dev]')") from exc
    path = find_chromium()
    if path is None:
        explicit = os.environ.get("TIMELINE_CHROMIUM")
        raise BrowserUnavailable(
            f"TIMELINE_CHROMIUM={explicit} is not a file" if explicit
            else "no chromium found: run `make browser` (Debian) or set TIMELINE_CHROMIUM"
        )
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=path, args=list(CHROMIUM_ARGS))
        except Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BrowserUnavailable(f"chromium at {path} did not start: {reason}") from exc
        try:
            yield browser
        finally:
            browser.close()
