"""Claim sources resolved to the right entity, and how (`Claim.source_via`).

Every sentence here is our own. Entities are made by hand (every listed name
found in the text, longest first) so that only the source resolution is
tested, not the entity finder.
"""

from __future__ import annotations

import re

import pytest

from reader.analysis.claims import find_claims
from reader.analysis.model import Claim, Entity
from reader.document import load_text
from reader.document.model import Document

NAMES: dict[str, str] = {
    "Tom Reyes": "person",
    "Reyes": "person",
    "Maria Lopez": "person",
    "Lopez": "person",
    "Ann Lee": "person",
    "Lee": "person",
    "Peter Novak": "person",
    "Novak": "person",
    "Dana Fisher": "person",
    "Fisher": "person",
    "Greta Holm": "person",
    "Holm": "person",
    "Kim Park": "person",
    "Park": "person",
    "Northwind": "org",
    "Coastal Trust": "org",
    "The Morning Ledger": "org",
    "Morning Ledger": "org",
    "White House": "org",
    "Britain": "place",
    "Silicon Valley": "place",
}


def entities_for(text: str) -> tuple[Entity, ...]:
    """Hand-made entities: a short name joins the long one it ends ("Reyes": "Tom Reyes")."""
    taken: list[tuple[int, int, str]] = []
    for name in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                taken.append((m.start(), m.end(), name))
    groups: dict[str, list[tuple[int, int]]] = {}
    for s, e, name in sorted(taken):
        full = max((n for n in NAMES if n.endswith(name)), key=len)
        groups.setdefault(full, []).append((s, e))
    return tuple(
        Entity(f"e{i}", name, NAMES[name], (), tuple(spans))  # type: ignore[arg-type]
        for i, (name, spans) in enumerate(groups.items(), 1)
    )


def doc(text: str) -> Document:
    """`text` through the plain-text loader (which splits its sentences), unchanged."""
    document = load_text(text, source="x.txt")
    assert document.text == text
    return document


def last_claim(text: str) -> tuple[Claim, dict[str, str]]:
    """The last claim of `text`, and entity names by id."""
    entities = entities_for(text)
    claims = find_claims(doc(text), entities)
    assert claims, text
    return claims[-1], {e.id: e.name for e in entities}


