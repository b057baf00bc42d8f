"""Times for statements that carry none of their own: the narrative time, or the publication day.

News tells a story from a time set by an explicit expression ("Yesterday, Jobs unveiled ..."),
and the statements that follow about the same people keep that time ("He demoed ...", "Jobs
also said ..."). A reported statement about the article's story with no narrative to continue
was made on the day the news happened (the first explicit time near publication: "Boeing
unveiled the 787 on Sunday ... Boeing claims ..."), else on the publication day. Past-tense
background that continues nothing ("Biden turned down ...") has no temporal evidence and stays
undated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import pendulum

from timeline.events.actors import Registry
from timeline.events.attach import Analysis, Reading, precision_rank
from timeline.events.headline import term
from timeline.events.lexicon import Lexicon
from timeline.types import Anchor, Document, EventTime, TimeEvidence, Timex

# The evidence rule of a headline dated by its publication day (merge attaches headlines).
HEADLINE_RULE = "headline:publication-day"
# The evidence rule of a headline dated by the lead's statement of its happening.
HEADLINE_LEAD_RULE = "headline:lead"
# Evidence rules that mark an article's headline (written as a summary of its news).
HEADLINE_RULES = frozenset({HEADLINE_RULE, HEADLINE_LEAD_RULE})
# The evidence rule of a statement dated by its publication day.
PUBLICATION_RULE = "publication-day"
# How many sentences a narrative time reaches across without a shared actor.
_REACH = 1
NEWS_TENSES = frozenset({"perfect", "progressive"})
# How far before publication an explicit time still counts as the time of the news.
NEWS_DAYS = 7
# Statements (after the headline) whose words make the article's topic: the lead.
_LEAD_STATEMENTS = 3
# Determiners of a description of something already told, and the words it may take.
_DEFINITE = frozenset({"the", "this", "these", "those"})
_DESCRIPTION_WORDS = 3


@dataclass(frozen=True)
class Dating:
    time: EventTime
    evidence: TimeEvidence
    inferred: bool


@dataclass
class Narrative:
    """The time the story is currently told at, and who it is about."""

    dating: Dating
    paragraph: int
    line: int
    sentence: int
    actors: frozenset[str]


def event_time(timex: Timex) -> EventTime:
    interval = timex.interval
    return EventTime(
        value=timex.value,
        start=interval.start if interval else None,
        end=interval.end if interval else None,
        granularity=timex.granularity or granularity_of(timex.value),
    )


def evidence(timex: Timex) -> TimeEvidence:
    return TimeEvidence(
        text=timex.text, value=timex.value, start=timex.start, end=timex.end,
        anchor=timex.anchor, rule=timex.rule,
    )


def granularity_of(value: str) -> str | None:
    """Granularity of a TIMEX3 value by its shape: 2025 -> year, 2025-08-19T10:30 -> minute."""
    date, _, clock = value.partition("T")
    if clock:
        if clock[:2].isalpha():
            return "part_of_day"
        return {2: "hour", 5: "minute"}.get(len(clock[:8]), "second")
    parts = date.split("-")
    if len(parts) == 1:
        return {4: "year", 3: "decade", 2: "century"}.get(len(parts[0]))
    if len(parts) == 2:
        second = parts[1]
        if second.startswith("W"):
            return "week"
        if second.startswith("Q"):
            return "quarter"
        if second.startswith("H"):
            return "half"
        if second in {"SP", "SU", "FA", "WI"}:
            return "season"
        return "month"
    return "day" if len(parts) == 3 and not parts[2].startswith("W") else "week"


def publication_day(document: Document) -> Dating | None:
    """The publication day in the document's zone, as a day-long time."""
    if document.published is None:
        return None
    published = pendulum.instance(document.published)
    if document.timezone:
        try:
            published = published.in_timezone(document.timezone)
        except (ValueError, pendulum.tz.exceptions.InvalidTimezone):
            pass
    day = published.start_of("day")
    value = day.format("YYYY-MM-DD")
    return Dating(
        time=EventTime(value=value, start=day, end=day.add(days=1), granularity="day"),
        evidence=TimeEvidence(
            text="(publication date)", value=value,
            anchor=Anchor(kind="publication", value=value), rule=PUBLICATION_RULE,
        ),
        inferred=True,
    )


