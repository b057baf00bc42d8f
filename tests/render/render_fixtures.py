"""Hand-built timelines for the render tests: every shape the page must show, and hostile text."""

from __future__ import annotations

from datetime import datetime

from timeline.types import (
    Anchor,
    Conflict,
    Event,
    EventTime,
    Generator,
    Mention,
    Republication,
    Source,
    TimeEvidence,
    Timeline,
)

NEW_YORK = "America/New_York"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def mention(
    source: str,
    sentence: str,
    expression: str | None,
    value: str | None,
    *,
    anchor: Anchor | None = None,
    inferred: bool = False,
    offset: int = 100,
    modality: str = "actual",
    actors: tuple[str, ...] = (),
    time: EventTime | None = None,
    keywords: tuple[str, ...] = (),
) -> Mention:
    """A mention whose time expression sits at its real offset in the sentence."""
    evidence = None
    if expression is not None and value is not None:
        at_ = sentence.find(expression)
        start = offset + at_ if at_ >= 0 and not inferred else None
        evidence = TimeEvidence(
            text=expression, value=value, start=start,
            end=start + len(expression) if start is not None else None, anchor=anchor, rule="test",
        )
    return Mention(
        id=f"{source}:{offset}",
        source=source,
        sentence=sentence,
        start=offset,
        end=offset + len(sentence),
        headline=sentence[:60],
        actors=actors,
        modality=modality,  # type: ignore[arg-type]
        time=time if time is not None else (EventTime(value=value) if value else None),
        timex=evidence,
        inferred=inferred,
        keywords=keywords,
    )


PUBLISHED_19 = Anchor(kind="publication", value="2025-08-19")


def sample_sources() -> tuple[Source, ...]:
    return (
        Source(
            id="hill", title="Trump floats air support", outlet="The Hill",
            url="https://example.org/hill/air-support", origin="articles/hill.txt",
            published=at("2025-08-19T00:00:00-04:00"), published_granularity="day",
            timezone=NEW_YORK, provenance={"title": "manifest", "published": "manifest"},
        ),
        Source(
            id="wire", title="White House briefing", outlet="Example Wire",
            url="https://example.org/wire/briefing", origin="articles/wire.html",
            published=at("2025-08-19T16:32:00-04:00"), published_granularity="second",
            updated=at("2025-08-19T18:05:00-04:00"), timezone=NEW_YORK,
            provenance={"published": "meta_tag", "updated": "meta_tag"},
        ),
        Source(
            id="berlin", title="Gipfel in Alaska", outlet="Berliner Beispiel",
            url="https://example.org/berlin", origin="articles/berlin.md",
            also_published_by=(Republication(id="berlin-copy", origin="articles/berlin-copy.md",
                                             outlet="Beispiel am Sonntag", url="https://example.org/copy",
                                             published=at("2025-08-20T11:00:00+02:00"), similarity=0.93),),
            published=at("2025-08-20T09:15:00+02:00"), published_granularity="minute",
            timezone="Europe/Berlin", provenance={"published": "front_matter"},
        ),
        Source(id="notes", title="Background notes", origin="articles/notes.txt",
               published=at("2025-08-19T00:00:00+00:00"), published_granularity="day",
               provenance={"published": "default"}),
    )


