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
