"""The dating, coreference, headline and actor rules of the events stage, on hand-made texts."""

import pendulum
import pytest
from events_fixtures import day, document, timex

from timeline.events import extract_mentions
from timeline.events.derivation import event_verb
from timeline.events.sentences import split
from timeline.types import Interval


def _by_sentence(mentions, words):
    return [m for m in mentions if words in m.sentence]


def _year(year: int) -> Interval:
    start = pendulum.datetime(year, 1, 1, tz="America/New_York")
    return Interval(start=start, end=start.add(years=1))


def test_event_nouns_are_read_through_their_verbs():
    assert event_verb("delivery") == "deliver"
    assert event_verb("flight") == "fly"
    assert event_verb("announcement") == "announce"
    assert event_verb("decision") == "decide"
    assert event_verb("arrival") == "arrive"
    assert event_verb("department") is None  # spelt like "depart", names no happening
    assert event_verb("table") is None


def test_a_statement_of_the_present_state_is_dated_by_the_publication_day():
    text = "Acme unveils a phone\nThe phone has a new steel frame.\n"
    [state] = _by_sentence(extract_mentions(document(text, title="Acme unveils a phone"), []),
                           "steel frame")
    assert state.time.value == "2025-08-19"
    assert state.inferred
    assert state.timex.rule == "publication-day"


def test_past_narration_of_the_articles_topic_takes_the_time_of_the_news():
    text = ("Airliner makes first flight\n"
            "The airliner has made its first flight after lifting off from Toulouse.\n"
            "The aircraft flew into clear blue skies with a crew of six.\n"
            "The test lasted four hours over the bay.\n"
            "Farmers harvested a record crop of wheat.\n")
    mentions = extract_mentions(document(text, title="Airliner makes first flight"), [])
    [flew] = _by_sentence(mentions, "clear blue skies")
    assert flew.time.value == "2025-08-19" and flew.inferred
    [unrelated] = _by_sentence(mentions, "record crop")
    assert unrelated.time is None  # tells nothing of the topic: background


def test_what_a_former_office_holder_did_with_no_time_is_background():
    text = ("Smith meets Jones on trade\n"
            "President Smith has met Jones to discuss trade and tariffs.\n"
            "Both Smith and former President Brown before him wanted a trade deal.\n"
            "Brown turned down the trade requests over tariffs.\n")
    mentions = extract_mentions(document(text, title="Smith meets Jones on trade"), [])
    [brown] = _by_sentence(mentions, "Brown turned down")
    assert brown.time is None


def test_a_since_time_opens_a_state_and_moves_no_story():
    text = ("Jones has been fighting the illness since 2004.\n"
            "This was his third period of leave.\n")
    timexes = [timex(text, "2004", "2004", _year(2004), "year")]
    mentions = extract_mentions(document(text), timexes)
    [leave] = _by_sentence(mentions, "third period")
    assert leave.time is None or leave.time.value != "2004"


def test_a_noun_that_refers_back_takes_the_time_of_its_dated_telling():
    text = ("Acme launched the Music Store, an online music store, on April 28, 2003.\n"
            "Since its launch the store has sold more than 3 billion songs.\n")
    launched = Interval(start=pendulum.datetime(2003, 4, 28, tz="America/New_York"),
                        end=pendulum.datetime(2003, 4, 29, tz="America/New_York"))
    timexes = [timex(text, "April 28, 2003", "2003-04-28", launched)]
    mentions = extract_mentions(document(text, published=(2008, 1, 9)), timexes)
    told = next(m for m in mentions if m.predicate == "launch" and not m.inferred)
    [referring] = [m for m in _by_sentence(mentions, "Since its launch") if m.predicate == "launch"]
    assert referring.time.value == "2003-04-28"
    assert referring.inferred and referring.timex.rule == "coreference"
    assert referring.occasion is not None and referring.occasion == told.occasion
    [sold] = [m for m in _by_sentence(mentions, "Since its launch") if m.predicate == "sell"]
    assert sold.time.value == "2008-01-09"  # the statement itself keeps the day it was written


def test_an_indefinite_noun_is_a_new_happening_not_a_reference():
    text = ("Smith met Jones in Geneva on Monday.\n"
            "Smith's aides are working to arrange a meeting with the two rivals.\n")
    timexes = [timex(text, "Monday", "2025-08-18", day(2025, 8, 18))]
    mentions = extract_mentions(document(text), timexes)
    assert not [m for m in _by_sentence(mentions, "arrange a meeting") if m.predicate == "meet"]