def sample_events() -> tuple[Event, ...]:
    friday = EventTime(value="2025-08-15", start=at("2025-08-15T00:00:00-04:00"),
                       end=at("2025-08-16T00:00:00-04:00"), granularity="day")
    return (
        Event(
            id="ev-summit", headline="Trump and Putin met in Alaska", time=friday,
            sources=("hill", "wire"), actors=("Donald Trump", "Vladimir Putin"),
            mentions=(
                mention("hill", "Trump met Putin in Alaska last Friday, officials said.", "last Friday",
                        "2025-08-15", anchor=PUBLISHED_19, offset=120),
                mention("wire", "The leaders met on Aug. 15 in Anchorage.", "Aug. 15", "2025-08-15",
                        anchor=Anchor(kind="none", value="2025-08-15"), offset=40),
            ),
        ),
        Event(
            id="ev-interview", headline="Trump floats air support on Fox & Friends",
            time=EventTime(value="2025-08-19TMO", start=at("2025-08-19T06:00:00-04:00"),
                           end=at("2025-08-19T12:00:00-04:00"), granularity="part_of_day"),
            sources=("hill",), actors=("Donald Trump",),
            mentions=(mention("hill", "Trump said in an interview Tuesday morning that air support is possible.",
                              "Tuesday morning", "2025-08-19TMO", anchor=PUBLISHED_19, offset=300),),
        ),
        Event(
            id="ev-briefing", headline="Leavitt rules out ground troops at the briefing",
            time=EventTime(value="2025-08-19T13:30", start=at("2025-08-19T13:30:00-04:00"),
                           end=at("2025-08-19T13:31:00-04:00"), granularity="minute"),
            sources=("wire",), actors=("Karoline Leavitt",),
            mentions=(mention("wire", "At 1:30 p.m. EDT, Leavitt ruled out ground troops.", "1:30 p.m. EDT",
                              "2025-08-19T13:30", anchor=PUBLISHED_19, offset=500, keywords=("ground", "troops")),),
        ),
        Event(
            id="ev-rutte", headline="Rutte calls US role a breakthrough",
            time=EventTime(value="2025-08-18", start=at("2025-08-18T00:00:00-04:00"),
                           end=at("2025-08-19T00:00:00-04:00"), granularity="day"),
            sources=("hill",), actors=("Mark Rutte",),
            mentions=(mention("hill", "Rutte called the US willingness a breakthrough.", "on Monday", "2025-08-18",
                              anchor=Anchor(kind="narrative", value="2025-08-18", text="on Monday"),
                              inferred=True, offset=700),),
        ),
        Event(
            id="ev-conflict", headline="Ceasefire talks opened",
            time=EventTime(value="2025-08-16", start=at("2025-08-16T00:00:00-04:00"),
                           end=at("2025-08-17T00:00:00-04:00"), granularity="day"),
            sources=("berlin", "hill"), actors=("Volodymyr Zelensky",),
            conflicts=(Conflict(values=("2025-08-15", "2025-08-16"), sources=("hill", "berlin"),
                                note="The Hill dates the opening Friday; Berliner Beispiel Saturday."),),
            mentions=(
                mention("hill", "Talks opened on Friday.", "on Friday", "2025-08-15", anchor=PUBLISHED_19, offset=900,
                        keywords=("open", "talks")),
                mention("berlin", "Die Gespräche begannen am Samstag.", "am Samstag", "2025-08-16",
                        anchor=Anchor(kind="publication", value="2025-08-20"), offset=60),
            ),
        ),
        Event(
            id="ev-statement", headline="Berlin statement at nine",
            time=EventTime(value="2025-08-20T09", start=at("2025-08-20T09:00:00+02:00"),
                           end=at("2025-08-20T10:00:00+02:00"), granularity="hour"),
            sources=("berlin",), actors=(),
            mentions=(mention("berlin", "Um 9 Uhr gab die Regierung eine Erklärung ab.", "Um 9 Uhr", "2025-08-20T09",
                              anchor=Anchor(kind="publication", value="2025-08-20"), offset=200),),
        ),
        Event(
            id="ev-talks", headline="Peace talks planned for September", modality="future",
            time=EventTime(value="2025-09", start=at("2025-09-01T00:00:00-04:00"),
                           end=at("2025-10-01T00:00:00-04:00"), granularity="month"),
            sources=("wire",), actors=("Donald Trump", "Volodymyr Zelensky"),
            mentions=(mention("wire", "Talks are planned for September.", "September", "2025-09",
                              anchor=PUBLISHED_19, offset=800, modality="future", keywords=("plan", "talks")),),
        ),
        Event(
            id="ev-troops", headline="European troops could deploy", modality="hypothetical",
            time=EventTime(value="2025-W35", start=at("2025-08-25T00:00:00-04:00"),
                           end=at("2025-09-01T00:00:00-04:00"), granularity="week"),
            sources=("hill",), actors=(),
            mentions=(mention("hill", "European troops could deploy next week if a deal is reached.", "next week",
                              "2025-W35", anchor=PUBLISHED_19, offset=1000, modality="hypothetical",
                              keywords=("deploy", "troops")),),
        ),
        Event(
            id="ev-past", headline="Earlier rounds of talks failed",
            time=EventTime(value="PAST_REF"), sources=("notes",),
            mentions=(mention("notes", "Earlier rounds of talks failed in the past.", "in the past", "PAST_REF",
                              offset=10),),
        ),
    )


def sample_undated() -> tuple[Mention, ...]:
    return (
        mention("notes", "NATO has long debated security guarantees.", None, None, offset=50,
                actors=("NATO",)),
        mention("hill", "Details of the US role remain scarce.", None, None, offset=1200),
    )


def make_timeline(**changes) -> Timeline:
    fields = dict(
        generator=Generator(version="0.1.0"),
        sources=sample_sources(),
        events=sample_events(),
        undated=sample_undated(),
    )
    fields.update(changes)
    return Timeline(**fields)


PWN = "window.__pwned = (window.__pwned || 0) + 1"
HOSTILE = {
    "script": f"<script>{PWN}</script>",
    "breakout": f"</script><script>{PWN}</script><!--",
    "handler": f'<img src=x onerror="{PWN}">',
    "attribute": f'"><svg onload="{PWN}">',
    "separators": "line\u2028separator\u2029paragraph",
}


def hostile_timeline() -> Timeline:
    """Every text field an article controls, filled with markup and script."""
    text = " ".join(HOSTILE.values())
    source = Source(
        id='evil"<src>', title=HOSTILE["script"], outlet=HOSTILE["handler"],
        url=f"javascript:{PWN}", origin=HOSTILE["breakout"],
        published=at("2025-08-19T00:00:00-04:00"), published_granularity="day", timezone=NEW_YORK,
    )
    sentence = f"On {HOSTILE['script']} Tuesday {HOSTILE['breakout']} {HOSTILE['handler']}."
    evil_mention = mention(source.id, sentence, "Tuesday", "2025-08-19", anchor=PUBLISHED_19, offset=5,
                           actors=(HOSTILE["attribute"],))
    event = Event(
        id=HOSTILE["attribute"], headline=text,
        time=EventTime(value="2025-08-19", start=at("2025-08-19T00:00:00-04:00"),
                       end=at("2025-08-20T00:00:00-04:00"), granularity="day"),
        sources=(source.id,), actors=(HOSTILE["attribute"], HOSTILE["script"]),
        conflicts=(Conflict(values=(HOSTILE["breakout"],), sources=(source.id,), note=HOSTILE["breakout"]),),
        mentions=(evil_mention,),
    )
    undated = mention(source.id, HOSTILE["breakout"], None, None, offset=900)
    return Timeline(generator=Generator(version="0.1.0"), sources=(source,), events=(event,), undated=(undated,))
