"""Manifests: `sources.yaml` / `sources.toml` giving metadata for files that carry none.

    defaults:            # optional: for every document the manifest covers
      timezone: America/New_York
    documents:           # keys: file names relative to the manifest's folder, or URLs
      000_dab2739ac07fd837.txt:
        title: Trump floats air support for Ukraine as part of security guarantees
        outlet: The Hill
        published: 2025-08-19

A manifest beside the files (in a file's folder or in a folder above it, up to the folder
named on the command line) is used automatically; `--manifest` names one explicitly, which
then wins over the automatic ones.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from timeline.ingest.decode import DecodeError, decode
from timeline.ingest.model import Fields, normalise_fields
from timeline.types import Problem

MANIFEST_NAMES = ("sources.yaml", "sources.yml", "sources.toml")


class ManifestError(ValueError):
    pass


@dataclass(frozen=True)
class Manifest:
    path: Path
    defaults: Fields = field(default_factory=dict)
    documents: dict[str, Fields] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return self.path.parent

    def entry_for(self, location: str | Path) -> Fields | None:
        """The entry naming `location` (a path or URL), by path relative to the manifest or by URL."""
        if isinstance(location, str):
            return self.documents.get(location)
        try:
            relative = location.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return None
        return self.documents.get(relative) or self.documents.get(location.name)

    def covers(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.folder.resolve())


def _parse(path: Path, text: str) -> Any:
    if path.suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ManifestError(f"not valid TOML ({exc})") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ManifestError(f"not valid YAML{where} ({getattr(exc, 'problem', None) or exc})") from exc


def load_manifest(path: Path) -> Manifest:
    """Read a manifest, or raise `ManifestError` saying what is wrong with it."""
    try:
        raw = _parse(path, decode(path.read_bytes()).text)
    except OSError as exc:
        raise ManifestError(f"cannot be read ({exc.strerror})") from exc
    except DecodeError as exc:
        raise ManifestError(str(exc)) from exc
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ManifestError("must be a mapping with 'documents' (and optionally 'defaults')")
    unexpected = sorted(set(raw) - {"documents", "defaults"})
    if unexpected:
        raise ManifestError(
            f"unexpected top-level keys {', '.join(map(str, unexpected))}; "
            "put per-file metadata under 'documents:' and shared metadata under 'defaults:'"
        )
    notes: list[str] = []
    defaults = _fields(raw.get("defaults") or {}, "defaults", notes)
    documents_raw = raw.get("documents") or {}
    if not isinstance(documents_raw, dict):
        raise ManifestError("'documents' must map file names to their metadata")
    documents = {
        str(name).replace("\\", "/").removeprefix("./"): _fields(entry or {}, str(name), notes)
        for name, entry in documents_raw.items()
    }
    return Manifest(path=path, defaults=defaults, documents=documents, notes=tuple(notes))


def _fields(raw: Any, where: str, notes: list[str]) -> Fields:
    if not isinstance(raw, dict):
        raise ManifestError(f"the entry for {where} must be a mapping of metadata keys to values")
    fields, unknown = normalise_fields(raw, "manifest")
    if unknown:
        notes.append(f"keys not understood in the entry for {where}, ignored: {', '.join(unknown)}")
    return fields


class ManifestFinder:
    """Finds and caches the manifests that apply to each file; reports each broken one once."""

    def __init__(self, explicit: Path | None) -> None:
        self._by_folder: dict[Path, Manifest | None] = {}
        self.problems: list[Problem] = []
        self.explicit: Manifest | None = None
        if explicit is not None:
            self.explicit = self._load(explicit, must_exist=True)

    def _load(self, path: Path, *, must_exist: bool = False) -> Manifest | None:
        if must_exist and not path.is_file():
            self.problems.append(Problem(origin=str(path), message="manifest not found; check the --manifest path"))
            return None
        try:
            manifest = load_manifest(path)
        except ManifestError as exc:
            self.problems.append(
                Problem(origin=str(path), message=f"manifest {exc}; its metadata is not used")
            )
            return None
        self.problems.extend(
            Problem(origin=str(path), message=note, severity="warning") for note in manifest.notes
        )
        return manifest

    def _in_folder(self, folder: Path) -> Manifest | None:
        if folder not in self._by_folder:
            found = [folder / name for name in MANIFEST_NAMES if (folder / name).is_file()]
            manifest = self._load(found[0]) if found else None
            if len(found) > 1:
                self.problems.append(Problem(
                    origin=str(found[1]), severity="warning",
                    message=f"ignored: {found[0].name} in the same folder is used; keep one manifest per folder",
                ))
            self._by_folder[folder] = manifest
        return self._by_folder[folder]

    def for_path(self, path: Path, root: Path) -> list[Manifest]:
        """The manifests that apply to `path`, strongest first: explicit, then nearest folder up."""
        found = [self.explicit] if self.explicit else []
        folder = path.parent.resolve()
        root = root.resolve()
        while True:
            manifest = self._in_folder(folder)
            if manifest is not None and not self._is_explicit(manifest):
                found.append(manifest)
            if folder == root or folder.parent == folder or not folder.is_relative_to(root):
                break
            folder = folder.parent
        return found

    def _is_explicit(self, manifest: Manifest) -> bool:
        return self.explicit is not None and self.explicit.path.resolve() == manifest.path.resolve()

    def for_url(self, url: str) -> list[Manifest]:
        return [self.explicit] if self.explicit else []

    def take_problems(self) -> list[Problem]:
        taken, self.problems = self.problems, []
        return taken
