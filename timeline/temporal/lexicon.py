"""A language's lexicon (`resources/<lang>/lexicon.yaml`): word classes and what each word means.

The engine never names an English word; it asks the lexicon. A class maps words to values
("august" -> 8, "yesterday" -> {days: -1}); a list class just names words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_SPACES = re.compile(r"\s+")


def normalise(word: str) -> str:
    """The form a word is looked up under: lower case, plain apostrophes, single spaces, no final dot."""
    return _SPACES.sub(" ", word.translate(_APOSTROPHES).lower()).strip().rstrip(".")


class UnknownLanguage(ValueError):
    pass


@dataclass(frozen=True)
class Lexicon:
    language: str
    classes: dict[str, dict[str, Any]]
    case_sensitive: frozenset[str]

    def lookup(self, cls: str, word: str) -> Any:
        """The value of `word` in class `cls`, or None."""
        return self.classes.get(cls, {}).get(normalise(word))

    def words(self, cls: str) -> list[str]:
        return list(self.classes.get(cls, {}))

    def alternation(self, spec: str) -> str:
        """A non-capturing regex for the words of a class spec: 'months' or 'months-ambiguous_months'.

        Longest words first, so that "september" is tried before "sep". Classes listed as
        case-sensitive match in Title case or UPPER case only ("May" but not "may").
        """
        cls, _, minus = spec.partition("-")
        if cls not in self.classes:
            raise KeyError(f"lexicon {self.language!r} has no class {cls!r}")
        excluded = set(self.classes.get(minus, {})) if minus else set()
        words = sorted((w for w in self.classes[cls] if w not in excluded), key=lambda w: (-len(w), w))
        if cls in self.case_sensitive:
            variants = [v for w in words for v in _cased(w)]
            return "(?-i:" + "|".join(_word_regex(v) for v in variants) + ")"
        return "(?:" + "|".join(_word_regex(w) for w in words) + ")"


def _cased(word: str) -> list[str]:
    title = " ".join(part[:1].upper() + part[1:] for part in word.split(" "))
    return list(dict.fromkeys([title, word.upper()]))


def _word_regex(word: str) -> str:
    # A space in a lexicon entry matches any whitespace; an apostrophe matches either kind. A
    # word ending in a letter must end there: "day" is not the start of "days".
    escaped = re.escape(word).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
    return escaped + _WORD_END if word[-1:].isalpha() else escaped


_WORD_END = r"(?![^\W\d_])"


@cache
def load(language: str) -> Lexicon:
    raw = _read_yaml(language, "lexicon.yaml")
    classes: dict[str, dict[str, Any]] = {}
    case_sensitive = frozenset(raw.pop("case_sensitive", ()))
    for name, entries in raw.items():
        if isinstance(entries, dict):
            classes[name] = {normalise(str(k)): v for k, v in entries.items()}
        else:
            classes[name] = {normalise(str(k)): True for k in entries}
    return Lexicon(language, classes, case_sensitive)


def _read_yaml(language: str, name: str) -> dict[str, Any]:
    folder = resources.files("timeline.temporal.resources").joinpath(language)
    path = folder.joinpath(name)
    if not path.is_file():
        raise UnknownLanguage(f"no temporal resources for language {language!r}")
    return yaml.safe_load(path.read_text("utf-8"))


def read_resource(language: str, name: str) -> dict[str, Any]:
    """Another YAML resource of the language (rules, tense cues)."""
    return _read_yaml(language, name)


def trie_regex(words: list[str], space: str = " ") -> str:
    """An alternation of `words` factored into a trie, which the regex engine tries far faster
    than a flat list (one branch per first letter instead of one per word). A space in a word
    becomes `space` (a regex, e.g. r"\\s+")."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie, space)


def _trie_pattern(node: dict[str, Any], space: str) -> str:
    branches = [
        (space if ch == " " else re.escape(ch)) + _trie_pattern(child, space)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body
