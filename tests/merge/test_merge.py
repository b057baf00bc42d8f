"""merge_mentions: one event per happening, with every source, and nothing else joined."""

import random

from merge_fixtures import mention, when

from timeline.merge import merge_mentions, merged_time
from timeline.merge.blocking import candidate_pairs
from timeline.merge.similarity import acronym_map, prepare, spelling_map

BRIEFING = {"framework", "security", "guarantee", "national", "team", "peace"}
MEETING = {"meet", "leader", "white", "summit", "european"}


def test_two_sources_reporting_one_statement_become_one_event():
    a = mention("hill", 10, when("2025-08-19"), keywords=BRIEFING | {"task"},
                actors=["Karoline Leavitt", "Donald Trump"], attribution="Karoline Leavitt")
    b = mention("wire", 50, when("2025-08-19"), keywords=BRIEFING | {"direct"},
                actors=["Karoline Leavitt", "Trump"], attribution="Leavitt", inferred=True)
    events, undated = merge_mentions([a, b])
    assert undated == []
    [event] = events
    assert event.sources == ("hill", "wire")
    assert {m.id for m in event.mentions} == {a.id, b.id}
    assert event.time.value == "2025-08-19"
    assert "Karoline Leavitt" in event.actors and "Donald Trump" in event.actors


def test_different_happenings_on_the_same_day_stay_apart():
    remark = mention("hill", 10, when("2025-08-18"), keywords={"breakthrough", "guarantee", "willingness"},
                     actors=["Mark Rutte", "Trump"], attribution="Mark Rutte")
    meeting = mention("wire", 50, when("2025-08-18"), keywords=MEETING,
                      actors=["Trump", "Volodymyr Zelenskyy"], predicate="meet")
    events, _ = merge_mentions([remark, meeting])
    assert len(events) == 2


def test_the_merged_time_is_the_most_precise_consistent_one():
    morning = when("2025-08-19TMO", part=(6, 12))
    a = mention("hill", 10, morning, keywords={"air", "support", "interview", "ground"},
                actors=["Trump"], attribution="Trump")
    b = mention("wire", 50, when("2025-08-19"), keywords={"air", "support", "interview", "ground"},
                actors=["Trump"], attribution="Trump", inferred=True)
    [event] = merge_mentions([a, b])[0]
    assert event.time.value == "2025-08-19TMO"
    assert event.conflicts == ()


def test_sources_disagreeing_on_the_date_keep_both_readings_as_a_conflict():
    words = {"crash", "runway", "airliner", "passenger", "investigation"}
    a = mention("a", 10, when("2025-08-18"), keywords=words, actors=["Acme Airlines"], predicate="crash")
    b = mention("b", 10, when("2025-08-19"), keywords=words, actors=["Acme Airlines"], predicate="crash")
    [event] = merge_mentions([a, b])[0]
    [conflict] = event.conflicts
    assert conflict.values == ("2025-08-18", "2025-08-19")
    assert conflict.sources == ("a", "b")
    assert "disagree" in conflict.note


def test_far_apart_times_never_merge():
    words = {"crash", "runway", "airliner", "passenger"}
    a = mention("a", 10, when("2025-08-01"), keywords=words, actors=["Acme"], predicate="crash")
    b = mention("b", 10, when("2025-08-19"), keywords=words, actors=["Acme"], predicate="crash")
    assert len(merge_mentions([a, b])[0]) == 2


def test_undated_mentions_are_returned_apart_and_never_merged():
    dated = mention("a", 10, when("2025-08-19"), keywords={"x1"})
    background = mention("a", 30, None, keywords={"x1"})
    events, undated = merge_mentions([dated, background])
    assert undated == [background]
    assert all(m.time is not None for e in events for m in e.mentions)


def test_one_occasion_in_one_document_is_one_event():
    a = mention("a", 10, when("2025-08-19"), keywords={"alpha"}, occasion="WH@2025-08-19")
    b = mention("a", 90, when("2025-08-19"), keywords={"omega"}, occasion="WH@2025-08-19")
    [event] = merge_mentions([a, b])[0]
    assert len(event.mentions) == 2


