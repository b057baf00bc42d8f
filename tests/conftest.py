"""Fixtures shared by the test suite."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, the reference data beside the repository; tests using it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"reference data not found at {SHARED} (it is not part of a user's clone)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
