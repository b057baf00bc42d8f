"""Stage 3, events: a `Document` and its `Timex`es -> `Mention`s (dated, or undated background).

Contract used by the pipeline:

    extract_mentions(document, timexes) -> list[Mention]

Mentions with `time is None` are background with no temporal evidence; merge keeps them apart.

How: the body is split into sentences outside the excluded spans (`sentences`); each sentence is
read for its actors (`actors`), verb groups and modality (`tense`), main predicate, attribution,
quotations and the happening each time expression dates (`attach`). Statements with no time of
their own take the narrative time, the news time or the publication day, or stay undated as
background (`narrative`). A noun or verb that tells again a happening the document dates
elsewhere takes that time (`coreference`); event nouns are compared through their verbs
(`derivation`). The headline and the lead's news take the time the lead gives them (`lead`);
a day word quoted from a speaker counts from the day the speaker spoke (`speech`). Each reading becomes a mention with a rule-made headline and key terms
(`headline`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from timeline.events import lexicon as lexicons
from timeline.events.actors import Registry, capitalised_inside
from timeline.events.attach import Analysis, Reading, analyse, is_stamp
from timeline.events.coreference import corefer
from timeline.events.headline import clause_span, headline, keywords
from timeline.events.lead import recent, with_headline_news, with_lead_news
from timeline.events.narrative import Dating, Narrator, narrative_evidence
from timeline.events.sentences import Sentence, split
from timeline.events.speech import spoken_dating
from timeline.events.tense import Tense, verb_forms
from timeline.types import Document, Mention, Modality, Timex

__all__ = ["extract_mentions"]

_SENTENCE_END = frozenset('.!?”"’)')
_MAX_HEADLINE_LINES = 3
# Least resemblance for a headline to stand for one of its article's statements.
_HEADLINE_RESEMBLANCE = 0.15
# Mention ids of readings dated by coreference: past every reading the sentence has itself.
_COREFERENCE_ID = 1000
# Mention ids of the happenings of opening clauses.
_CLAUSE_ID = 500
# Openers of a clause whose happening is simultaneous with the main clause's.
_SIMULTANEOUS = frozenset({"while", "when", "as"})
# Provisional occasion of a referring reading, naming its telling's mention id.
_COREFERENCE_OCCASION = "coreference@"


def extract_mentions(document: Document, timexes: Sequence[Timex]) -> list[Mention]:
    """Every statement of `document` that reports a happening, dated where evidence allows."""
    lexicon = lexicons.load(document.language)
    sentences = split(document.text, document.excluded)
    registry = Registry(mid_sentence=capitalised_inside([s.tokens for s in sentences]))
    narrator = Narrator(document, lexicon, registry)
    ordered = sorted(timexes, key=lambda t: t.start)
    drafts: list[tuple[Mention, Analysis, Reading]] = []
    headline_lines = _headline_lines(document, sentences)
    for sentence in sentences:
        inside = [t for t in ordered if t.start >= sentence.start and t.end <= sentence.end]
        if is_stamp(sentence, inside, lexicon):
            continue
        analysis = analyse(sentence, inside, lexicon, registry, sentence.line in headline_lines)
        if not _is_statement(analysis, lexicon.min_words):
            narrator.after(analysis, None, None)
            continue
        drafts.extend(_mentions(document, analysis, narrator, lexicon))
    drafts = _with_coreference(document, with_lead_news(drafts, narrator), lexicon)
    drafts = with_headline_news(drafts, narrator.lead_sentences, lexicon)
    drafts = _with_topic(drafts, narrator.topic_keys)
    return _with_occasions(drafts, registry)


def _with_topic(
    drafts: list[tuple[Mention, Analysis, Reading]], topic: set[str]
) -> list[tuple[Mention, Analysis, Reading]]:
    """A statement that names no one ("The aircraft flew into clear blue skies") is about
    the article's topic: it shares the actors of the headline and the lead for comparison."""
    if not topic:
        return drafts
    out = []
    for mention, analysis, reading in drafts:
        named = analysis.attribution or any(a.kind != "place" for a in analysis.actors)
        if not named:
            keys = tuple(sorted(set(mention.actor_keys) | topic))
            mention = mention.model_copy(update={"actor_keys": keys})
        out.append((mention, analysis, reading))
    return out


def _with_coreference(
    document: Document, drafts: list[tuple[Mention, Analysis, Reading]], lexicon: lexicons.Lexicon
) -> list[tuple[Mention, Analysis, Reading]]:
    """Date the readings that refer to a happening the document dates elsewhere: the
    sentence's own reading when it is that reading, else an extra mention."""
    found = corefer(drafts, lexicon)
    if not found:
        return drafts
    own = {(a.sentence.index, r.head): k for k, (_, a, r) in enumerate(drafts)}
    out = list(drafts)
    for analysis, reading, dating, telling in found:
        # The referring reading is told as part of its telling's happening (see _with_occasions).
        update = {"time": dating.time, "timex": dating.evidence, "inferred": True,
                  "occasion": f"{_COREFERENCE_OCCASION}{telling}"}
        k = own.get((analysis.sentence.index, reading.head))
        if k is not None:
            mention, _, drafted = out[k]
            if mention.time is None or (analysis.is_title and recent(dating.time, mention.time)):
                out[k] = (mention.model_copy(update=update), analysis, drafted)
            continue  # a dated statement keeps its time: "has filed a lawsuit" is this week's
        terms = next(m.keywords for m, a, _ in drafts if a is analysis)
        mention = _mention(document, analysis, reading, dating, _COREFERENCE_ID + reading.head,
                           lexicon, terms)
        out.append((mention.model_copy(update=update), analysis, reading))
    out.sort(key=lambda d: (d[0].start, d[0].id))
    return out


