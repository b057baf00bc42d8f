"""Headlines that read like timeline entries, and the key terms merging compares.

A headline is built from the sentence's tokens, not copied: the clause of the happening is cut
out (its subject, verb and complement), time words, quotations, asides and attribution tails are
dropped, names are shortened to how a headline names people ("Russian President Vladimir Putin"
-> "Putin"), and the verb is put in the present ("ruled out" -> "rules out", "was delivered" ->
"delivered"). Event nouns become verbs ("Trump's meeting with Putin" -> "Trump meets Putin").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import lemminflect

from timeline.events.actors import Actor
from timeline.events.attach import Analysis, Reading
from timeline.events.derivation import event_verb
from timeline.events.lexicon import Lexicon
from timeline.events.sentences import Token
from timeline.events.tense import is_noun, present_plural, present_third_person, verb_forms

_STOP_AT = frozenset({",", ";", ":", "—", "–", "(", ")"})
_TRAILING = re.compile(r"[\s,;:—–-]+$")
_QUOTE_CHARS = "“”\"«»„"
# Longest quotation a headline keeps as what a speaker called something.
_CALLED_MAX_WORDS = 4
# Longest noun phrase standing for a reported clause's subject in a headline.
_PHRASE_MAX_WORDS = 6


def _stops(text: str) -> bool:
    """Punctuation that ends a clause, a dash typed as hyphens ("--", "---") included."""
    return text in _STOP_AT or (len(text) > 1 and text.strip("-") == "")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A content word's dictionary form: nouns singular, verbs bare."""
    lower = word.lower()
    forms = verb_forms(lower)
    if forms:
        return forms[0][0]
    nouns = lemminflect.getAllLemmas(lower, upos="NOUN").get("NOUN")
    return nouns[0] if nouns else lower


@lru_cache(maxsize=65536)
def noun_lemma(word: str) -> str:
    """A word's lemma as a noun when it is one ("ground", not "grind"), else its lemma."""
    lower = word.lower()
    nouns = lemminflect.getAllLemmas(lower, upos="NOUN").get("NOUN")
    return nouns[0] if nouns else lemma(lower)


@lru_cache(maxsize=65536)
def term(word: str, language: str, verb: bool = True) -> str:
    """The key a content word is compared by: its lemma, an event noun read as its verb
    ("deliveries" -> "deliver", "flight" -> "fly"), so that verb and noun tellings meet.
    `verb` says whether the word is used as a verb in its sentence."""
    base = lemma(word) if verb else noun_lemma(word)
    return event_verb(base, language) or base


def short_name(actor: Actor) -> str:
    """How a headline names an actor: people by surname, the rest in full."""
    if actor.kind == "person":
        return person_name(actor.name.split())
    return actor.name


def person_name(words: Sequence[str]) -> str:
    """A person's name as a headline gives it: the surname, when the last word reads as one;
    a name taken for a person's that ends in a model number or a letter ("Airbus A380",
    "Mac OS X"), or is written as a brand ("iPod Nano"), stays whole."""
    last = words[-1]
    surname = (re.sub(r"['’-]", "", last).isalpha() and len(last) > 1 and not last.isupper()
               and all(w[:1].isupper() and not w[1:2].isupper() for w in words))
    return last if surname else " ".join(words)


