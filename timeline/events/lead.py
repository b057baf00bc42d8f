"""The headline and the lead tell the article's news; they date it together.

A headline is read on the publication day, and the lead's news in the perfect ("Boeing have
unveiled the 787") with no time of its own too. When the lead goes on to say when the news
happened ("Sunday was chosen as its date"), or tells the headline's happening with a time
("... signed the agreement in Paris on June 15"), that time is theirs: inferred, with the lead's
expression as evidence.
"""

from __future__ import annotations

from datetime import timedelta

from timeline.events import lexicon as lexicons
from timeline.events.attach import Analysis, Reading
from timeline.events.headline import term
from timeline.events.narrative import (
    HEADLINE_LEAD_RULE,
    HEADLINE_RULE,
    NEWS_DAYS,
    NEWS_TENSES,
    PUBLICATION_RULE,
    Narrator,
    narrative_evidence,
)
from timeline.types import EventTime, Mention, TimeEvidence

Draft = tuple[Mention, Analysis, Reading]


def recent(time: EventTime, published: EventTime) -> bool:
    """A time in the week up to a headline's publication day: the headline's news."""
    if time.start is None or published.start is None:
        return False
    return published.start - timedelta(days=NEWS_DAYS) <= time.start <= published.start


def with_lead_news(drafts: list[Draft], narrator: Narrator) -> list[Draft]:
    """The lead's news in the perfect or reported ("Boeing have unveiled the 787"), dated by
    the publication day as it was read, took place on the day of the news the lead goes on
    to give ("Sunday was chosen as its date"; see `Narrator.lead_news`)."""
    out = []
    for mention, analysis, reading in drafts:
        if (
            reading.main and analysis.sentence.index in narrator.lead_sentences
            and mention.timex is not None and mention.timex.rule == PUBLICATION_RULE
            and (analysis.reporting or reading.tense in NEWS_TENSES)
        ):
            news = narrator.lead_news(analysis)
            if news is not None:
                mention = mention.model_copy(
                    update={"time": news.time, "timex": news.evidence, "inferred": True})
        out.append((mention, analysis, reading))
    return out


def with_headline_news(drafts: list[Draft], lead: set[int], lexicon: lexicons.Lexicon
                       ) -> list[Draft]:
    """A headline tells the news of its lead ("China Eastern Airlines to purchase twenty
    jets" / "... it had signed a contract to purchase ... on June 15"): dated by its
    publication day as it was read, it takes the time of the lead's statement of the same
    happening (the same verb, or its verb among the statement's words about an actor of the
    headline), when that time is the week's news."""
    out = list(drafts)
    for k, (mention, analysis, reading) in enumerate(drafts):
        if not (analysis.is_title and reading.main and mention.time and mention.timex
                and mention.timex.rule == HEADLINE_RULE):
            continue
        telling = next((
            other for other, other_analysis, _ in drafts
            if other_analysis.sentence.index in lead
            and _tells_headline(mention, other, lexicon)
            and recent(other.time, mention.time)
        ), None)
        if telling is not None:
            out[k] = (mention.model_copy(update={
                "time": telling.time, "timex": _headline_evidence(telling.timex),
                "inferred": True,
            }), analysis, reading)
    return out


def _tells_headline(headline: Mention, other: Mention, lexicon: lexicons.Lexicon) -> bool:
    """`other` dates the headline's happening by evidence of its own: an explicit time, the
    narrative's or a back-reference's, not the publication day; and the act of reporting it
    is not the happening (unless the headline reports a statement)."""
    if other.time is None or other.timex is None or other.modality != "actual":
        return False
    if other.timex.rule == PUBLICATION_RULE or other.time.value == headline.time.value:
        return False
    verb = headline.predicate or ""
    if (other.predicate in lexicon.reporting_verbs) and verb not in lexicon.reporting_verbs:
        return False
    if other.predicate == verb:
        return True
    shared = set(headline.actor_keys) & set(other.actor_keys)
    return term(verb, lexicon.language) in other.keywords and bool(shared)


def _headline_evidence(base: TimeEvidence) -> TimeEvidence:
    return narrative_evidence(base, HEADLINE_LEAD_RULE)
