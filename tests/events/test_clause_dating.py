"""Which clause a time expression dates, and the times clauses lend each other: hand-made
texts, a reference (publication) day, and the dates their mentions must carry."""

import pendulum
from events_fixtures import document, timex

from timeline.events import extract_mentions
from timeline.types import Interval

ZONE = "America/New_York"


def _year(year: int) -> Interval:
    start = pendulum.datetime(year, 1, 1, tz=ZONE)
    return Interval(start=start, end=start.add(years=1))


def _month(year: int, month: int) -> Interval:
    start = pendulum.datetime(year, month, 1, tz=ZONE)
    return Interval(start=start, end=start.add(months=1))


def _dates(mentions, words):
    return {(m.predicate, m.time.value if m.time else None)
            for m in mentions if words in m.sentence}


def _read(text: str, phrase: str, value: str, interval: Interval, granularity: str,
          published=(2007, 6, 10)):
    """The mentions of `text`, with one time expression: `phrase` read as `value`."""
    timexes = [timex(text, phrase, value, interval, granularity)]
    return extract_mentions(document(text, published=published), timexes)


def test_a_time_after_a_participle_dates_the_participle_not_the_main_verb():
    text = ("Acme buys jets\n"
            "The sale is the result of a deal begun between Acme and Boeing last year.\n")
    mentions = _read(text, "last year", "2006", _year(2006), "year")
    dates = _dates(mentions, "deal begun")
    assert ("agree", "2006") in dates  # a light verb's participle tells its noun's happening
    assert ("be", "2006") not in dates


def test_a_birth_date_in_an_aside_does_not_date_the_main_clause():
    text = ("Smith, born in Ohio on February 24, 1955, has built the largest firm in the world.\n")
    born = Interval(start=pendulum.datetime(1955, 2, 24, tz=ZONE),
                    end=pendulum.datetime(1955, 2, 25, tz=ZONE))
    timexes = [timex(text, "February 24, 1955", "1955-02-24", born)]
    mentions = extract_mentions(document(text, published=(2011, 10, 6)), timexes)
    dates = _dates(mentions, "has built")
    assert ("bear", "1955-02-24") in dates
    assert ("build", "1955-02-24") not in dates


def test_an_expected_participle_tells_a_future_happening():
    text = "Acme is building a new plant expected in 2009 to double its output.\n"
    mentions = _read(text, "2009", "2009", _year(2009), "year")
    [expected] = [m for m in mentions if m.predicate == "expect"]
    assert expected.time.value == "2009" and expected.modality == "future"


def test_a_verb_after_a_noun_phrase_with_no_that_is_finite_not_a_participle():
    text = ("Jones confirmed that it was something the minister mentioned in his speech "
            "on Monday.\n")
    monday = Interval(start=pendulum.datetime(2025, 8, 18, tz=ZONE),
                      end=pendulum.datetime(2025, 8, 19, tz=ZONE))
    timexes = [timex(text, "Monday", "2025-08-18", monday)]
    mentions = extract_mentions(document(text), timexes)
    assert not any(m.predicate == "mention" for m in mentions)


def test_a_happening_told_at_two_coordinated_times_is_dated_at_each():
    text = "Smith briefly made an appearance in March and June to unveil two phones.\n"
    timexes = [timex(text, "March", "2011-03", _month(2011, 3), "month"),
               timex(text, "June", "2011-06", _month(2011, 6), "month")]
    mentions = extract_mentions(document(text, published=(2011, 8, 25)), timexes)
    assert {("make", "2011-03"), ("make", "2011-06")} <= _dates(mentions, "appearance")


def test_the_ends_of_a_range_are_not_two_times_of_the_happening():
    text = "Smith made three appearances between March and June to unveil two phones.\n"
    timexes = [timex(text, "March", "2011-03", _month(2011, 3), "month"),
               timex(text, "June", "2011-06", _month(2011, 6), "month")]
    mentions = extract_mentions(document(text, published=(2011, 8, 25)), timexes)
    assert ("make", "2011-06") not in _dates(mentions, "appearances")


def test_a_past_verb_after_a_name_with_its_article_is_the_names_verb():
    text = "In a statement, the White House said on Monday that no troops would be sent.\n"
    monday = Interval(start=pendulum.datetime(2025, 8, 18, tz=ZONE),
                      end=pendulum.datetime(2025, 8, 19, tz=ZONE))
    timexes = [timex(text, "Monday", "2025-08-18", monday)]
    mentions = extract_mentions(document(text), timexes)
    [said] = [m for m in mentions if m.predicate == "say"]
    assert said.time.value == "2025-08-18" and said.attribution == "White House"


