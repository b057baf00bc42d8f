"""A synthetic news pile for scale figures and tests: realistic sentences, dates, names, outlets.

Each article reports a few happenings of a shared pool (so events merge across outlets), told
with absolute and relative dates ("on Tuesday", "last Friday", "on 3 March"), attributions,
quotations and undated background. A share of the articles are republications: exact copies
of an earlier article under another outlet and file, or lightly edited ones (a sentence
changed), so duplicate detection has work to do. Everything is drawn from one seeded random
generator: the same arguments always write the same files.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pendulum

_FIRST = (
    "Anna Maria James Olivia Pierre Sofia Ahmed Elena Kenji Laura David Fatima Tomas Grace "
    "Viktor Ines Samuel Chloe Ravi Marta Lucas Hana Omar Julia Felix Nadia Peter Amara Igor Rosa"
).split()
_LAST = (
    "Keller Moreau Nakamura Okafor Petrov Lindqvist Haddad Brennan Castillo Novak Fischer "
    "Santos Kowalski Dubois Tanaka Mensah Larsen Romano Weber Ivanova Duarte Sato Khan Berg "
    "Rossi Murphy Schmidt Costa Jensen Volkov Garcia Meyer Ortiz Bauer Nilsson Popescu"
).split()
_ROLES = (
    "finance minister", "chief executive", "spokesperson", "mayor", "union leader",
    "central bank governor", "foreign minister", "prosecutor", "senator", "health minister",
)
_SYLLABLES = "ka ro mi den sa lo vin tur ber gal no ri ash fel mon quar tel ve dor lin".split()
_KINDS = (
    "Energy", "Bank", "Shipping", "Motors", "Port Authority", "City Council", "Workers Union",
    "Health Trust", "Rail Company", "Water Board", "Chamber of Commerce", "Airlines",
)


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


_PLACES = (
    "Berlin", "Lagos", "Osaka", "Lyon", "Denver", "Porto", "Gdansk", "Nairobi", "Austin",
    "Valencia", "Tromso", "Adelaide",
)
_OUTLETS = (
    "The Daily Ledger", "Morning Courier", "Northern Times", "Wire Service", "Evening Standard Post",
    "Capital Report", "Harbor Gazette", "Global Dispatch",
)
_ZONES = ("America/New_York", "Europe/Berlin", "Europe/London", "Asia/Tokyo", "UTC")
_ACTIONS = (
    ("announced a plan to cut spending on", "the {place} rail project"),
    ("signed an agreement with", "{organisation}"),
    ("met", "{person}"),
    ("opened an inquiry into", "delays at the {place} port"),
    ("rejected a proposal from", "{organisation}"),
    ("visited", "the flooded districts of {place}"),
    ("resigned from", "the board of {organisation}"),
    ("approved a loan to", "{organisation}"),
    ("called off talks with", "{organisation}"),
    ("launched", "a new service between {place} and {other_place}"),
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_BACKGROUND = (
    "The decision follows months of pressure from residents and businesses in {place}.",
    "Critics in {place} say the plan does little to address the underlying problems.",
    "Officials at {organisation} did not respond to requests for comment.",
    "The {place} project has been delayed several times and is {number} million over budget.",
    "Analysts expect the move to affect prices across {place} and {other_place}.",
    "{person} has called for a full public hearing.",
    "{organisation} employs about {number} people in {place}.",
    "Talks between {organisation} and {person} have stalled repeatedly over pay and pensions.",
)
_QUOTES = (
    "We will not accept anything less than a fair deal",
    "This is a difficult but necessary step",
    "Our priority is the safety of the people of {place}",
    "Nobody expected the talks to be easy",
)


@dataclass(frozen=True)
class Happening:
    actor: str
    role: str
    verb: str
    thing: str
    day: pendulum.DateTime


@dataclass(frozen=True)
class Article:
    name: str  # file stem
    metadata: dict[str, str]
    body: str


@dataclass(frozen=True)
class _World:
    """The names a pile of this size is about: more articles, more people and places."""

    surnames: list[str]
    places: list[str]
    organisations: list[str]

    @classmethod
    def of_size(cls, rng: random.Random, count: int) -> _World:
        scale = max(20, count // 10)
        places = [*_PLACES, *(_name(rng) for _ in range(scale // 4))]
        organisations = [f"{rng.choice(places)} {rng.choice(_KINDS)}" for _ in range(scale // 2)]
        return cls([*_LAST, *(_name(rng) for _ in range(scale))], places, organisations)

    def person(self, rng: random.Random) -> str:
        return f"{rng.choice(_FIRST)} {rng.choice(self.surnames)}"

    def fill(self, rng: random.Random, template: str) -> str:
        text = template.format(
            place=rng.choice(self.places), other_place=rng.choice(self.places),
            organisation=f"the {rng.choice(self.organisations)}", person=self.person(rng),
            number=rng.randint(2, 90) * 100,
        )
        return text[0].upper() + text[1:]


def _happenings(rng: random.Random, world: _World, count: int) -> list[Happening]:
    start = pendulum.datetime(2024, 1, 1, tz="UTC")
    found = []
    for _ in range(count):
        verb, thing = rng.choice(_ACTIONS)
        day = start.add(days=rng.randrange(600))
        found.append(Happening(world.person(rng), rng.choice(_ROLES), verb, world.fill(rng, thing), day))
    return found


def _when(rng: random.Random, day: pendulum.DateTime, published: pendulum.DateTime) -> str:
    """How an article published on `published` dates `day`: a weekday, 'last Friday', a date."""
    gap = (published.date() - day.date()).days
    if gap == 0:
        return rng.choice(("today", "this morning", "earlier today"))
    if gap == 1:
        return "yesterday"
    if 1 < gap < 7:
        return f"on {_WEEKDAYS[day.weekday()]}"
    if 7 <= gap < 14:
        return f"last {_WEEKDAYS[day.weekday()]}"
    if rng.random() < 0.5:
        return f"on {_MONTHS[day.month - 1]} {day.day}"
    return f"on {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _sentences(rng: random.Random, world: _World, happening: Happening, published: pendulum.DateTime) -> list[str]:
    surname = happening.actor.split()[-1]
    when = _when(rng, happening.day, published)
    lead = f"{happening.actor}, the {happening.role}, {happening.verb} {happening.thing} {when}."
    told = [lead]
    if rng.random() < 0.6:
        quote = world.fill(rng, rng.choice(_QUOTES))
        told.append(f"\u201c{quote},\u201d {surname} told reporters.")
    if rng.random() < 0.5:
        later = happening.day.add(days=rng.randint(3, 40))
        told.append(
            f"{surname} said a final decision would follow by {_MONTHS[later.month - 1]} {later.day}."
        )
    return told


def _article(rng: random.Random, world: _World, number: int, pool: list[Happening]) -> Article:
    chosen = rng.sample(pool, rng.randint(3, 6))
    newest = max(h.day for h in chosen)
    published = newest.add(days=rng.randint(0, 9), hours=rng.randint(6, 20))
    paragraphs: list[str] = []
    for happening in chosen:
        paragraphs.extend(_sentences(rng, world, happening, published))
        for _ in range(rng.randint(1, 3)):
            paragraphs.append(world.fill(rng, rng.choice(_BACKGROUND)))
    headline = f"{chosen[0].actor.split()[-1]} {chosen[0].verb} {chosen[0].thing}"
    body = headline[0].upper() + headline[1:] + "\n" + "\n".join(paragraphs) + "\n"
    metadata = {
        "title": headline,
        "outlet": rng.choice(_OUTLETS),
        "published": published.format("YYYY-MM-DDTHH:mm:ssZ"),
        "timezone": rng.choice(_ZONES),
    }
    return Article(f"article_{number:07d}", metadata, body)


def _republished(rng: random.Random, world: _World, original: Article, number: int) -> Article:
    """The same story under another outlet: an exact copy, or one with a sentence changed."""
    body = original.body
    if rng.random() < 0.5:
        lines = body.splitlines()
        position = rng.randrange(1, len(lines))
        lines[position] = world.fill(rng, rng.choice(_BACKGROUND))
        body = "\n".join(lines) + "\n"
    published = pendulum.parse(original.metadata["published"]).add(hours=rng.randint(1, 30))
    metadata = {**original.metadata, "outlet": rng.choice(_OUTLETS), "published": published.format("YYYY-MM-DDTHH:mm:ssZ")}
    return Article(f"article_{number:07d}", metadata, body)


def articles(count: int, *, seed: int = 20250819, republished: float = 0.05) -> Iterator[Article]:
    """`count` articles; about `republished` of them repeat an earlier one (exactly or nearly)."""
    rng = random.Random(seed)
    world = _World.of_size(rng, count)
    pool = _happenings(rng, world, max(8, count // 3))
    recent: list[Article] = []
    for number in range(count):
        if recent and rng.random() < republished:
            article = _republished(rng, world, rng.choice(recent), number)
        else:
            article = _article(rng, world, number, pool)
            recent = [*recent[-199:], article]
        yield article


def front_matter_file(article: Article) -> str:
    header = "".join(f"{key}: {json.dumps(value)}\n" for key, value in article.metadata.items())
    return f"---\n{header}---\n{article.body}"


def write_folder(folder: Path, count: int, *, seed: int = 20250819, republished: float = 0.05) -> int:
    """Write `count` articles as front-matter text files into `folder`; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for article in articles(count, seed=seed, republished=republished):
        content = front_matter_file(article)
        (folder / f"{article.name}.txt").write_text(content, encoding="utf-8")
        size += len(content.encode("utf-8"))
    return size
