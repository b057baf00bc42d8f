"""The CLI's own behaviour: version, help, one-line errors, the `tag` JSON contract."""

import json

import pytest
from typer.testing import CliRunner

from timeline import __version__
from timeline.cli import app

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"timeline {__version__}"


def test_help_shows_examples():
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    assert "timeline build" in result.output


def test_tag_json_contract(tmp_path):
    text = "Leavitt said Tuesday that the leaders met last Friday."
    path = tmp_path / "a.txt"
    path.write_text(text, "utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "2025-08-19", "--format", "json"])
    assert result.exit_code == 0, result.output
    timexes = json.loads(result.output)["timexes"]
    assert [(t["text"], t["type"], t["value"]) for t in timexes] == [
        ("Tuesday", "DATE", "2025-08-19"),
        ("last Friday", "DATE", "2025-08-15"),
    ]
    for t in timexes:
        assert text[t["start"]:t["end"]] == t["text"]


def test_tag_missing_file_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["tag", str(tmp_path / "nope.txt"), "--dct", "2025-08-19"])
    assert result.exit_code == 2
    assert "nope.txt" in result.output and "no such file" in result.output
    assert "Traceback" not in result.output


def test_tag_rejects_unreadable_dct(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Monday", "utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "next tuesday-ish"])
    assert result.exit_code == 2
    assert "--dct" in result.output
    assert "2025-08-19" in result.output, "the message shows the form to write"


def test_an_impossible_date_is_refused_with_the_form_to_write(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Monday", "utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "2025-02-30"])
    assert result.exit_code == 2
    assert "'2025-02-30' is not a valid ISO 8601 date" in result.output
    assert "Unable to parse" not in result.output


def test_tag_non_utf8_names_the_file(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 opened on Monday".encode("latin-1"))
    result = runner.invoke(app, ["tag", str(path), "--dct", "2025-08-19"])
    assert result.exit_code == 2
    assert "latin1.txt" in result.output and "UTF-8" in result.output


def test_build_with_nothing_readable_fails_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    out = tmp_path / "site"
    result = runner.invoke(app, ["build", str(empty), "--out", str(out)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output
    assert not out.exists()


def test_dct_without_offset_is_read_in_the_given_zone(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The vote was held this morning.", "utf-8")
    result = runner.invoke(
        app, ["tag", str(path), "--dct", "2025-08-19T10:00", "--tz", "America/New_York", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (timex,) = json.loads(result.output)["timexes"]
    assert timex["value"] == "2025-08-19TMO"
    assert timex["interval"]["start"].endswith("-04:00")


def test_unknown_zone_is_one_line_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Monday", "utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "2025-08-19T10:00", "--tz", "Mars/Olympus"])
    assert result.exit_code == 2
    assert "Mars/Olympus" in result.output


# --tz values and the UTC offset they give on 2025-08-19: every command reads them alike.
_ZONES = [("America/New_York", "-04:00"), ("+05:30", "+05:30"), ("UTC+2", "+02:00"), ("EDT", "-04:00")]
_NOT_ZONES = ["Mars/Olympus", "+15:00"]


@pytest.mark.parametrize(("zone", "offset"), _ZONES)
def test_tag_reads_a_time_without_offset_in_the_tz_zone(tmp_path, zone, offset):
    path = tmp_path / "a.txt"
    path.write_text("The vote was held this morning.", "utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "2025-08-19T10:00", "--tz", zone, "--format", "json"])
    assert result.exit_code == 0, result.output
    (timex,) = json.loads(result.output)["timexes"]
    assert timex["interval"]["start"] == f"2025-08-19T06:00:00{offset}"


@pytest.mark.parametrize(("zone", "offset"), _ZONES)
def test_build_reads_the_documents_and_the_published_time_in_the_tz_zone(tmp_path, zone, offset):
    (tmp_path / "story.txt").write_text("The council met on Tuesday to vote on the budget.\n", "utf-8")
    out = tmp_path / "site"
    result = runner.invoke(app, ["build", str(tmp_path / "story.txt"), "--out", str(out), "--workers", "1",
                                 "--tz", zone, "--published", "2025-08-19T10:00"])
    assert result.exit_code == 0, result.output
    (source,) = json.loads((out / "timeline.json").read_text("utf-8"))["sources"]
    assert source["published"] == f"2025-08-19T10:00:00{offset}"
    assert source["provenance"]["timezone"] == "command_line"


@pytest.mark.parametrize("command", ["build", "read", "tag"])
@pytest.mark.parametrize("zone", _NOT_ZONES)
def test_a_tz_that_names_no_zone_is_refused_by_every_command(tmp_path, command, zone):
    path = tmp_path / "a.txt"
    path.write_text("The council met on Tuesday to vote on the budget.", "utf-8")
    out = tmp_path / "site"
    arguments = {"build": ["build", str(path), "--out", str(out)]}.get(command, [command, str(path)])
    result = runner.invoke(app, [*arguments, "--tz", zone])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"error: --tz: unknown timezone {zone!r}")
    assert "America/New_York" in line, "the message shows a value to write"
    assert not out.exists()


def test_progress_shows_a_count_then_a_total():
    from rich.progress import Progress

    from timeline.cli import _DocumentsColumn, _RateColumn

    progress = Progress(disable=True)
    task = progress.add_task("Reading and analysing", total=None)
    column = _DocumentsColumn()
    assert column.render(progress.tasks[0]).plain == ""  # nothing yet, total unknown
    progress.advance(task, 1200)
    assert column.render(progress.tasks[0]).plain == "1,200 documents"
    progress.update(task, total=20000)
    assert column.render(progress.tasks[0]).plain == "1,200/20,000 documents"
    assert _RateColumn().render(progress.tasks[0]).plain == ""  # one sample: no rate yet
    progress.tasks[0].finished_speed = 1234.4
    assert _RateColumn().render(progress.tasks[0]).plain == "1,234/s"


def test_a_build_on_a_terminal_shows_progress_and_one_line_problems(tmp_path, monkeypatch):
    import io

    from rich.console import Console

    from timeline import cli, pipeline

    monkeypatch.setattr(pipeline, "analyse_document", lambda document: [])
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=100))
    for n in range(30):
        (tmp_path / f"story{n:02d}.txt").write_text(f"---\npublished: 2025-08-19\ntimezone: UTC\n---\nStory number {n}.\n", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    seen: list[int] = []
    real_build = cli.build

    def build(*args, **kwargs):
        advance = kwargs["progress"]
        kwargs["progress"] = lambda count: (seen.append(count), advance(count))
        return real_build(*args, **kwargs)

    monkeypatch.setattr(cli, "build", build)
    result = cli._build_with_progress([str(tmp_path)], tmp_path / "site", cli.BuildOptions(workers=1))
    cli._print_problems(result.problems)
    assert sum(seen) == 31
    shown = screen.getvalue()
    assert "Writing the site" in shown  # the last stage, drawn before the display is cleared
    (line,) = [line for line in shown.splitlines() if "error:" in line]
    assert line.endswith("empty.txt: empty file: there is no text to read; add the article text or remove the file")
