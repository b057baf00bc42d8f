"""Fixtures for the render tests; the timelines themselves are built in render_fixtures."""

import pytest
from render_fixtures import make_timeline

from timeline.render.browser import BrowserUnavailable, chromium
from timeline.types import Timeline


@pytest.fixture
def sample_timeline() -> Timeline:
    return make_timeline()


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium; the test is skipped, with the reason, where none can be had."""
    try:
        with chromium() as running:
            yield running
    except BrowserUnavailable as exc:
        pytest.skip(f"no browser for the browser tests: {exc}")