def _participants(analysis: Analysis) -> frozenset[str]:
    """The people and organisations a sentence is about (places are the setting, not the story)."""
    names = {a.name for a in analysis.actors if a.kind != "place"}
    for name in (analysis.attribution, analysis.subject):
        if name:
            names.add(name)
    return frozenset(names)


class Narrator:
    """Dates one document's readings in order, carrying the narrative time forward.

    Two times are carried: the story time (the latest explicit time of a main clause: where the
    narrative is) and the news time (the latest explicit time close to the publication: when
    the reported statements were made). Reported speech and news in the perfect take the news
    time; past-tense narration takes the story time; both only when the sentence continues
    with the people of that time. Two are kept: the lead's story (its first explicit time),
    which a statement about the article's own actors goes on with when it continues no later
    story, and the first news time, the day of the news for statements that continue nothing.
    Explicit times set them; inferred ones never do.
    """

    def __init__(self, document: Document, lexicon: Lexicon, registry: Registry):
        self.publication = publication_day(document)
        self.lexicon = lexicon
        self.registry = registry
        self.story: Narrative | None = None
        self.news: Narrative | None = None
        self.first_news: Narrative | None = None
        self.first_news_actors: frozenset[str] = frozenset()  # who its sentence names
        self.lead_story: Narrative | None = None
        self.reading_lead = False
        self.previous: tuple[Analysis, Dating | None] | None = None
        # What the headline and the lead are about: a statement that shares it is the news.
        self.topic_terms: set[str] = set()
        self.topic_actors: set[str] = set()
        self.topic_keys: set[str] = set()  # the topic's actors as documents share them
        self.told_terms: set[str] = set()  # every statement's words so far
        self.lead_statements = 0
        self.lead_sentences: set[int] = set()  # indexes of the lead's statements

    def read_topic(self, analysis: Analysis, terms: Sequence[str]) -> None:
        """Add a headline line or a lead statement to the article's topic."""
        self.reading_lead = False
        if not analysis.is_title:
            if self.lead_statements >= _LEAD_STATEMENTS:
                return
            self.lead_statements += 1
            self.reading_lead = True
            self.lead_sentences.add(analysis.sentence.index)
        self.topic_terms.update(terms)
        self.topic_actors.update(_participants(analysis))
        self.topic_keys.update(a.key for a in analysis.actors if a.kind != "place")

    def remember(self, terms: Sequence[str]) -> None:
        """Keep what a statement talked about, for the definite descriptions that follow."""
        self.told_terms.update(terms)

    def _in_topic(self, analysis: Analysis, terms: Sequence[str]) -> bool:
        return bool(_participants(analysis) & self.topic_actors) or bool(
            self.topic_terms.intersection(terms)
        ) or self._anaphoric(analysis)

    def _anaphoric(self, analysis: Analysis) -> bool:
        """The sentence opens with a definite description of something already told ("The
        deal was approved ...", "The aircraft flew ..."): it goes on with the story."""
        tokens = analysis.sentence.tokens
        if not tokens or tokens[0].lower not in _DEFINITE:
            return False
        for token in tokens[1:1 + _DESCRIPTION_WORDS]:
            if not token.is_word or token.lower in self.lexicon.prepositions:
                return False
            if term(token.bare.lower(), self.lexicon.language, False) in self.told_terms:
                return True
        return False

    def _is_background(self, analysis: Analysis) -> bool:
        """Told as the past of the story: a cue word, or a former office-holder's deed."""
        if analysis.subject and analysis.subject in self.registry.former:
            return True
        lower = " " + analysis.sentence.text.lower() + " "
        if any(f" {cue} " in lower for cue in self.lexicon.background_cues):
            return True
        return self._opens_before(analysis, len(analysis.sentence.tokens))

    def _opens_before(self, analysis: Analysis, until: int) -> bool:
        """A verb before token `until` set before the story by its adverb ("When Jobs first
        introduced iPhone 4, ...": the first time was before)."""
        tokens = analysis.sentence.tokens
        return any(
            t.lower in self.lexicon.background_adverbs and i + 1 in analysis.verb_heads
            for i, t in enumerate(tokens[:until])
        )

    def continues(self, story: Narrative | None, analysis: Analysis, by_proximity: bool) -> bool:
        """The sentence goes on with a story: same line, or the same people.

        The article's own actors (its headline's and lead's) are in most of its sentences, so
        sharing only them continues a story (told in the past) just in the sentence after the
        one that set it. `by_proximity` (for reported speech: "the previous time in the
        paragraph") accepts any shared speaker or actor, and that sentence when it shares no
        one.
        """
        if story is None:
            return False
        s = analysis.sentence
        if s.line == story.line:
            return True
        near = s.paragraph == story.paragraph and s.index - story.sentence <= _REACH
        shared = _participants(analysis) & story.actors
        if shared - self.topic_actors or (shared and by_proximity):
            return True
        return near and (bool(shared) or by_proximity)

    def date_main(self, analysis: Analysis, reading: Reading, terms: Sequence[str] = ()
                  ) -> Dating | None:
        """The time of a sentence's main reading: its own, the narrative's, or the publication's.

        Reported speech and news in the perfect are dated when they were reported; a statement
        of the present state ("iPhone 4 has a new frame") by the day it was written; past-tense
        narration by the story it continues, or, when it tells the article's topic and nothing
        marks it as the story's past, by the time of the news.
        """
        if reading.timex is not None:
            return Dating(event_time(reading.timex), evidence(reading.timex), False)
        if reading.modality != "actual":
            return None
        if analysis.quote_only:
            return self._continued_quote(analysis)
        if analysis.is_title:
            return self._headline_dating()
        if analysis.reporting or reading.tense in NEWS_TENSES:
            if reading.tense == "past" and self._opens_before(analysis, reading.head):
                return None  # "When Jobs first introduced iPhone 4, he praised ...": the past
            return self._carried(self.news, analysis, True) or (
                self._news_time(whole_day=True) if self._in_topic(analysis, terms)
                else self.publication)
        if reading.tense == "present":
            return self.publication
        if reading.tense == "past":
            carried = self._carried(self.story, analysis, False) or self._carried(
                self.news, analysis, False
            ) or self._carried_lead(analysis)
            if carried or self._is_background(analysis) or not self._in_topic(analysis, terms):
                return carried
            return self._news_time()
        return None

    def lead_news(self, analysis: Analysis) -> Dating | None:
        """The time of the news, for a statement of the lead told in the perfect or reported
        and dated by the publication day as it was read ("Boeing have unveiled the 787 ...
        Sunday was chosen as its date"): when the lead goes on to give it in a sentence about
        the statement's people, or right after it about no one else. A report is dated to its
        day; news in the perfect is the happening itself ("has made its maiden flight ...
        lifted off at 08:30")."""
        news = self.first_news
        s = analysis.sentence
        if news is None or news.sentence not in self.lead_sentences or news.sentence <= s.index:
            return None
        told = self.first_news_actors
        if told & _participants(analysis) or (not told and news.sentence - s.index <= _REACH):
            return _narrated(news.dating, whole_day=analysis.reporting)
        return None

    def _news_time(self, whole_day: bool = False) -> Dating | None:
        """The time of the news: the first explicit time near publication (when the news the
        article tells happened), else the publication day; `whole_day` for a statement made
        that day, not at the hour the news happened."""
        if self.first_news is None:
            return self.publication
        return _narrated(self.first_news.dating, whole_day)

    def _headline_dating(self) -> Dating | None:
        if self.publication is None:
            return None
        evidence = self.publication.evidence.model_copy(update={"rule": HEADLINE_RULE})
        return Dating(self.publication.time, evidence, True)

    def _carried(self, story: Narrative | None, analysis: Analysis, by_proximity: bool
                 ) -> Dating | None:
        if story is None or not self.continues(story, analysis, by_proximity):
            return None
        story.actors = story.actors | _participants(analysis)
        return _narrated(story.dating)

    def _carried_lead(self, analysis: Analysis) -> Dating | None:
        """The time the lead told the story at, for a statement about the article's own
        actors that continues no later story ("The GAO upheld Boeing's protest")."""
        story = self.lead_story
        if story is None or not (_participants(analysis) & self.topic_actors):
            return None
        return _narrated(story.dating)

    def _continued_quote(self, analysis: Analysis) -> Dating | None:
        if self.previous is None:
            return None
        before, dating = self.previous
        if dating is None or before.sentence.paragraph != analysis.sentence.paragraph:
            return None
        return dating if dating.inferred else Dating(dating.time, dating.evidence, True)

    def _is_news(self, time: EventTime) -> bool:
        """A time of at most a day, within the week before publication (or its next day)."""
        if self.publication is None or time.start is None or time.end is None:
            return False
        publication = self.publication.time
        assert publication.start is not None and publication.end is not None
        if (time.end - time.start).total_seconds() > 86400:
            return False
        return publication.start - timedelta(days=NEWS_DAYS) <= time.start < publication.end + (
            timedelta(days=1)
        )

    def after(self, analysis: Analysis, reading: Reading | None, dating: Dating | None) -> None:
        """Update the story and news times with a sentence's explicitly dated main reading."""
        self.previous = (analysis, dating)
        if reading is None or dating is None or dating.inferred or reading.modality != "actual":
            return
        time = dating.time
        if self.publication is not None and time.start and (
            time.start >= self.publication.time.end + timedelta(days=1)  # type: ignore[operator]
        ):
            return  # a future time is not the time the story is told at
        s = analysis.sentence
        if _opens_state(analysis, dating):
            return  # "has been fighting cancer since 2004": a state up to now, not a story time
        told = Narrative(dating, s.paragraph, s.line, s.index, _participants(analysis))
        if self.story is None or not _contains(time, self.story.dating.time):
            self.story = told
        if self.lead_story is None and self.reading_lead:
            self.lead_story = told
        if self._is_news(time) and not self._earlier_than_statement(analysis, time):
            self.news = told
            if self.first_news is None:
                self.first_news = told
                self.first_news_actors = told.actors

    def _earlier_than_statement(self, analysis: Analysis, time: EventTime) -> bool:
        """Narration of a happening before the statement that reported it ("stated on
        Thursday that it had signed ... The airline signed the agreement on June 15"): the
        reported statements that follow were still made at the statement's time."""
        if analysis.reporting or self.news is None:
            return False
        said = self.news.dating.time
        return bool(
            said.start is not None and time.end is not None and time.end <= said.start
        )


