"""Stage 3, events: a `Document` and its `Timex`es -> `Mention`s (dated, or undated background).

Contract used by the pipeline:

    extract_mentions(document, timexes) -> list[Mention]

Mentions with `time is None` are background with no temporal evidence; merge keeps them apart.

How: the body is split into sentences outside the excluded spans (`sentences`); each sentence is
read for its actors (`actors`), verb groups and modality (`tense`), main predicate, attribution,
quotations and the happening each time expression dates (`attach`). Statements with no time of
their own take the narrative time or the publication day, or stay undated (`narrative`). Each
dated reading becomes a mention with a rule-made headline and key terms (`headline`).
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.events import lexicon as lexicons
from timeline.events.actors import Registry, capitalised_inside
from timeline.events.attach import Analysis, Reading, analyse, is_stamp
from timeline.events.headline import headline, keywords
from timeline.events.narrative import Dating, Narrator
from timeline.events.sentences import Sentence, split
from timeline.types import Document, Mention, Timex

__all__ = ["extract_mentions"]


def extract_mentions(document: Document, timexes: Sequence[Timex]) -> list[Mention]:
    """Every statement of `document` that reports a happening, dated where evidence allows."""
    lexicon = lexicons.load(document.language)
    sentences = split(document.text, document.excluded)
    registry = Registry(mid_sentence=capitalised_inside([s.tokens for s in sentences]))
    narrator = Narrator(document)
    ordered = sorted(timexes, key=lambda t: t.start)
    mentions: list[Mention] = []
    title_line = _title_line(document, sentences)
    for sentence in sentences:
        inside = [t for t in ordered if t.start >= sentence.start and t.end <= sentence.end]
        if is_stamp(sentence, inside, lexicon):
            continue
        analysis = analyse(sentence, inside, lexicon, registry, sentence.line == title_line)
        if not _is_statement(analysis, lexicon.min_words):
            narrator.after(analysis, None, None)
            continue
        mentions.extend(_mentions(document, analysis, narrator, lexicon))
    return mentions


def _title_line(document: Document, sentences: Sequence[Sentence]) -> int | None:
    """The line that repeats the document's title (a headline reads as the day's news)."""
    if not sentences:
        return None
    first = sentences[0]
    title = (document.title or "").strip().casefold()
    line_text = document.text[first.start:].split("\n", 1)[0].strip().casefold()
    if title and (line_text == title or line_text.startswith(title) or title.startswith(line_text)):
        return first.line
    return None


def _is_statement(analysis: Analysis, min_words: int) -> bool:
    words = sum(1 for t in analysis.sentence.tokens if t.is_word)
    if words < min_words:
        return False
    return analysis.main is not None or bool(analysis.embedded) or analysis.quote_only


def _mentions(
    document: Document, analysis: Analysis, narrator: Narrator, lexicon: lexicons.Lexicon
) -> list[Mention]:
    main = analysis.main
    if main is None and analysis.quote_only:
        main = Reading(head=0, lemma="say", noun=False, tense="past", modality="actual",
                       main=True)
    out: list[Mention] = []
    main_dating = narrator.date_main(analysis, main) if main else None
    narrator.after(analysis, main, main_dating)
    if main is not None and main_dating is not None:
        out.append(_mention(document, analysis, main, main_dating, 0, lexicon))
    seen_values = {main_dating.time.value} if main_dating else set()
    for k, reading in enumerate(analysis.embedded, start=1):
        assert reading.timex is not None
        dating = Dating(*_explicit(reading))
        if dating.time.value in seen_values and main_dating and not main_dating.inferred:
            continue
        seen_values.add(dating.time.value)
        out.append(_mention(document, analysis, reading, dating, k, lexicon))
    if not out and main is not None:
        out.append(_mention(document, analysis, main, None, 0, lexicon))
    return out


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
        attribution=analysis.attribution,
        quotes=analysis.quotes,
        predicate=reading.lemma,
        modality=reading.modality,
        time=dating.time if dating else None,
        timex=dating.evidence if dating else None,
        inferred=dating.inferred if dating else False,
        keywords=keywords(sentence.tokens, analysis, lexicon),
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
