"""`timeline tag --format timeml|table` and `timeline eval tempeval`."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from timeline.cli import app
from timeline.temporal.timeml import parse_timeml

runner = CliRunner()

_DOCUMENT = (
    '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06" functionInDocument="CREATION_TIME">'
    "19980206</TIMEX3></DCT><TEXT>Prices fell "
    '<TIMEX3 tid="t1" type="DATE" value="1998-02-05">yesterday</TIMEX3> after '
    '<TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> of gains, '
    'and <TIMEX3 tid="t3" type="DATE" value="1998-02-02">Monday</TIMEX3> too.</TEXT></TimeML>'
)


def _corpus(root: Path) -> Path:
    for folder in ("one", "two"):
        (root / folder).mkdir(parents=True)
        (root / folder / "doc.tml").write_text(_DOCUMENT, "utf-8")
    return root


def test_tag_writes_timeml_that_reads_back(tmp_path):
    path = tmp_path / "a.txt"
    text = "The senators met Monday & voted on Aug. 19, 2025."
    path.write_text(text, "utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "2025-08-19", "--format", "timeml"])
    assert result.exit_code == 0, result.output
    document = parse_timeml(result.output)
    assert document.dct == "2025-08-19"
    assert document.text == text
    assert [(t.text, t.value) for t in document.timexes] == [("Monday", "2025-08-18"), ("Aug. 19, 2025", "2025-08-19")]


def test_tag_table_names_value_anchor_and_rule(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("They met last Friday.", "utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "2025-08-19", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "2025-08-15" in result.output and "publication" in result.output


def test_eval_tempeval_prints_figures_per_folder_and_total(tmp_path):
    result = runner.invoke(app, ["eval", "tempeval", str(_corpus(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.strip("│ ").startswith("one") for line in lines)
    assert any(line.strip("│ ").startswith("two") for line in lines)
    total = next(line for line in lines if "total" in line)
    assert "100.0" in total  # the tagger gets this small corpus right


def test_eval_tempeval_lists_wrong_values(tmp_path):
    wrong = _DOCUMENT.replace('value="1998-02-02"', 'value="1998-02-09"')
    (tmp_path / "doc.tml").write_text(wrong, "utf-8")
    result = runner.invoke(app, ["eval", "tempeval", str(tmp_path), "--errors"])
    assert result.exit_code == 0, result.output
    assert "gold DATE 1998-02-09" in result.output and "found 'Monday' DATE 1998-02-02" in result.output


def test_eval_tempeval_on_a_folder_without_timeml_is_a_one_line_error(tmp_path):
    result = runner.invoke(app, ["eval", "tempeval", str(tmp_path)])
    assert result.exit_code == 2
    assert "no .tml files" in result.output


def test_tag_with_an_unknown_zone_is_a_one_line_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("at 4 p.m. Tuesday", "utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "2025-08-19", "--tz", "Mars/Olympus"])
    assert result.exit_code == 2
    assert "unknown timezone 'Mars/Olympus'" in result.output
    assert "Traceback" not in result.output
