"""Issue 10 claim rules: verbs of speech with a preposition's object ("spoke of",
"railed against"), a verb's object ending before an adverbial, a hedge's own clause,
and participial tails. Every sentence here is our own."""

from __future__ import annotations

import pytest

from reader.analysis.claims import find_claims
from reader.document import load_text


def _claims(text: str) -> list[tuple[str, str | None, str | None]]:
    """(content, source words, cue) of each claim of `text`, with no entities."""
    document = load_text(text, source="x.txt")
    assert document.text == text

    def part(span: tuple[int, int] | None) -> str | None:
        return text[span[0] : span[1]] if span else None

    return [
        (text[c.content[0] : c.content[1]], part(c.source_span), part(c.cue))
        for c in find_claims(document, ())
    ]


TOPICS = [
    # a verb of speech and its particle: the object is the claim, the particle is cue
    (
        "Mr. Dawson spoke of the long history of the harbour.",
        [("the long history of the harbour", "Mr. Dawson", "spoke of")],
    ),
    (
        "The senator has railed against the new tax on fuel.",
        [("the new tax on fuel", "The senator", "railed against")],
    ),
    (
        "She pointed to the falling price of grain as proof.",
        [("the falling price of grain as proof", "She", "pointed to")],
    ),
    (
        "Ms. Okafor spoke emotionally of her years at the mill.",
        [("her years at the mill", "Ms. Okafor", "spoke emotionally of")],
    ),
    (
        "The bishop spoke out against the closure of the school.",
        [("the closure of the school", "The bishop", "spoke out against")],
    ),
    (
        "The mayor, who talked about the flooded roads, left early.",
        [("the flooded roads", "who", "talked about")],
    ),
    # the object ends where a new clause's subject takes over
    (
        "While Ines talked about the harvest, her brother left the room.",
        [("the harvest", "Ines", "talked about")],
    ),
    # without its particle the verb says nothing that can be checked
    ("Mr. Dawson spoke for an hour to the crowd.", []),
    ("She talked to her lawyer on Monday.", []),
    ("He spoke, of course, to nobody.", []),
    # a passive is no speech act of the subject
    ("The issue was spoken of only in private.", []),
    # a sentence opener is no speaker
    ("Speaking of the harbour, the tide is high.", []),
    # a noun is no cue: "talks" and "points" are not listed
    ("The talks about the border failed again.", []),
]


@pytest.mark.parametrize(("text", "expected"), TOPICS)
def test_topic_verbs(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected


OBJECTS = [
    # a noun-phrase object ends before an adverbial or a relative clause
    (
        "The council attacked the budget during the long meeting.",
        [("the budget", "The council", "attacked")],
    ),
    (
        "Okafor said as much in an interview with the local radio.",
        [("as much", "Okafor", "said")],
    ),
    (
        "The union endorsed Marta Ruiz, who thanked its members.",
        [("Marta Ruiz", "The union", "endorsed")],
    ),
    # a clause keeps its adverbial: it is part of what was said
    (
        "Okafor said the bridge would close during the winter.",
        [("the bridge would close during the winter", "Okafor", "said")],
    ),
    (
        "Lee said she was tired after the long campaign.",
        [("she was tired after the long campaign", "Lee", "said")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OBJECTS)
def test_object_ends(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected


CLAUSES = [
    # a hedge makes a claim of its own clause, not of the clause beside it
    (
        "The ferry was late again, but the captain is believed to have left the port.",
        [("the captain is believed to have left the port", None, "is believed to")],
    ),
    (
        "The tower is considered unsafe; the council will meet on Friday.",
        [("The tower is considered unsafe", None, "is considered")],
    ),
    # a participial tail after a comma is the writer's, not the claim's
    (
        "Reyes said the mine would close, leaving two hundred workers idle.",
        [("the mine would close", "Reyes", "said")],
    ),
    (
        "Ames said the vote was rigged, prompting an angry reply.",
        [("the vote was rigged", "Ames", "said")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLAUSES)
def test_clause_ends(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected
