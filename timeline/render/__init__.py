"""Stage 5, render: a `Timeline` -> a static site (index.html, timeline.json, its schema).

Contract used by the pipeline:

    write_site(timeline, out_dir, *, cdn=False) -> None

Writes into a temporary directory beside `out_dir`, then renames it into place, so a failed
build never leaves a half-written site. The same timeline gives byte-identical files.
Raises `SiteError` (a one-line message naming the folder) when the site cannot be written.
"""

from __future__ import annotations

from timeline.render.site import SiteError, render_files, write_site

__all__ = ["SiteError", "render_files", "write_site"]
