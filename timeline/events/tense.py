"""Verb groups, their tense and their modality (actual, future, hypothetical), without a tagger.

lemminflect says which words can be verbs and in which form; the closed-class words of the
lexicon (auxiliaries, determiners, modals) and a few contextual rules decide whether a verb form
is used as a verb here ("the claims" is a noun, "Apple claims" a verb) and what tense its group
has ("has said" is a perfect, "will meet" a future, "could provide" hypothetical).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import lemminflect

from timeline.events.lexicon import Lexicon
from timeline.events.sentences import Token
from timeline.types import Modality

Tense = Literal[
    "past", "present", "perfect", "past_perfect", "progressive", "future", "modal", "nonfinite"
]
Form = Literal["VB", "VBD", "VBN", "VBZ", "VBG", "VBP"]
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Tenses of what is done: a decision told in them happened, whatever it decided.
_DONE = frozenset({"past", "perfect", "past_perfect"})


@dataclass(frozen=True, slots=True)
class VerbGroup:
    first: int  # token index where the group starts (first auxiliary)
    head: int  # token index of the lexical verb
    lemma: str
    tense: Tense
    modality: Modality
    passive: bool = False
    negated: bool = False

    @property
    def finite(self) -> bool:
        return self.tense != "nonfinite"


# Prefixes a verb takes after a hyphen ("out-sold", "co-founded"), which lemminflect's
# dictionary (of the English verbs this module reads) does not list.
_VERB_PREFIXES = frozenset({"out", "over", "under", "co", "re", "pre", "mis", "up", "back",
                            "cross", "counter"})


@lru_cache(maxsize=65536)
def verb_forms(word: str) -> tuple[tuple[str, str], ...]:
    """(lemma, form) readings of `word` as a verb; empty when it cannot be one."""
    lemmas = lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ())
    prefix, hyphen, rest = word.partition("-")
    if not lemmas and hyphen and prefix in _VERB_PREFIXES and "-" not in rest:
        return tuple((f"{prefix}-{lemma}", tag) for lemma, tag in verb_forms(rest))
    if not lemmas and word.endswith("ed") and len(word) > 4:
        lemmas = lemminflect.getAllLemmasOOV(word, upos="VERB").get("VERB", ())
        forms = tuple((lemma, tag) for lemma in lemmas for tag in ("VBD", "VBN"))
        return forms
    readings = []
    for lemma in lemmas:
        for tag in ("VBD", "VBN", "VBZ", "VBG", "VBP", "VB"):
            if word in lemminflect.getInflection(lemma, tag=tag, inflect_oov=False):
                readings.append((lemma, tag))
    return tuple(readings)


@lru_cache(maxsize=65536)
def is_noun(word: str) -> bool:
    return bool(lemminflect.getAllLemmas(word, upos="NOUN"))


def _is_modifier(token: Token) -> bool:
    """A number, or a word that can only be an adjective ("new", "twenty")."""
    return token.text[:1].isdigit() or (
        token.is_word and not token.is_capitalised and _only_adjective(token.lower)
    )


@lru_cache(maxsize=65536)
def _only_adjective(word: str) -> bool:
    return bool(lemminflect.getAllLemmas(word, upos="ADJ")) and not verb_forms(word) and not (
        lemminflect.getAllLemmas(word, upos="NOUN")
    ) or word in _NUMBER_WORDS


_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                           "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
                           "dozen", "several", "many", "few"})


@lru_cache(maxsize=65536)
def _is_singular_noun(word: str) -> bool:
    return word in lemminflect.getAllLemmas(word, upos="NOUN").get("NOUN", ())


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """A lower-case word the dictionary knows (noun, verb, adjective or adverb)."""
    return bool(
        verb_forms(word)
        or is_noun(word)
        or lemminflect.getAllLemmas(word, upos="ADJ")
        or lemminflect.getAllLemmas(word, upos="ADV")
    )


@lru_cache(maxsize=65536)
def present_third_person(lemma: str) -> str:
    """'announce' -> 'announces', for headlines in the present tense."""
    forms = lemminflect.getInflection(lemma, tag="VBZ")
    return forms[0] if forms else lemma


def present_plural(lemma: str) -> str:
    """'announce' -> 'announce', 'be' -> 'are': the present with a plural subject."""
    forms = lemminflect.getInflection(lemma, tag="VBP")
    return forms[-1] if forms else lemma  # "be" gives ("am", "are")


def _forms(token: Token) -> tuple[tuple[str, str], ...]:
    return verb_forms(token.lower) if token.is_word else ()


def _has_form(readings: Sequence[tuple[str, str]], *tags: str) -> str | None:
    for lemma, tag in readings:
        if tag in tags:
            return lemma
    return None


class _Scanner:
    """Finds the verb groups of one token sequence."""

    def __init__(self, tokens: Sequence[Token], lexicon: Lexicon, blocked: frozenset[int]):
        self.tokens = tokens
        self.lex = lexicon
        self.blocked = blocked  # token indexes that cannot be verbs (times, names)

    def word(self, i: int) -> str:
        return self.tokens[i].lower if 0 <= i < len(self.tokens) else ""

    def _previous_word(self, i: int) -> int:
        """Index of the previous token, skipping adverbs inside a verb group."""
        j = i - 1
        while j >= 0 and self.word(j) in self.lex.verb_group_adverbs:
            j -= 1
        return j

    def _looks_nominal(self, i: int) -> bool:
        """The word at i follows a determiner, a possessive or a preposition: a noun use."""
        j = self._previous_word(i)
        if j < 0 or j in self.blocked and self.tokens[j].text[:1].isdigit():
            return False  # "on June 18 called": a time, not a count, before the verb
        prev = self.tokens[j]
        if self._demonstrative_subject(j, i):
            return False  # "This brings the total to 230", "This will be branded ...": a pronoun
        if prev.is_possessive or prev.lower in self.lex.determiners:
            return True
        if prev.lower in self.lex.prepositions and prev.lower != "to":
            return True
        if prev.is_capitalised:
            k = j
            while k > 0 and self.tokens[k - 1].is_capitalised:
                k -= 1  # back over the whole name
            before = self.tokens[k - 1] if k > 0 else None
            if before is not None and (before.lower in self.lex.determiners or _is_modifier(before)):
                # "a London court", "new Airbus A320 jets": a name as a modifier; but a past
                # form after it is the name's verb ("In a statement, the White House said"),
                # unless a noun follows it ("the A380F dedicated freighter").
                return not _has_form(_forms(self.tokens[i]), "VBD") or self._noun_follows(i)
        return prev.text[:1].isdigit()

    def _demonstrative_subject(self, j: int, i: int) -> bool:
        """A demonstrative opening its clause, with a finite verb form right after it:
        the demonstrative is the clause's subject, not a determiner."""
        word = self.word(j)
        if word not in _DEMONSTRATIVES or not (
            j == 0 or self.word(j - 1) in {",", ";", ":", "“", '"'}
            or self.word(j - 1) in self.lex.conjunctions
        ):
            return False
        if self.word(i) in self.lex.auxiliaries:
            return self.word(i + 1) != ","  # "That will, in turn, bring ...": read on to the verb
        forms = ("VBD", "VBZ") if word in {"this", "that"} else ("VBD", "VBP")
        return bool(_has_form(_forms(self.tokens[i]), *forms))

    def _agrees_before_phrase(self, i: int) -> bool:
        """"This move comes after ...", "the store accounts for 70%": a third-person form
        after a singular noun, before a phrase, with no verb of the clause ahead (not "the
        price increases in March were ...")."""
        j = self._previous_word(i)
        if j < 0 or not _has_form(_forms(self.tokens[i]), "VBZ"):
            return False
        if not _is_singular_noun(self.word(j)) or self.tokens[j].is_capitalised:
            return False
        k = j - 1
        while k >= 0 and any(c.isupper() for c in self.tokens[k].text) and (
            self.word(k) not in self.lex.determiners
        ):
            k -= 1  # "the iTunes store"
        if k < 0 or not (self.word(k) in self.lex.determiners or self.tokens[k].is_possessive):
            return False  # a compound ("British and Irish stock markets in 2006")
        if self.word(i + 1) not in self.lex.prepositions:
            return False
        for k in range(i + 1, len(self.tokens)):
            word = self.word(k)
            if word in {",", ";", ":", "—"} or word in self.lex.conjunctions or (
                word in self.lex.subordinators or word in self.lex.relativizers
            ):
                return True
            if word in self.lex.auxiliaries or _has_form(_forms(self.tokens[k]), "VBD", "VBZ"):
                return False
        return True

    def _after_quotation(self, i: int) -> bool:
        """Right after a quotation's closing mark (and its comma)."""
        before = [self.tokens[j].text for j in range(max(0, i - 2), i)]
        return bool(before) and (before[-1] in {'"', "”"} or before == [",", "”"]
                                 or before[-1] == "," and i > 1 and self.tokens[i - 2].in_quote)

    def _noun_follows(self, i: int) -> bool:
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        return nxt is not None and nxt.is_word and not nxt.is_capitalised and (
            not self.lex.is_function_word(nxt.lower) and is_noun(nxt.lower)
        )

    def _lexical_after(self, i: int) -> tuple[int, list[int]]:
        """Skip adverbs and negations after an auxiliary: (next index, skipped negations)."""
        negations = []
        j = i + 1
        while j < len(self.tokens) and (
            self.word(j) in self.lex.verb_group_adverbs or self.word(j) in self.lex.negations
        ):
            if self.word(j) in self.lex.negations:
                negations.append(j)
            j += 1
        return j, negations

    def groups(self) -> list[VerbGroup]:
        found: list[VerbGroup] = []
        i = 0
        n = len(self.tokens)
        while i < n:
            token = self.tokens[i]
            if i in self.blocked or not token.is_word:
                i += 1
                continue
            lower = token.lower
            if lower in self.lex.auxiliaries and not self._aux_is_noun(i):
                group, i = self._auxiliary_group(i)
                if group:
                    found.append(group)
                continue
            group = self._bare_verb(i, found)
            if group:
                found.append(group)
            i += 1
        return found

    def _aux_is_noun(self, i: int) -> bool:
        # "the May", "a can", "the will of the people"
        return self._looks_nominal(i) and self.word(i) in {"may", "can", "will", "might", "must"}

    def _auxiliary_group(self, start: int) -> tuple[VerbGroup | None, int]:
        lex = self.lex
        auxes: list[str] = []
        negated = False
        i = start
        n = len(self.tokens)
        while i < n and self.word(i) in lex.auxiliaries and i not in self.blocked:
            auxes.append(self.word(i))
            i, negs = self._lexical_after(i)
            negated = negated or bool(negs)
        head = i
        readings = _forms(self.tokens[head]) if head < n and head not in self.blocked else ()
        lexical = _has_form(readings, "VBN", "VBG", "VB", "VBD")
        if not lexical or (self.tokens[head].is_capitalised and head != 0):
            # A copula or a bare auxiliary ("Apple is the producer", "he has 3 stores").
            last_aux = auxes[-1]
            lemma = "be" if last_aux in lex.be else "have" if last_aux in lex.have else last_aux
            tense = self._tense(auxes[:-1], auxes[0], None) if len(auxes) > 1 else _finite_tense(
                auxes[0], lex
            )
            return self._group(start, start, lemma, tense, auxes, negated, False), head
        form = _form_of(readings, auxes)
        passive = form == "VBN" and any(a in lex.be for a in auxes)
        tense = self._tense(auxes, self.word(head), form)
        return self._group(start, head, lexical, tense, auxes, negated, passive), head + 1

    def _group(
        self,
        first: int,
        head: int,
        lemma: str,
        tense: Tense,
        auxes: Sequence[str],
        negated: bool,
        passive: bool,
    ) -> VerbGroup:
        modality = self._modality(head, auxes, tense)
        if modality == "future" and tense not in ("future", "modal"):
            tense = "future"
        return VerbGroup(first, head, lemma, tense, modality, passive, negated)

    def _tense(self, auxes: Sequence[str], head_word: str, form: str | None) -> Tense:
        lex = self.lex
        if any(a in lex.future_auxiliaries for a in auxes):
            return "future"
        if any(a in lex.hypothetical_auxiliaries for a in auxes):
            return "modal"
        if form is None:  # bare auxiliary used as the verb
            return _finite_tense(head_word, lex)
        if not auxes:
            return "past" if form == "VBD" else "present"
        first = auxes[0]
        if first in lex.have:
            if first in {"had", "'d", "’d"}:
                return "past_perfect"
            return "perfect" if first not in {"having"} else "nonfinite"
        if first in lex.be:
            if first in {"was", "were"}:
                return "past"
            if first in {"be", "been", "being"}:
                return "nonfinite"
            return "progressive" if form == "VBG" else "present"
        if first in lex.do:
            return "past" if first == "did" else "present"
        return "present"

    def _modality(self, head: int, auxes: Sequence[str], tense: Tense) -> Modality:
        lex = self.lex
        if tense == "future" or any(a in lex.future_auxiliaries for a in auxes):
            return "future"
        if tense == "modal":
            # "would" after a past reporting verb is the future seen from the past.
            if "would" in auxes and self._follows_reporting(head):
                return "future"
            return "hypothetical"
        nxt = self.word(head + 1)
        lemma_word = self.word(head)
        lemmas = {lemma for lemma, _ in _forms(self.tokens[head])}
        if nxt == "to" and tense in _DONE and lemmas & lex.commitment_verbs:
            return "actual"  # "have agreed to buy", "decided to remove": the decision happened
        if nxt == "to" and (
            (auxes and auxes[-1] in lex.be and lemma_word in lex.future_be_cues)
            or lemmas & lex.future_verbs
        ):
            return "future"
        return "actual"

    def _follows_reporting(self, head: int) -> bool:
        for j in range(head - 1, max(-1, head - 12), -1):
            for lemma, tag in _forms(self.tokens[j]):
                if tag == "VBD" and lemma in self.lex.reporting_verbs:
                    return True
        return False

    def _bare_verb(self, i: int, found: Sequence[VerbGroup]) -> VerbGroup | None:
        token = self.tokens[i]
        readings = _forms(token)
        if not readings or self.lex.is_function_word(token.lower):
            return None
        if token.is_capitalised and (
            (i > 0 and self.tokens[i - 1].text not in "“\"")
            or (i + 1 < len(self.tokens) and self.tokens[i + 1].is_capitalised)
        ):
            return None  # a name ("United States", "Boeing") or a title word
        if self._looks_nominal(i):
            return None
        prev = self.word(i - 1)
        if prev == "to":
            lemma = _has_form(readings, "VB")
            if lemma:
                return VerbGroup(i, i, lemma, "nonfinite", self._modality(i, (), "nonfinite"))
            return None
        past = _has_form(readings, "VBD")
        if past and not self._participle_use(i, found):
            return self._group(i, i, past, "past", (), False, False)
        present = _has_form(readings, "VBZ", "VBP")
        if present and not _has_form(readings, "VBZ") and self._after_singular_noun(i):
            present = None  # "the software update": a plural verb form after a singular noun
        if present and present in self.lex.reporting_verbs and self._after_quotation(i):
            return self._group(i, i, present, "present", (), False, False)  # '," says Smith'
        apposition = bool(present) and self._after_apposition(i, found)
        if present and (self._subject_before(i) or apposition) and (
            not self._finite_in_clause(i, found)
        ):
            if not is_noun(token.lower) or self._subject_before(i, strict=True) or (
                self._object_follows(i) or apposition or self._agrees_before_phrase(i)
            ):
                return self._group(i, i, present, "present", (), False, False)
        gerund = _has_form(readings, "VBG")
        if gerund and i > 0 and self.word(i - 1) in {",", "while", "after", "before", "by", "when"}:
            return VerbGroup(i, i, gerund, "nonfinite", "actual")
        return None

    def _after_singular_noun(self, i: int) -> bool:
        j = self._previous_word(i)
        if j < 0:
            return False
        prev = self.tokens[j]
        if not prev.is_word or prev.is_capitalised or prev.lower in self.lex.subject_pronouns:
            return False
        return _is_singular_noun(prev.lower) and not verb_forms(prev.lower)

    def _after_apposition(self, i: int, found: Sequence[VerbGroup]) -> bool:
        """"The software update, iPod Software 1.1.1, works with ...": the subject, then an
        apposition or a relative clause ("The government, which holds a share, opposes ...")
        closed by a comma, and no verb yet outside it."""
        if i < 2 or self.word(i - 1) != "," or any(
            g.finite and not self._relative(g) for g in found
        ):
            return False
        return sum(1 for t in self.tokens[:i] if t.text == ",") == 2 and (
            self.word(0) in self.lex.determiners or self.tokens[0].is_capitalised
        )

    def _relative(self, group: VerbGroup) -> bool:
        return self.word(self._previous_word(group.first)) in self.lex.relativizers

    def _object_follows(self, i: int) -> bool:
        """"airliner makes first flight": a determiner, number or name after the verb."""
        if i + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[i + 1]
        return (
            nxt.lower in self.lex.determiners or nxt.lower in {"that", "first", "new"}
            or nxt.text[:1].isdigit() or (nxt.is_capitalised and nxt.is_word)
        )

    def _participle_use(self, i: int, found: Sequence[VerbGroup]) -> bool:
        """A -ed form used as a participle: after a noun in a clause that has its verb already."""
        lemma_readings = _forms(self.tokens[i])
        if not _has_form(lemma_readings, "VBN"):
            return False
        prev = self.word(i - 1)
        if prev in self.lex.conjunctions or prev in self.lex.relativizers:
            return False
        if prev in {",", "—", "-"}:
            return self._finite_in_clause(i, found)
        return self._finite_in_clause(i, found) and not self._subject_before(i, strict=True)

    def _finite_in_clause(self, i: int, found: Sequence[VerbGroup]) -> bool:
        """A finite verb earlier in the same clause (no clause boundary in between)."""
        boundary = self._clause_start(i)
        quoted = self.tokens[i].in_quote
        return any(
            g.finite and boundary <= g.head < i and self.tokens[g.head].in_quote == quoted
            and not self._opens_complement(g)  # "said X passes Y": a new clause
            and self.word(self._previous_word(g.first)) not in {"which", "who", "whom"}
            for g in found  # ", which is the largest, signed ...": the aside has its own verb
        )

    def _opens_complement(self, group: VerbGroup) -> bool:
        """A reporting verb followed at once by its reported clause ("said Apple's store
        passes ..."), not by a phrase of its own ("said in an interview ...")."""
        if group.lemma not in self.lex.reporting_verbs:
            return False
        after = self.word(group.head + 1)
        return bool(after) and after[:1].isalpha() and after not in self.lex.prepositions

    def _clause_start(self, i: int) -> int:
        lex = self.lex
        for j in range(i - 1, -1, -1):
            w = self.word(j)
            if w in {";", ":", "—"} or w in lex.subordinators or w in lex.relativizers:
                return j + 1
            if w in lex.conjunctions and j > 0:
                return j + 1
        return 0

    def _subject_before(self, i: int, strict: bool = False) -> bool:
        """A plausible subject right before the verb: a pronoun, a name or a noun (a quoted
        name too: 'Boeing 787 "Dreamliner" makes maiden flight')."""
        j = self._previous_word(i)
        if j > 0 and self.tokens[j].text in {'"', "”"} and self.tokens[j - 1].is_capitalised:
            k = j - 1
            while k > 0 and self.tokens[k - 1].is_capitalised:
                k -= 1  # back to the quotation's opening mark
            before = self.word(k - 2) if k > 1 else ""
            if before not in self.lex.determiners and before not in self.lex.possessives:
                j -= 1  # not 'the "Lion" release': a quoted name used as a modifier
        if j < 0:
            return False
        prev = self.tokens[j]
        if prev.lower in self.lex.subject_pronouns or prev.lower in self.lex.relativizers:
            return True
        if prev.is_capitalised and prev.is_word:
            return prev.lower not in self.lex.demonyms
        if strict:
            return False
        return prev.is_word and not self.lex.is_function_word(prev.lower) and is_noun(prev.lower)


