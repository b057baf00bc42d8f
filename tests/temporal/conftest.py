"""Helpers for the temporal tests: the example corpus (phrase + reference -> expected)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline.temporal import trusted

EXAMPLES = Path(__file__).parent / "examples"


def load_examples() -> list[tuple[str, dict[str, Any]]]:
    """(id, example) for every example in examples/*.yaml, with its file's defaults applied."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        defaults = {k: v for k, v in data.items() if k != "examples"}
        for i, example in enumerate(data["examples"]):
            merged = {**defaults, **example}
            found.append((f"{path.stem}-{i}-{example['text'][:40]}", merged))
    return found


@pytest.fixture(autouse=True)
def validate_every_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine builds its models without validation (`trusted`); the tests validate each."""
    monkeypatch.setattr(trusted, "_VALIDATE", True)