def test_a_single_shared_name_does_not_chain_two_happenings():
    # a-b agree strongly, b-c agree strongly on other things, a and c share nothing but b.
    a = mention("a", 10, when("2025-08-19"), keywords={"budget", "vote", "senate", "tax"},
                actors=["Smith"], predicate="vote")
    b = mention("b", 10, when("2025-08-19"), keywords={"budget", "vote", "senate", "storm", "flood"},
                actors=["Smith", "Jones"], predicate="vote")
    c = mention("c", 10, when("2025-08-19"), keywords={"storm", "flood", "evacuation", "coast"},
                actors=["Jones"], predicate="flood")
    events, _ = merge_mentions([a, b, c])
    assert not any({"a", "c"} <= set(e.sources) for e in events)


def test_output_is_deterministic_whatever_the_input_order():
    mentions = [
        mention(f"s{i % 7}", i * 20, when(f"2025-08-{10 + i % 5:02d}"),
                keywords={f"k{i % 4}", f"k{i % 3 + 10}", "common"}, actors=[f"Person {i % 6}"])
        for i in range(60)
    ]
    first = merge_mentions(mentions)
    shuffled = mentions[:]
    random.Random(7).shuffle(shuffled)
    assert merge_mentions(shuffled) == first
    ids = [e.id for e in first[0]]
    assert len(ids) == len(set(ids))
    starts = [e.time.start for e in first[0]]
    assert starts == sorted(starts)


def test_spellings_of_one_name_are_joined_for_comparison():
    mapping = spelling_map(["zelenskyy", "zelenskyy", "zelensky", "trump", "truman"])
    assert mapping == {"zelensky": "zelenskyy"}


def test_blocking_pairs_only_mentions_that_share_a_bucket_and_two_keys():
    mentions = [
        mention("a", 10, when("2025-08-19"), keywords={"rocket", "launch"}),
        mention("b", 10, when("2025-08-19"), keywords={"rocket", "launch"}),
        mention("c", 10, when("2025-08-19"), keywords={"harvest", "launch"}),  # one key only
        mention("d", 10, when("2025-03-02"), keywords={"rocket", "launch"}),  # another month
        mention("e", 10, when("2025-08-01", days=31), keywords={"rocket", "launch"}),
    ]
    prepared, weights = prepare(mentions)
    pairs = set(candidate_pairs(prepared, weights))
    sources = {frozenset((prepared[i].mention.source, prepared[j].mention.source)) for i, j in pairs}
    assert sources == {frozenset("ab"), frozenset("ae"), frozenset("be")}
    assert len(pairs) == len(list(candidate_pairs(prepared, weights)))


def test_a_happening_told_with_a_noun_and_with_a_verb_is_one_event():
    # "Deliveries to Acme Airlines are not due until October" / "was delivered today to Acme"
    due = mention("a", 10, when("2025-10-01", days=31), keywords={"deliver", "due", "customer"},
                  actors=["Acme Airlines"], predicate="be")
    done = mention("b", 10, when("2025-10-15"), keywords={"deliver", "first", "schedule"},
                   actors=["Acme Airlines", "Superjet"], predicate="deliver")
    [event] = merge_mentions([due, done])[0]
    assert event.time.value == "2025-10-15"
    assert event.conflicts == ()


def test_a_publication_day_inferred_from_the_perfect_meets_the_explicit_day_before():
    # "have defeated Boeing" (reported on the 1st) and "last month ... defeated Boeing"
    reported = mention("a", 10, when("2025-03-01"), keywords={"defeat", "contract", "tanker"},
                       actors=["Grumman", "Boeing"], predicate="defeat", inferred=True)
    explicit = mention("b", 10, when("2025-02-01", days=28), keywords={"defeat", "order", "tanker"},
                       actors=["Grumman", "Boeing"], predicate="defeat")
    [event] = merge_mentions([reported, explicit])[0]
    assert event.time.value == "2025-02-01"  # the explicit time decides
    assert event.conflicts == ()


