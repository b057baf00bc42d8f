"""Keeping the warning stream readable: one line for a warning that many documents share."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from timeline.types import Problem

# Up to this many documents with the same warning are listed one by one.
_LISTED = 3
_LINE_NUMBER = re.compile(r":\d+$")


class WarningDigest:
    """Errors pass straight through; warnings wait, so that identical ones can be folded.

    "no timezone given" for 500 files becomes one warning naming their folder and count;
    each document still carries the warning in its own `notes`.
    """

    def __init__(self) -> None:
        self._waiting: dict[str, list[Problem]] = {}

    def add(self, problem: Problem) -> Iterator[Problem]:
        if problem.severity == "error":
            yield problem
        else:
            self._waiting.setdefault(problem.message, []).append(problem)

    def summary(self) -> Iterator[Problem]:
        for message, problems in self._waiting.items():
            if len(problems) <= _LISTED:
                yield from problems
            else:
                where = _common_folder([p.origin for p in problems])
                yield Problem(origin=f"{where} ({len(problems)} documents)", message=message, severity="warning")
        self._waiting.clear()


def _common_folder(origins: list[str]) -> str:
    folders = [str(Path(_LINE_NUMBER.sub("", origin)).parent) for origin in origins]
    try:
        return os.path.commonpath(folders) or "."
    except ValueError:  # absolute and relative paths, or URLs, mixed
        return "several sources"
