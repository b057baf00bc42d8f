"""When the news happened, and which statements take that time (hand-made texts)."""

import pendulum
from events_fixtures import ZONE, day, document, timex

from timeline.events import extract_mentions
from timeline.types import Anchor, Interval, Timex


def _by_sentence(mentions, words):
    return [m for m in mentions if words in m.sentence]


def _main(mentions, words):
    return next(m for m in _by_sentence(mentions, words) if m.id.endswith(":0"))


def _tagged(text: str, phrase: str, value: str, interval: Interval, *, kind: str = "DATE",
            granularity: str = "day", rule: str = "test") -> Timex:
    """A timex for `phrase` in `text`, as the tagger makes them (anchored on publication)."""
    offset = text.index(phrase)
    return Timex(
        start=offset, end=offset + len(phrase), text=phrase, type=kind, value=value,
        interval=interval, granularity=granularity,
        anchor=Anchor(kind="publication", value="2025-08-19"), rule=rule,
    )


def _at(text: str, phrase: str, value: str, start: pendulum.DateTime) -> Timex:
    """A TIME timex (minute precision) for `phrase` in `text`."""
    return _tagged(text, phrase, value, Interval(start=start, end=start.add(minutes=1)),
                   kind="TIME", granularity="minute")


def _told(text: str, *timexes: Timex) -> list:
    """The mentions of an article headlined "Acme unveils a new jet"."""
    return extract_mentions(document(text, title="Acme unveils a new jet"), list(timexes))


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


def test_the_leads_news_in_the_perfect_takes_the_day_the_lead_goes_on_to_give():
    timexes = [timex(UNVEILING, "Sunday", "2025-08-17", day(2025, 8, 17))]
    text = UNVEILING.replace("Acme unveiled its new jet at a ceremony on Sunday.\n",
                             "Acme has unveiled its new jet at its plant.\n"
                             "Sunday was chosen for the ceremony by the company.\n")
    timexes = [timex(text, "Sunday", "2025-08-17", day(2025, 8, 17))]
    mentions = extract_mentions(document(text, title="Acme unveils a new jet"), timexes)
    unveiled = _main(mentions, "has unveiled")
    assert unveiled.time.value == "2025-08-17" and unveiled.inferred
    assert unveiled.timex.text == "Sunday"
    [title] = [m for m in mentions if m.sentence == "Acme unveils a new jet"]
    assert title.time.value == "2025-08-17"


def test_a_headline_takes_the_time_of_the_lead_statement_of_its_happening():
    text = ("Bolt Air to purchase twenty new jets\n"
            "Bolt Air said on Thursday that it had signed a contract to purchase twenty jets.\n"
            "The airline signed the contract in Paris on June 15.\n")
    timexes = [timex(text, "Thursday", "2025-06-19", day(2025, 6, 19)),
               timex(text, "June 15", "2025-06-15", day(2025, 6, 15))]
    mentions = extract_mentions(
        document(text, title="Bolt Air to purchase twenty new jets", published=(2025, 6, 19)),
        timexes)
    [title] = [m for m in mentions if m.sentence.startswith("Bolt Air to purchase")]
    assert title.time.value == "2025-06-15"  # the signing the lead tells, not the day it said so
    assert title.inferred and title.timex.text == "June 15"
    assert title.timex.start == text.index("June 15")


def test_a_headline_keeps_its_publication_day_when_the_lead_dates_another_happening():
    text = ("Bolt Air to purchase twenty new jets\n"
            "Bolt Air has agreed to purchase twenty jets for its long routes.\n"
            "Rival Zenith Air cut its fares on June 15.\n")
    timexes = [timex(text, "June 15", "2025-06-15", day(2025, 6, 15))]
    mentions = extract_mentions(
        document(text, title="Bolt Air to purchase twenty new jets", published=(2025, 6, 19)),
        timexes)
    [title] = [m for m in mentions if m.sentence.startswith("Bolt Air to purchase")]
    assert title.time.value == "2025-06-19"


