"""Typing an entity from the evidence its mentions gathered.

Invariant: `decide_kind` is a pure function of the evidence and the word
lists; the order of its rules is the order of trust: a fixed position
(dateline, results table), known names, head words (Ministry, River, Cup),
given names and titles, then the shape of the name (a run of capitalised
name words is a person, an acronym an organisation only with evidence), and
last the contexts of lone words ("shares in X", "X said", "in X").
Without evidence the kind is `other`, never a guess among the three.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.analysis.entities.candidates import is_demonym, is_given_name
from reader.analysis.entities.joiners import MEMBERS
from reader.analysis.entities.lexicon import (
    city_names,
    common_words,
    first_names,
    gazetteer,
    name_key,
    nationalities,
)
from reader.analysis.model import EntityKind
from reader.analysis.wordlists import given_name_genders, word_list

_PARTICLES = frozenset(
    {"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "la", "le", "ter"}
    | {"bin", "ibn", "al", "el", "y", "dos", "das"}
)
"""Lower-case particles inside personal names ("Joost van der Westhuizen")."""
_PLACE_ENDING = re.compile(r"[a-z](?:burg|bourg|grad|polis)$")
"""Endings that make a word a town's name ("Petersburg", "Strasbourg", "Volgograd")."""


@dataclass(slots=True, init=False)
class Evidence:
    """What the mentions of one entity showed about its kind."""

    forms: Counter[str]
    """Each surface form and how often it occurs."""
    titled: Counter[str]
    """Forms with the title the document puts before the name ("Mr Musk")."""
    title: int
    """Mentions preceded by a title or role ("Mr", "President", "spokesperson")."""
    said: int
    """Mentions followed by a reporting verb ("X said")."""
    near: int
    """Mentions after a preposition of place ("in X", "near X")."""
    org: int
    """Mentions in a company's context ("shares in X", "X's chief executive")."""
    the: int
    """Mentions after "the" ("the FBI"): an organisation or place, not a person."""
    seat: int
    """Mentions after a noble's or a cleric's title and "of" ("Earl of Clare"): a place."""
    forced: EntityKind | None
    """A kind fixed by position (a dateline names a place)."""

    # An `__init__` of our own (`init=False`): the one `dataclass` writes is Python that
    # the compiled build calls as such (0.2-0.5 us an object, tens of thousands a book).
    def __init__(self) -> None:
        self.forms = Counter()
        self.titled = Counter()
        self.title = self.said = self.near = self.org = self.the = self.seat = 0
        self.forced = None

    def absorb(self, other: Evidence) -> None:
        """Add another group's evidence to this one (when two groups merge)."""
        self.forms.update(other.forms)
        self.titled.update(other.titled)
        self.title += other.title
        self.said += other.said
        self.near += other.near
        self.org += other.org
        self.the += other.the
        self.seat += other.seat
        self.forced = self.forced or other.forced

    def is_person_named(self) -> bool:
        """Whether a title or a given name marks this entity as a person."""
        return self.title > 0 or any(f.split()[0] in first_names() for f in self.forms)

    def is_org_named(self, key: str) -> bool:
        """Whether the words of this name make it an organisation ("Financial Chronicle")."""
        return _by_words(key, self) == "org"

    def may_be_person(self, key: str) -> bool:
        """Whether this multi-word name could be a person, so "Musk" may refer to it."""
        return _by_words(key, self) in (None, "person")


def _by_words(key: str, evidence: Evidence) -> EntityKind | None:
    """The kind the words of the name itself give away, or None."""
    if evidence.forced is not None:
        return evidence.forced
    forms = sorted(evidence.forms, key=len, reverse=True) or [key]
    longest = len(forms[0].split())
    for form in (f for f in forms if len(f.split()) == longest):
        known = gazetteer().get(name_key(form))
        if form in first_names() and form in city_names() and known == "place":
            return "person"
        if known is not None:
            return known
    words = forms[0].split()
    if words[-1] in word_list("other_words.txt"):
        return "other"
    if "&" in words:
        return "org"
    if any(
        w.rstrip(".") in word_list("org_words.txt") or w in word_list("org_words.txt")
        for w in words
    ):
        return "org"
    if len(words) > 1 and words[0] in first_names():
        return "person"
    if len(words) > 1 and words[-1] in nationalities():
        return "other"  # "Latin Catholic", "North American": a group's adjective
    if len(words) > 1 and is_demonym(words[0]):
        return "other"  # "Bosnian Serbs", "American Revolution", "European Tour"
    if len(words) > 1 and words[0].isupper() and words[0].isalpha() and 2 <= len(words[0]) <= 5:
        return "org"
    places = word_list("place_words.txt")
    if _PLACE_ENDING.search(words[-1]):
        return "place"
    if words[-1] in places or (len(words) > 1 and words[0] in places):
        return "place"
    return None


def _name_word(word: str) -> bool:
    """Whether `word` can be part of a person's name: capitalised, a particle, "al-Assad"."""
    return word[0].isupper() or word in _PARTICLES or word.split("-")[-1][:1].isupper()


def _titled_person(name: str, evidence: Evidence) -> bool:
    """Whether a one-word place name is a person's: most of its mentions follow a person's
    title ("Lord Byron" three times of four), none of them a saint's ("St. Petersburg")."""
    if " " in name or not evidence.titled:
        return False
    titles_seen = [form.split()[0].casefold().rstrip(".") for form in evidence.titled]
    if any(t in {"st", "saint", "san", "santa", "sankt", "fort", "mount"} for t in titles_seen):
        return False
    return 2 * evidence.title > sum(evidence.forms.values())


