"""Helpers for the ingest tests: write small synthetic sources into tmp_path and read them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from timeline.ingest import IngestOptions, read_documents
from timeline.types import Document, Problem

Read = Callable[..., tuple[list[Document], list[Problem]]]


@pytest.fixture
def read() -> Read:
    """read(*sources, **options) -> (documents, problems)."""

    def _read(*sources: str | Path, **options: object) -> tuple[list[Document], list[Problem]]:
        return read_documents([str(s) for s in sources], IngestOptions(**options))  # type: ignore[arg-type]

    return _read
