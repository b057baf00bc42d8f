"""The TempEval-3 scorer on handcrafted cases whose figures can be worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.temporal.evaluate import compare, evaluate, scores
from timeline.temporal.timeml import GoldTimex


def g(start, end, type_="DATE", value="1999-03-04"):
    return GoldTimex(start, end, "x" * (end - start), type_, value)


def test_identical_annotations_score_perfectly():
    gold = [g(0, 5), g(10, 20, "DURATION", "P3Y")]
    s = scores(compare("d", gold, gold))
    assert (s.strict_f1, s.relaxed_f1, s.type_accuracy, s.value_accuracy, s.value_f1) == (1, 1, 1, 1, 1)


def test_overlap_counts_as_relaxed_but_not_strict():
    s = scores(compare("d", [g(0, 10)], [g(4, 10)]))
    assert s.strict_f1 == 0
    assert s.relaxed_precision == s.relaxed_recall == 1


def test_value_f1_is_relaxed_f1_times_value_accuracy():
    gold = [g(0, 5), g(10, 15), g(20, 25), g(30, 35)]
    system = [g(0, 5), g(10, 15, value="1999-03-05"), g(40, 45)]  # 2 relaxed matches, 1 right value
    c = compare("d", gold, system)
    s = scores(c)
    assert s.relaxed_precision == pytest.approx(2 / 3)
    assert s.relaxed_recall == pytest.approx(2 / 4)
    assert s.value_accuracy == pytest.approx(1 / 2)
    assert s.value_f1 == pytest.approx(s.relaxed_f1 * 0.5)
    assert [(e.gold_value, e.system_value) for e in c.errors] == [("1999-03-04", "1999-03-05")]
    assert len(c.missed) == 2 and len(c.spurious) == 1


def test_each_expression_is_matched_once():
    s = scores(compare("d", [g(0, 10)], [g(0, 4), g(5, 10)]))
    assert s.relaxed_precision == pytest.approx(1 / 2)
    assert s.relaxed_recall == 1


def test_evaluate_reports_unreadable_files_and_scores_the_rest(tmp_path: Path):
    good = tmp_path / "a.tml"
    good.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" value="1999-03-05" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>'
        '<TEXT>It fell <TIMEX3 tid="t1" type="DATE" value="1999-03-04">yesterday</TIMEX3>.</TEXT></TimeML>',
        "utf-8",
    )
    bad = tmp_path / "b.tml"
    bad.write_text("<TimeML>no text</TimeML>", "utf-8")
    result = evaluate([good, bad], lambda doc: list(doc.timexes))
    assert result.documents == 1
    assert len(result.problems) == 1 and "b.tml" in result.problems[0]
    assert result.scores.value_f1 == 1