class _Builder:
    def __init__(self, analysis: Analysis, lexicon: Lexicon):
        self.a = analysis
        self.tokens = analysis.sentence.tokens
        self.lex = lexicon
        self.actor_at = {i: actor for actor in analysis.actors
                         for i in range(actor.first, actor.last + 1)}
        self.verb_heads = frozenset(analysis.verb_heads)

    def words(self, indexes: Sequence[int], verb_head: int | None,
              keep_quotes: bool = False) -> list[str]:
        out: list[str] = []
        done_actors: set[int] = set()
        skip_to = -1
        for i in indexes:
            if i <= skip_to or i in self.a.blocked:
                continue
            token = self.tokens[i]
            if token.in_quote and not keep_quotes:
                continue
            if self._introduces_time(i):
                continue  # the time it introduced is left out, so "ended on after talks" would read
            if token.text in _QUOTE_CHARS:
                continue
            actor = self.actor_at.get(i)
            if actor is not None:
                if id(actor) not in done_actors:
                    done_actors.add(id(actor))
                    self._add(out, i, self.name_of(actor) + ("'s" if self.tokens[actor.last].is_possessive else ""))
                skip_to = actor.last
                continue
            if self._is_title_word(i):
                continue
            if token.lower in self.lex.person_pronouns and not out and self.a.subject:
                out.append(self.a.subject.split()[-1])
                continue
            if verb_head is not None and i == verb_head:
                if any(j in self.verb_heads for j in indexes if j < i) or (
                        len(out) == 1 and out[0].lower() in self.lex.first_person_singular):
                    # After another verb ("flies on an aircraft operated by", "goes live") this
                    # one is no clause's own: it stays as written.
                    self._add(out, i, token.text)
                else:
                    out.append(self.present(i, plural=self._plural_subject(out, i)))
                continue
            self._add(out, i, token.text)
        return out

    def name_of(self, actor: Actor) -> str:
        """How the headline names an actor of this sentence: a person by the surname of the
        name written here ("Airbus warned" names Airbus, though the document's fullest name
        that word was matched to is "Airbus A380"), an office ("the president") by its
        holder's surname, anyone else by their full name."""
        if actor.kind != "person":
            return actor.name
        written = [t.bare for t in self.tokens[actor.first:actor.last + 1]]
        if written[0].islower():
            return short_name(actor)  # "the president": who the office holder is
        return person_name(written)

    def _introduces_time(self, i: int) -> bool:
        """Token i is the preposition of a time expression ("on" in "on Tuesday")."""
        return i + 1 in self.a.blocked and self.tokens[i].lower in self.lex.prepositions

    def _add(self, out: list[str], i: int, word: str) -> None:
        """Token i's word goes on the word before it when the text has no space between them:
        "737s", "777-200", "AT&T" are split in tokens but one word in print."""
        before = self.tokens[i - 1] if i > 0 else None
        if out and before is not None and before.end == self.tokens[i].start and out[-1].endswith(before.text):
            out[-1] += word
        else:
            out.append(word)

    def _is_title_word(self, i: int) -> bool:
        """Title and nationality words right before a person's name are dropped."""
        j = i
        while j < len(self.tokens) and j not in self.actor_at and j - i < 5:
            low = self.tokens[j].bare.lower().rstrip(".")
            if not (low in self.lex.titles or low in self.lex.demonyms or low in self.lex.honorifics
                    or low in {"of", "and", "&"}):
                return False
            j += 1
        actor = self.actor_at.get(j)
        return actor is not None and actor.kind == "person" and j > i

    def present(self, head: int, plural: bool = False) -> str:
        """The verb at `head` in the present, agreeing with a plural subject before it."""
        word = self.tokens[head].lower
        if head and self.tokens[head - 1].lower in self.lex.infinitive_markers:
            return self.tokens[head].text  # an infinitive stays one: "is expected to take"
        if self._participle_by(head):
            return self.tokens[head].text  # "a ceremony attended by leaders" tells of the ceremony
        if self._reduced_relative(head):
            return self.tokens[head].text  # "iPods sold in France have ...": tells of the iPods
        if self._noun_before_verb(head):
            return self.tokens[head].text  # "the Mac market share is up": no "markets"
        forms = verb_forms(word)
        tags = {t for _, t in forms}
        if not (tags & {"VBD", "VBZ", "VBP"} or word in ("has", "have")):
            return self.tokens[head].text
        if not forms:
            return word
        return present_plural(forms[0][0]) if plural else present_third_person(forms[0][0])

    def _participle_by(self, head: int) -> bool:
        """A past participle between a noun and "by" ("a ceremony attended by", "the iPhone
        developed by Cisco"); after a person, the verb is theirs ("Smith stood by his claim")."""
        if head == 0 or head + 2 >= len(self.tokens) or self.tokens[head + 1].lower not in self.lex.agent_prepositions:
            return False
        agent = self.tokens[head + 2]  # "by Cisco", "by the ...", "by several ...": not "by 5%" or "by its claim"
        if agent.text[:1].isdigit() or (agent.lower in self.lex.determiners and agent.lower not in self.lex.articles
                                          and agent.lower not in self.lex.partitives):
            return False
        before = self.tokens[head - 1]
        person = self.actor_at.get(head - 1)
        return (before.is_word and before.lower not in self.lex.person_pronouns
                and (person is None or person.kind != "person")
                and (person is not None or before.is_capitalised or is_noun(before.lower))
                and self._may_be_participle(head))

    def _reduced_relative(self, head: int) -> bool:
        """A past participle right after a common noun, with the clause's finite verb still to
        come ("iPods sold in France already have", "events created on a laptop would be sent");
        after a name it is the name's verb ("Biden turned down requests over concerns it could")."""
        before = self.tokens[head - 1] if head else None
        if (before is None or not before.is_word or before.lower in self.lex.function_words
                or before.lower in self.lex.auxiliaries or self.tokens[head].lower in self.lex.auxiliaries
                or not self._common_noun(head - 1)
                or not self._may_be_participle(head) or lemma(self.tokens[head].lower) in self.lex.reporting_verbs):
            return False
        for j in range(head + 1, self.clause_end(head + 1) + 1):
            token = self.tokens[j]
            if token.lower in self.lex.conjunctions or token.lower in self.lex.relativizers or (
                    token.lower in self.lex.subordinators or token.lower in self.lex.subject_pronouns):
                return False  # "over concerns it could escalate": a clause of its own
            if token.in_quote:
                return False
            if self.tokens[j - 1].lower in self.lex.infinitive_markers:
                continue  # "led the pilots to disengage": an infinitive, no finite verb
            if token.lower in self.lex.auxiliaries or (
                    j in self.verb_heads and not self._may_be_participle(j)
                    and any(t in ("VBZ", "VBP") for _, t in verb_forms(token.lower))):
                return True
        return False

    def _common_noun(self, i: int) -> bool:
        """Token i names a thing, not a person or an organisation that could act."""
        actor = self.actor_at.get(i)
        if actor is not None:
            return actor.kind not in ("person", "organisation")
        return is_noun(self.tokens[i].lower)

    def _noun_before_verb(self, head: int) -> bool:
        """A noun after a name or noun, with the clause's verb after it ("the iTunes store
        passes", "the Aer Lingus rival Ryanair has", "the Malaysia visit will be"): a
        noun of a compound, though it is spelt as a verb too."""
        if head == 0 or not is_noun(self.tokens[head].lower):
            return False
        before = self.tokens[head - 1]
        if not (before.text != before.lower or head - 1 in self.actor_at or is_noun(before.lower)) or (
                before.lower in self.lex.function_words):
            return False
        for j in range(head + 1, min(head + 4, len(self.tokens))):
            token = self.tokens[j]
            if token.lower in self.lex.auxiliaries or j in self.verb_heads or any(
                    t in ("VBZ", "VBD") for _, t in verb_forms(token.lower)):
                return True
            if not (token.lower in self.lex.verb_group_adverbs or j in self.actor_at or (
                    token.is_word and (token.is_capitalised or is_noun(token.lower)))):
                return False
        return False

    def _plural_subject(self, subject: list[str], head: int) -> bool:
        """Whether the subject words before the verb at `head` are plural."""
        if len(subject) == 1 and subject[0].lower() in self.lex.existentials and self.tokens[head].lower in self.lex.be:
            return self._is_plural(self._noun_after(head))  # "there are two models"
        if len(subject) == 1 and subject[0].lower() in self.lex.plural_pronouns:
            return True  # "they say"
        if len(subject) >= 3 and subject[-2].lower() in self.lex.plural_conjunctions and subject[-1][:1].isupper() \
                and subject[-3][:1].isupper():
            return True  # "Smith and Jones resign"
        noun = self._subject_noun(subject)
        return self._is_plural(noun, opening=bool(subject) and noun is subject[0])

    def _opens_clause(self, word: str) -> bool:
        """Whether `word` is written in the sentence as a clause's first word, no name's
        (not "Jobs" put for "he", not a name's token)."""
        for i, token in enumerate(self.tokens):
            if token.text == word and i not in self.actor_at:
                before = self.tokens[i - 1] if i else None
                if before is None or not before.is_word:
                    return True
        return False

    def _noun_after(self, head: int) -> str:
        """The plural noun a verb agrees with after "there" ("there are two models"), if its
        noun phrase (up to a preposition) has one."""
        for token in self.tokens[head + 1 : head + 6]:
            if token.lower in self.lex.prepositions or not token.is_word:
                break
            if self._is_plural(token.lower):
                return token.lower
        return ""

    def _subject_noun(self, subject: list[str]) -> str:
        """The word a verb agrees with, of the subject words before it: the noun before the
        first preposition ("officials responsible for the award", "a group of politicians"),
        or the last word when there is none or it follows a partitive ("many of the products")."""
        first = next((k for k, w in enumerate(subject) if k and w.lower() in self.lex.prepositions), None)
        if first is None or (subject[first].lower() in self.lex.partitive_preposition and first
                             and subject[first - 1].lower() in self.lex.partitives):
            return subject[-1] if subject else ""
        for word in reversed(subject[:first]):
            if is_noun(word.lower()):
                return word
        return subject[first - 1] if first else ""

    def _is_plural(self, word: str, opening: bool = False) -> bool:
        """A common noun in the plural ("officials", "people"): its verb takes no -s. The
        headline's `opening` word may be capitalised only as the first of its clause
        ("Officials said", also after a dateline or a quotation mark), unless it is a name."""
        if opening and word[1:].islower() and self._opens_clause(word):
            word = word.lower()
        if not word or not word.islower():
            return False  # names ("Airbus", "Reuters") and acronyms are read as one
        if word in self.lex.plural_nouns:
            return True
        singular = noun_lemma(word)
        return singular != word and word in lemminflect.getInflection(singular, tag="NNS")

    def verb_span(self, reading: Reading) -> tuple[int, int]:
        """Token range of the verb group whose head is reading.head (auxiliaries included)."""
        first = reading.head
        while first > 0 and (self.tokens[first - 1].lower in self.lex.auxiliaries
                             or self.tokens[first - 1].lower in self.lex.verb_group_adverbs
                             or self.tokens[first - 1].lower in self.lex.negations):
            first -= 1
        return first, reading.head

    def clause_end(self, start: int) -> int:
        """Last token of the clause that starts at `start` (stops at asides and boundaries)."""
        end = len(self.tokens) - 1
        for j in range(start, len(self.tokens)):
            t = self.tokens[j]
            if _stops(t.text) and not t.in_quote:
                return j - 1
            if t.lower in {"which", "who", "while", "because", "although", "though", "whereas"}:
                return j - 1
        return end

    def subject_start(self, first: int, participle: bool = False) -> int:
        """Where the subject before token `first` begins (back to a boundary); a participle
        set off by a comma tells of the noun phrase before the comma ("Jobs, born in 1955")."""
        j = first - 1
        if participle and j > 0 and self.tokens[j].text == ",":
            j -= 1
        while j >= 0:
            t = self.tokens[j]
            if _stops(t.text) or t.text in "“”\"" or t.lower in self.lex.subordinators:
                break
            if (t.lower == "that" or self._opens_relative(j, first)) and j > 0:
                break
            j -= 1
        return j + 1

    def stated_subject(self, start: int, first: int) -> list[int]:
        """Token indexes of the subject a clause [start..] whose verb group begins at `first`
        names elsewhere: the noun a subject relative stands for ("Pixar, which was acquired"
        -> "Pixar"), or, for a verb with no subject of its own after an aside or a coordinated
        verb ("Jobs, the chief executive, announced", "It uses flash memory, and has no
        drive"), the noun phrase the sentence opens with. Empty when the clause has its own."""
        if start == 0:
            return []
        if self._opens_relative(start - 1, first):
            return self._antecedent(start - 1) or [start - 1]  # no noun to name: as written
        if any(self._is_subject_word(i) for i in range(start, first)):
            return []
        before = self.tokens[start - 1]
        if before.lower in self.lex.conjunctions or self.tokens[start].lower in self.lex.conjunctions:
            return self._opening_phrase(start)  # "It uses flash memory, and has no drive"
        if before.text != ",":
            return []
        phrase = self._opening_phrase(start)
        if phrase and not self.tokens[first].lower.endswith("ing") and self._has_own_verb(phrase[-1] + 1, start):
            # "The model will be the basis for a version, announced in May": the opening
            # phrase has a verb of its own, so the one after the comma is not its verb.
            return []
        return phrase

    def _has_own_verb(self, first: int, end: int) -> bool:
        """Tokens [first, end) hold a finite verb outside a relative clause (an aside
        "which will be the first to fly," is no verb of the phrase before it)."""
        in_relative = False
        for i in range(first, end):
            low = self.tokens[i].lower
            if low in self.lex.subject_relatives:
                in_relative = True
            elif self.tokens[i].text == ",":
                in_relative = False
            elif not in_relative and (low in self.lex.auxiliaries or (
                    i in self.verb_heads and not self._may_be_participle(i))):
                return True
        return False

    def _may_be_participle(self, i: int) -> bool:
        return any(t == "VBN" for _, t in verb_forms(self.tokens[i].lower))

    def _opens_relative(self, j: int, first: int) -> bool:
        """Token j is a relative pronoun that is the subject of its clause: a verb group
        follows it ("which was acquired", "who will be the first to fly"), not a subject
        ("which Disney acquired")."""
        if self.tokens[j].lower not in self.lex.subject_relatives or j + 1 >= len(self.tokens):
            return False
        after = self.tokens[j + 1].lower
        return j + 1 == first or after in self.lex.auxiliaries or (j + 1 in self.verb_heads or (
            any(t in ("VBZ", "VBD") for _, t in verb_forms(after)) and not is_noun(after)))

    def _is_subject_word(self, i: int) -> bool:
        low = self.tokens[i].lower
        return (i not in self.a.blocked and self.tokens[i].is_word and i not in self.verb_heads
                and low not in self.lex.conjunctions and low not in self.lex.verb_group_adverbs
                and low not in self.lex.auxiliaries and low not in self.lex.infinitive_markers)  # "is preparing to release"

    def _antecedent(self, relative: int) -> list[int]:
        """The noun phrase right before a relative pronoun (a comma between them allowed)."""
        j = relative - 1
        if j >= 0 and self.tokens[j].text == ",":
            j -= 1
        actor = self.actor_at.get(j)
        if actor is not None:
            return list(range(actor.first, actor.last + 1))
        found: list[int] = []
        while j >= 0 and len(found) < _PHRASE_MAX_WORDS:
            t = self.tokens[j]
            if (j in self.a.blocked or not t.is_word or _stops(t.text) or j in self.verb_heads
                    or t.lower in self.lex.prepositions or t.lower in self.lex.conjunctions
                    or t.lower in self.lex.auxiliaries or t.lower in self.lex.relativizers):
                break
            found.insert(0, j)
            if t.lower in self.lex.determiners:
                break
            j -= 1
        return found if any(is_noun(self.tokens[i].lower) or i in self.actor_at
                            or self.tokens[i].text != self.tokens[i].lower for i in found) else []

    def _opening_phrase(self, before: int) -> list[int]:
        """The noun phrase the sentence opens with, up to its first comma or verb, when it
        ends before token `before` and reads as a subject (no time, no leading preposition)."""
        found: list[int] = []
        for i in range(before):
            t = self.tokens[i]
            if (_stops(t.text) or t.text in _QUOTE_CHARS or i in self.verb_heads
                    or t.lower in self.lex.auxiliaries or t.lower in self.lex.subject_relatives):
                break
            found.append(i)
        if not found or len(found) > _PHRASE_MAX_WORDS or found[-1] >= before - 1:
            return []
        opener = self.tokens[0].lower
        if (opener in self.lex.prepositions or opener in self.lex.subordinators
                or opener in self.lex.conjunctions or opener in self.lex.relativizers
                or self.tokens[found[-1]].is_possessive  # "Japan's (ANA)": no noun of its own
                or any(i in self.a.blocked or self.tokens[i].lower in self.lex.verb_group_adverbs
                       for i in found)):
            return []
        return found if any(is_noun(self.tokens[i].lower) or i in self.actor_at
                            or self.tokens[i].lower in self.lex.subject_pronouns for i in found) else []

    def _participle_aside(self, head: int, borrowed: list[int]) -> bool:
        """'The new hardware, revealed at the conference, drew attention': a past form right
        after the comma that closes the sentence's opening noun phrase, with a verb after
        it, is a participle telling of that phrase, not its verb."""
        return (bool(borrowed) and head == borrowed[-1] + 2 and self.tokens[head - 1].text == ","
                and self._may_be_participle(head) and any(k > head for k in self.verb_heads))

    def verbal(self, reading: Reading) -> list[str]:
        first, head = self.verb_span(reading)
        start = self.subject_start(first, reading.participle)
        end = self.clause_end(head + 1)
        borrowed = [] if reading.participle else self.stated_subject(start, first)
        indexes = borrowed + [i for i in range(start, end + 1) if not (
            borrowed and i == start and self.tokens[i].lower in self.lex.conjunctions)]
        negated = any(self.tokens[i].lower in self.lex.negations for i in range(first, head))
        # "their trend of having risen": a gerund's group is no finite verb to put in the present
        gerund = (first > 0 and self.tokens[first - 1].lower in self.lex.prepositions
                  and self.tokens[first].lower.endswith("ing"))
        if reading.modality == "actual" and not negated and not gerund:  # "was not reported" keeps its words
            indexes = [i for i in indexes if not (first <= i < head)]  # "has said" -> "says"
            if reading.participle or self._passive(first, head) or self._participle_aside(head, borrowed):
                return self.words(indexes, None)
        else:
            return self.words(indexes, None)
        return self.words(indexes, head)

    def _passive(self, first: int, head: int) -> bool:
        return any(self.tokens[i].lower in self.lex.be for i in range(first, head))

    def reported(self, reading: Reading) -> list[str]:
        """'X said that Y did Z' -> 'X says Y did Z'; a quotation stands in for a missing clause."""
        if not self.a.attribution:
            return self.verbal(reading)
        speaker_words = [self.speaker()]
        verb = present_third_person(reading.lemma)
        called = self._called(reading.head)
        if called:
            return speaker_words + ["calls"] + called
        complement = self._complement(reading.head)
        if complement:
            return speaker_words + [verb] + complement
        quote = best_quote(self.a.quotes)
        if quote and speaker_words:
            return speaker_words + ["says", f"“{quote}”"]
        return self.verbal(reading)

    def speaker(self) -> str:
        name = self.a.attribution or ""
        verb = self.a.main.head if self.a.main is not None else 0
        # Of the mentions of the speaker, the one nearest the reporting verb is its subject.
        actor = min((a for a in self.a.actors if a.name == name), default=None,
                    key=lambda a: min(abs(a.first - verb), abs(a.last - verb)))
        if actor is not None:
            return self.name_of(actor)
        return person_name(name.split()) if len(name.split()) in (2, 3) else name

    def _complement_start(self, head: int) -> int:
        j = head + 1
        while j < len(self.tokens) and (self.tokens[j].lower in self.lex.verb_group_adverbs
                                        or self.tokens[j].lower == "that"):
            j += 1
        return j

    def _complement(self, head: int) -> list[str]:
        j = self._complement_start(head)
        while j < len(self.tokens) and (j in self.a.blocked or self._introduces_time(j)):
            j += 1  # the time ("said on Tuesday") is left out
        if j < len(self.tokens) and self.tokens[j].text in _QUOTE_CHARS:
            return []  # the words are a quotation (its close may be lost): quoted, as one
        end = self.clause_end(j)
        indexes = [i for i in range(j, end + 1) if not (self.tokens[i].lower == "that" and i <= j + 4)]
        words = self.words(indexes, None)
        if len(words) < 3 and any(self.tokens[i].in_quote for i in indexes):
            # 'confirmed that it “was something the president mentioned ...”': the
            # quotation finishes the reported clause, so it stays in the headline.
            words = self.words(indexes, None, keep_quotes=True)
        if len(words) < 3 or (words and words[0].lower() in self.lex.prepositions):
            return []
        return words

    def _called(self, head: int) -> list[str]:
        """'X said Y was a “breakthrough”' -> 'Y a “breakthrough”', for 'X calls Y a ...':
        a short quotation after a copula is what the speaker called it."""
        tokens = self.tokens
        start = self._complement_start(head)
        end = self.clause_end(start)
        # "Y was a “Q”", or "described Y as “Q”"
        copula = next((i for i in range(start + 1, end + 1) if not tokens[i].in_quote and (
            tokens[i].lower in self.lex.be or tokens[i].lower == "as")), None)
        if copula is None:
            return []
        k = copula + 1
        article = []
        if k <= end and tokens[k].lower in {"a", "an", "the"}:
            article = [tokens[k].text]
            k += 1
        if k > end or tokens[k].text not in _QUOTE_CHARS:
            return []
        close = next((i for i in range(k + 1, len(tokens)) if tokens[i].text in _QUOTE_CHARS),
                     None)
        if close is None or not 1 <= close - k - 1 <= _CALLED_MAX_WORDS:
            return []
        quote = " ".join(t.text for t in tokens[k + 1:close]).rstrip(" ,;:.")
        subject = self._short_phrase(list(range(start, copula)))
        if not subject:
            return []
        return subject + article + [f"“{quote}”"]

    def _short_phrase(self, indexes: list[int]) -> list[str]:
        """A noun phrase cut before its last prepositional phrases to a few words."""
        words = self.words(indexes, None)
        while len(words) > _PHRASE_MAX_WORDS:
            cut = max((k for k, w in enumerate(words) if k > 0 and w.lower() in
                       self.lex.prepositions and w.lower() != "to"), default=None)
            if cut is None:
                return words[:_PHRASE_MAX_WORDS]
            words = words[:cut]
        return words

    def nominal(self, reading: Reading) -> list[str]:
        """'Trump's meeting Monday with Zelenskyy' -> 'Trump meets Zelenskyy'."""
        head = reading.head
        verb = self.lex.nominalizations.get(self.tokens[head].bare.lower(), reading.lemma)
        owner: list[str] = []
        if head > 0 and self.tokens[head - 1].is_possessive:
            actor = self.actor_at.get(head - 1)
            owner = [self.name_of(actor) if actor else self.tokens[head - 1].bare]
        end = self.clause_end(head + 1)
        for j in range(head + 1, end + 1):
            token = self.tokens[j]
            if token.text in _QUOTE_CHARS or token.lower in {"as", "that", "which", "who"} or (
                j in self.verb_heads or token.lower in self.lex.auxiliaries
            ):
                end = j - 1
                break
        rest = self.words(range(head + 1, end + 1), None)
        if rest and rest[0].lower() in {"with", "of", "between", "by", "to"} and owner:
            rest = rest[1:] if rest[0].lower() in {"with", "of"} else rest
        verb_words = verb.split()
        verb_words[0] = present_third_person(verb_words[0]) if owner else verb_words[0]
        if not owner and rest and rest[0].lower() == "between" and "and" in rest:
            return rest[1:] + verb_words  # "meeting between A and B" -> "A and B meet"
        if not owner:
            return [self.tokens[head].text] + rest
        return owner + verb_words + rest

    def build(self, reading: Reading) -> str:
        if self.a.is_title:
            words = self.words(range(len(self.tokens)), None, keep_quotes=True)
        elif reading.noun:
            words = self.nominal(reading)
        elif reading.main and self.a.reporting:
            words = self.reported(reading)
        elif self.a.quote_only or (self.tokens[reading.head].in_quote and self.a.attribution):
            quote = best_quote(self.a.quotes) or self.a.sentence.text
            speaker = [self.speaker()] if self.a.attribution else []
            words = [*speaker, "says" if speaker else "", f"“{quote}”"]
        else:
            words = self.verbal(reading)
        return finish(" ".join(w for w in words if w), self.lex, cut=not self.a.is_title)