def _form_of(readings: Sequence[tuple[str, str]], auxes: Sequence[str]) -> str:
    tags = {tag for _, tag in readings}
    last = auxes[-1] if auxes else ""
    if "VBG" in tags and last in {"is", "are", "am", "was", "were", "be", "been", "'s", "’s",
                                  "'re", "’re", "'m", "’m"}:
        return "VBG"
    if "VBN" in tags and last not in {"will", "would", "could", "should", "might", "may", "can",
                                      "must", "shall", "do", "does", "did", "to"}:
        return "VBN"
    if "VB" in tags:
        return "VB"
    return next(iter(sorted(tags)), "VB")


def _finite_tense(word: str, lexicon: Lexicon) -> Tense:
    if word in {"was", "were", "had", "did", "'d", "’d"}:
        return "past"
    if word in {"be", "been", "being", "having"}:
        return "nonfinite"
    if word in lexicon.future_auxiliaries:
        return "future"
    if word in lexicon.hypothetical_auxiliaries:
        return "modal"
    return "present"


def verb_groups(
    tokens: Sequence[Token], lexicon: Lexicon, blocked: frozenset[int] = frozenset()
) -> list[VerbGroup]:
    """The verb groups of a token sequence, in order."""
    return _Scanner(tokens, lexicon, blocked).groups()


def clause_modality(tokens: Sequence[Token], group: VerbGroup, lexicon: Lexicon) -> Modality:
    """The group's modality, made hypothetical by a cue ("if", "possibly") earlier in its clause."""
    if group.modality != "actual":
        return group.modality
    for j in range(group.first - 1, max(-1, group.first - 8), -1):
        w = tokens[j].lower
        if w in {",", ";", ":"}:
            break
        if w in lexicon.hypothetical_cues:
            return "hypothetical"
    return "actual"
