"""Verbs that tell one happening in other words ("acquire" / "buy", "select" / "choose"), and
verbs that tell the course of a happening their words name ("the delivery was delayed").

The lists are data (`resources/<language>/happenings.yaml`); each verb is compared as the
first verb of its class, so two outlets' wordings of one happening meet on one key.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from timeline.events.lexicon import DEFAULT_LANGUAGE


@lru_cache(maxsize=8)
def _resource(language: str) -> dict:
    path = resources.files("timeline.merge") / "resources" / language / "happenings.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=8)
def course_verbs(language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """Verbs that tell the course of a happening their words name ("was delayed")."""
    return frozenset(str(v) for v in _resource(language).get("course", []))


@lru_cache(maxsize=8)
def happening_classes(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Verb -> the verb its class is compared by (only verbs that have synonyms)."""
    data = _resource(language)
    canonical: dict[str, str] = {}
    for verbs in data.get("classes", []):
        words = [str(v) for v in verbs]
        for word in words[1:]:
            canonical.setdefault(word, words[0])
    return canonical

