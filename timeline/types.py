"""Types shared by the pipeline stages: ingest -> temporal -> events -> merge -> render.

Every stage is a pure function from these values to these values, so a stage can run in a
worker process (the models pickle) and its output can be written as JSON (the models dump).
Offsets are always character offsets (Unicode code points) into `Document.text`, the body
text exactly as read, never into a cleaned copy: that is what lets a reader, or a scorer,
find the words a date came from.

Datetimes are timezone-aware everywhere (`AwareDatetime` rejects naive ones).
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0.0"

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

# How finely a time is known. Coarser than "day" covers weeks, seasons and the like.
Granularity = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week",
    "day", "part_of_day", "hour", "minute", "second",
]

# Where a piece of document metadata came from, so the page can show it.
Origin = Literal[
    "front_matter", "manifest", "meta_tag", "json_ld", "htmldate", "jsonl",
    "text", "inferred", "command_line", "default",
]

Modality = Literal["actual", "future", "hypothetical"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    """A [start, end) range of `Document.text` and why it is set apart."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: str = Field(description="Why the span is not news, e.g. 'boilerplate: copyright line'.")


class Republication(_Model):
    """Another publication of the same story (an exact or near duplicate), kept as one document."""

    id: str
    origin: str
    outlet: str | None = None
    url: str | None = None
    published: AwareDatetime | None = None
    similarity: float = Field(ge=0, le=1, description="Estimated word-shingle Jaccard similarity; 1 for an exact copy.")


class Document(_Model):
    """One article with its publication context. Produced by `timeline.ingest`."""

    id: str = Field(description="Stable identifier: the file stem unless metadata gives one.")
    origin: str = Field(description="The path or URL the document was read from.")
    text: str = Field(description="Body text; every offset in the pipeline points into it.")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: AwareDatetime | None = None
    published_granularity: Granularity = Field(
        "second", description="'day' when only the publication date is known."
    )
    updated: AwareDatetime | None = None
    timezone: str | None = Field(None, description="IANA zone name or fixed offset such as '+02:00'.")
    language: str = "en"
    provenance: dict[str, Origin] = Field(
        default_factory=dict, description="Metadata field name -> where its value came from."
    )
    excluded: tuple[Span, ...] = Field(
        (), description="Parts of the body that are not news: boilerplate, update stamps."
    )
    notes: tuple[str, ...] = Field((), description="Warnings raised while reading the document.")
    also_published_by: tuple[Republication, ...] = Field(
        (), description="The same story as published elsewhere; read once, as this document."
    )


class Interval(_Model):
    """The time a value denotes, as a half-open interval [start, end)."""

    start: AwareDatetime
    end: AwareDatetime


class Anchor(_Model):
    """What a relative expression was resolved against."""

    kind: Literal["publication", "narrative", "none"]
    value: str = Field(description="The anchor as a TIMEX3 value, e.g. '2025-08-19'.")
    text: str | None = Field(None, description="The expression that set the narrative time, if any.")


class Timex(_Model):
    """A TIMEX3 time expression found in a text. Produced by `timeline.temporal`."""

    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset just past the last character.")
    text: str
    type: TimexType
    value: str = Field(description="TIMEX3 value: 2025-08-19, 2025-W33, P3D, PAST_REF, ...")
    mod: str | None = Field(None, description="TIMEX3 mod: START, MID, END, APPROX, BEFORE, ...")
    quant: str | None = Field(None, description="TIMEX3 quant for sets, e.g. EVERY.")
    freq: str | None = Field(None, description="TIMEX3 freq for sets, e.g. 1W.")
    interval: Interval | None = Field(None, description="The time denoted, when anchored.")
    granularity: Granularity | None = None
    anchor: Anchor | None = None
    rule: str = Field(description="Name of the rule that produced the expression.")
    ambiguous: bool = Field(False, description="True when a reading was chosen among several.")


class EventTime(_Model):
    """When an event happened, at the granularity it is known."""

    value: str = Field(description="TIMEX3 value, e.g. '2025-08-19TMO' or '2025-08-15'.")
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    granularity: Granularity | None = None


class TimeEvidence(_Model):
    """The time expression a mention was dated by, and how it was resolved."""

    text: str
    value: str
    start: int | None = Field(None, description="Offset of the expression in the document body.")
    end: int | None = None
    anchor: Anchor | None = None
    rule: str | None = None


class Mention(_Model):
    """A dated (or undated) statement in one document. Produced by `timeline.events`."""

    id: str
    source: str = Field(description="Document id.")
    sentence: str
    start: int = Field(ge=0, description="Offset of the sentence in the document body.")
    end: int = Field(ge=0)
    headline: str
    actors: tuple[str, ...] = ()
    attribution: str | None = Field(None, description="Who said it, when it is reported speech.")
    quotes: tuple[str, ...] = ()
    predicate: str | None = Field(None, description="Main verb lemma, used to compare mentions.")
    modality: Modality = "actual"
    time: EventTime | None = None
    timex: TimeEvidence | None = None
    inferred: bool = Field(False, description="Dated from the narrative, not from its own words.")
    keywords: tuple[str, ...] = Field(
        (), description="Content-word lemmas of the statement, compared when merging."
    )
    actor_keys: tuple[str, ...] = Field(
        (), description="Actors as documents share them (surnames, bare organisation names)."
    )
    occasion: str | None = Field(
        None,
        description="Mentions of one document with the same occasion report one happening "
        "(one briefing, one interview), whatever their wording.",
    )


class Conflict(_Model):
    """Sources that disagree on when the same happening took place."""

    values: tuple[str, ...]
    sources: tuple[str, ...]
    note: str


class Event(_Model):
    """One happening, with every mention of it across sources. Produced by `timeline.merge`."""

    id: str
    headline: str
    time: EventTime
    sources: tuple[str, ...]
    actors: tuple[str, ...] = ()
    modality: Modality = "actual"
    conflicts: tuple[Conflict, ...] = ()
    mentions: tuple[Mention, ...]


class Source(_Model):
    """A document's publication context as the timeline reports it."""

    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    origin: str | None = None
    published: AwareDatetime | None = None
    published_granularity: Granularity = "second"
    updated: AwareDatetime | None = None
    timezone: str | None = None
    provenance: dict[str, Origin] = Field(default_factory=dict)
    also_published_by: tuple[Republication, ...] = ()

    @classmethod
    def of(cls, document: Document) -> Source:
        return cls(
            id=document.id,
            title=document.title,
            outlet=document.outlet,
            url=document.url,
            origin=document.origin,
            published=document.published,
            published_granularity=document.published_granularity,
            updated=document.updated,
            timezone=document.timezone,
            provenance=document.provenance,
            also_published_by=document.also_published_by,
        )


class Problem(_Model):
    """A document, or part of one, that could not be used, and what to do about it."""

    origin: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class Generator(_Model):
    name: str = "timeline"
    version: str


class Timeline(_Model):
    """The content of `timeline.json`; its JSON Schema is `timeline.schema.json`."""

    schema_version: str = SCHEMA_VERSION
    generator: Generator
    sources: tuple[Source, ...]
    events: tuple[Event, ...]
    undated: tuple[Mention, ...] = ()
    problems: tuple[Problem, ...] = ()
