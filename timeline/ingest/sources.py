"""Command-line sources -> the files and URLs to read: files, folders (recursive), globs, URLs."""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.ingest.manifest import MANIFEST_NAMES
from timeline.types import Problem

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READABLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class FileSource:
    path: Path
    root: Path  # the folder named on the command line (for a file: its own folder)

    @property
    def origin(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class UrlSource:
    url: str

    @property
    def origin(self) -> str:
        return self.url


Source = FileSource | UrlSource


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def expand(sources: Sequence[str | Path]) -> Iterator[Source | Problem]:
    """Each source to read, once, in a stable order; a Problem for sources that name nothing."""
    seen: set[str] = set()
    for source in sources:
        for item in _expand_one(source):
            if isinstance(item, Problem):
                yield item
                continue
            key = item.url if isinstance(item, UrlSource) else str(item.path.resolve())
            if key not in seen:
                seen.add(key)
                yield item


def _expand_one(source: str | Path) -> Iterator[Source | Problem]:
    text = str(source)
    if isinstance(source, str) and is_url(text):
        yield UrlSource(text)
        return
    path = Path(source)
    if path.is_dir():
        yield from _folder(path)
    elif path.is_file():
        yield FileSource(path, path.parent)
    elif _GLOB_CHARACTERS & set(text):
        matches = sorted(glob.glob(text, recursive=True))
        if not matches:
            yield Problem(origin=text, message="no file matches this pattern; check the pattern and the folder")
        for match in matches:
            found = Path(match)
            if found.is_dir():
                yield from _folder(found)
            elif found.is_file() and _wanted(found):
                yield FileSource(found, found.parent)
    else:
        yield Problem(origin=text, message="no such file or folder; check the path (URLs must start with http:// or https://)")


def _folder(folder: Path) -> Iterator[FileSource | Problem]:
    found = False
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if _wanted(path):
            found = True
            yield FileSource(path, folder)
    if not found:
        kinds = ", ".join(sorted(READABLE_SUFFIXES))
        yield Problem(origin=str(folder), message=f"the folder holds no article files ({kinds})", severity="warning")


def _wanted(path: Path) -> bool:
    return path.suffix.lower() in READABLE_SUFFIXES and path.name not in MANIFEST_NAMES
