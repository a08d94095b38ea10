"""Nationalities, religions and parties (OntoNotes' NORP): entities of kind other.

A reader filtering the panel for "Kurdish" or "Republicans" finds them; they never
merge into the person or place they qualify, and they do not swallow a given name.
"""

from __future__ import annotations

import pytest

from reader.analysis.entities import find_entities
from reader.analysis.model import Entity
from reader.document import load_text


def entities(text: str) -> dict[str, Entity]:
    """Entities of a plain-text document, keyed by canonical name."""
    return {e.name: e for e in find_entities(load_text(text, source="x.txt"))}


def spans(text: str) -> dict[str, str]:
    """Every mention's text, mapped to its entity's kind."""
    found = find_entities(load_text(text, source="x.txt"))
    return {text[s:e]: ent.kind for ent in found for s, e in ent.mentions}


# (text, {mention text: kind}) -- every listed mention is found, with that kind.
GROUPS = [
    ("The pact angered Hungarian farmers.", {"Hungarian": "other"}),
    ("Hungarian voters met the president.", {"Hungarian": "other"}),
    ("Most Icelanders voted; Norwegians did not.", {"Icelanders": "other", "Norwegians": "other"}),
    ("Sunni and Shia clerics met.", {"Sunni": "other"}),
    ("Buddhists marched past the temple.", {"Buddhists": "other"}),
    ("The Democrats blocked it again.", {"Democrats": "other"}),
    (
        "Peruvian President Dina Boluarte flew home.",
        {"Peruvian": "other", "Dina Boluarte": "person"},
    ),
    ("A Kenyan, Wanjiru Kamau, won the race.", {"Kenyan": "other", "Wanjiru Kamau": "person"}),
    ("Historians of the Mexican Revolution disagree.", {"Mexican Revolution": "other"}),
    ("Two Bosnian Croats testified at length.", {"Bosnian Croats": "other"}),
    ("He wrote for the Irish Times for years.", {"Irish Times": "org"}),
    ("They moved to Saudi Arabia in May.", {"Saudi Arabia": "place"}),
    ("A column by Christian Ortega ran on Sunday.", {"Christian Ortega": "person"}),
]


@pytest.mark.parametrize(("text", "expected"), GROUPS)
def test_groups_are_entities_of_kind_other(text: str, expected: dict[str, str]) -> None:
    found = spans(text)
    for mention, kind in expected.items():
        assert found.get(mention) == kind, f"{mention!r}: {found}"


# (text, mentions that must not exist) -- the group word stays apart, or is no group.
APART = [
    ("Peruvian President Dina Boluarte flew home.", {"Peruvian President Dina Boluarte"}),
    ("The Kenyan Joseph Kamau won the race.", {"Kenyan Joseph Kamau"}),
    ("RUSSIAN TROOPS CROSS THE BORDER\nFighting went on.", {"RUSSIAN"}),
    ("A Christian Ortega column ran on Sunday.", {"Christian"}),
    # before a lower-case title it describes a person, so the phrase is about no group
    ("She met the Hungarian president twice.", {"Hungarian"}),
    ("A Kenyan minister denied it.", {"Kenyan"}),
]


@pytest.mark.parametrize(("text", "absent"), APART)
def test_group_words_stay_apart_from_names(text: str, absent: set[str]) -> None:
    assert not set(spans(text)) & absent


def test_singular_and_plural_are_one_entity() -> None:
    found = entities("One Republican objected. Other Republicans agreed with the Republican.")
    (group,) = [e for e in found.values() if e.kind == "other"]
    assert len(group.mentions) == 3
    assert {"Republican", "Republicans"} <= {group.name, *group.aliases}


def test_a_group_is_not_the_country() -> None:
    found = entities("Greek ministers met in Greece. Greece said no.")
    assert found["Greece"].kind == "place"
    assert found["Greek"].kind == "other"
    assert len(found["Greece"].mentions) == 2