def test_an_inferred_back_reference_joins_the_happening_dated_months_before():
    words = {"introduce", "phone", "conference", "antenna"}
    introduced = mention("a", 10, when("2025-06-07"), keywords=words,
                         actors=["Jobs", "Phone Four"], predicate="introduce")
    later = mention("b", 10, when("2025-08-09"), keywords=words,
                    actors=["Jobs", "Phone Four"], predicate="introduce", inferred=True)
    [event] = merge_mentions([introduced, later])[0]
    assert event.time.value == "2025-06-07"


def test_explicit_times_far_apart_or_different_verbs_never_join_by_back_reference():
    words = {"introduce", "phone", "conference", "antenna"}
    introduced = mention("a", 10, when("2025-06-07"), keywords=words,
                         actors=["Jobs", "Phone Four"], predicate="introduce")
    explicit_later = mention("b", 10, when("2025-08-09"), keywords=words,
                             actors=["Jobs", "Phone Four"], predicate="introduce")
    said_later = mention("c", 10, when("2025-08-09"), keywords=words,
                         actors=["Jobs", "Phone Four"], predicate="say", inferred=True)
    events, _ = merge_mentions([introduced, explicit_later, said_later])
    assert not any({"a", "b"} <= set(e.sources) or {"a", "c"} <= set(e.sources) for e in events)


def test_years_next_to_each_other_are_not_a_disagreement_of_a_day():
    words = {"fight", "illness", "pancreatic"}
    a = mention("a", 10, when("2003-01-01", days=365), keywords=words, actors=["Jobs"],
                predicate="fight")
    b = mention("b", 10, when("2004-01-01", days=366), keywords=words, actors=["Jobs"],
                predicate="fight")
    assert len(merge_mentions([a, b])[0]) == 2


def test_undated_background_joins_the_happening_another_source_dates():
    words = {"introduce", "phone", "conference", "antenna"}
    introduced = mention("a", 10, when("2025-06-07"), keywords=words,
                         actors=["Jobs", "Phone Four"], predicate="introduce")
    background = mention("b", 10, None, keywords=words, actors=["Jobs", "Phone Four"],
                         predicate="introduce")
    unrelated = mention("b", 90, None, keywords={"harvest", "wheat"}, actors=["Smith"],
                        predicate="harvest")
    events, undated = merge_mentions([introduced, background, unrelated])
    [event] = events
    assert event.sources == ("a", "b") and event.time.value == "2025-06-07"
    assert undated == [unrelated]


def test_undated_background_joins_a_happening_dated_by_its_report_alone():
    words = {"enter", "service", "commercial", "airliner"}
    reported = mention("a", 0, when("2025-10-17"), keywords=words, actors=["A380"],
                       predicate="enter", inferred=True)
    background = mention("b", 10, None, keywords=words, actors=["A380"], predicate="enter",
                         modality="future")
    other_actor = mention("c", 10, None, keywords=words, actors=["B787"], predicate="enter")
    other_verb = mention("d", 10, None, keywords=words - {"enter"} | {"leave"},
                         actors=["A380"], predicate="leave")
    events, undated = merge_mentions([reported, background, other_actor, other_verb])
    [event] = events
    assert event.sources == ("a", "b") and event.time.value == "2025-10-17"
    assert undated == [other_actor, other_verb]


def _dated_by(m, rule: str):
    return m.model_copy(update={"timex": m.timex.model_copy(update={"rule": rule})})


def test_a_finer_time_a_source_narrates_refines_the_explicit_reading():
    april = when("2025-04-01", days=30).model_copy(update={"value": "2025-04"})
    told = mention("wire", 10, april, keywords={"first", "flight", "jet"}, predicate="fly")
    narrated = _dated_by(mention("hill", 50, when("2025-04-27"), keywords={"first", "flight", "jet"},
                                 predicate="fly", inferred=True), "narrative")
    time, conflicts = merged_time([told, narrated])
    assert time.value == "2025-04-27" and conflicts == []


def test_a_day_guessed_from_the_publication_refines_no_explicit_reading():
    week = when("2025-08-11", days=7).model_copy(update={"value": "2025-W33", "granularity": "week"})
    told = mention("wire", 10, week, keywords={"lawsuit", "court"}, predicate="file")
    guessed = _dated_by(mention("wire", 50, when("2025-08-15"), keywords={"lawsuit", "court"},
                                predicate="file", inferred=True), "publication-day")
    time, _ = merged_time([told, guessed])
    assert time.value == "2025-W33"


