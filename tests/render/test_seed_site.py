"""The committed seed site in site/ is what a fresh `timeline build` makes, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.pipeline import BuildOptions, build

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "site"


def test_a_fresh_build_reproduces_the_committed_site(tmp_path, monkeypatch):
    if not (SITE / "index.html").is_file():
        pytest.skip("site/ is not committed yet: run `make build` and commit it")
    # `make build` runs `timeline build` in the repository, reading seeds/ by a relative path.
    monkeypatch.chdir(REPO)
    build(["seeds"], tmp_path / "site", BuildOptions(workers=1))
    fresh = {p.name: p.read_bytes() for p in (tmp_path / "site").iterdir()}
    committed = {p.name: p.read_bytes() for p in SITE.iterdir()}
    assert sorted(fresh) == sorted(committed)
    stale = sorted(name for name in fresh if fresh[name] != committed[name])
    assert not stale, f"site/ is stale ({', '.join(stale)} differ): run `make build` and commit site/"
