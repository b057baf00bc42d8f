"""Which happening each time expression dates, and what time the undated statements take.

Per sentence: the main predicate (the first finite verb outside quotations and outside an opening
subordinate phrase), the attribution ("X said", "said X", "she told reporters"), and, for each
time expression, the head it modifies: the nearest verb before it in its clause, an event noun
with participants of its own ("Trump's meeting Monday with Zelenskyy"), or, for a time that opens
its clause ("On Monday, ..."), the next verb. Times on the main predicate date the sentence; the
others date embedded happenings, which become mentions of their own.

Across sentences (`date`): a statement with no time of its own takes the narrative time when it
continues the narrative (same speaker or actor, same paragraph), else the publication day when
it is reported speech or news in the perfect or progressive; past-tense background with no
temporal evidence stays undated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline.events.actors import Actor, Registry, find_actors
from timeline.events.derivation import event_verb, named_happening
from timeline.events.lexicon import Lexicon
from timeline.events.sentences import Sentence, Token
from timeline.events.tense import (
    Tense,
    VerbGroup,
    clause_modality,
    is_noun,
    verb_forms,
    verb_groups,
)
from timeline.types import Modality, Timex

_EVENT_TIMEX_TYPES = frozenset({"DATE", "TIME"})
_VAGUE_VALUES = frozenset({"PAST_REF", "FUTURE_REF"})
_BOUNDARIES = frozenset({";", ":", "—", "–"})
_NEWS_TENSES: frozenset[Tense] = frozenset({"perfect", "progressive"})
_STATES = frozenset({"be", "have"})
# Conjunctions that, after a comma, open a clause of its own.
_CLAUSE_JOINERS = frozenset({"and", "but", "yet"})
# Words a noun phrase may run after a time that modifies it ("the 1991 trade agreement").
_MODIFIED_NOUN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Reading:
    """One happening a sentence reports: its head word, and the time that dates it, if any."""

    head: int  # token index of the verb or event noun
    lemma: str
    noun: bool
    tense: Tense
    modality: Modality
    main: bool
    timex: Timex | None = None
    participle: bool = False  # a participle telling of the noun before it ("a deal begun")


@dataclass
class Analysis:
    sentence: Sentence
    actors: list[Actor]
    main: Reading | None
    embedded: list[Reading]
    attribution: str | None
    quotes: tuple[str, ...]
    quote_only: bool  # the whole sentence is quoted speech (a quotation continuing)
    is_title: bool
    reporting: bool  # the main predicate is a reporting verb
    subject: str | None  # the actor the main predicate is about
    blocked: frozenset[int] = field(default_factory=frozenset)  # tokens inside time expressions
    verb_heads: frozenset[int] = field(default_factory=frozenset)


def _event_verb_of(word: str, language: str) -> str | None:
    """The verb a derived event noun names ("delivery" -> "deliver"), not a verb form."""
    if verb_forms(word):
        return None
    return event_verb(word, language)


def usable(timex: Timex) -> bool:
    """A time expression that can date a happening: an anchored date or time."""
    return (
        timex.type in _EVENT_TIMEX_TYPES
        and timex.interval is not None
        and timex.value not in _VAGUE_VALUES
    )


def _timex_tokens(tokens: Sequence[Token], timexes: Sequence[Timex]) -> dict[int, list[int]]:
    """Token indexes covered by each time expression (keyed by its position in `timexes`)."""
    covered: dict[int, list[int]] = {}
    for k, timex in enumerate(timexes):
        covered[k] = [i for i, t in enumerate(tokens) if t.start < timex.end and t.end > timex.start]
    return covered


def is_stamp(sentence: Sentence, timexes: Sequence[Timex], lexicon: Lexicon) -> bool:
    """'Updated at 4:32 p.m. EDT': page metadata, never an event."""
    lower = sentence.text.lower().lstrip("—-–* ")
    return bool(timexes) and any(lower.startswith(cue) for cue in lexicon.stamp_cues)


class _SentenceReader:
    def __init__(self, sentence: Sentence, timexes: Sequence[Timex], lexicon: Lexicon,
                 registry: Registry):
        self.s = sentence
        self.tokens = sentence.tokens
        self.lex = lexicon
        self.registry = registry
        self.timexes = list(timexes)
        self.covered = _timex_tokens(self.tokens, self.timexes)
        self.blocked = frozenset(i for idx in self.covered.values() for i in idx)
        self.actors, titles = find_actors(self.tokens, lexicon, registry, self.blocked)
        names = {i for a in self.actors for i in range(a.first, a.last + 1)}
        self.groups = verb_groups(self.tokens, lexicon, self.blocked | titles | names)

    # -- main predicate -------------------------------------------------------------------
    def opening_phrase_end(self) -> int:
        """End of an opening subordinate or participle phrase ("While introducing X, ...")."""
        words = [i for i, t in enumerate(self.tokens) if t.is_word]
        if not words:
            return 0
        first = self.tokens[words[0]]
        opens = first.lower in self.lex.subordinators or first.lower in {"asked", "speaking",
                                                                          "following", "after"}
        named = any(a.first <= words[0] <= a.last for a in self.actors)  # "Boeing says ..."
        gerund = not named and any(tag == "VBG" for _, tag in verb_forms(first.lower))
        opens = opens or gerund or (
            first.lower.endswith("ed") and self._comma_after(words[0]) is not None
            and words[0] + 1 < len(self.tokens) and self.tokens[words[0] + 1].lower in
            self.lex.prepositions
        )
        if not opens:
            return 0
        comma = self._comma_after(words[0])
        return comma + 1 if comma is not None else 0

    def _comma_after(self, i: int) -> int | None:
        for j in range(i, len(self.tokens)):
            if self.tokens[j].text == "," and not self.tokens[j].in_quote:
                return j
        return None

    def in_relative_clause(self, group: VerbGroup) -> bool:
        j = group.first - 1
        while j >= 0 and self.tokens[j].lower in self.lex.verb_group_adverbs:
            j -= 1
        return j >= 1 and self.tokens[j].lower in {"who", "which", "whom"}

    def main_group(self) -> VerbGroup | None:
        start = self.opening_phrase_end()
        candidates = [
            g for g in self.groups
            if g.finite and not self.tokens[g.head].in_quote and g.first >= start
            and not self.in_relative_clause(g)
        ]
        if not candidates and start:
            candidates = [g for g in self.groups if g.finite and not self.tokens[g.head].in_quote]
        outside = [g for g in candidates if not self.in_noun_clause(g)]
        return (outside or candidates)[0] if candidates else None

    def in_noun_clause(self, group: VerbGroup) -> bool:
        """The group is in a clause a noun opens with "that", before any finite verb of the
        sentence ("In response to critics saying that Apple had not addressed it, Jobs said
        ...", "The plane that Boeing delivered crashed"): not the sentence's main verb."""
        that = next((j for j in range(group.first - 1, 0, -1) if self.tokens[j].lower == "that"
                     and not self.tokens[j].in_quote), None)
        if that is None or not self._opens_that_clause(that) or any(
            self.tokens[j].text == "," for j in range(that + 1, group.first)
        ):
            return False  # a comma closes the clause: ", Jobs said"
        return not any(g.finite and g.head < that and not self.tokens[g.head].in_quote
                       for g in self.groups)

    def _opens_that_clause(self, that: int) -> bool:
        """"that Apple had", "that it", "that crashed": a clause; not "that year" (a
        demonstrative before its noun)."""
        if that + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[that + 1]
        if nxt.is_capitalised or nxt.lower in self.lex.subject_pronouns or (
            nxt.lower in self.lex.determiners
        ):
            return True
        return bool(verb_forms(nxt.lower)) and not is_noun(nxt.lower)

    def _headline_verb(self) -> VerbGroup | None:
        """A headline without a finite verb tells its news with an infinitive or a participle
        ("X to purchase twenty jets", "First A380 delivered"): that verb is the news."""
        group = next((g for g in self.groups if not self.tokens[g.head].in_quote), None)
        if group is None:
            return None
        return VerbGroup(group.first, group.head, group.lemma, "present", "actual")

    # -- time attachment --------------------------------------------------------------
    def modifies_noun(self, k: int) -> bool:
        """"the 1991 agreement", "its 2007 model": a time used as a noun's modifier."""
        idx = self.covered[k]
        if not idx or idx[0] == 0 or idx[-1] + 1 >= len(self.tokens):
            return False
        before, after = self.tokens[idx[0] - 1], self.tokens[idx[-1] + 1]
        following = {t.bare.lower() for t in self.tokens[idx[-1] + 1:idx[-1] + 3]}
        if following & self.lex.speech_nouns:
            return False  # "in a July 16 press conference": the occasion of the statement
        return (before.lower in self.lex.determiners or before.is_possessive) and (
            after.is_word and after.lower not in self.lex.prepositions
            and after.lower not in self.lex.conjunctions
        )

    def modified_happening(self, k: int) -> tuple[int, str] | None:
        """(token index, verb) of the event noun a time modifies ("its 1967 debut", "the 2008
        election"): the noun names a happening at that time. Other nouns ("its 2007 model")
        name things."""
        last = self.covered[k][-1]
        head = None
        for j in range(last + 1, min(len(self.tokens), last + 2 + _MODIFIED_NOUN_WORDS)):
            token = self.tokens[j]
            if not token.is_word or j in self.blocked or self.lex.is_function_word(token.lower):
                break
            head = j
        if head is None or head - last > _MODIFIED_NOUN_WORDS:
            return None  # a longer phrase: its head is beyond reach
        verb = named_happening(self.tokens[head].bare.lower(), self.lex.language)
        return (head, verb) if verb else None

    def clause_break(self, a: int, b: int, main: VerbGroup | None) -> bool:
        """A clause boundary between token a and token b (a < b).

        A subordinator right before b is a preposition there ("since 2004", "after Monday").
        """
        if b - 1 > a and self.tokens[b - 1].lower in self.lex.subordinators:
            b -= 1
        for j in range(a + 1, b):
            w = self.tokens[j].lower
            if self._preposition_use(j, b):
                continue  # "available as a free update ... on June 21": a preposition there
            if w in _BOUNDARIES or w in self.lex.subordinators or w in {"which", "who", "whom"}:
                return True
            if w == "that" and main is not None and j > main.head:
                return True
            if self._coordinates(j):
                return True
        return False

    def _preposition_use(self, j: int, b: int) -> bool:
        """"as" before a noun phrase, with no verb of its own before b: a preposition, not a
        clause ("available as a free update ... on June 21"; but not "as Apple received
        criticism", whose verb may go unread)."""
        if self.tokens[j].lower != "as":
            return False
        nxt = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
        if nxt is None or nxt.is_capitalised or nxt.lower in self.lex.subject_pronouns:
            return False
        return not any(j < g.head < b and g.finite for g in self.groups)

    def _coordinates(self, j: int) -> bool:
        """Token j joins a new clause after a comma (", but on September 21 the parties
        agreed ...")."""
        return j > 0 and self.tokens[j].lower in _CLAUSE_JOINERS and self.tokens[j - 1].text == ","

    def event_noun(self, i: int, subject: str | None) -> str | None:
        """The verb an event noun stands for, when the noun has participants of its own."""
        token = self.tokens[i]
        if i in self.blocked or not token.is_word:
            return None
        verb = self.lex.nominalizations.get(token.bare.lower()) or _event_verb_of(
            token.bare.lower(), self.lex.language
        )
        if verb is None:
            return None
        before = self.tokens[i - 1] if i > 0 else None
        # "Trump's meeting", "its launch in 2003": the owner is the participant, the noun the
        # happening (a possessive pronoun only with the noun's time right after it, and not
        # for the occasion of a statement: "mentioned in his interview this morning").
        owner = before is not None and (
            (before.is_possessive and before.is_capitalised)
            or (before.lower in self.lex.possessives and self._time_follows(i)
                and token.bare.lower() not in self.lex.speech_nouns)
        ) and (subject is None or before.bare not in subject)
        nxt = self.tokens[i + 1].lower if i + 1 < len(self.tokens) else ""
        with_participants = nxt in self.lex.participant_prepositions and nxt != "of" and (
            before is None or not before.is_possessive or owner
        )
        if owner:
            return verb
        if with_participants and not self._object_of_verb(i):
            return verb
        return None

    def _time_follows(self, i: int) -> bool:
        """A time expression right after token i, or after one preposition."""
        for j in (i + 1, i + 2):
            if j in self.blocked:
                return True
            if j >= len(self.tokens) or self.tokens[j].lower not in self.lex.prepositions:
                return False
        return False

    def _object_of_verb(self, i: int) -> bool:
        """"gave his annual keynote to ...": the noun is a verb's object, and the verb's time
        is the noun's (a light verb: give a speech, hold a meeting)."""
        for j in range(i - 1, max(-1, i - 6), -1):
            group = next((g for g in self.groups if g.head == j), None)
            if group is not None:
                return group.lemma in self.lex.light_verbs
            token = self.tokens[j]
            if not token.is_word or token.lower in self.lex.prepositions:
                return False
        return False

    def head_of(self, k: int, main: VerbGroup | None, subject: str | None) -> tuple[int, str, bool]:
        """(token index, lemma, is_noun) of what time expression k modifies, or (-1, '', False).

        The nearest verb or participant-bearing event noun before it in its clause (a time
        inside a quotation looks only inside the quotation); failing that, when the time opens
        its clause before the main verb, the next verb.
        """
        idx = self.covered[k]
        if not idx:
            return -1, "", False
        first, last = idx[0], idx[-1]
        quoted = self.tokens[first].in_quote
        for j in range(first - 1, -1, -1):
            if j < first - 1 and self.clause_break(j, first, main):
                break
            if self.tokens[j].in_quote != quoted:
                if quoted:
                    break
                continue
            noun = self.event_noun(j, subject)
            if noun:
                return j, noun, True
            group = next((g for g in self.groups if g.head == j), None)
            if group:
                return j, group.lemma, False
            participle = self.reduced_relative(j)
            if participle:
                return j, participle, False
        if main is not None and main.head < first and not quoted and not self._opens_clause(first):
            return -1, "", False
        for g in self.groups:
            if g.head > last and self.tokens[g.head].in_quote == quoted and not self.clause_break(
                last, g.first, None
            ):
                return g.head, g.lemma, False
        return -1, "", False

    def reduced_relative(self, j: int) -> str | None:
        """The verb of a past participle that tells a happening of the noun before it ("a deal
        begun last year", "Jobs, born in 1955, ..."): a time after it dates the participle,
        not the sentence's main verb. Not an adjective after a determiner ("the planned
        launch"), nor a participle used as a preposition ("compared with a year earlier")."""
        token = self.tokens[j]
        if j == 0 or j in self.blocked or not token.is_word or token.is_capitalised:
            return None
        if token.lower in self.lex.prepositional_participles or any(
            g.first <= j <= g.head for g in self.groups
        ):
            return None
        lemma = next((lemma for lemma, tag in verb_forms(token.lower) if tag == "VBN"), None)
        before = self.tokens[j - 1]
        after_noun = before.is_word and not self.lex.is_function_word(before.lower) and (
            before.is_capitalised or is_noun(before.lower)
        )
        # A passive participle takes no object: a phrase, a time or the clause's end follows
        # it ("an update released Thursday"), not a name ("won 'Fox & Friends'").
        nxt = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
        no_object = nxt is None or j + 1 in self.blocked or nxt.lower in self.lex.prepositions or (
            nxt.text in {",", ".", ";"}
        )
        if not (lemma and no_object and (after_noun or before.text == ",")):
            return None
        return None if self._contact_clause(j) else lemma

    def _participle_happening(self, j: int, lemma: str) -> str:
        """A light verb's participle ("development of a replacement, begun two years ago",
        "a conference held by Apple") tells of the happening its noun phrase names: that
        noun's verb, when the phrase names one."""
        if lemma not in self.lex.light_verbs:
            return lemma
        k = j - 1
        if k > 0 and self.tokens[k].text == ",":
            k -= 1
        while k >= 0 and self.tokens[k].text not in {",", ";", ":"} and (
            self.tokens[k].lower not in self.lex.subordinators
            and self.tokens[k].lower not in self.lex.relativizers
            and k not in self.blocked and not any(g.head == k for g in self.groups)
        ):
            k -= 1
        for i in range(k + 1, j):
            token = self.tokens[i]
            if token.is_word and not self.lex.is_function_word(token.lower):
                verb = named_happening(token.bare.lower(), self.lex.language)
                if verb:
                    return verb
        return lemma

    def _contact_clause(self, j: int) -> bool:
        """"something the president mentioned in his interview": a noun phrase right after
        another noun is the subject of a relative clause with no "that"; its verb is finite."""
        k = j - 1
        while k >= 0 and self.tokens[k].is_word and not self.lex.is_function_word(
            self.tokens[k].lower
        ):
            k -= 1
        if k < 0 or self.tokens[k].lower not in self.lex.determiners:
            return False
        k -= 1
        if k < 0 or not self.tokens[k].is_word:
            return False
        word = self.tokens[k].lower
        return not self.lex.is_function_word(word) and not verb_forms(word)

    def _opens_clause(self, first: int) -> bool:
        """The time opens a subordinate clause: only prepositions stand between it and the
        clause's "that" or subordinator ("said that as of January 2008, iTunes held ...")."""
        j = first - 1
        while j >= 0 and self.tokens[j].lower in self.lex.prepositions:
            j -= 1
        return j >= 0 and (
            self.tokens[j].lower == "that" or self.tokens[j].lower in self.lex.subordinators
            or self._coordinates(j)
        )

    def in_aside(self, first: int, last: int, main: VerbGroup) -> bool:
        """The time sits in an aside between commas before the main verb ("Jobs, born in San
        Francisco on February 24, 1955, has built ..."): it dates the aside, not the main."""
        before = [j for j in range(first) if self.tokens[j].text == ","]
        after = [j for j in range(last + 1, main.first) if self.tokens[j].text == ","]
        return bool(before) and bool(after) and main.first > last

    # -- attribution ------------------------------------------------------------------
    def attribution(self, main: VerbGroup | None, actors: Sequence[Actor]) -> str | None:
        if main is None:
            return None
        subject = self.subject(main, actors)
        if subject:
            return subject
        after = [a for a in actors if a.first > main.head and a.first - main.head <= 6]
        if after and main.lemma in self.lex.reporting_verbs:
            return after[0].name  # "said Leavitt", "said Apple Inc. CEO Steve Jobs"
        return None

    def subject(self, group: VerbGroup, actors: Sequence[Actor]) -> str | None:
        """The actor or pronoun just before the verb group (within its clause), or before the
        appositive that ends there ("Todd Tiahrt, a Kansas representative, said": Tiahrt)."""
        opening = self._appositive_start(group.first)
        if opening is not None:
            actor = next((a for a in actors if a.last == opening - 1), None)
            if actor is not None:
                return actor.name
        for j in range(group.first - 1, max(-1, group.first - 10), -1):
            token = self.tokens[j]
            if token.text in {",", "”", "\""} and j < group.first - 1:
                break
            if token.lower in self.lex.person_pronouns:
                return self.registry.last_person
            actor = next((a for a in actors if a.first <= j <= a.last), None)
            if actor and not token.is_possessive:
                return actor.name
        return None

    def _appositive_start(self, first: int) -> int | None:
        """The comma that opens ", a ... ," right before token `first`, if one does."""
        if first < 2 or self.tokens[first - 1].text != ",":
            return None
        for j in range(first - 2, max(-1, first - 12), -1):
            if self.tokens[j].text == ",":
                opens_with = self.tokens[j + 1].lower if j + 1 < first - 1 else ""
                return j if opens_with in self.lex.determiners else None
        return None

    def quotes(self) -> tuple[str, ...]:
        spans: list[tuple[int, int]] = []
        start: int | None = self.s.start if self.s.opens_in_quote else None
        for token in self.tokens:
            if token.text in "“«„" or (token.text == '"' and start is None):
                start = token.end
            elif token.text in "”»\"" and start is not None:
                spans.append((start, token.start))
                start = None
        if start is not None:
            spans.append((start, self.s.end))
        text = self.s.text
        return tuple(
            q for a, b in spans if len(q := text[a - self.s.start:b - self.s.start].strip()) > 1
        )

    def read(self, is_title: bool) -> Analysis:
        actors = self.actors
        words = [t for t in self.tokens if t.is_word]
        quote_only = bool(words) and all(t.in_quote for t in words)
        main_group = self.main_group()
        if main_group is None and is_title:
            main_group = self._headline_verb()
        subject = self.subject(main_group, actors) if main_group else None
        readings = self._readings(main_group, subject)
        main = readings[0] if readings and readings[0].main else None
        attribution = self.attribution(main_group, actors)
        reporting = main is not None and main.lemma in self.lex.reporting_verbs
        if quote_only:
            attribution = self.registry.last_person
        kind = self.registry.kinds.get(attribution or "")
        if reporting and attribution and kind == "person":
            self.registry.last_person = attribution
        elif reporting and attribution and kind == "organisation":
            self.registry.last_speaking_organisation = attribution
        elif subject and self.registry.kinds.get(subject) == "person":
            self.registry.last_person = subject
        return Analysis(
            sentence=self.s,
            actors=actors,
            main=main,
            embedded=[r for r in readings if not r.main],
            attribution=attribution if reporting or quote_only else None,
            quotes=self.quotes(),
            quote_only=quote_only,
            is_title=is_title,
            reporting=reporting,
            subject=subject,
            blocked=self.blocked,
            verb_heads=frozenset(g.head for g in self.groups),
        )

    def _readings(self, main: VerbGroup | None, subject: str | None) -> list[Reading]:
        main_times: list[Timex] = []
        embedded: dict[int, Reading] = {}
        for k, timex in enumerate(self.timexes):
            if not usable(timex):
                continue
            if self.modifies_noun(k):
                told = self.modified_happening(k)
                if told is not None and told[0] not in embedded:
                    modality = main.modality if main is not None else "actual"
                    embedded[told[0]] = Reading(told[0], told[1], True, "past", modality, False,
                                                timex)
                continue
            head, lemma, noun = self.head_of(k, main, subject)
            if main is not None and head == main.head and not noun:
                main_times.append(timex)
                continue
            first = self.covered[k][0] if self.covered[k] else 0
            if head < 0 and main is not None and not self.tokens[first].in_quote and (
                first < main.head or not self.clause_break(main.head, first, main)
            ) and not self.in_aside(first, self.covered[k][-1], main):
                main_times.append(timex)  # a time with no verb of its own dates its clause
                continue
            group = next((g for g in self.groups if g.head == head), None)
            if lemma in _STATES and group is not None and not group.finite and main is not None:
                main_times.append(timex)  # "is anticipated to be around 2020": the main's time
                continue
            if head < 0 or head in embedded or lemma in _STATES:
                continue  # "was", "has": a state, not a happening of its own
            participle = group is None and not noun  # "a deal begun last year"
            if participle:
                lemma = self._participle_happening(head, lemma)
                group = VerbGroup(head, head, lemma, "past", "future" if self.tokens[
                    head].lower in self.lex.future_be_cues else "actual")  # "expected in 2009"
            modality = clause_modality(self.tokens, group, self.lex) if group else "actual"
            if noun and main is not None and main.modality != "actual":
                modality = main.modality
            tense: Tense = group.tense if group else "past"
            embedded[head] = Reading(head, lemma, noun, tense, modality, False, timex, participle)
        readings: list[Reading] = []
        if main is not None:
            timex = _most_precise(main_times)
            modality = clause_modality(self.tokens, main, self.lex)
            readings.append(Reading(main.head, main.lemma, False, main.tense, modality, True, timex))
            # "appeared in March and June": the main happening, once more at each other time.
            readings.extend(
                Reading(main.head, main.lemma, False, main.tense, modality, False, other)
                for other in self.coordinated(timex, main_times)
            )
        readings.extend(embedded[h] for h in sorted(embedded))
        return readings

    def coordinated(self, timex: Timex | None, times: Sequence[Timex]) -> list[Timex]:
        """The times joined to `timex` by "and" ("in March and June", "on May 2, and on
        May 9"), as precise as it: each dates one more telling of the happening. Not the
        ends of a range ("between March and June")."""
        if timex is None:
            return []
        ordered = sorted(times, key=lambda t: t.start)
        at = ordered.index(timex)
        joined: list[Timex] = []
        for left, right in zip(ordered[at:], ordered[at + 1:], strict=False):
            if precision_rank(right.granularity) != precision_rank(timex.granularity):
                break
            if not self._joined_by_and(left, right) or self._opens_range(ordered[at]):
                break
            joined.append(right)
        return joined

    def _joined_by_and(self, left: Timex, right: Timex) -> bool:
        between = [t.lower for t in self.tokens if t.start >= left.end and t.end <= right.start]
        words = [w for w in between if w not in {",", "in", "on", "at", "during"}]
        return words == ["and"]

    def _opens_range(self, timex: Timex) -> bool:
        before = [t.lower for t in self.tokens if t.end <= timex.start][-2:]
        return bool({"between", "from"} & set(before))


_PRECISION = {"second": 0, "minute": 1, "hour": 2, "part_of_day": 3, "day": 4, "week": 5,
              "month": 6, "quarter": 7, "season": 7, "half": 8, "year": 9, "decade": 10,
              "century": 11}


def precision_rank(granularity: str | None) -> int:
    return _PRECISION.get(granularity or "", 12)


def _most_precise(timexes: Sequence[Timex]) -> Timex | None:
    if not timexes:
        return None
    return min(timexes, key=lambda t: (precision_rank(t.granularity), t.start))


def analyse(
    sentence: Sentence, timexes: Sequence[Timex], lexicon: Lexicon, registry: Registry,
    is_title: bool = False,
) -> Analysis:
    """Read one sentence: its actors, main predicate, attribution, quotes and dated readings."""
    return _SentenceReader(sentence, timexes, lexicon, registry).read(is_title)
