"""The grammar's reading of its own patterns: which words a rule's match can begin with."""

from __future__ import annotations

import re

from timeline.temporal.grammar import _parsed, first_pairs, first_words


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


def _pairs(pattern: str) -> dict[str, str | None] | None:
    found = first_pairs(_parsed(re.compile(pattern, re.IGNORECASE)))
    return None if found is None else {first: None if s is None else "".join(sorted(s)) for first, s in found.items()}


def test_the_two_characters_a_pattern_can_begin_with_are_listed_in_lower_case():
    # "1998" begins no month of "10/19/98": after a "1" only "0"-"2" or "/" can come.
    assert _pairs(r"(?<![\d/])(?:1[0-2]|[1-3])/") == {"1": "/012", "2": "/", "3": "/"}
    assert _pairs(r"P\.?M") == {"p": ".m"}


def test_a_match_that_may_end_after_one_character_may_be_followed_by_anything():
    assert _pairs(r"\d(?:st)?") == dict.fromkeys("0123456789")
    assert _pairs(r"a\w") == {"a": None}


def test_whitespace_is_listed_as_every_character_that_is_space():
    found = _pairs(r"4\s?pm")
    assert found is not None and {" ", "\t", "\xa0", "\u3000", "p"} <= set(found["4"] or "")


def test_a_pattern_that_can_begin_with_anything_has_no_list():
    assert _pairs(r"\w+ ago") is None
    assert _pairs(r"(?:x)?") is None