# (text, source words of the last claim, entity it must resolve to or None, source_via)
CASES = [
    # pronouns: gender from given names and titles, the person named in between
    (
        "Tom Reyes said the budget was late. Maria Lopez opened the hearing on Monday. "
        "She said that the figures had been checked twice.",
        "She",
        "Maria Lopez",
        "pronoun",
    ),
    (
        "Maria Lopez said the budget was late. Tom Reyes looked at the papers. "
        "He said that the figures had been checked twice.",
        "He",
        "Tom Reyes",
        "pronoun",
    ),
    (
        "Ms. Park said the school would close. Peter Novak agreed with the board. "
        "She said that parents would be told in writing.",
        "She",
        "Kim Park",
        "pronoun",
    ),
    (
        "Dana Fisher said the dam was weak. She added that the engineers had known for a year.",
        "She",
        "Dana Fisher",
        "pronoun",
    ),
    # a name inside a quotation never becomes the speaker
    (
        'Maria Lopez spoke first. "Peter Novak was wrong about the road," she said.',
        "she",
        "Maria Lopez",
        "pronoun",
    ),
    # "who" is the person named just before it
    (
        "The claims came from Ann Lee, who told reporters that Peter Novak had lied.",
        "who",
        "Ann Lee",
        "pronoun",
    ),
    # role appositions and titles, resolved later
    (
        "White House spokesman Tom Reyes spoke after Maria Lopez left. "
        "The spokesman said that the talks would resume.",
        "The spokesman",
        "Tom Reyes",
        "description",
    ),
    (
        "Reyes, the spokesman, arrived late. Lopez took questions first. "
        "The spokesman said that no deal was near.",
        "The spokesman",
        "Tom Reyes",
        "description",
    ),
    (
        "Mayor Greta Holm met Tom Reyes on Friday. "
        "The mayor said that the bridge would reopen in May.",
        "The mayor",
        "Greta Holm",
        "description",
    ),
    # a person described by the organisation they speak for is not the organisation
    (
        "Greta Holm, a spokeswoman for Northwind, said that the plant was safe.",
        "Greta Holm",
        "Greta Holm",
        "name",
    ),
    # organisation descriptions: the last outlet named, the last organisation that spoke
    (
        "The Morning Ledger published the letters on Sunday. "
        "The newspaper said that the mayor had seen them.",
        "The newspaper",
        "The Morning Ledger",
        "description",
    ),
    (
        "Coastal Trust said the beach was polluted. Tom Reyes disagreed. "
        "The group said that it would publish its samples.",
        "The group",
        "Coastal Trust",
        "description",
    ),
    # descriptions that must stay unlinked: a name that only modifies them
    (
        "The influential Britain weekly said that the minister would resign.",
        "The influential Britain weekly",
        None,
        None,
    ),
    (
        "Silicon Valley investors said that the rules would slow them down.",
        "Silicon Valley investors",
        None,
        None,
    ),
    # a person noun with nobody given the role, after a person known by another role
    (
        "Mayor Greta Holm opened the park. The senator said that the funds were short.",
        "The senator",
        None,
        None,
    ),
    # a described source that names the person in an apposition is that person
    (
        "Tom Reyes, the chief executive of Northwind, left in May. "
        "Its new chief executive, Ann Lee, said that the bid was fair.",
        "Its new chief executive, Ann Lee",
        "Ann Lee",
        "name",
    ),
    (
        "Northwind's chief executive, Dr Peter Novak, said that the bid was fair.",
        "Northwind's chief executive, Dr Peter Novak",
        "Peter Novak",
        "name",
    ),
    # the role's own prepositional phrase stands between it and the apposed name
    (
        "Maria Lopez is the Northwind spokeswoman. "
        "A spokesman for Coastal Trust, Peter Novak, said that the port would close.",
        "A spokesman for Coastal Trust, Peter Novak",
        "Peter Novak",
        "name",
    ),
    (
        "Maria Lopez is the Northwind spokeswoman. "
        "A spokeswoman for the trust, in a statement, said that the port would close.",
        "A spokeswoman for the trust",
        "Maria Lopez",
        "description",
    ),
    # a relative clause after a dash: the speaker is the phrase after "which"
    (
        "Northwind faced new rules -- which its spokesman, Peter Novak, said would cost jobs.",
        "its spokesman, Peter Novak",
        "Peter Novak",
        "name",
    ),
    # an apposition that only mentions someone is no name for the source
    (
        "Maria Lopez is the Northwind spokeswoman. "
        "The spokeswoman, a friend of Tom Reyes, said that the port would close.",
        "The spokeswoman",
        "Maria Lopez",
        "description",
    ),
    # a participle's speaker is the subject after the sentence's opening phrase
    (
        "Maria Lopez met the board. On Monday she wrote to the council, saying that "
        "the port would close.",
        "she",
        "Maria Lopez",
        "pronoun",
    ),
    (
        "Earlier, Tom Reyes wrote to the council, saying that the port would close.",
        "Tom Reyes",
        "Tom Reyes",
        "name",
    ),
    (
        "Since the vote in May, the council has met twice, saying that the port would close.",
        "the council",
        None,
        None,
    ),
    # ... or of the clause coordinated just before it
    (
        "Maria Lopez sat in the car. Tom Reyes left it, and she got out, shouting that "
        "the port would close.",
        "she",
        "Maria Lopez",
        "pronoun",
    ),
    # an age marks the known speaker, even one given another role
    (
        "Maria Lopez, the mayor's eldest daughter, spoke first. She said that the port was "
        "safe, and the 34-year-old mother of three replied that it would stay open.",
        "the 34-year-old mother of three",
        "Maria Lopez",
        "description",
    ),
    (
        "Maria Lopez, the mayor's eldest daughter, spoke first. She said that the port was "
        "safe. The mother of three replied that it would stay open.",
        "The mother of three",
        None,
        None,
    ),
    # a pronoun just before the cue is the whole source ("the plan he said ...")
    (
        "Tom Reyes praised the plan he said would save the port from closure.",
        "he",
        "Tom Reyes",
        "pronoun",
    ),
    # a capitalised article inside the phrase starts a new sentence whose stop was lost
    (
        "Northwind will review the scheme and its oversight of the port The Morning Ledger "
        "said it would follow the story closely.",
        "The Morning Ledger",
        "The Morning Ledger",
        "name",
    ),
    # names
    (
        "Tom Reyes said the budget was late.",
        "Tom Reyes",
        "Tom Reyes",
        "name",
    ),
    # what stands for its owner: "the Reyes campaign" is Reyes; a team of no one named is no one
    (
        "The Reyes campaign said the rally would go ahead.",
        "The Reyes campaign",
        "Tom Reyes",
        "name",
    ),
    ("The Northwind team said the launch was on time.", "The Northwind team", "Northwind", "name"),
    ("Tom Reyes spoke. The rescue team said the road was shut.", "The rescue team", None, None),
    # a paper's author is named in the source words, or no one is: never the last outlet
    ("A Northwind memo said the port would close.", "A Northwind memo", "Northwind", "name"),
    (
        "A letter from Northwind said the port would close.",
        "A letter from Northwind",
        "Northwind",
        "name",
    ),
    ("A letter to Northwind said the port would close.", "A letter to Northwind", None, None),
    (
        "The Morning Ledger ran the story. A memo said the port would close.",
        "A memo",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "words", "entity", "via"), CASES)
