"""A screenshot of a built site, for the README: python -m timeline.render.screenshot PAGE PNG.

The chart is shown with the hover label of its busiest event, as a reader first sees it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.render.browser import BrowserUnavailable, chromium

VIEWPORT = {"width": 1280, "height": 860}


def take(page_path: Path, png: Path) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("#chart .cartesianlayer .point")
        largest = max(
            page.locator("#chart .cartesianlayer .point").all(),
            key=lambda point: (point.bounding_box() or {"width": 0})["width"],
        )
        box = largest.bounding_box()
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(300)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("page", type=Path, help="the site's index.html")
    parser.add_argument("png", type=Path, help="where to write the PNG")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        print(f"error: {args.page}: no such file (run `make build` first)", file=sys.stderr)
        return 2
    try:
        take(args.page, args.png)
    except BrowserUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