def _with_occasions(
    drafts: Sequence[tuple[Mention, Analysis, Reading]], registry: Registry
) -> list[Mention]:
    """Mark the statements of one occasion: one speaker (or the organisation a spokesperson
    speaks for) at one time; a headline joins the statement it resembles most."""
    occasions: dict[str, str] = {}
    for mention, analysis, reading in drafts:
        if reading.main and analysis.reporting and mention.time and mention.attribution:
            group = registry.speaks_for(mention.attribution)
            occasions[mention.id] = f"{group}@{mention.time.value}"
    for mention, analysis, reading in drafts:
        if not (analysis.is_title and reading.main and mention.time):
            continue
        best = max(
            (
                (_resemblance(mention, other), other.time.value == mention.time.value,
                 other_reading.main, other.id)
                for other, other_analysis, other_reading in drafts
                if not other_analysis.is_title and other.time is not None
                and other.time.value.startswith(mention.time.value)
            ),
            default=None,
        )
        if best is not None and best[0] >= _HEADLINE_RESEMBLANCE:
            occasion = occasions.setdefault(best[-1], f"headline@{best[-1]}")
            occasions[mention.id] = occasion
    for mention, _, _ in drafts:
        if mention.occasion and mention.occasion.startswith(_COREFERENCE_OCCASION):
            telling = mention.occasion.removeprefix(_COREFERENCE_OCCASION)
            shared = occasions.setdefault(telling, f"{_COREFERENCE_OCCASION}{telling}")
            occasions[mention.id] = shared
    return [
        m.model_copy(update={"occasion": occasions[m.id]}) if m.id in occasions else m
        for m, _, _ in drafts
    ]


def _resemblance(a: Mention, b: Mention) -> float:
    """Jaccard overlap of two mentions' key terms and actors."""
    left = set(a.keywords) | {f"@{k}" for k in a.actor_keys}
    right = set(b.keywords) | {f"@{k}" for k in b.actor_keys}
    return len(left & right) / len(left | right) if left and right else 0.0


def _headline_lines(document: Document, sentences: Sequence[Sentence]) -> frozenset[int]:
    """The lines of the headline block: the title, and a deck under it, before the first
    line that ends like a sentence. A headline reads as the day's news."""
    lines: list[int] = []
    for sentence in sentences:
        if lines and sentence.line == lines[-1]:
            continue
        text = document.text[sentence.start:].split("\n", 1)[0].strip()
        if not text or text[-1] in _SENTENCE_END or len(lines) >= _MAX_HEADLINE_LINES:
            break
        lines.append(sentence.line)
    title = (document.title or "").strip().casefold()
    if document.title and sentences:
        first = document.text[sentences[0].start:].split("\n", 1)[0].strip().casefold()
        if first == title and sentences[0].line not in lines:
            lines.insert(0, sentences[0].line)
    return frozenset(lines)


def _is_statement(analysis: Analysis, min_words: int) -> bool:
    words = sum(1 for t in analysis.sentence.tokens if t.is_word)
    if words < min_words:
        return False
    return analysis.main is not None or bool(analysis.embedded) or analysis.quote_only


def _mentions(
    document: Document, analysis: Analysis, narrator: Narrator, lexicon: lexicons.Lexicon
) -> list[tuple[Mention, Analysis, Reading]]:
    main = analysis.main
    if main is None and analysis.quote_only:
        main = Reading(head=0, lemma="say", noun=False, tense="past", modality="actual",
                       main=True)
    out: list[tuple[Mention, Analysis, Reading]] = []
    terms = keywords(analysis.sentence.tokens, analysis, lexicon)
    if main is not None:
        narrator.read_topic(analysis, terms)
    main_dating = narrator.date_main(analysis, main, terms) if main else None
    narrator.remember(terms)
    narrator.after(analysis, main, main_dating)
    if main is not None and main_dating is not None:
        out.append((_mention(document, analysis, main, main_dating, 0, lexicon, terms), analysis,
                    main))
    seen_values = {main_dating.time.value} if main_dating else set()
    for k, reading in enumerate(analysis.embedded, start=1):
        assert reading.timex is not None
        # A day word in a quotation counts from when the speaker spoke ("today", said Sunday).
        dating = spoken_dating(analysis, reading.timex, main_dating) or Dating(*_explicit(reading))
        if dating.time.value in seen_values and main_dating and not main_dating.inferred:
            continue
        seen_values.add(dating.time.value)
        out.append((_mention(document, analysis, reading, dating, k, lexicon, terms), analysis,
                    reading))
    if not out and main is not None:
        out.append((_mention(document, analysis, main, None, 0, lexicon, terms), analysis, main))
        clauses = _background_clause(analysis, lexicon) + _when_clause(analysis, main, lexicon)
        for reading in clauses:
            out.append((_mention(document, analysis, reading, None, _CLAUSE_ID + reading.head,
                                 lexicon, terms), analysis, reading))
    elif main is not None and main_dating is not None and main.modality == "actual":
        # "While introducing iPhone 4, Jobs started by ...": the opening clause's happening
        # takes place at the main's time.
        if analysis.sentence.tokens and analysis.sentence.tokens[0].lower in _SIMULTANEOUS:
            dating = _alongside(main_dating)
            for reading in _background_clause(analysis, lexicon):
                out.append((_mention(document, analysis, reading, dating,
                                     _CLAUSE_ID + reading.head, lexicon, terms), analysis, reading))
    return out


