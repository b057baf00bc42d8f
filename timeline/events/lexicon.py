"""Language resources for the events stage, read from `resources/<language>/*.yaml`.

The rules are code; the words they use are data (HeidelTime's split), so another language is a
folder of YAML files, not a fork. A `Lexicon` is immutable and loaded once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Lexicon:
    language: str
    # grammar
    determiners: frozenset[str]
    possessives: frozenset[str]
    prepositions: frozenset[str]
    conjunctions: frozenset[str]
    subordinators: frozenset[str]
    relativizers: frozenset[str]
    subject_relatives: frozenset[str]  # "Pixar, which was acquired": the relative is the subject
    subject_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    be: frozenset[str]
    have: frozenset[str]
    do: frozenset[str]
    negations: frozenset[str]
    plural_nouns: frozenset[str]  # plurals spelt as their singular: lemmas do not tell them
    partitives: frozenset[str]  # "many of the ...": the noun after "of" is the subject's number
    partitive_preposition: frozenset[str]
    agent_prepositions: frozenset[str]
    infinitive_markers: frozenset[str]
    existentials: frozenset[str]
    articles: frozenset[str]
    plural_conjunctions: frozenset[str]
    plural_pronouns: frozenset[str]
    first_person_singular: frozenset[str]
    verb_group_adverbs: frozenset[str]
    stamp_cues: tuple[str, ...]
    background_cues: tuple[str, ...]
    general_words: frozenset[str]
    background_adverbs: frozenset[str]
    prepositional_participles: frozenset[str]
    min_words: int
    # modality
    future_auxiliaries: frozenset[str]
    future_be_cues: frozenset[str]
    future_verbs: frozenset[str]
    commitment_verbs: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_cues: frozenset[str]
    # reporting
    reporting_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    attribution_cues: tuple[str, ...]
    # actors
    titles: frozenset[str]
    honorifics: frozenset[str]
    spokesperson_titles: frozenset[str]
    organisation_words: frozenset[str]
    demonyms: frozenset[str]
    not_names: frozenset[str]
    place_words: frozenset[str]
    places: frozenset[str]  # lower case, ISO country and subdivision names included
    aliases: dict[str, str]  # another name of a place -> the name it is listed under
    # keywords
    stopwords: frozenset[str]
    # headlines
    nominalizations: dict[str, str]
    participant_prepositions: frozenset[str]
    light_verbs: frozenset[str]
    headline_drop: tuple[re.Pattern[str], ...]
    headline_rewrite: tuple[tuple[re.Pattern[str], str], ...]
    headline_max_words: int
    # derivation: event nouns and their verbs
    noun_verbs: dict[str, str]
    noun_suffixes: tuple[tuple[str, str], ...]
    min_stem: int
    not_events: frozenset[str]
    zero_derived: frozenset[str]  # event nouns spelt as their verb ("delay", "launch")

    auxiliaries: frozenset[str] = frozenset()  # be, have, do and the modals, together
    function_words: frozenset[str] = frozenset()
    # First word of a title (or honorific) -> the lengths of the titles it starts, longest first.
    title_sizes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # First word of a multi-word organisation name ("white house") -> its lengths.
    organisation_sizes: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "auxiliaries", (
            self.be | self.have | self.do | self.future_auxiliaries | self.hypothetical_auxiliaries
        ))
        object.__setattr__(self, "title_sizes", _sizes(self.titles | self.honorifics, 4))
        object.__setattr__(self, "organisation_sizes", {
            first: tuple(n for n in sizes if n in (2, 3))
            for first, sizes in _sizes(self.organisation_words, 3).items()
        })
        object.__setattr__(self, "function_words", (
            self.determiners | self.prepositions | self.conjunctions | self.subordinators
            | self.relativizers | self.subject_pronouns
        ))

    def is_function_word(self, lower: str) -> bool:
        return lower in self.function_words


def _sizes(phrases: frozenset[str], longest: int) -> dict[str, tuple[int, ...]]:
    """First word -> the word counts of the phrases it starts (at most `longest`), longest first."""
    found: dict[str, set[int]] = {}
    for phrase in phrases:
        words = phrase.split()
        if len(words) <= longest:
            found.setdefault(words[0], set()).add(len(words))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in found.items()}


class _WordLoader(yaml.SafeLoader):
    """YAML with the booleans of YAML 1.2 only: the word lists hold "on", "off", "no" and
    "yes", which YAML 1.1 reads as booleans."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _read(language: str, name: str) -> dict[str, Any]:
    path = resources.files("timeline.events") / "resources" / language / f"{name}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_WordLoader) or {}
    except FileNotFoundError as exc:
        raise ValueError(f"no {name}.yaml resource for language {language!r}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"resources/{language}/{name}.yaml: expected a mapping at the top level")
    return data


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key, ()) or ())