def test_a_headline_keeps_what_a_speaker_called_something():
    text = ("NATO chief Mark Rutte on Monday said Acme's willingness to help the allies in the "
            "talks was a “breakthrough” in the process.\n")
    timexes = [timex(text, "Monday", "2025-08-18", day(2025, 8, 18))]
    [mention] = extract_mentions(document(text), timexes)
    assert mention.headline.startswith("Rutte calls")
    assert mention.headline.endswith("a “breakthrough”")
    assert len(mention.headline.split()) <= 12


def test_a_headline_leaves_out_the_preposition_of_the_time_it_leaves_out():
    text = "The dockers' strike ended on Tuesday after talks with the port authority.\n"
    timexes = [timex(text, "Tuesday", "2025-08-19", day(2025, 8, 19))]
    [mention] = extract_mentions(document(text), timexes)
    assert "Tuesday" not in mention.headline
    assert " on after " not in mention.headline
    assert "ends after talks" in mention.headline


def test_a_headline_does_not_end_on_the_verb_whose_time_it_leaves_out():
    text = "The first flight of the new jet was in 1994.\n"
    timexes = [timex(text, "1994", "1994", _year(1994))]
    [mention] = extract_mentions(document(text), timexes)
    assert mention.headline == "First flight of the new jet"


def test_a_headline_prints_words_split_in_tokens_as_written():
    text = "Acme delivered 40 A320s and two 777-200LR jets to AT&T on Monday.\n"
    timexes = [timex(text, "Monday", "2025-08-18", day(2025, 8, 18))]
    [mention] = extract_mentions(document(text), timexes)
    for written in ("A320s", "777-200LR", "AT&T"):
        assert written in mention.headline, mention.headline


def test_a_headline_does_not_open_on_the_dash_or_conjunction_that_ends_an_aside():
    text = ("The glitch was not reported when the plane first flew on Friday -- four years late and "
            "over budget -- and only became public this weekend, when a magazine cited documents.\n")
    timexes = [timex(text, "this weekend", "2025-W34-WE", day(2025, 8, 23))]
    [weekend] = [m for m in extract_mentions(document(text), timexes) if m.predicate == "become"]
    assert weekend.headline == "Glitch becomes public"  # the subject of the verb it goes on from


def test_a_headline_keeps_a_quotation_that_finishes_the_reported_clause():
    text = "Asked about the plan, Doe confirmed that it “was something the mayor mentioned today.”\n"
    [mention] = extract_mentions(document(text), [])
    assert "“was" not in mention.headline
    assert mention.headline.startswith("Doe confirms it was something")


def test_place_aliases_are_one_actor_and_quoted_names_stay_whole():
    text = ("Smith told “Fox & Friends” on Tuesday that the US and America's allies agree.\n")
    timexes = [timex(text, "Tuesday", "2025-08-19", day(2025, 8, 19))]
    [mention] = extract_mentions(document(text), timexes)
    assert "Fox & Friends" in mention.actors
    assert "Friends" not in mention.actors
    assert "America" not in mention.actors and "US" in mention.actors


def test_plain_sentence_ends_are_cut_as_the_segmenter_cuts_them():
    text = ("The plane landed on time. Officials said the airport was busy! Was it? "
            "Mr. Smith and the U.S. team arrived. Dr. Jones spoke.\n")
    assert [s.text for s in split(text)] == [
        "The plane landed on time.", "Officials said the airport was busy!", "Was it?",
        "Mr. Smith and the U.S. team arrived.", "Dr. Jones spoke.",
    ]


def test_an_opening_while_clause_happens_at_the_main_clauses_time():
    text = "While introducing the phone at the conference, Smith started on Monday by joking.\n"
    timexes = [timex(text, "Monday", "2025-08-18", day(2025, 8, 18))]
    mentions = extract_mentions(document(text), timexes)
    [introducing] = [m for m in mentions if m.predicate == "introduce"]
    assert introducing.time.value == "2025-08-18" and introducing.inferred


def test_a_statement_set_before_the_story_keeps_its_opening_clause_undated():
    text = ("Smith unveils a new phone\n"
            "Smith has unveiled a new phone at the fair.\n"
            "When Smith first introduced the old phone, he praised its antenna.\n")
    mentions = extract_mentions(document(text, title="Smith unveils a new phone"), [])
    later = _by_sentence(mentions, "first introduced")
    assert later and all(m.time is None for m in later)
    assert any(m.predicate == "introduce" for m in later)


