"""Actors (people, organisations, places) found without a trained model.

Capitalised spans are chunked, split at titles ("NATO Secretary-General Mark Rutte" is NATO, a
title, and Mark Rutte), and classified by cues from the lexicon: a title or honorific before a
name makes a person, an organisation word ("Inc", "House", "Airlines") or an acronym an
organisation, a known place name or "in X" a place. Within a document, later short forms take
the full name seen first ("Leavitt" -> "Karoline Leavitt"); across documents, merging compares
actor keys (a person's surname, an organisation's name without its legal suffix).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from timeline.events.lexicon import Lexicon
from timeline.events.sentences import Token
from timeline.events.tense import is_common_word

ActorKind = Literal["person", "organisation", "place", "other"]

_CONNECTORS = frozenset({"of", "&", "de", "du", "van", "von", "al", "bin", "la", "le", "der", "del"})
_LEGAL_SUFFIXES = frozenset({"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "n.v", "s.a",
                             "ag", "gmbh", "company", "group", "holdings"})
_COUNTRY_ABBREVIATIONS = {"US": "US", "U.S.": "US", "U.S": "US", "UK": "UK", "U.K.": "UK",
                          "EU": "EU", "UN": "UN", "USA": "US"}
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "across", "outside", "inside"})
_MAX_TITLE_WORDS = 4
_PAST_OFFICE = frozenset({"former", "late", "ex", "then"})


@dataclass(frozen=True, slots=True)
class Actor:
    name: str  # canonical name in this document
    kind: ActorKind
    first: int  # token indexes of this occurrence, [first, last]
    last: int
    role: str | None = None  # title before the name ("press secretary")

    @property
    def key(self) -> str:
        return actor_key(self.name, self.kind)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents: 'Zelenskyy' and 'ZELENSKYY' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def actor_key(name: str, kind: ActorKind) -> str:
    """What two documents' names for the same actor share: a surname, or a bare name."""
    words = fold(name).replace(".", "").split()
    if kind == "person" and words:
        return words[-1]
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


@dataclass
class Registry:
    """What one document has said so far about its actors (a mutable, per-document value)."""

    persons: dict[str, str] = field(default_factory=dict)  # folded short form -> full name
    kinds: dict[str, ActorKind] = field(default_factory=dict)  # full name -> kind
    mid_sentence: frozenset[str] = frozenset()  # words seen capitalised inside sentences
    last_person: str | None = None  # for "he"/"she"

    roles: dict[str, str] = field(default_factory=dict)  # "president" -> the person's name
    # Whom a person speaks for: "White House press secretary Karoline Leavitt".
    affiliations: dict[str, str] = field(default_factory=dict)
    last_speaking_organisation: str | None = None
    # People named with a past office ("former President Biden"): what they did, told with no
    # time, is background.
    former: set[str] = field(default_factory=set)
    # Initials of the organisations named in full: "GAO" -> "Government Accountability Office".
    acronyms: dict[str, str] = field(default_factory=dict)

    def speaks_for(self, name: str | None) -> str | None:
        """The organisation whose statements a speaker's statements are, else the speaker."""
        if name is None:
            return None
        return self.affiliations.get(name, name)

    def canonical(self, name: str, kind: ActorKind, role: str | None = None) -> tuple[str, ActorKind]:
        words = name.split()
        if len(words) == 1:
            full = self.persons.get(fold(name))
            if full:
                name, kind = full, "person"
            elif name in self.acronyms:
                name = self.acronyms[name]  # "GAO" after "Government Accountability Office"
                kind = self.kinds.get(name, "organisation")
            else:
                known = self.kinds.get(name)
                kind = known if known and kind == "other" else kind
        elif kind != "person" and len(words) >= 2:
            initials = "".join(w[0] for w in words if w[:1].isupper())
            if len(initials) >= 2:
                self.acronyms.setdefault(initials, name)
        if kind == "person":
            self.kinds[name] = "person"
            self.persons.setdefault(fold(words[-1]), name)
            if len(words) > 1:
                self.persons.setdefault(fold(words[0]), name)
            if role:
                self.roles.setdefault(role.split()[-1].lower(), name)
                if role.split()[0].lower() in _PAST_OFFICE:
                    self.former.add(name)
        self.kinds.setdefault(name, kind)
        return name, kind


