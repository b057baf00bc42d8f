"""`timeline build` over bad and good input: one line per problem, and the exit-status rules.

The later stages are replaced by empty ones here: these tests are about what reading the
input does to the command's output and exit status, whatever the stages after it find.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from timeline import pipeline
from timeline.cli import app


@pytest.fixture(autouse=True)
def reading_only(monkeypatch):
    monkeypatch.setattr(pipeline, "analyse_document", lambda document: [])
    monkeypatch.setattr(pipeline.merge, "merge_mentions", lambda mentions: ([], []))


def build(tmp_path, *args: str):
    result = CliRunner().invoke(app, ["build", *args, "--out", str(tmp_path / "site"), "--workers", "1"])
    return result.exit_code, result.stdout, result.stderr


def good(tmp_path, name="good.txt"):
    path = tmp_path / name
    path.write_text("---\npublished: 2025-08-19\ntimezone: UTC\n---\nA fine story.\n", encoding="utf-8")
    return path


def test_bad_input_is_one_line_each_and_the_good_document_is_built(tmp_path):
    good(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01" * 50)
    (tmp_path / "broken.md").write_text("---\ntitle: [x\n---\nText\n", encoding="utf-8")
    code, stdout, stderr = build(tmp_path, str(tmp_path))
    assert code == 0
    assert "Read 1 document" in stdout
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 3
    for name in ("empty.txt", "binary.txt", "broken.md"):
        assert sum(name in line and line.startswith("error:") for line in lines) == 1
    assert "Traceback" not in stderr
    sources = json.loads((tmp_path / "site" / "timeline.json").read_text("utf-8"))["sources"]
    assert [s["id"] for s in sources] == ["good"]
    assert sources[0]["provenance"]["published"] == "front_matter"


def test_strict_fails_when_any_source_could_not_be_read(tmp_path):
    good(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    code, _, stderr = build(tmp_path, str(tmp_path), "--strict")
    assert code == 1 and "empty.txt" in stderr


def test_strict_passes_when_every_source_is_read(tmp_path):
    good(tmp_path)
    code, _, _ = build(tmp_path, str(tmp_path), "--strict")
    assert code == 0


def test_no_readable_document_is_a_failure(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, _, stderr = build(tmp_path, str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"))
    assert code == 1
    assert "no such file or folder" in stderr and "no document could be read" in stderr
    assert not (tmp_path / "site").exists()


def test_published_and_tz_options_reach_the_documents(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("A story with no metadata.\n", encoding="utf-8")
    code, _, stderr = build(tmp_path, str(path), "--published", "2025-08-19", "--tz", "America/New_York")
    assert code == 0 and stderr.strip() == ""
    (source,) = json.loads((tmp_path / "site" / "timeline.json").read_text("utf-8"))["sources"]
    assert source["published"] == "2025-08-19T00:00:00-04:00"
    assert source["published_granularity"] == "day"
    assert source["provenance"]["published"] == "command_line"
    assert source["provenance"]["timezone"] == "command_line"


def test_manifest_option(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt").write_text("A story.\n", encoding="utf-8")
    manifest = tmp_path / "meta.toml"
    manifest.write_text('[documents."x.txt"]\npublished = 2025-08-19\ntimezone = "UTC"\noutlet = "Gazette"\n', encoding="utf-8")
    code, _, stderr = build(tmp_path, str(folder), "--manifest", str(manifest))
    assert code == 0 and stderr.strip() == ""
    (source,) = json.loads((tmp_path / "site" / "timeline.json").read_text("utf-8"))["sources"]
    assert source["outlet"] == "Gazette" and source["provenance"]["outlet"] == "manifest"


def test_read_shows_each_documents_context_as_json(seeds_dir):
    result = CliRunner().invoke(app, ["read", str(seeds_dir), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["problems"] == []
    by_id = {d["id"]: d for d in payload["documents"]}
    hill = by_id["000_dab2739ac07fd837"]
    assert hill["updated"] == "2025-08-19T16:32:00-04:00"
    assert hill["provenance"]["updated"] == "text"
    assert "text" not in hill and hill["characters"] > 0
    assert [s["reason"] for s in hill["excluded"]][-1] == "boilerplate: copyright line"


def test_read_table_and_its_exit_status(tmp_path, seeds_dir):
    result = CliRunner().invoke(app, ["read", str(seeds_dir)])
    assert result.exit_code == 0 and "The Hill" in result.stdout and "manifest" in result.stdout
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["read", str(tmp_path / "empty.txt")])
    assert result.exit_code == 1 and "empty file" in result.stderr
