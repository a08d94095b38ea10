"""Single words that are or are not names: brands' spellings, saints' towns, and the
capitalised common nouns, initialisms and fields of study that name nothing."""

from __future__ import annotations

import pytest

from reader.analysis.entities import find_entities
from reader.document import load_text


def spans(text: str) -> dict[str, str]:
    """Every mention's text, mapped to its entity's kind."""
    found = find_entities(load_text(text, source="x.txt"))
    return {text[s:e]: ent.kind for ent in found for s, e in ent.mentions}


# (text, {mention text: kind}) -- every listed mention is found, with that kind.
FOUND = [
    ("Her guide was posted on wikiHow last spring.", {"wikiHow": "other"}),
    ("She bought the lamp on eBay for a song.", {"eBay": "other"}),
    ("Sales of the new iPhone slowed.", {"iPhone": "other"}),
    ("Address: see wikiHow, or wikihow.com/Main for more.", {"wikiHow": "other"}),
    ("The team flew from St. Louis to Denver.", {"St. Louis": "place"}),
    ("Tourists love St Petersburg in June.", {"St Petersburg": "place"}),
    ("Snow fell on Saint Paul overnight.", {"Saint Paul": "place"}),
    ("The St. Louis Cardinals won at home.", {"St. Louis Cardinals": "org"}),
    ("A sermon by St Ambrose was read aloud.", {"Ambrose": "person"}),
    ("She joined the Department of Linguistics in May.", {"Department of Linguistics": "org"}),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_single_word_names(text: str, expected: dict[str, str]) -> None:
    found = spans(text)
    for mention, kind in expected.items():
        assert found.get(mention) == kind, f"{mention!r}: {found}"


# (text, mentions that must not exist)
NOT_NAMES = [
    ("He earned a Ph.D. in Linguistics at forty.", {"Linguistics"}),
    ("She is Professor of Psychology there.", {"Psychology"}),
    ("Samples of DNA were sent off; the TV crew waited.", {"DNA", "TV"}),
    ("He burned old CDs and checked his IQ.", {"CDs", "IQ"}),
    ("The GDP fell in 2020 AD terms.", {"GDP", "AD"}),
    ("They swore an Oath to defend Justice and Security.", {"Oath", "Justice", "Security"}),
    ("Nobody mentioned Grace again.", {"Grace again"}),
    ("The mRNA vaccine used a kWh of power.", {"mRNA", "kWh", "RNA"}),
    ("Read it at www.wikihow.com/wikiHow:Rules today.", {"wikiHow"}),
    ("The St Ambrose sermon was read.", {"St Ambrose"}),
    ("The son, Tomas Perez, Jr., said no.", {"Jr.", "Jr"}),
    ("WINNERS ANNOUNCED Fans cheered.", {"WINNERS ANNOUNCED Fans"}),
]


@pytest.mark.parametrize(("text", "absent"), NOT_NAMES)
def test_words_that_name_nothing(text: str, absent: set[str]) -> None:
    assert not set(spans(text)) & absent


# (text, {mention text: kind}) -- a run's boundaries: an edition's year or ordinal is
# part of a recurring event's name; a body named for its place is one name.
BOUNDS = [
    ("She sang at the 2019 Brit Awards in London.", {"2019 Brit Awards": "other"}),
    ("The 41st Toronto Film Festival opened.", {"41st Toronto Film Festival": "other"}),
    ("He skied in the 2018 Winter Paralympics.", {"2018 Winter Paralympics": "other"}),
    ("The Iowa Senate voted. Iowa farmers and the Senate disagreed.", {"Iowa Senate": "org"}),
    ("The Canadian Parliament met. Canada agreed.", {"Canadian Parliament": "org"}),
    ("He won a BAFTA Award for it.", {"BAFTA Award": "other"}),
]


@pytest.mark.parametrize(("text", "expected"), BOUNDS)
def test_name_boundaries(text: str, expected: dict[str, str]) -> None:
    found = spans(text)
    for mention, kind in expected.items():
        assert found.get(mention) == kind, f"{mention!r}: {found}"


# (text, mentions that must not exist) -- a year that only dates a war, a law or a
# company is no part of its name; nor is a year that ends a sentence before a name.
OUTSIDE = [
    ("Veterans of the 1991 Gulf War met.", {"1991 Gulf War"}),
    ("In 2019 Acme Corp grew fast.", {"2019 Acme Corp"}),
    ("The tally was 2019. World Cup fans cheered.", {"2019. World Cup"}),
    ("It cost 2019 Brit pounds.", {"2019 Brit"}),
]


@pytest.mark.parametrize(("text", "absent"), OUTSIDE)
def test_years_outside_names(text: str, absent: set[str]) -> None:
    assert not set(spans(text)) & absent