def test_a_past_form_before_a_noun_after_a_name_stays_a_modifier():
    text = "The second model, the A380F dedicated freighter, will carry 150 tons of cargo.\n"
    mentions = extract_mentions(document(text), [])
    assert all(m.predicate != "dedicate" for m in mentions)


def test_a_headline_whose_subject_is_a_quoted_name_has_its_verb():
    title = 'Acme 797 "Skyliner" makes maiden flight'
    text = (f"{title}\n"
            'Acme\'s newest airliner, the 797 "Skyliner", made its first test flight Monday in '
            "Everett.\n")
    monday = Interval(start=pendulum.datetime(2025, 8, 18, tz=ZONE),
                      end=pendulum.datetime(2025, 8, 19, tz=ZONE))
    timexes = [timex(text, "Monday", "2025-08-18", monday)]
    mentions = extract_mentions(document(text, title=title), timexes)
    [headline] = [m for m in mentions if m.start == 0]
    assert headline.predicate == "make"


def test_a_quoted_name_after_an_article_modifies_the_noun_after_it():
    text = 'Jobs said that the "Lion" release to OS X will include more multitouch support.\n'
    mentions = extract_mentions(document(text), [])
    assert all(m.predicate != "release" for m in mentions)


def test_a_that_clause_inside_an_opening_phrase_holds_no_main_verb():
    text = ("Smith spoke to reporters on Monday.\n"
            "In response to critics saying that Acme had not fixed the problem quickly, Smith "
            "said that the phone had only been out for 22 days.\n")
    monday = Interval(start=pendulum.datetime(2025, 8, 18, tz=ZONE),
                      end=pendulum.datetime(2025, 8, 19, tz=ZONE))
    timexes = [timex(text, "Monday", "2025-08-18", monday)]
    mentions = extract_mentions(document(text), timexes)
    assert ("say", "2025-08-18") in _dates(mentions, "In response")


def test_a_demonstrative_that_opens_no_clause():
    text = "At that time Acme said the phone would ship in June.\n"
    mentions = extract_mentions(document(text), [])
    assert any(m.predicate == "say" for m in mentions)


def test_a_demonstrative_opening_a_clause_before_a_verb_is_its_subject():
    text = ("Acme orders five jets\n"
            "Acme said on Monday it would buy five jets from Boeing.\n"
            "This brings its total order to 230 jets.\n"
            "This will be branded as a special flight.\n")
    monday = Interval(start=pendulum.datetime(2025, 8, 18, tz=ZONE),
                      end=pendulum.datetime(2025, 8, 19, tz=ZONE))
    timexes = [timex(text, "Monday", "2025-08-18", monday)]
    mentions = extract_mentions(document(text, title="Acme orders five jets"), timexes)
    [brings] = [m for m in mentions if "This brings" in m.sentence]
    assert brings.predicate == "bring" and brings.time is not None
    [branded] = [m for m in mentions if "branded" in m.sentence]
    assert branded.predicate == "brand" and branded.modality == "future"


def test_a_quotation_attributed_in_the_present_is_a_statement_of_the_day():
    text = ("Acme buys jets\n"
            '"We plan to use the jets to expand our routes," says Acme vice president Jane Smith.\n')
    mentions = extract_mentions(document(text, title="Acme buys jets"), [])
    [says] = [m for m in mentions if "vice president" in m.sentence]
    assert says.predicate == "say" and says.time.value == "2025-08-19" and says.inferred


def test_a_third_person_verb_after_its_subject_noun_before_a_phrase_is_read():
    text = ("Acme said its music store passed Brand in sales.\n"
            "The firm said that as of February, the Acme store accounts for 70% of all sales.\n")
    mentions = _read(text, "February", "2008-02", _month(2008, 2), "month", (2008, 4, 9))
    assert ("account", "2008-02") in _dates(mentions, "accounts for")


def test_a_plural_noun_in_a_compound_is_no_verb():
    text = "The company was floated on British and Irish stock markets in September 2006.\n"
    mentions = _read(text, "September 2006", "2006-09", _month(2006, 9), "month")
    assert all(m.predicate != "market" for m in mentions)


def test_as_before_a_noun_phrase_is_a_preposition_not_a_clause():
    text = "Smith, founder of Acme, resigned as chief executive last year to run for office.\n"
    mentions = _read(text, "last year", "2006", _year(2006), "year")
    assert ("resign", "2006") in _dates(mentions, "resigned")


def test_as_before_a_clause_still_opens_one():
    text = "The move came as Acme received criticism last month for its antenna.\n"
    mentions = _read(text, "last month", "2007-05", _month(2007, 5), "month")
    assert ("come", "2007-05") not in _dates(mentions, "The move came")
