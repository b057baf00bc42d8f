"""Stage 4, merge: `Mention`s from every document -> `Event`s, one per happening.

Contract used by the pipeline:

    merge_mentions(mentions) -> tuple[list[Event], list[Mention]]   # (events, undated)

Events come sorted by time, then id; the output depends only on the input (deterministic).
"""

from __future__ import annotations

from collections.abc import Iterable

from timeline.types import Event, Mention


def merge_mentions(mentions: Iterable[Mention]) -> tuple[list[Event], list[Mention]]:
    raise NotImplementedError
