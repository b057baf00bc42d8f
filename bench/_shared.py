"""Helpers for benchmarks: locating ../shared and measuring peak memory."""

import resource
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_path(*parts: str) -> Path | None:
    """A path inside ../shared, or None (with a note) when the reference data is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        print(f"skipped: {path} not found (the reference data lives beside the repository)")
        return None
    return path


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