def test_source_resolution(text: str, words: str, entity: str | None, via: str | None) -> None:
    claim, names = last_claim(text)
    assert claim.source_span is not None
    assert text[claim.source_span[0] : claim.source_span[1]] == words
    assert (names[claim.source] if claim.source else None) == entity
    assert claim.source_via == via


def test_speaker_label_links_the_named_speaker() -> None:
    text = (
        "Tom Reyes spoke to Maria Lopez about the port.\n\n"
        "LOPEZ: Will the port close this winter?\n\n"
        "REYES: No, it will stay open all year round.\n"
    )
    entities = entities_for(text)
    names = {e.id: e.name for e in entities}
    claims = find_claims(doc(text), entities)
    labelled = [c for c in claims if c.source_via == "speaker-label"]
    assert [names[c.source] for c in labelled if c.source] == ["Maria Lopez", "Tom Reyes"]


def test_source_via_is_in_the_json_contract() -> None:
    from reader.analysis.model import Analysis

    text = "Tom Reyes said the budget was late."
    entities = entities_for(text)
    document = doc(text)
    analysis = Analysis(document, entities, find_claims(document, entities))
    assert analysis.to_json()["claims"][0]["source_via"] == "name"


@pytest.mark.parametrize(
    "text",
    [
        "In the port office the lights were out, suggesting that the port would close.",
        "On the quay the cranes stood still, signalling that the port would close.",
    ],
)
def test_an_opening_phrase_is_no_speaker(text: str) -> None:
    entities = entities_for(text)
    for claim in find_claims(doc(text), entities):
        span = claim.source_span
        assert span is None or not text[span[0] : span[1]].startswith(("In", "On"))


LETTERS = (
    "The port should stay open. I think that the council has failed the town.\n\n"
    "Tom Reyes, Valmora.\n\n"
    "Ferries are late again. I believe that the timetable is a joke.\n\n"
    "Maria Lopez.\n"
)


def test_i_in_a_signed_letter_is_its_signer() -> None:
    entities = entities_for(LETTERS)
    names = {e.id: e.name for e in entities}
    claims = [c for c in find_claims(doc(LETTERS), entities) if c.source_via == "pronoun"]
    assert [names[c.source] for c in claims if c.source] == ["Tom Reyes", "Maria Lopez"]


@pytest.mark.parametrize(
    ("text", "signer"),
    [
        ("By Ann Lee\n\nThe harbour is a mess. I think that the council has failed.", "Ann Lee"),
        # a name that opens the next paragraph is no signature
        ("I think that the council has failed.\n\nTom Reyes said the port was shut.", None),
        ("Tom Reyes spoke. I think that the council has failed.\n\nThe port is shut.", None),
    ],
)
def test_i_is_the_byline_or_nobody(text: str, signer: str | None) -> None:
    entities = entities_for(text)
    names = {e.id: e.name for e in entities}
    first = next(
        c
        for c in find_claims(doc(text), entities)
        if c.source_span and text[c.source_span[0] : c.source_span[1]] == "I"
    )
    assert (names[first.source] if first.source else None) == signer