def narrative_evidence(base: TimeEvidence, rule: str = "narrative") -> TimeEvidence:
    """Evidence for a statement dated by the expression `base` of another: that expression,
    as the anchor it was taken from."""
    return TimeEvidence(
        text=base.text, value=base.value, start=base.start, end=base.end,
        anchor=Anchor(kind="narrative", value=base.value, text=base.text), rule=rule,
    )


def _narrated(dating: Dating, whole_day: bool = False) -> Dating:
    """A narrative's time for a statement that takes it: inferred, with the expression that
    set the narrative as evidence (the day around it when `whole_day`)."""
    time = dating.time
    if whole_day and time.start is not None and precision_rank(time.granularity) < (
        precision_rank("day")
    ):
        day = pendulum.instance(time.start).start_of("day")
        time = EventTime(value=time.value.partition("T")[0], start=day, end=day.add(days=1),
                         granularity="day")
    return Dating(time=time, evidence=narrative_evidence(dating.evidence), inferred=True)


def _opens_state(analysis: Analysis, dating: Dating) -> bool:
    """The time is where a state begins ("since 2004"), said of a state lasting until now."""
    start = dating.evidence.start
    tokens = analysis.sentence.tokens
    before = [t for t in tokens if start is not None and t.end <= start]
    return bool(before) and before[-1].lower == "since"


def _contains(outer: EventTime, inner: EventTime) -> bool:
    """A coarser time around the current one ("earlier this year") does not move the story."""
    if None in (outer.start, outer.end, inner.start, inner.end):
        return False
    wider = (outer.end - outer.start) > (inner.end - inner.start)  # type: ignore[operator]
    return wider and outer.start <= inner.start and inner.end <= outer.end  # type: ignore[operator]
