"""Fixtures for the render tests; the timelines themselves are built in render_fixtures."""

import pytest
from render_fixtures import make_timeline

from timeline.types import Timeline


@pytest.fixture
def sample_timeline() -> Timeline:
    return make_timeline()
