"""When the news happened, and which statements take that time (hand-made texts)."""

import pendulum
from events_fixtures import ZONE, day, document, timex

from timeline.events import extract_mentions
from timeline.types import Anchor, Interval, Timex


def _by_sentence(mentions, words):
    return [m for m in mentions if words in m.sentence]


def _main(mentions, words):
    return next(m for m in _by_sentence(mentions, words) if m.id.endswith(":0"))


def _at(text: str, phrase: str, value: str, start: pendulum.DateTime) -> Timex:
    """A TIME timex (minute precision) for `phrase` in `text`."""
    offset = text.index(phrase)
    return Timex(
        start=offset, end=offset + len(phrase), text=phrase, type="TIME", value=value,
        interval=Interval(start=start, end=start.add(minutes=1)), granularity="minute",
        anchor=Anchor(kind="publication", value="2025-08-19"), rule="test",
    )


UNVEILING = ("Acme unveils a new jet\n"
             "Acme unveiled its new jet at a ceremony on Sunday.\n"
             "The jet will seat 300 passengers on long routes.\n"
             "Rival makers have struggled with delays to their own programmes.\n"
             "Acme claims that the jet will burn less fuel than its rivals.\n")


def test_reported_speech_about_the_story_is_dated_by_the_day_of_the_news():
    timexes = [timex(UNVEILING, "Sunday", "2025-08-17", day(2025, 8, 17))]
    mentions = extract_mentions(document(UNVEILING, title="Acme unveils a new jet"), timexes)
    claims = _main(mentions, "Acme claims")
    assert claims.time.value == "2025-08-17"  # not the publication day, 2025-08-19
    assert claims.inferred and claims.timex.text == "Sunday"


def test_reported_speech_takes_the_day_of_the_news_not_its_hour():
    text = UNVEILING.replace("on Sunday", "at 10:30 on Sunday")
    timexes = [_at(text, "10:30 on Sunday", "2025-08-17T10:30",
                   pendulum.datetime(2025, 8, 17, 10, 30, tz=ZONE))]
    mentions = extract_mentions(document(text, title="Acme unveils a new jet"), timexes)
    claims = _main(mentions, "Acme claims")
    assert claims.time.value == "2025-08-17"
    assert claims.time.granularity == "day"


def test_an_earlier_side_story_about_the_main_actor_does_not_carry_on():
    text = ("Acme unveils a new jet\n"
            "Acme unveiled its new jet at a ceremony on Sunday.\n"
            "On Saturday, Acme announced new orders from Bolt Air.\n"
            "The jet will seat 300 passengers on long routes.\n"
            "Rival makers have struggled with delays to their own programmes.\n"
            "Earlier in the day, Acme received a letter of congratulation from Zenith.\n")
    timexes = [timex(text, "Sunday", "2025-08-17", day(2025, 8, 17)),
               timex(text, "Saturday", "2025-08-16", day(2025, 8, 16))]
    mentions = extract_mentions(document(text, title="Acme unveils a new jet"), timexes)
    letter = _main(mentions, "a letter of congratulation")
    assert letter.time.value == "2025-08-17"
    assert letter.inferred


def test_a_statement_about_the_articles_actors_goes_on_with_the_lead_story():
    text = ("GAO orders a rerun of the tanker contest\n"
            "The GAO on June 18 called for a rerun of the tanker contest.\n"
            "The contest was close and drew bids from two teams.\n"
            "Bolt Air had challenged the award in a protest before the GAO in March.\n"
            "The GAO upheld the protest in full.\n")
    timexes = [timex(text, "June 18", "2025-06-18", day(2025, 6, 18)),
               timex(text, "March", "2025-03", Interval(
                   start=pendulum.datetime(2025, 3, 1, tz=ZONE),
                   end=pendulum.datetime(2025, 4, 1, tz=ZONE)), "month")]
    mentions = extract_mentions(
        document(text, title="GAO orders a rerun of the tanker contest", published=(2025, 7, 2)),
        timexes)
    upheld = _main(mentions, "upheld the protest")
    assert upheld.time.value == "2025-06-18" and upheld.inferred
