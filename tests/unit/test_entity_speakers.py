"""Issue 10: transcript speakers no other line names, and surnames two people share.

Every sentence here is our own. Entities come from the real entity finder, so
these check what the reader's panel would show.
"""

from __future__ import annotations

import pytest

from reader.analysis.claims import find_claims
from reader.analysis.entities import find_entities
from reader.document import load_text

INTERVIEW = (
    "A transcript of the radio interview follows.\n\n"
    '"HALVORSEN: Thank you for coming in. Let us start with the harbour budget.\n\n'
    '"MOREAU: The budget is balanced and we will keep it balanced next year.\n\n'
    '"HALVORSEN: Do you really believe that the deficit has gone for good?\n\n'
    '"MOREAU: I do, because the new ferry fees cover the whole shortfall.\n'
)


def _entities(text: str) -> dict[str, str]:
    return {e.name: e.kind for e in find_entities(load_text(text, source="x.txt"))}


def test_transcript_labels_are_the_speakers() -> None:
    document = load_text(INTERVIEW, source="x.txt")
    entities = find_entities(document)
    names = {e.id: e.name for e in entities}
    assert {e.name: e.kind for e in entities}.get("HALVORSEN") == "person"
    labelled = [c for c in find_claims(document, entities) if c.source_via == "speaker-label"]
    assert [names[c.source] for c in labelled if c.source] == [
        "HALVORSEN",
        "MOREAU",
        "HALVORSEN",
        "MOREAU",
    ]


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        # a layout label, however often it opens a line
        (
            "UPDATE: The council met again on Friday evening to vote.\n\n"
            "UPDATE: The vote was put off until the spring session.\n",
            "UPDATE",
        ),
        # a table's fields: too few words after the colon
        ("ISSUER: Harbour Board\nISSUER: Port Trust\nAMOUNT: nine\n", "ISSUER"),
        # a label that opens one line only
        ("KESTREL: The birds return to the cliffs every April.\n", "KESTREL"),
    ],
)
def test_labels_that_are_no_speakers(text: str, not_a_name: str) -> None:
    assert not_a_name not in _entities(text)


@pytest.mark.parametrize(
    ("text", "surname_owner"),
    [
        # the relative is named in full each time: the bare surname is the other one
        (
            "Senator Paul Okafor unveiled the plan on Monday. His daughter Adaeze Okafor "
            "helped to write it. Adaeze Okafor said it was fair. Okafor said it would pass. "
            "Okafor said it would cost little.",
            "Paul Okafor",
        ),
        # the relative is called by her given name alone
        (
            "Paul Okafor and Adaeze Okafor toured the port. Adaeze Okafor spoke first, and "
            "Adaeze thanked the workers. Adaeze waved. Okafor said the port would grow.",
            "Paul Okafor",
        ),
        # one person of that surname: the surname is theirs
        ("Mira Castell arrived late. Castell said the roads were closed.", "Mira Castell"),
    ],
)
def test_a_shared_surname_goes_to_the_one_it_stands_for(text: str, surname_owner: str) -> None:
    entities = find_entities(load_text(text, source="x.txt"))
    owner = [
        e.name for e in entities if any(a.endswith("Okafor") or a == "Castell" for a in e.aliases)
    ]
    assert owner == [surname_owner]