def _alongside(dating: Dating) -> Dating:
    """The main's time, for a happening told alongside it (not by its own words)."""
    evidence = dating.evidence if dating.inferred else narrative_evidence(dating.evidence)
    return Dating(dating.time, evidence, True)


def _background_clause(analysis: Analysis, lexicon: lexicons.Lexicon) -> list[Reading]:
    """The happening of an opening "When ..." clause ("When Jobs first introduced iPhone 4,
    he praised ..."): in an undated statement undated too, but merge may find it dated where
    another source tells it."""
    tokens = analysis.sentence.tokens
    if not tokens or tokens[0].lower not in lexicon.subordinators:
        return []
    main_head = analysis.main.head if analysis.main else len(tokens)
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if comma is None:
        return []
    heads = [h for h in analysis.verb_heads if h < min(comma, main_head)]
    return _clause_happening(analysis, heads, "past", "actual", lexicon)


def _when_clause(analysis: Analysis, main: Reading, lexicon: lexicons.Lexicon) -> list[Reading]:
    """The happening of a closing "when ..." clause of an undated statement ("The A380 will
    be the largest airliner when it enters service"): undated, with the statement's modality,
    for merge to find where another source dates it."""
    tokens = analysis.sentence.tokens
    opener = next((i for i in range(main.head + 1, len(tokens)) if tokens[i].lower == "when"
                   and not tokens[i].in_quote), None)
    if opener is None:
        return []
    heads = [h for h in analysis.verb_heads if h > opener]
    return _clause_happening(analysis, heads, "present", main.modality, lexicon)


def _clause_happening(
    analysis: Analysis, heads: Iterable[int], tense: Tense, modality: Modality,
    lexicon: lexicons.Lexicon,
) -> list[Reading]:
    """The clause's happening: its first verb that tells one of its own (not a reporting verb
    or an auxiliary: "when he said" or "when it was" names none), as a reading of its own."""
    tokens = analysis.sentence.tokens
    for head in sorted(heads):
        forms = verb_forms(tokens[head].lower)
        lemma = forms[0][0] if forms else ""
        if lemma and lemma not in lexicon.reporting_verbs and lemma not in lexicon.auxiliaries:
            return [Reading(head, lemma, False, tense, modality, False)]
    return []


def _explicit(reading: Reading):
    from timeline.events.narrative import event_time, evidence

    assert reading.timex is not None
    return event_time(reading.timex), evidence(reading.timex), False


def _mention(
    document: Document,
    analysis: Analysis,
    reading: Reading,
    dating: Dating | None,
    k: int,
    lexicon: lexicons.Lexicon,
    terms: tuple[str, ...],
) -> Mention:
    sentence = analysis.sentence
    actors = _actor_names(analysis)
    return Mention(
        id=f"{document.id}:{sentence.start}-{sentence.end}:{k}",
        source=document.id,
        sentence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        headline=headline(analysis, reading, lexicon),
        actors=actors,
        attribution=analysis.attribution if reading.main else None,
        quotes=analysis.quotes,
        predicate=reading.lemma,
        modality=reading.modality,
        time=dating.time if dating else None,
        timex=dating.evidence if dating else None,
        inferred=dating.inferred if dating else False,
        # A happening told inside a longer sentence is compared by the words of its clause.
        keywords=terms if reading.main else keywords(
            sentence.tokens, analysis, lexicon, clause_span(analysis, reading, lexicon)
        ),
        actor_keys=tuple(sorted({a.key for a in analysis.actors} | _attribution_key(analysis))),

    )


def _actor_names(analysis: Analysis) -> tuple[str, ...]:
    names: list[str] = []
    for name in [analysis.attribution, *(a.name for a in analysis.actors)]:
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _attribution_key(analysis: Analysis) -> set[str]:
    if not analysis.attribution:
        return set()
    from timeline.events.actors import actor_key

    return {actor_key(analysis.attribution, "person")}