def capitalised_inside(sentences_tokens: Sequence[Sequence[Token]]) -> frozenset[str]:
    """Words that appear capitalised after the first word of some sentence: likely names."""
    seen: set[str] = set()
    for tokens in sentences_tokens:
        for previous, token in zip(tokens, tokens[1:], strict=False):
            if token.is_capitalised and token.is_word and previous.text not in "“\"‘(:":
                seen.add(token.bare.lower())
    return frozenset(seen)


class _Chunker:
    def __init__(self, tokens: Sequence[Token], lexicon: Lexicon, blocked: frozenset[int],
                 registry: Registry):
        self.tokens = tokens
        self.lex = lexicon
        self.blocked = blocked
        self.registry = registry

    def title_at(self, i: int) -> int:
        """Number of tokens of the longest title starting at i (0 if none)."""
        if i >= len(self.tokens):
            return 0
        sizes = self.lex.title_sizes.get(self.tokens[i].bare.lower().rstrip("."))
        if not sizes:
            return 0
        for size in sizes:
            if i + size > len(self.tokens):
                continue
            words = " ".join(t.bare.lower().rstrip(".") for t in self.tokens[i:i + size])
            if words in self.lex.titles or words in self.lex.honorifics:
                if size == 1 and self.tokens[i].is_possessive:
                    return 0
                return size
        return 0

    def organisation_at(self, i: int) -> int:
        """Lower-case organisation words that stand alone ("the White House")."""
        if i >= len(self.tokens):
            return 0
        sizes = self.lex.organisation_sizes.get(self.tokens[i].bare.lower())
        if not sizes:
            return 0
        for size in sizes:
            words = " ".join(t.bare.lower() for t in self.tokens[i:i + size])
            if len(words.split()) == size and words in self.lex.organisation_words and all(
                t.is_capitalised for t in self.tokens[i:i + size]
            ):
                return size
        return 0

    def is_name_word(self, i: int) -> bool:
        token = self.tokens[i]
        if i in self.blocked or not token.is_word or not token.is_capitalised:
            return False
        lower = token.bare.lower()
        if lower in self.lex.not_names or lower in self.lex.demonyms:
            return token.text in _COUNTRY_ABBREVIATIONS
        if ("’" in token.text or "'" in token.text) and not token.is_possessive:
            return False  # a contraction: "We're", "I'll"
        if "-" in token.text and all(
            fold(part) in self.registry.persons for part in token.bare.split("-")
        ):
            return False  # "a Putin-Zelenskyy meeting": known people as a modifier
        if self._sentence_initial(i) and lower not in self.registry.mid_sentence:
            # "Deliveries to Singapore ..." begins with a common word, not a name.
            return not (is_common_word(lower) or self.lex.is_function_word(lower))
        return True

    def _sentence_initial(self, i: int) -> bool:
        """First word of the sentence, or of a quotation or aside that opens a clause (not a
        quoted name inside one: 'an interview on “Fox & Friends”')."""
        if i == 0:
            return True
        if self.tokens[i - 1].text not in "“\"‘(:—-":
            return False
        return i < 2 or not self.tokens[i - 2].is_word or self.tokens[i - 1].text in ":—-"

    def chunks(self) -> list[Actor]:
        self.title_tokens: set[int] = set()
        actors: list[Actor] = []
        role: list[str] = []
        role_start = -1
        i = 0
        n = len(self.tokens)
        while i < n:
            size = self.title_at(i)
            if size:
                referred = self.role_reference(i, size)
                if referred:
                    actors.append(referred)
                if not role:
                    role_start = i
                role.extend(t.bare for t in self.tokens[i:i + size])
                self.title_tokens.update(range(i, i + size))
                i += size
                continue
            if self.tokens[i].text in _COUNTRY_ABBREVIATIONS and self.title_at(i + 1):
                self.title_tokens.add(i)  # "US President ...": a modifier, not an actor
                i += 1
                continue
            size = self.organisation_at(i)
            if size:
                name = " ".join(t.bare for t in self.tokens[i:i + size])
                actors.append(self._actor(name, "organisation", i, i + size - 1, None))
                i += size
                role = []
                continue
            if not self.is_name_word(i):
                if self.tokens[i].is_word and self.tokens[i].lower not in self.lex.demonyms:
                    role = [] if self.tokens[i].lower not in {"and", "former", "the", "then"} else role
                i += 1
                continue
            last = self._span_end(i)
            actor = self._classified(i, last, " ".join(role) or None)
            actors.append(actor)
            if actor.kind == "person" and role:
                self._affiliate(actor, actors, role_start)
            role = []
            i = last + 1
        return actors

    def _affiliate(self, person: Actor, actors: Sequence[Actor], role_start: int) -> None:
        """Record whom a titled person speaks for: the organisation named just before the
        title, or, for a spokesperson of no named organisation, the one last quoted."""
        before = next((a for a in actors if a.last == role_start - 1), None)
        if before is not None and before.kind in ("organisation", "other"):
            self.registry.affiliations.setdefault(person.name, before.name)
        elif (person.role or "").lower() in self.lex.spokesperson_titles and (
            self.registry.last_speaking_organisation
        ):
            self.registry.affiliations.setdefault(
                person.name, self.registry.last_speaking_organisation
            )

    def _span_end(self, i: int) -> int:
        n = len(self.tokens)
        last = j = i
        while not self.tokens[j].is_possessive:
            k = j + 1
            if k + 1 < n and self._joins(j, k):
                k += 1
            if k + 1 < n and self._inner_demonym(k):
                k += 1  # "China Eastern Airlines": a nationality word inside a name
            if k >= n or not self.is_name_word(k) or self.title_at(k):
                break
            if self.tokens[k].text in _COUNTRY_ABBREVIATIONS:
                break
            j = last = k
        return last

    def _inner_demonym(self, k: int) -> bool:
        token = self.tokens[k]
        return (
            token.is_capitalised and token.lower in self.lex.demonyms
            and token.text not in _COUNTRY_ABBREVIATIONS and self.is_name_word(k + 1)
        )

    def _joins(self, j: int, k: int) -> bool:
        """A connector inside a name: "Fox & Friends", "Bank of America" (after a noun word)."""
        word = self.tokens[k].lower
        if word not in _CONNECTORS or not self.is_name_word(k + 1):
            return False
        if word == "of":
            head = self.tokens[j].bare.lower()
            return head in self.lex.organisation_words or head in self.lex.place_words
        return True

    def _classified(self, first: int, last: int, role: str | None) -> Actor:
        words = [t.bare for t in self.tokens[first:last + 1]]
        name = " ".join(words)
        lower = name.lower()
        kind: ActorKind
        if name in _COUNTRY_ABBREVIATIONS:
            return self._actor(_COUNTRY_ABBREVIATIONS[name], "place", first, last, None)
        if name in self.lex.aliases:
            return self._actor(self.lex.aliases[name], "place", first, last, None)
        if role and not (set(role.lower().split()) <= self.lex.demonyms):
            kind = "person"
        elif words[-1].lower().rstrip(".") in self.lex.organisation_words or (
            lower in self.lex.organisation_words
        ) or (len(name) > 1 and name.isupper() and name.isalpha()):
            kind = "organisation"
        elif lower in self.lex.places or words[-1].lower() in self.lex.place_words:
            kind = "place"
        elif first > 0 and self.tokens[first - 1].lower in _PLACE_PREPOSITIONS and len(words) == 1 \
                and fold(name) not in self.registry.persons:
            kind = "place"
        elif 2 <= len(words) <= 3 and not is_common_word(words[0].lower()):
            kind = "person"
        else:
            kind = "other"
        return self._actor(name, kind, first, last, role)

    def _actor(self, name: str, kind: ActorKind, first: int, last: int, role: str | None) -> Actor:
        name, kind = self.registry.canonical(name, kind, role)
        return Actor(name, kind, first, last, role)

    def role_reference(self, i: int, size: int) -> Actor | None:
        """"the president" after the document has named its president."""
        if i == 0 or self.tokens[i - 1].lower != "the" or i + size < len(self.tokens) and (
            self.is_name_word(i + size)
        ):
            return None
        person = self.registry.roles.get(self.tokens[i + size - 1].bare.lower())
        return Actor(person, "person", i - 1, i + size - 1) if person else None


def find_actors(
    tokens: Sequence[Token], lexicon: Lexicon, registry: Registry,
    blocked: frozenset[int] = frozenset(),
) -> tuple[list[Actor], frozenset[int]]:
    """The actors named in a sentence, in order, with names made canonical for the document,
    and the indexes of the title words found before names."""
    chunker = _Chunker(tokens, lexicon, blocked, registry)
    actors = chunker.chunks()
    return actors, frozenset(chunker.title_tokens)