def test_a_closing_when_clause_of_an_undated_statement_is_its_own_undated_happening():
    text = "The new ferry will be the largest in the fleet when it enters service.\n"
    mentions = extract_mentions(document(text), [])
    assert sorted((m.predicate, m.time, m.modality) for m in mentions) == [
        ("be", None, "future"), ("enter", None, "future")]


def test_a_quotation_goes_on_over_lines_only_to_a_closing_mark():
    text = ('Smith said, "We won.\n'
            "It was close.\n"
            'We are glad."\n'
            'Jones said, "We lost.\n'
            '"We will appeal," he added.\n')
    sentences = split(text)
    assert [s.opens_in_quote for s in sentences] == [False, True, True, False, False]
    assert all(t.in_quote for t in sentences[1].tokens)
    assert [t.in_quote for t in sentences[4].tokens if t.is_word][-2:] == [False, False]


def test_a_definite_noun_repeated_refers_through_the_last_reference():
    text = ("Zenith has been attempting to take over Bolt Air since December.\n"
            "The government, which holds a share in Bolt Air, opposes the takeover.\n"
            "Zenith owns a quarter of the shares.\n"
            "The takeover is also unlikely to receive approval from the regulators.\n")
    december = Interval(start=pendulum.datetime(2024, 12, 1, tz="America/New_York"),
                        end=pendulum.datetime(2025, 1, 1, tz="America/New_York"))
    timexes = [timex(text, "December", "2024-12", december, "month")]
    mentions = extract_mentions(document(text, published=(2025, 6, 9)), timexes)
    takeovers = [m for m in mentions if m.predicate == "take over"]
    assert sorted(m.sentence[:20] for m in takeovers) == [
        "The government, whic", "The takeover is also"]
    assert all(m.time.value == "2024-12" and m.timex.rule == "coreference" for m in takeovers)


def test_a_time_that_opens_a_coordinated_clause_dates_that_clause():
    text = ("A similar suit was filed in California, but on September 21 the parties agreed "
            "to have the case heard in London.\n")
    timexes = [timex(text, "September 21", "2025-09-21", day(2025, 9, 21))]
    mentions = extract_mentions(document(text, published=(2025, 10, 1)), timexes)
    [agreed] = [m for m in mentions if m.time and m.time.value == "2025-09-21"]
    assert agreed.predicate == "agree" and not agreed.inferred


def test_a_time_that_modifies_an_event_noun_dates_its_happening():
    text = "Since its 1967 debut 5,700 jets have been delivered to airlines.\n"
    timexes = [timex(text, "1967", "1967", _year(1967), "year")]
    mentions = extract_mentions(document(text, published=(2008, 5, 24)), timexes)
    [debut] = [m for m in mentions if m.predicate == "debut"]
    assert debut.time.value == "1967" and not debut.inferred
    model = "Its 2007 model sold well in Europe.\n"
    mentions = extract_mentions(document(model), [timex(model, "2007", "2007", _year(2007), "year")])
    assert not [m for m in mentions if m.time and m.time.value == "2007"]


def test_the_word_lists_keep_words_yaml_reads_as_booleans():
    from timeline.events import lexicon

    words = lexicon.load("en")
    assert {"on", "off"} <= words.prepositions
    assert not {"true", "false"} & words.prepositions


def test_a_headline_keeps_a_participle_before_by_as_written():
    text = "In a ceremony attended by several leaders on Tuesday, Airbus unveiled its new plane.\n"
    timexes = [timex(text, "Tuesday", "2025-08-19", day(2025, 8, 19))]
    headlines = [m.headline for m in extract_mentions(document(text), timexes)]
    assert any("ceremony attended by several leaders" in h for h in headlines), headlines
    assert not any("attends" in h for h in headlines), headlines


def test_a_named_thing_made_by_someone_keeps_its_participle():
    text = "The chip developed by Cisco went on sale on Tuesday.\n"
    timexes = [timex(text, "Tuesday", "2025-08-19", day(2025, 8, 19))]
    headlines = [m.headline for m in extract_mentions(document(text), timexes)]
    assert not any("develops by" in h for h in headlines), headlines


