"""Stage 5, render: a `Timeline` -> a static site (index.html, timeline.json, its schema).

Contract used by the pipeline:

    write_site(timeline, out_dir, *, cdn=False) -> None

Writes into a temporary directory beside `out_dir`, then renames it into place, so a failed
build never leaves a half-written site. The same timeline gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from timeline.types import Timeline


def write_site(timeline: Timeline, out_dir: Path, *, cdn: bool = False) -> None:
    raise NotImplementedError