def clause_span(analysis: Analysis, reading: Reading, lexicon: Lexicon) -> tuple[int, int]:
    """Token range [first, last] of the clause that tells a reading: its subject, verb (or
    event noun) and complement, up to the next aside or clause boundary."""
    builder = _Builder(analysis, lexicon)
    first, head = builder.verb_span(reading) if not reading.noun else (reading.head, reading.head)
    return builder.subject_start(first, reading.participle), builder.clause_end(head + 1)


def best_quote(quotes: Sequence[str], max_words: int = 10) -> str | None:
    """The first quotation from its beginning (a quotation cut in the middle reads as a
    fragment), cut to `max_words`; a very short one gives way to the longest."""
    quotes = [q.strip(" ,.…") for q in quotes if q.strip(" ,.…")]
    if not quotes:
        return None
    quote = quotes[0] if len(quotes[0].split()) >= 3 else max(quotes, key=lambda q: len(q.split()))
    words = quote.split()
    if len(words) <= max_words:
        return quote
    return " ".join(words[:max_words]).rstrip(" ,;:") + "…"


def finish(text: str, lexicon: Lexicon, cut: bool = True) -> str:
    """Apply the rewrite rules, cut to length at a phrase boundary, capitalise."""
    text = re.sub(r"\s+([,.;:!?’'])", r"\1", text)
    text = re.sub(r"\s+'s\b", "'s", text)
    for pattern in lexicon.headline_drop:
        text = pattern.sub(" ", text)
    for pattern, replacement in lexicon.headline_rewrite:
        text = pattern.sub(replacement, text)
    words = text.split()
    was_cut = len(words) > lexicon.headline_max_words and cut
    if was_cut:
        size = lexicon.headline_max_words
        for k in range(size, max(size - 5, 3), -1):
            if words[k].lower() in lexicon.prepositions or words[k].lower() in lexicon.conjunctions:
                size = k
                break
        words = words[:size]
        text = " ".join(words)
        if text.count("“") > text.count("”"):
            text += "…”"
    text = _TRAILING.sub("", text.strip()).strip(" .")
    words = text.split()
    while len(words) > 3 and (words[-1].lower() in lexicon.prepositions
                              or (was_cut and words[-1].lower() in lexicon.subject_pronouns)
                              or words[-1].lower() in lexicon.conjunctions
                              or words[-1].lower() in lexicon.determiners
                              or words[-1].lower() in lexicon.auxiliaries):
        # "... his national security team to", "First flight of the 777 is" (the time it was
        # is left out), "... in an internal memo that he": a phrase cut short.
        words.pop()
    # A clause that goes on from an aside ("... -- and only became public this weekend") has
    # no subject of its own: the conjunction that joined it leads nowhere.
    while len(words) > 2 and (_stops(words[0]) or words[0].lower() in lexicon.conjunctions):
        words.pop(0)
    text = _TRAILING.sub("", " ".join(words)).strip(" .")
    if text.split(" ", 1)[0].lower() in lexicon.articles and len(text.split()) > 3:
        text = text.split(" ", 1)[1]
    if text[1:2].isupper():
        return text  # a brand written so ("iPhone", "eBay")
    return text[:1].upper() + text[1:]


