"""The grammar's reading of its own patterns: which words a rule's match can begin with."""

from __future__ import annotations

import re

from timeline.temporal.grammar import first_words


def _words(pattern: str) -> tuple[frozenset[str], tuple[str, ...]] | None:
    return first_words(re.compile(pattern, re.IGNORECASE))


def test_the_words_a_pattern_can_begin_with_are_listed_in_lower_case():
    assert _words(r"(?<!\w)(?:The\s+)?(?:next|last)(?![\w-])\s+week") == (frozenset({"the", "next", "last"}), ())


def test_a_word_the_pattern_may_end_inside_is_a_prefix():
    # "mid" may be followed by anything: "midsummer" begins a match too.
    assert _words(r"mid") == (frozenset(), ("mid",))


def test_letters_through_an_optional_separator_make_one_word():
    assert _words(r"mid-?(?:summer|winter)(?!\w)") == (frozenset({"mid", "midsummer", "midwinter"}), ())


def test_a_pattern_that_can_begin_with_any_word_has_no_list():
    assert _words(r"\w+\s+ago") is None
    assert _words(r"[a-z]+day") is None
