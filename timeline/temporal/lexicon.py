"""A language's lexicon (`resources/<lang>/lexicon.yaml`): word classes and what each word means.

The engine never names an English word; it asks the lexicon. A class maps words to values
("august" -> 8, "yesterday" -> {days: -1}); a list class just names words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)  # the same few hundred words, over and over
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

        Factored into a trie (one branch per first letter, not per word: the regex engine tries
        it far faster), in which a longer word is tried before a word it extends, so that
        "september" is tried before "sep". Classes listed as case-sensitive match in Title
        case or UPPER case only ("May" but not "may").
        """
        cls, _, minus = spec.partition("-")
        if cls not in self.classes:
            raise KeyError(f"lexicon {self.language!r} has no class {cls!r}")
        excluded = set(self.classes.get(minus, {})) if minus else set()
        words = sorted(w for w in self.classes[cls] if w not in excluded)
        if cls in self.case_sensitive:
            variants = [v for w in words for v in _cased(w)]
            return "(?-i:" + _word_trie(variants) + ")"
        return "(?:" + _word_trie(words) + ")"


def _cased(word: str) -> list[str]:
    title = " ".join(part[:1].upper() + part[1:] for part in word.split(" "))
    return list(dict.fromkeys([title, word.upper()]))


def _word_trie(words: list[str]) -> str:
    """An alternation of whole words as a trie. A space in a word matches any whitespace; an
    apostrophe matches either kind. A word ending in a letter must end there: "day" is not the
    start of "days"."""
    return trie_regex(words, _WORD_CHARACTERS, lambda word: _WORD_END if word[-1:].isalpha() else "")


_WORD_CHARACTERS = {" ": r"\s+", "'": "['\u2019]"}
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


def trie_regex(
    words: list[str], characters: dict[str, str] | None = None, ending: Callable[[str], str] | None = None
) -> str:
    """An alternation of `words` factored into a trie, which the regex engine tries far faster
    than a flat list (one branch per first letter instead of one per word). A longer word is
    tried before a word it extends. `characters` maps characters to regexes (" " -> r"\\s+");
    `ending(word)` is a regex that must follow the word (a lookahead), if any."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = ending(word) if ending else ""
    return _trie_pattern(trie, characters or {})


def _trie_pattern(node: dict[str, Any], characters: dict[str, str]) -> str:
    branches = [
        (characters.get(ch) or re.escape(ch)) + _trie_pattern(child, characters)
        for ch, child in sorted(node.items())
        if ch
    ]
    if "" in node:
        branches.append(node[""])  # the word ending here: tried after every longer one
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