def test_a_quotation_broken_over_lines_goes_on_until_its_closing_mark():
    text = ("Acme unveils a new jet\n"
            "Acme unveiled its new jet at a ceremony on Sunday.\n"
            'Chief executive Jane Smith said, "This is a great day for our workers.\n'
            "We took a big swing and we hit a home run.\n"
            'We will deliver the first jets next year."\n'
            "The jet will seat 300 passengers on long routes.\n")
    timexes = [timex(text, "Sunday", "2025-08-17", day(2025, 8, 17))]
    mentions = extract_mentions(document(text, title="Acme unveils a new jet"), timexes)
    [swing] = _by_sentence(mentions, "big swing")
    assert swing.quotes and swing.predicate == "say"  # quoted speech, said when she spoke
    assert swing.time.value == "2025-08-17"
    seat = _main(mentions, "will seat")
    assert not seat.quotes  # the quotation closed before this line


def test_a_verb_with_a_hyphenated_prefix_is_read_as_a_verb():
    text = "Zenith, which has out-sold Acme since 2003, believes in large jets.\n"
    timexes = [timex(text, "2003", "2003", Interval(
        start=pendulum.datetime(2003, 1, 1, tz=ZONE), end=pendulum.datetime(2004, 1, 1, tz=ZONE)),
        "year")]
    mentions = extract_mentions(document(text), timexes)
    assert [m.time.value for m in mentions if m.predicate == "out-sell"] == ["2003"]


def _deictic(text: str, phrase: str, value: str, interval: Interval) -> Timex:
    """A day word as the tagger reads it: counted from the publication day."""
    return _tagged(text, phrase, value, interval, rule="day.deictic")


def _speech(said: str) -> str:
    return ("Acme unveils a new jet\n"
            "Acme unveiled its new jet at a ceremony on Sunday.\n"
            f'Chief executive Jane Smith said{said}, "Tomorrow we start building the next jet."\n'
            "Acme expects to deliver the jet to its first customer in the spring.\n")


def _sunday(text: str) -> Timex:
    return timex(text, "Sunday", "2025-08-17", day(2025, 8, 17))


def test_a_day_word_in_a_quotation_counts_from_the_day_the_speaker_spoke():
    text = _speech("")
    mentions = _told(text, _sunday(text), _deictic(text, "Tomorrow", "2025-08-20", day(2025, 8, 20)))
    said = _main(mentions, "Jane Smith said")
    assert said.time.value == "2025-08-17"
    [start] = [m for m in mentions if m.predicate == "start"]
    assert start.time.value == "2025-08-18"  # the day after Sunday, not after publication
    assert start.inferred and start.timex.text == "Tomorrow"
    assert start.timex.start == text.index("Tomorrow")
    assert start.timex.anchor.value == "2025-08-17"


def test_a_day_word_quoted_on_the_day_of_publication_keeps_its_reading():
    text = _speech(" on Tuesday")
    mentions = _told(text, _sunday(text), timex(text, "Tuesday", "2025-08-19", day(2025, 8, 19)),
                     _deictic(text, "Tomorrow", "2025-08-20", day(2025, 8, 20)))
    [start] = [m for m in mentions if m.predicate == "start"]
    assert start.time.value == "2025-08-20" and not start.inferred


def test_a_day_word_outside_quotations_counts_from_the_publication():
    text = ("Acme unveils a new jet\n"
            "Acme unveiled its new jet at a ceremony on Sunday.\n"
            "Chief executive Jane Smith said the plant will start building the next jet "
            "tomorrow.\n")
    mentions = _told(text, _sunday(text), _deictic(text, "tomorrow", "2025-08-20", day(2025, 8, 20)))
    [start] = [m for m in mentions if m.predicate == "start"]
    assert start.time.value == "2025-08-20"
