"""Day words inside a quotation count from the day the speaker spoke, not from publication.

"Today is a great day", said at an unveiling on Sunday and quoted in Monday's article, means
Sunday; "tomorrow" in the same quotation means Monday. The tagger resolves such words against
the publication day, as it must without knowing who spoke when. Here, once the statement that
quotes them is dated (by its own time or by the narrative), an expression that counts whole
days from its anchor ("today", "tomorrow morning", "two days ago") is moved by the days between
the publication and the statement. Weekday and calendar names are left alone: their reading
depends on more than a shift. The mention is marked inferred, and its evidence keeps the words
and offsets of the expression, with the statement's time as the anchor.
"""

from __future__ import annotations

from datetime import date, timedelta

import pendulum

from timeline.events.attach import Analysis, precision_rank
from timeline.events.narrative import Dating, event_time
from timeline.types import Anchor, EventTime, TimeEvidence, Timex

QUOTED_DEICTIC_RULE = "quoted-deictic"
# Tagger rules whose value is the anchor day moved by a whole number of days ("today",
# "tomorrow morning", "this evening"); an offset ("two days ago") counts when it is in days.
_DAY_SHIFT_RULES = ("day.deictic", "day.shifted_part")
_OFFSET_RULE = "relative.offset"


def counts_days_from_publication(timex: Timex) -> bool:
    """The expression is the publication day moved by whole days (or a part of such a day)."""
    if timex.anchor is None or timex.anchor.kind != "publication" or timex.interval is None:
        return False
    if timex.rule.startswith(_DAY_SHIFT_RULES):
        return True
    return timex.rule == _OFFSET_RULE and timex.granularity == "day"


def in_quotation(analysis: Analysis, timex: Timex) -> bool:
    return any(t.in_quote for t in analysis.sentence.tokens
               if t.start >= timex.start and t.end <= timex.end)


def spoken_dating(analysis: Analysis, timex: Timex, statement: Dating | None) -> Dating | None:
    """The time a quoted day word names, counted from the day of the statement quoting it;
    None when it needs no change (not quoted speech, not a day word, or said on the day it
    was published, or the statement's day is unknown)."""
    if statement is None or not (analysis.quote_only or (analysis.reporting and
                                                          analysis.attribution)):
        return None
    if not counts_days_from_publication(timex) or not in_quotation(analysis, timex):
        return None
    said = statement.time
    if said.start is None or precision_rank(said.granularity) > precision_rank("day"):
        return None
    assert timex.anchor is not None
    spoken = pendulum.instance(said.start).date()
    try:
        shift = (spoken - date.fromisoformat(timex.anchor.value[:10])).days
        time = _shifted(event_time(timex), shift)
    except ValueError:
        return None  # a value that is no calendar day: left as the tagger read it
    if shift == 0:
        return None
    evidence = TimeEvidence(
        text=timex.text, value=time.value, start=timex.start, end=timex.end,
        anchor=Anchor(kind="narrative", value=spoken.isoformat(), text=statement.evidence.text),
        rule=QUOTED_DEICTIC_RULE,
    )
    return Dating(time, evidence, True)


def _shifted(time: EventTime, days: int) -> EventTime:
    """The time moved by whole days (its part of the day kept: "TMO")."""
    assert time.start is not None and time.end is not None
    day, clock = time.value[:10], time.value[10:]
    moved = (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    return EventTime(value=moved + clock, start=time.start + timedelta(days=days),
                     end=time.end + timedelta(days=days), granularity=time.granularity)
