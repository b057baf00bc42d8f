"""Whatever the bytes, reading yields documents or one-line problems naming the file; it never raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest import IngestOptions, read_documents
from timeline.types import Document

FRONT_MATTER_VALUES = st.one_of(
    st.text(max_size=30), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(),
    st.lists(st.text(max_size=5), max_size=3), st.dates().map(str), st.datetimes().map(str),
)
FIELDS = ("title", "published", "updated", "timezone", "language", "id", "url", "outlet", "colour")


def check(path, documents, problems) -> None:
    for problem in problems:
        assert problem.origin.startswith(str(path))
        assert "\n" not in problem.message and problem.message
        assert "please report" not in problem.message, problem.message
    for document in documents:
        assert isinstance(document, Document)
        for span in document.excluded:
            assert 0 <= span.start <= span.end <= len(document.text)


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".md"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(tmp_path, suffix, data):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    documents, problems = read_documents([path], IngestOptions(timezone="UTC"))
    check(path, documents, problems)
    assert documents or problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.dictionaries(st.sampled_from(FIELDS), FRONT_MATTER_VALUES, max_size=6), body=st.text(min_size=1, max_size=200))
def test_arbitrary_front_matter_values_never_raise(tmp_path, header, body):
    import yaml

    path = tmp_path / "story.txt"
    path.write_text("---\n" + yaml.safe_dump(header) + "---\n" + body, encoding="utf-8")
    documents, problems = read_documents([path])
    check(path, documents, problems)
