"""Event nouns read through their verbs: "delivery" -> "deliver", "flight" -> "fly".

News tells one happening with a verb in one article ("was delivered today") and a noun in the
next ("deliveries ... are not due until October"). Merging compares mentions by their verbs, so
an event noun is read as the verb it names: the lexicon's irregular nouns first, then suffix
rules checked against the dictionary (lemminflect), so "department" never becomes "depart" by
accident of spelling unless the dictionary and the rules agree (and the lexicon lists the
nouns where they agree wrongly).
"""

from __future__ import annotations

from functools import lru_cache

import lemminflect

from timeline.events import lexicon as lexicons
from timeline.events.tense import verb_forms


@lru_cache(maxsize=65536)
def _is_verb_lemma(word: str) -> bool:
    return word in lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ())


@lru_cache(maxsize=65536)
def event_verb(noun: str, language: str = lexicons.DEFAULT_LANGUAGE) -> str | None:
    """The verb an event noun (a singular lower-case lemma) names, or None."""
    lexicon = lexicons.load(language)
    if noun in lexicon.not_events:
        return None
    known = lexicon.noun_verbs.get(noun)
    if known:
        return known
    for suffix, replacement in lexicon.noun_suffixes:
        if not noun.endswith(suffix):
            continue
        stem = noun[: len(noun) - len(suffix)]
        if len(stem) < lexicon.min_stem:
            continue
        verb = stem + replacement
        if verb != noun and _is_verb_lemma(verb):
            return verb
    return None


@lru_cache(maxsize=65536)
def named_happening(word: str, language: str = lexicons.DEFAULT_LANGUAGE) -> str | None:
    """The verb a noun as written names when it names a happening: a derived noun's
    ("deliveries" -> "deliver"), or its own form when the lexicon knows it as one ("the
    delay", "its debut")."""
    lower = word.lower()
    verbs = verb_forms(lower)
    nouns = lemminflect.getAllLemmas(lower, upos="NOUN").get("NOUN")
    noun = nouns[0] if nouns else (verbs[0][0] if verbs else lower)
    verb = event_verb(noun, language)
    if verb:
        return verb
    zero_derived = lexicons.load(language).zero_derived
    if noun in zero_derived or lower in zero_derived:
        return verbs[0][0] if verbs else noun
    return None
