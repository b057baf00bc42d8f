"""Reading TimeML (TempEval-3 conventions) and writing it."""

from __future__ import annotations

import pytest

from timeline.temporal import tag
from timeline.temporal.timeml import TimeMLError, parse_timeml, to_timeml

SNIPPET = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1999-03-05" temporalFunction="false" functionInDocument="CREATION_TIME">19990305</TIMEX3></DCT>
<TEXT>
Prices <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> &amp; rose <TIMEX3 tid="t1" type="DATE" value="1999-03-04">yesterday</TIMEX3>, after <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_reads_dct_text_without_tags_and_gold_offsets():
    doc = parse_timeml(SNIPPET, "X1")
    assert doc.dct == "1999-03-05"
    assert "<" not in doc.text and "&amp;" not in doc.text and "fell & rose" in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "1999-03-04"),
        ("three years", "DURATION", "P3Y"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text


def test_missing_dct_is_a_clear_error():
    with pytest.raises(TimeMLError, match="creation time"):
        parse_timeml("<TimeML><TEXT>nothing</TEXT></TimeML>")


def test_missing_text_is_a_clear_error():
    with pytest.raises(TimeMLError, match="TEXT"):
        parse_timeml('<TimeML><TIMEX3 functionInDocument="CREATION_TIME" value="1999-01-01">x</TIMEX3></TimeML>')


def test_written_timeml_reads_back_to_the_same_expressions():
    text = "Sales rose 5% & more on Monday, Aug. 18, 2025, after <three years> of decline."
    timexes = tag(text, "2025-08-19")
    written = to_timeml(text, timexes, "2025-08-19")
    doc = parse_timeml(written)
    assert doc.dct == "2025-08-19"
    assert doc.text == text
    assert [(t.start, t.end, t.type, t.value) for t in doc.timexes] == [
        (t.start, t.end, t.type, t.value) for t in timexes
    ]
