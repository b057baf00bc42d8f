"""One happening told several times in one article takes the time its dated telling gives.

News names a happening once with its time ("launched the iTunes Music Store on April 28,
2003"; "signed the agreement in Paris on June 15") and then refers back to it with a noun or
a verb and no time ("Since its launch the store has sold ..."; "it had signed a contract").
Within one document, an event noun or a secondary verb with no time of its own whose verb is
the predicate of an explicitly dated statement refers to that happening, and takes its time
(inferred, with the dated statement's words as evidence).

Reporting verbs and the most general verbs ("say", "make") are too general to refer back this way, and
a predicate dated differently by several statements is ambiguous: the nearest statement wins.
An event noun refers back only when it is determined ("its launch", "Jobs' death", "the
delivery") and a secondary verb only from a neighbouring sentence, and either one only when
its sentence shares a participant or another word with the dated statement: a bare noun
("a deal", "contract") is a new happening, or none. A verb and its particle tell the happening
a phrasal noun names ("attempting to take over" / "the takeover"), and the same definite noun
repeated shortly after a reference refers through it ("... the takeover ... The takeover is
unlikely ...").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from timeline.events import lexicon as lexicons
from timeline.events.attach import _STATES, Analysis, Reading
from timeline.events.derivation import named_happening
from timeline.events.lexicon import Lexicon
from timeline.events.narrative import Dating, narrative_evidence
from timeline.events.tense import verb_forms
from timeline.types import Mention, TimeEvidence

COREFERENCE_RULE = "coreference"
# How far (in sentences) a secondary verb refers back or ahead with no shared word.
_NEIGHBOURS = 1
# Words between a determiner and its event noun ("its new superjumbo", "Jobs' medical leave").
_DETERMINER_REACH = 3
# Determiners of a noun phrase that refers to something already known ("a meeting" is new).
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Words after a verb within which its object's event noun is looked for.
_OBJECT_REACH = 4
# How many sentences after a telling "the deal" refers to it with no other shared word.
_ANAPHORA_REACH = 2


@dataclass(frozen=True)
class Telling:
    """An explicitly dated statement (found under its predicate): its sentence and time."""

    sentence: int
    mention: Mention
    words: frozenset[str]
    # A definite noun that referred to the telling ("... the takeover ... The takeover is
    # unlikely ..."): only the same noun, shortly after, refers through it.
    chained: bool = False


def _tellings(
    drafts: Sequence[tuple[Mention, Analysis, Reading]], lexicon: Lexicon,
    terms_of: dict[int, frozenset[str]],
) -> dict[str, list[Telling]]:
    """Explicitly dated readings by the verb they tell; a state ("has been on medical leave
    since January") tells the happenings its words name."""
    found: dict[str, list[Telling]] = {}
    for mention, analysis, reading in drafts:
        if mention.time is None or mention.inferred or mention.modality == "hypothetical":
            continue
        if reading.lemma in _STATES or mention.time.start is None:
            continue
        words = terms_of[analysis.sentence.index]
        index = analysis.sentence.index
        found.setdefault(reading.lemma, []).append(Telling(index, mention, words))
        phrasal = _phrasal(analysis, reading, lexicon)
        if phrasal:  # "attempting to take over Aer Lingus": "the takeover"
            found.setdefault(phrasal, []).append(Telling(index, mention, words))
        if not reading.noun:
            told = _object_happening(analysis, reading.head, lexicon)
            if told and told != reading.lemma:
                found.setdefault(told, []).append(Telling(index, mention, words))
    return found


def _phrasal(analysis: Analysis, reading: Reading, lexicon: Lexicon) -> str | None:
    """The phrasal verb a verb and the particle after it make ("take over"), when an event
    noun names it ("takeover")."""
    tokens = analysis.sentence.tokens
    after = reading.head + 1
    if reading.noun or after >= len(tokens):
        return None
    phrasal = f"{reading.lemma} {tokens[after].lower}"
    return phrasal if phrasal in _phrasal_verbs(lexicon.language) else None


@lru_cache(maxsize=8)
def _phrasal_verbs(language: str) -> frozenset[str]:
    return frozenset(v for v in lexicons.load(language).noun_verbs.values() if " " in v)


def _object_happening(analysis: Analysis, head: int, lexicon: Lexicon) -> str | None:
    """The verb of an event noun that is the object of a verb: "signed the agreement on
    June 15" tells the agreement too."""
    tokens = analysis.sentence.tokens
    for j in range(head + 1, min(len(tokens), head + 1 + _OBJECT_REACH)):
        token = tokens[j]
        if not token.is_word or j in analysis.blocked or j in analysis.verb_heads:
            return None
        lower = token.bare.lower()
        if lower in lexicon.determiners or lower in lexicon.possessives:
            continue
        if lexicon.is_function_word(lower):
            return None
        verb = _noun_verb(lower, lexicon)
        if verb and _heads_phrase(analysis, j, lexicon):
            return verb
    return None


def _noun_verb(lower: str, lexicon: Lexicon) -> str:
    """The verb an event noun names ("delivery", "the delay"), or ''."""
    return named_happening(lower, lexicon.language) or ""


def _words(mention: Mention, analysis: Analysis) -> frozenset[str]:
    """The key terms and named participants of a sentence (the speaker is not a participant:
    one spokesperson tells many happenings)."""
    names = {f"@{a.key}" for a in analysis.actors if a.name != analysis.attribution}
    return frozenset(mention.keywords) | names


def _determined(analysis: Analysis, i: int, lexicon: Lexicon) -> bool:
    """A determiner or a possessive name shortly before token i: a noun phrase that refers."""
    tokens = analysis.sentence.tokens
    for j in range(i - 1, max(-1, i - 1 - _DETERMINER_REACH), -1):
        token = tokens[j]
        if token.lower in _DEFINITE or token.lower in lexicon.possessives or (
            token.is_possessive or token.text in "’'"
        ):
            return True
        if token.lower in lexicon.determiners:
            return False
        if not token.is_word or token.lower in lexicon.prepositions:
            return False
    return False


def _heads_phrase(analysis: Analysis, i: int, lexicon: Lexicon) -> bool:
    """Token i ends its noun phrase ("the delay in", not "a free case"): nothing but a
    function word, a verb or punctuation follows it."""
    tokens = analysis.sentence.tokens
    if i + 1 >= len(tokens):
        return True
    after = tokens[i + 1]
    return (
        not after.is_word or lexicon.is_function_word(after.lower)
        or after.lower in lexicon.auxiliaries or i + 1 in analysis.verb_heads
    )


def _candidates(analysis: Analysis, taken: set[int], lexicon: Lexicon) -> list[Reading]:
    """Event nouns and secondary verbs of a sentence that carry no time of their own."""
    names = {i for a in analysis.actors for i in range(a.first, a.last + 1)}
    out: list[Reading] = []
    for i, token in enumerate(analysis.sentence.tokens):
        if i in taken or i in names or i in analysis.blocked or not token.is_word:
            continue
        lower = token.bare.lower()
        if lower in lexicon.stopwords or lexicon.is_function_word(lower) or len(lower) < 3:
            continue
        is_verb = i in analysis.verb_heads
        if is_verb:
            forms = verb_forms(lower)
            predicate = forms[0][0] if forms else lower
        else:
            if token.is_capitalised and i > 0:
                continue
            predicate = _noun_verb(lower, lexicon)
            if not predicate or not _determined(analysis, i, lexicon) or not _heads_phrase(
                analysis, i, lexicon
            ):
                continue
        if (
            predicate in _STATES or predicate in lexicon.reporting_verbs
            or predicate in lexicon.stopwords or predicate in lexicon.auxiliaries
        ):
            continue
        out.append(Reading(i, predicate, not is_verb, "past", "actual", False))
    return out


def _related(analysis: Analysis, reading: Reading, telling: Telling, terms: frozenset[str],
             general: frozenset[str]) -> bool:
    """The dated statement and the referring sentence share a participant or another word
    (not a general one: "the first flight" of one aircraft is not another's); a secondary verb in the very next (or previous) sentence needs none, nor a
    definite noun shortly after the telling ("... the agreement ... The deal ...")."""
    distance = analysis.sentence.index - telling.sentence
    if not reading.noun and abs(distance) <= _NEIGHBOURS:
        return True
    if _anaphora(analysis, reading, telling):
        return True  # "signed the agreement on June 15. The deal was approved ..."
    shared = (terms & telling.words) - {reading.lemma} - general
    return bool(shared)


def _anaphora(analysis: Analysis, reading: Reading, telling: Telling) -> bool:
    """A definite event noun shortly after the telling of its happening refers to it."""
    distance = analysis.sentence.index - telling.sentence
    return reading.noun and 0 < distance <= _ANAPHORA_REACH and _definite(analysis, reading.head)


def _definite(analysis: Analysis, i: int) -> bool:
    tokens = analysis.sentence.tokens
    return any(tokens[j].lower in _DEFINITE for j in range(max(0, i - _DETERMINER_REACH), i))


def _evidence(telling: Telling) -> TimeEvidence:
    base = telling.mention.timex
    assert base is not None
    return narrative_evidence(base, COREFERENCE_RULE)


def corefer(
    drafts: Sequence[tuple[Mention, Analysis, Reading]], lexicon: Lexicon
) -> list[tuple[Analysis, Reading, Dating, str]]:
    """Readings that refer back to (or ahead to) an explicitly dated telling of their
    happening elsewhere in the document, each with that telling's time and mention id."""
    terms_of: dict[int, frozenset[str]] = {}  # a sentence's words, over all its readings
    for mention, analysis, _ in drafts:
        index = analysis.sentence.index
        terms_of[index] = terms_of.get(index, frozenset()) | _words(mention, analysis)
    tellings = _tellings(drafts, lexicon, terms_of)
    if not tellings:
        return []
    by_sentence: dict[int, tuple[Analysis, set[int], set[str]]] = {}
    for mention, analysis, reading in drafts:
        index = analysis.sentence.index
        _, taken, values = by_sentence.setdefault(index, (analysis, set(), set()))
        if mention.time is not None and not mention.inferred:
            taken.add(reading.head)
            values.add(mention.time.value)
    found: list[tuple[Analysis, Reading, Dating, str]] = []
    for index, (analysis, taken, values) in sorted(by_sentence.items()):
        seen: set[str] = set()
        # What a sentence expects ("the first flight is expected to ...") is not what another
        # statement says happened; it may be what another one expects.
        main = analysis.main.modality if analysis.main else "actual"
        modalities = {"actual", "future"} if main == "actual" else {main}
        for reading in _candidates(analysis, taken, lexicon):
            options = [
                t for t in tellings.get(reading.lemma, ())
                if t.sentence != index and t.mention.modality in modalities
                and (_anaphora(analysis, reading, t) if t.chained else _related(
                    analysis, reading, t, terms_of[index], lexicon.general_words))
            ]
            if not options or reading.lemma in seen:
                continue
            nearest = min(options, key=lambda t: (abs(t.sentence - index), t.sentence))
            time = nearest.mention.time
            assert time is not None
            if time.value in values:
                continue  # the sentence already carries that time
            seen.add(reading.lemma)
            values.add(time.value)
            dating = Dating(time, _evidence(nearest), True)
            found.append((analysis, reading, dating, nearest.mention.id))
            if reading.noun and _definite(analysis, reading.head):
                tellings[reading.lemma].append(
                    Telling(index, nearest.mention, terms_of[index], True))
    return found