# Headline examples, Duckling-style: a sentence of a Tuesday article told on that Tuesday, and
# words its headline must hold.
_HEADLINES = {
    # An infinitive stays one.
    "The first commercial flight is expected to take place on Tuesday.": "expected to take place",
    # A negation is kept (it was dropped with the auxiliary).
    "The glitch was not reported to the authorities on Tuesday.": "not reported",
    # The verb agrees with a plural subject, with the noun before "of" unless it is a partitive,
    # and after "there" with the noun that follows.
    "Union officials said on Tuesday that the plant would close.": "Union officials say",
    "Around 50,000 people watched the maiden flight on Tuesday.": "people watch",
    "Many of the new products were under development on Tuesday.": "products are",
    "A group of local politicians released a statement on Tuesday.": "politicians releases",
    "Leaders met in a ceremony attended by several ministers on Tuesday.": "Leaders meet in a ceremony attended by",
    "There were two models of the new laptop on Tuesday.": "There are two models",
    # The speaker is the name before an appositive, not a name inside it.
    "John Smith, a Kansas representative, said on Tuesday that the bridge would reopen.": "Smith says",
    # A reported quotation whose closing mark is lost stays quoted.
    'Boeing CEO Scott Carson said on Tuesday "We are continuing our research until we find a fix.':
        "Carson says “We are continuing",
    # "there" as a place is no existential; a capitalised first word after a dateline is still
    # a common noun; "the number of" is singular; "by" a quantity or "by its" names no agent;
    # a dash of three hyphens ends a clause too; two names joined by "and" are plural.
    "The mayor there said on Tuesday the plans are late.": "Mayor there says",
    "WASHINGTON (Reuters) - Officials said on Tuesday that the plan failed.": "Officials say",
    "The number of cases rose sharply on Tuesday.": "Number of cases rises",
    "Prices increased by 5% on Tuesday.": "Prices increase by 5%",
    "The company stood by its claim on Tuesday.": "Company stands by its claim",
    "The talks ended on Tuesday --- and only became public this weekend.": "talks end",
    "Smith and Jones resigned on Tuesday.": "Smith and Jones resign",
    # "I" and plural pronouns are no third person.
    "I had great confidence in the plan on Tuesday, the minister wrote.": "I had great confidence",
    "They signed the agreement on Tuesday.": "They sign the agreement",
    # A brand written lower-case first keeps its case.
    "iTunes sold its billionth song on Tuesday.": "iTunes sells",
    # A relative pronoun that is its clause's subject gives way to the noun it stands for.
    "The chipmaker bought Zenco, which was sold again on Tuesday.": "Zenco sold again",
    "The chipmaker bought Zenco which was sold again on Tuesday.": "Zenco sold again",
    "Acme will support the new service, iZap, which goes live on Tuesday.": "iZap goes live",
    # A verb whose subject is before an aside, or before a coordinated verb, takes that subject.
    "Acme's European rival, Zenair, is preparing to release a similar aircraft on Tuesday.":
        "rival is preparing to release",
    "Maria Lopez, the chief executive of the firm, announced on Tuesday in a memo that the plant would close.":
        "Lopez announces in a memo",
    "The tablets were priced at 300 dollars last year, but will be free to students from Tuesday.":
        "Tablets will be free to students",
    # A name taken for a person's is shortened only to a surname: what is written stays
    # ("Zenair", not the model it was matched to), a model number or a letter is no surname.
    "After the Zenair Z380 flew in May, Zenair warned on Tuesday that costs would rise.": "Zenair warns",
    "Orion OS X added support for wireless printers on Tuesday.": "Orion OS X adds",
    # A noun of a compound before the clause's verb is no verb, though spelt as one.
    "The Air Canada deal includes firm orders for 18 jets on Tuesday.": "Air Canada deal includes",
    # A gerund's "having" stays: it is no auxiliary of a finite verb.
    "The shares fell sharply last week after a record of having risen 20 percent on Tuesday.":
        "of having risen",
    # A past form right after the opening noun phrase's comma is a participle telling of it.
    "The fault, dubbed “Gategate” by reporters on Tuesday, was fixed within a week.": "Fault dubbed by reporters",
}


def test_a_participle_after_a_noun_whose_clause_goes_on_to_its_verb_is_no_verb_of_its_own():
    text = ("Phones sold in France already have the volume limited on Tuesday.\n"
            "Diary entries created on a laptop would be copied to the phone on Tuesday.\n")
    timexes = [timex(text, "Tuesday", "2025-08-19", day(2025, 8, 19))]
    headlines = [m.headline for m in extract_mentions(document(text), timexes)]
    assert not any("Phones sell " in h or "entries create " in h for h in headlines), headlines


@pytest.mark.parametrize(("sentence", "expected"), _HEADLINES.items())
def test_headline_examples(sentence, expected):
    text = sentence + "\n"
    timexes = [timex(text, "Tuesday", "2025-08-19", day(2025, 8, 19))]
    headlines = [m.headline for m in extract_mentions(document(text), timexes)]
    assert any(expected in h for h in headlines), headlines