def headline(analysis: Analysis, reading: Reading, lexicon: Lexicon) -> str:
    """A short timeline entry for one reading of an analysed sentence."""
    text = _Builder(analysis, lexicon).build(reading)
    return text or finish(analysis.sentence.text, lexicon)


def keywords(tokens: Sequence[Token], analysis: Analysis, lexicon: Lexicon,
             span: tuple[int, int] | None = None) -> tuple[str, ...]:
    """Content-word lemmas of the sentence, or of its tokens [first, last] in `span` (no stop
    words, names or time words), sorted."""
    names = {i for a in analysis.actors for i in range(a.first, a.last + 1)}
    found: set[str] = set()
    first, last = span if span is not None else (0, len(tokens) - 1)
    for i, token in enumerate(tokens):
        if not first <= i <= last or i in names or i in analysis.blocked or not token.is_word:
            continue
        lower = token.bare.lower()
        if lower in lexicon.stopwords or len(lower) < 3 or "'" in lower or "’" in lower:
            continue  # contractions ("we're") are function words
        as_verb = i in analysis.verb_heads
        for part in lower.split("-") if "-" in lower else (lower,):
            base = term(part, lexicon.language, as_verb)
            if len(part) > 2 and base not in lexicon.stopwords:
                found.add(base)
    return tuple(sorted(found))
