"""Times for statements that carry none of their own: the narrative time, or the publication day.

News tells a story from a time set by an explicit expression ("Yesterday, Jobs unveiled ..."),
and the statements that follow about the same people keep that time ("He demoed ...", "Jobs
also said ..."). A reported statement with no narrative to continue took place when it was
reported: the publication day. Past-tense background that continues nothing ("Biden turned
down ...") has no temporal evidence and stays undated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from timeline.events.attach import Analysis, Reading
from timeline.types import Anchor, Document, EventTime, TimeEvidence, Timex

# The evidence rule of a headline dated by its publication day (merge attaches headlines).
HEADLINE_RULE = "headline:publication-day"
# How many sentences a narrative time reaches across without a shared actor.
_REACH = 1
_NEWS_TENSES = frozenset({"perfect", "progressive"})


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
            anchor=Anchor(kind="publication", value=value), rule="publication-day",
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
    """Dates one document's readings in order, carrying the narrative time forward."""

    def __init__(self, document: Document):
        self.publication = publication_day(document)
        self.narrative: Narrative | None = None
        self.previous: tuple[Analysis, Dating | None] | None = None

    def continues(self, analysis: Analysis, by_proximity: bool) -> bool:
        """The sentence goes on with the current story: same line, or the same people.

        `by_proximity` also accepts the sentence right after the one that set the story, in the
        same paragraph (for reported speech: "the previous time in the paragraph").
        """
        story = self.narrative
        if story is None:
            return False
        s = analysis.sentence
        if s.line == story.line:
            return True
        if _participants(analysis) & story.actors:
            return True
        return by_proximity and s.paragraph == story.paragraph and (
            s.index - story.sentence <= _REACH
        )

    def date_main(self, analysis: Analysis, reading: Reading) -> Dating | None:
        """The time of a sentence's main reading: its own, the narrative's, or the publication's."""
        if reading.timex is not None:
            return Dating(event_time(reading.timex), evidence(reading.timex), False)
        if reading.modality != "actual":
            return None
        if analysis.quote_only:
            return self._continued_quote(analysis)
        if analysis.is_title:
            return self._headline_dating()
        if analysis.reporting:
            return self._story_time(analysis, True) or self.publication
        if reading.tense == "past":
            return self._story_time(analysis, False)
        if reading.tense in _NEWS_TENSES:
            return self._story_time(analysis, False) or self.publication
        return None

    def _headline_dating(self) -> Dating | None:
        if self.publication is None:
            return None
        evidence = self.publication.evidence.model_copy(update={"rule": HEADLINE_RULE})
        return Dating(self.publication.time, evidence, True)

    def _story_time(self, analysis: Analysis, by_proximity: bool) -> Dating | None:
        if not self.continues(analysis, by_proximity):
            return None
        story = self.narrative
        assert story is not None
        if story.dating.inferred:
            return story.dating
        base = story.dating.evidence
        return Dating(
            time=story.dating.time,
            evidence=TimeEvidence(
                text=base.text, value=base.value, start=base.start, end=base.end,
                anchor=Anchor(kind="narrative", value=base.value, text=base.text),
                rule="narrative",
            ),
            inferred=True,
        )

    def _continued_quote(self, analysis: Analysis) -> Dating | None:
        if self.previous is None:
            return None
        before, dating = self.previous
        if dating is None or before.sentence.paragraph != analysis.sentence.paragraph:
            return None
        return dating if dating.inferred else Dating(dating.time, dating.evidence, True)

    def after(self, analysis: Analysis, reading: Reading | None, dating: Dating | None) -> None:
        """Update the narrative with a sentence's main reading and the time it got."""
        self.previous = (analysis, dating)
        if reading is None or dating is None or reading.modality != "actual":
            return
        if reading.timex is not None and self.publication is not None and dating.time.start and (
            dating.time.start > self.publication.time.end
        ):
            return  # a future time is not the time the story is told at
        participants = _participants(analysis)
        story = self.narrative
        if dating.inferred and story is not None and dating.time == story.dating.time:
            participants = participants | story.actors
        s = analysis.sentence
        self.narrative = Narrative(dating, s.paragraph, s.line, s.index, participants)
