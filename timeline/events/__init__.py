"""Stage 3, events: a `Document` and its `Timex`es -> `Mention`s (dated, or undated background).

Contract used by the pipeline:

    extract_mentions(document, timexes) -> list[Mention]

Mentions with `time is None` are background with no temporal evidence; merge keeps them apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.types import Document, Mention, Timex


def extract_mentions(document: Document, timexes: Sequence[Timex]) -> list[Mention]:
    raise NotImplementedError