def test_an_inference_disjoint_from_the_explicit_reading_does_not_move_it():
    april = when("2025-04-01", days=30).model_copy(update={"value": "2025-04"})
    told = mention("wire", 10, april, keywords={"deal"}, predicate="win")
    narrated = _dated_by(mention("hill", 50, when("2025-05-02"), keywords={"deal"}, predicate="win",
                                 inferred=True), "narrative")
    time, conflicts = merged_time([told, narrated])
    assert time.value == "2025-04" and conflicts == []


def test_a_synonym_verb_tells_the_same_happening():
    deal = {"stake", "billion", "shareholder", "offer"}
    a = mention("a", 10, when("2025-03-04"), keywords=deal | {"acquire"},
                actors=["Acme Corp", "Widget Ltd"], predicate="acquire")
    b = mention("b", 10, when("2025-03-04"), keywords=deal | {"buy"},
                actors=["Acme", "Widget"], predicate="buy", inferred=True)
    [event] = merge_mentions([a, b])[0]
    assert event.sources == ("a", "b")


def test_an_opposite_verb_on_the_same_day_stays_apart():
    a = mention("a", 10, when("2025-03-04"), keywords={"share", "percent", "rise"},
                actors=["Acme"], predicate="rise")
    b = mention("b", 10, when("2025-03-04"), keywords={"share", "percent", "fall"},
                actors=["Widget"], predicate="fall")
    c = mention("c", 10, when("2025-03-04"), keywords={"share", "percent", "climb"},
                actors=["Acme"], predicate="climb")
    events = merge_mentions([a, b, c])[0]
    assert sorted(e.sources for e in events) == [("a", "c"), ("b",)]


def test_a_shared_verb_and_actor_are_compared_however_common_the_verb():
    # Many tellings of flights make "fly" a common word, left out of the rarest terms; two
    # mentions sharing only it and an actor must still be compared.
    filler = [mention(f"s{n}", 10, when("2025-04-27"), keywords={"fly", f"w{n}a", f"w{n}b"},
                      actors=[f"Pilot{n}"], predicate="fly") for n in range(30)]
    first = mention("a", 10, when("2025-04-27"), predicate="fly", actors=["Airbus A380"],
                    keywords={"fly", *(f"a{n}" for n in range(14))})
    again = mention("b", 10, when("2025-04-27"), predicate="fly", actors=["A380"],
                    keywords={"fly", *(f"b{n}" for n in range(14))})
    mentions = [first, again, *filler]
    prepared, weights = prepare(mentions)
    pairs = set(candidate_pairs(prepared, weights))
    assert (0, 1) in pairs



def _delivered_and_delayed(delayed_source: str, delayed_start: int):
    """A delivery told with its verb, and a delay whose words name the delivery ("the
    airliner's delivery, due in March, was delayed")."""
    delivered = mention("a", 10, when("2025-10-15"), predicate="deliver", actors=["Acme Air"],
                        keywords={"deliver", *(f"a{n}" for n in range(6))})
    delayed = mention(delayed_source, delayed_start, when("2025-10-15"), predicate="delay",
                      actors=["Acme Air"],
                      keywords={"delay", "deliver", *(f"b{n}" for n in range(5))})
    return delivered, delayed


def test_a_happening_named_by_a_noun_in_the_other_telling_joins_it():
    delivered, delayed = _delivered_and_delayed("b", 10)
    assert len(merge_mentions([delivered, delayed])[0]) == 1
    # Sharing a word that names neither happening is not enough.
    other = mention("c", 10, when("2025-10-15"), predicate="delay", actors=["Acme Air"],
                    keywords={"delay", "a0", *(f"c{n}" for n in range(5))})
    assert len(merge_mentions([delivered, other])[0]) == 2


def test_one_article_naming_its_own_happenings_again_does_not_join_them():
    # An article keeps to its topic: "the delivery" recurs in its other statements.
    delivered, delayed = _delivered_and_delayed("a", 90)
    assert len(merge_mentions([delivered, delayed])[0]) == 2