@lru_cache(maxsize=1)
def _iso_places() -> frozenset[str]:
    """Country and subdivision names (pycountry's ISO 3166 data), lower case."""
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                names.add(value.lower())
    names.update(s.name.lower() for s in pycountry.subdivisions if "," not in s.name)
    return frozenset(names)


@lru_cache(maxsize=8)
def load(language: str = DEFAULT_LANGUAGE) -> Lexicon:
    """The lexicon for `language`, falling back to English when it has no resources."""
    root = resources.files("timeline.events") / "resources"
    if not (root / language).is_dir():
        language = DEFAULT_LANGUAGE
    grammar = _read(language, "grammar")
    modality = _read(language, "modality")
    reporting = _read(language, "reporting")
    actors = _read(language, "actors")
    stop = _read(language, "stopwords")
    headline = _read(language, "headline")
    derivation = _read(language, "derivation")
    nominalizations = {
        str(k).lower(): str(v) for k, v in (headline.get("nominalizations") or {}).items()
    }
    return Lexicon(
        language=language,
        determiners=_words(grammar, "determiners"),
        possessives=_words(grammar, "possessives"),
        prepositions=_words(grammar, "prepositions"),
        conjunctions=_words(grammar, "conjunctions"),
        subordinators=_words(grammar, "subordinators"),
        relativizers=_words(grammar, "relativizers"),
        subject_relatives=_words(grammar, "subject_relatives"),
        subject_pronouns=_words(grammar, "subject_pronouns"),
        person_pronouns=_words(grammar, "person_pronouns"),
        be=_words(grammar, "be"),
        have=_words(grammar, "have"),
        do=_words(grammar, "do"),
        negations=_words(grammar, "negations"),
        plural_nouns=_words(grammar, "plural_nouns"),
        partitives=_words(grammar, "partitives"),
        partitive_preposition=_words(grammar, "partitive_preposition"),
        agent_prepositions=_words(grammar, "agent_prepositions"),
        infinitive_markers=_words(grammar, "infinitive_markers"),
        existentials=_words(grammar, "existentials"),
        articles=_words(grammar, "articles"),
        plural_conjunctions=_words(grammar, "plural_conjunctions"),
        plural_pronouns=_words(grammar, "plural_pronouns"),
        first_person_singular=_words(grammar, "first_person_singular"),
        verb_group_adverbs=_words(grammar, "verb_group_adverbs"),
        stamp_cues=tuple(str(c).lower() for c in grammar.get("stamp_cues", ())),
        min_words=int(grammar.get("min_words", 3)),
        background_cues=tuple(str(c).lower() for c in grammar.get("background_cues", ())),
        general_words=_words(grammar, "general_words"),
        background_adverbs=_words(grammar, "background_adverbs"),
        prepositional_participles=_words(grammar, "prepositional_participles"),
        future_auxiliaries=_words(modality, "future_auxiliaries"),
        future_be_cues=_words(modality, "future_be_cues"),
        future_verbs=_words(modality, "future_verbs"),
        commitment_verbs=_words(modality, "commitment_verbs"),
        hypothetical_auxiliaries=_words(modality, "hypothetical_auxiliaries"),
        hypothetical_cues=_words(modality, "hypothetical_cues"),
        reporting_verbs=_words(reporting, "reporting_verbs"),
        speech_nouns=_words(reporting, "speech_nouns"),
        attribution_cues=tuple(str(c).lower() for c in reporting.get("attribution_cues", ())),
        titles=_words(actors, "titles"),
        honorifics=_words(actors, "honorifics"),
        spokesperson_titles=_words(actors, "spokesperson_titles"),
        organisation_words=_words(actors, "organisation_words"),
        demonyms=_words(actors, "demonyms"),
        not_names=_words(actors, "not_names"),
        place_words=_words(actors, "place_words"),
        places=_words(actors, "places") | _iso_places(),
        aliases={str(k): str(v) for k, v in (actors.get("aliases") or {}).items()},
        stopwords=_words(stop, "stopwords"),
        nominalizations=nominalizations,
        participant_prepositions=_words(headline, "participant_prepositions"),
        light_verbs=_words(headline, "light_verbs"),
        headline_drop=tuple(re.compile(p, re.IGNORECASE) for p in headline.get("drop", ())),
        headline_rewrite=tuple(
            (re.compile(p), r) for p, r in headline.get("rewrite", ())
        ),
        headline_max_words=int(headline.get("max_words", 12)),
        noun_verbs={
            # A headline's verb phrase ("hold talks with") names no verb to compare by.
            **{noun: verb for noun, verb in nominalizations.items() if " " not in verb},
            **{str(k).lower(): str(v) for k, v in (derivation.get("irregular") or {}).items()},
        },
        noun_suffixes=tuple(
            (str(a), str(b)) for a, b in derivation.get("suffixes", ()) or ()
        ),
        min_stem=int(derivation.get("min_stem", 3)),
        not_events=_words(derivation, "not_events"),
        zero_derived=_words(derivation, "zero_derived"),
    )