def is_team(words: list[str]) -> bool:
    """A place and a plural: a team or a body named for where it is from ("Pittsburgh
    Pirates", "New York Mets", "Boston Red Sox"), not the place."""
    last = words[-1]
    plural = last == "Sox" or (last.endswith("s") and not last.endswith(("ss", "us", "is")))
    if len(words) < 2 or not plural or not last[:1].isupper() or last.isupper():
        return False
    gaz = gazetteer()
    return any(gaz.get(name_key(" ".join(words[:n]))) == "place" for n in range(1, len(words)))


_BRAND = re.compile(r"[a-z]{1,4}[A-Z][A-Za-z0-9]*")
"""A one-word name with a lower-case lead ("wikiHow", "iPhone"): a product's or a site's
spelling."""


def decide_kind(key: str, name: str, evidence: Evidence) -> EntityKind:
    """The kind of an entity called `name` (group key `key`) given its evidence."""
    if evidence.forced is None and _BRAND.fullmatch(name):
        return "other"  # a product or a site, whatever company runs it
    by_words = _by_words(key, evidence)
    if evidence.title and by_words is None:
        return "person"
    if by_words == "place" and _titled_person(name, evidence):
        return "person"  # "Lord Byron", "Mrs. Lincoln": a person named like a town
    if by_words is not None:
        return by_words
    words = name.split()
    first = words[0]
    if evidence.seat and 2 * evidence.seat >= sum(evidence.forms.values()):
        return "place"  # "Duke of Orleans", "Earl of Clare"
    if len(words) == 3 and words[1] in ("of", "the") and is_given_name(first):
        return "person"  # "Hilary of Poitiers", "Peter the Great"
    if len(words) > 2 and words[1] == "of" and first in MEMBERS:
        return "org"  # "Friends of the Earth", "Sons of Liberty"
    if is_team(words):
        return "org"
    if evidence.org and not evidence.is_person_named():
        return "org"  # "the consumer magazine Verité", "the dredging group Van Oord-Hollis"
    named = len(words) > 1 and all(_name_word(w) for w in words)
    if named and _given_then_surname(words):
        return "person"  # "Paris Hilton", "Chad Michael Murray"
    if len(words) > 1 and gazetteer().get(name_key(first)) == "place":
        return "other"
    if named and not is_given_name(first) and _thing_shaped(first, evidence):
        return "other"
    if named:
        # Half English words make a title ("City Hall", "Cry Wolf") when the first is
        # one; people's surnames are often English words too ("Olo Brown", "A. Such").
        common = sum(_common_word(w) for w in words)
        half = 2 * common >= len(words) and _common_word(first)
        return "other" if half or 2 * common > len(words) else "person"
    if len(words) == 1 and (name in first_names() or _given_name(name)):
        return "person"
    if len(words) == 1 and name.replace(".", "").isupper():
        return "org" if evidence.the or evidence.said or evidence.org else "other"
    if evidence.org:
        return "org"
    if evidence.said:
        return "person"
    if evidence.near and not name.isupper():
        return "place"
    return "other"


_ADJECTIVE = re.compile(
    r"[A-Z][a-z]{2,}(?:al|ic|ive|ous|ary|ory|ing|ish|less|ful|able|ion|ism|ity|ment|ness)"
)
"""The shape of an English adjective, participle or abstract noun ("Mathematical",
"Slavonic", "Reactive", "Chasing", "Translation"): it opens a title or a term, not a
person's name."""
_THING_HEADS = frozenset(
    {"Cyclone", "Hurricane", "Typhoon", "Storm", "Operation", "Spacecraft", "Mission"}
)
"""Nouns that open the name of a storm, an operation or a craft ("Cyclone Phailin")."""


def _thing_shaped(first: str, evidence: Evidence) -> bool:
    """Whether a run of capitalised words is a title, term or thing rather than a person
    by its first word (an adjective's shape, a storm's or a craft's noun) or because the
    text writes it after "the" ("the Imitation Game", "the Virtual Microscope") at least
    as often as not. A given name is checked before this."""
    if _ADJECTIVE.fullmatch(first) or first in _THING_HEADS:
        return True
    return 2 * evidence.the >= sum(evidence.forms.values())


def _common_word(word: str) -> bool:
    """Whether a capitalised word of a name is an English word and no given name: half of
    them make "Ugly Stepsister" or "Sport Psychology" a title, not a person."""
    folded = word.casefold()
    return folded in common_words() and folded not in given_name_genders()


def _given_then_surname(words: list[str]) -> bool:
    """Whether a run of name words opens with a given name and ends in a word that is
    neither an English word nor a place ("Paris Hilton", "Chad Michael Murray"; not
    "Paris Motor Show", "Jordan Basin")."""
    last = words[-1]
    return (
        words[0].casefold() in given_name_genders()
        and last[:1].isupper()
        and last.casefold() not in common_words()
        and name_key(last) not in gazetteer()
    )


def _given_name(word: str) -> bool:
    """Whether a lone word is a given name and nothing else: a given name
    (`is_given_name`: no English word, "Will", "Rose") that is no place either."""
    return is_given_name(word) and name_key(word) not in gazetteer()