def test_a_back_reference_sharing_only_a_common_actor_does_not_join():
    # Months apart, "Acme launched the Music Store" and "Acme launches the Phone" share the
    # verb and the company every story names, but not what was launched.
    # Other stories (a year before) name the company and the products too, so the company
    # carries some weight, but less than what was launched.
    others = ["Acme", "Acme", "Music Store", "Music Store", "Phone", "Phone"]
    filler = [mention(f"f{n}", 10, when(f"2024-0{n + 1}-10"), actors=[name],
                      keywords={f"filler{n}"}, predicate="report")
              for n, name in enumerate(others)]
    store = mention("a", 10, when("2025-04-28"), keywords={"launch"}, predicate="launch",
                    actors=["Acme", "Music Store"])
    phone = mention("b", 10, when("2025-09-06"), keywords={"launch"}, predicate="launch",
                    actors=["Acme", "Phone"], inferred=True)
    background = mention("c", 10, None, keywords={"launch"}, predicate="launch",
                         actors=["Acme", "Phone"])
    events, undated = merge_mentions([store, phone, background, *filler])
    assert not any("a" in e.sources and len(e.sources) > 1 for e in events)
    # The same product told again months later does join.
    again = mention("d", 10, when("2025-09-06"), keywords={"launch"}, predicate="launch",
                    actors=["Acme", "Music Store"], inferred=True)
    events, _ = merge_mentions([store, again, *filler])
    assert any({"a", "d"} <= set(e.sources) for e in events)


def _filing(source: str, key: str):
    m = mention(source, 10, when("2025-06-01"), predicate="file", actors=[key],
                keywords={"file", "bankruptcy", f"{source}1", f"{source}2", f"{source}3"})
    return m.model_copy(update={"actor_keys": (key,)})


def test_a_name_and_its_acronym_in_two_documents_are_one_actor():
    assert acronym_map(["general motors", "gm", "european aeronautic defence and space",
                        "eads"]) == {"general motors": "gm",
                                     "european aeronautic defence and space": "eads"}
    [event] = merge_mentions([_filing("a", "general motors"), _filing("b", "gm")])[0]
    assert event.sources == ("a", "b")


def test_an_acronym_two_names_share_joins_neither():
    assert acronym_map(["bea", "british european airways", "blue eyed arabs"]) == {}
    assert len(merge_mentions([_filing("a", "general motors"), _filing("b", "gma")])[0]) == 2


def test_a_statement_naming_a_happening_is_not_that_happening():
    met = mention("a", 10, when("2025-08-18"), predicate="meet", actors=["Donald Trump"],
                  keywords={"meet", *(f"a{n}" for n in range(6))})
    remark = mention("b", 10, when("2025-08-18"), predicate="say", actors=["Trump"],
                     attribution="Mark Rutte",
                     keywords={"meet", "breakthrough", *(f"b{n}" for n in range(5))})
    assert len(merge_mentions([met, remark])[0]) == 2


def test_a_reaction_naming_a_happening_stays_apart_from_it():
    shot = mention("a", 10, when("2025-10-23"), predicate="shoot", actors=["Slepian"],
                   keywords={"shoot", *(f"a{n}" for n in range(6))})
    condemned = mention("b", 10, when("2025-10-25"), predicate="condemn", actors=["Slepian"],
                        inferred=True, keywords={"condemn", "shoot", *(f"b{n}" for n in range(5))})
    assert len(merge_mentions([shot, condemned])[0]) == 2


def test_a_report_dated_by_its_publication_meets_the_happening_days_before():
    words = {"contract", "tanker", "billion", "award", "air", "force"}
    won = mention("a", 10, when("2025-02-26"), predicate="win",
                  actors=["Northrop", "EADS"], keywords=words | {"win"})
    beaten = mention("b", 10, when("2025-03-01"), predicate="beat", inferred=True,
                     actors=["Northrop", "EADS"], keywords=words | {"beat"})
    prepared, weights = prepare([won, beaten])
    assert (0, 1) in set(candidate_pairs(prepared, weights))
    [event] = merge_mentions([won, beaten])[0]
    assert event.time.value == "2025-02-26"
