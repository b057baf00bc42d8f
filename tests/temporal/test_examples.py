"""The example corpus is the test suite: every phrase, tagged against its reference time,
must give exactly the expected expressions (text, type, value and, when given, mod)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.temporal.conftest import load_examples
from timeline.temporal import tag

EXAMPLES = load_examples()


@pytest.mark.parametrize("example", [e for _, e in EXAMPLES], ids=[i for i, _ in EXAMPLES])
def test_example(example: dict[str, Any]) -> None:
    found = tag(example["text"], example.get("reference"), timezone=example.get("timezone"))
    expected = [
        {k: str(v) for k, v in e.items()} for e in example["expect"]
    ]
    keys = [set(e) for e in expected]
    got = [
        {k: str(getattr(t, k)) for k in (keys[i] if i < len(keys) else {"text", "type", "value"})}
        for i, t in enumerate(found)
    ]
    assert got == expected
