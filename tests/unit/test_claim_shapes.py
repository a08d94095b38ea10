"""Issue 10 claim shapes: embedded questions after weak cues, one-word subjects split
by "she said". Every sentence here is our own."""

from __future__ import annotations

import pytest
from claim_helpers import claims_shown as _claims

from reader.analysis.claims import find_claims
from reader.document import load_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weak cue with an embedded question: the question is the claim
        (
            "Lopez questioned whether the port could stay open.",
            [("whether the port could stay open", "Lopez", "questioned")],
        ),
        (
            "The mayor questioned why the money had been spent so fast.",
            [("why the money had been spent so fast", "The mayor", "questioned")],
        ),
        # "said in a statement that": one claim, the verb's; the noun opens no second one
        (
            "Northwind said in a statement that the pier was safe.",
            [("the pier was safe", "Northwind", "said")],
        ),
        (
            "Lopez repeated her statement that the pier was safe.",
            [("the pier was safe", "her", "statement")],
        ),
        # asking to stay unnamed is a condition of speaking, not a claim
        (
            "A harbour official, who asked not to be named, said the pier was unsafe.",
            [("the pier was unsafe", "A harbour official", "said")],
        ),
        ("The official asked to remain anonymous because she was not allowed to speak.", []),
        # an adverb between an apposition's comma and the verb keeps the speaker
        (
            "Her spokesman, Tom Reed, later said the ministry would review the trial.",
            [("the ministry would review the trial", "Her spokesman, Tom Reed", "said")],
        ),
        (
            "Anna Berg, the mayor, also said the pier would close.",
            [("the pier would close", "Anna Berg", "said")],
        ),
        # "called on X to do": a demand, whose claim is the addressee and the infinitive
        (
            "The union called on the council to resign.",
            [("the council to resign", "The union", "called")],
        ),
        # ... but "called on" a person or a day is a visit or a date, no claim
        ("He called on friends in the village every Sunday.", []),
        ("She called on Tuesday to check the boat.", []),
        # a headline's passive drops its "is": an allegation with no source
        (
            "Harbour trader accused of selling stolen fuel\n\nThe story follows here.",
            [("Harbour trader accused of selling stolen fuel", None, "accused")],
        ),
        # "carried labels": a past verb's object, not the verb "label"
        ("The ships carried labels from the scheme.", []),
        # "Growing fears that ...": a view held widely, no one named; "Growing" is no speaker
        (
            "There were growing fears that the bank would fail.",
            [("the bank would fail", None, "fears")],
        ),
        # the same weak cue with a plain object says nothing
        ("She questioned the witness for two hours.", []),
        ("Reed hoped for rain all week.", []),
        # a one-word subject, then the attribution, then the rest of the claim
        (
            "Russia, she said, would not attend the summit.",
            [("Russia, she said, would not attend the summit", "she", "said")],
        ),
        # a one-word quotation before the cue is still no claim
        ('"Yes," she said.', []),
        # an intention reported by someone is what they said, not a second claim
        (
            "Reed said she plans to run for mayor next year.",
            [("she plans to run for mayor next year", "Reed", "said")],
        ),
        (
            "Lopez said the council wants a new bridge by the spring.",
            [("the council wants a new bridge by the spring", "Lopez", "said")],
        ),
        # criticism faced, no critic named: a sourceless claim; inside a report, its content
        (
            "The mayor has faced sharp criticism for closing the pier.",
            [
                (
                    "The mayor has faced sharp criticism for closing the pier",
                    None,
                    "faced sharp criticism",
                )
            ],
        ),
        (
            "The plan drew questions about its cost.",
            [("The plan drew questions about its cost", None, "drew questions")],
        ),
        (
            "Lopez said the board came under scrutiny over the sale.",
            [("the board came under scrutiny over the sale", "Lopez", "said")],
        ),
        ("She faced the sea and drew a long breath.", []),
        (
            '"We faced charges of every kind," she said.',
            [('"We faced charges of every kind,"', "she", "said")],
        ),
        # a town and its state set off by commas between the speaker and the cue
        (
            "Ann Lee, of Dunmore, Pa., said the mine should close.",
            [("the mine should close", "Ann Lee", "said")],
        ),
        (
            "The mayor, of course, said the pier was safe.",
            [("the pier was safe", "The mayor", "said")],
        ),
        # "call" names, visits or telephones; only calling something something is a claim
        ("The program, called Miracle Start, began in May.", []),
        ("She called in to a radio show about the port.", []),
        ("Reed called Ann Lee, his lawyer, on Friday.", []),
        (
            "Reed called the plan a disgrace to the town.",
            [("the plan a disgrace to the town", "Reed", "called")],
        ),
        (
            "Lopez called for a new inquiry into the sale.",
            [("a new inquiry into the sale", "Lopez", "called for")],  # a topic verb
        ),
        # manner-of-speaking verbs report a quotation or a colon, not a plain object
        (
            'A neighbour commented: "The pier was never safe."',
            [('"The pier was never safe."', "A neighbour", "commented")],
        ),
        (
            '"Get off the pier," she yelled at the boys.',
            [('"Get off the pier,"', "she", "yelled")],
        ),
        ("Reed commented on the weather at length.", []),
        ("The crowd chanted slogans for an hour.", []),
        # a bare cue that is a noun too, inside a noun phrase, is the noun
        ("He came to each debate with a game plan and kept to it.", []),
        ("A third of that, per the Novak plan, is paid by the state.", []),
        (
            "The senators plan to vote against the harbour bill.",
            [("to vote against the harbour bill", "The senators", "plan")],
        ),
        (
            "The senator plans to vote against the harbour bill.",
            [("to vote against the harbour bill", "The senator", "plans")],
        ),
        (
            "The people want a new bridge over the river.",
            [("a new bridge over the river", "The people", "want")],
        ),
        # a cue inside a compound or a tag's attribute is no cue
        ("The so-called reform was dropped in May.", []),
        ('<tweet tweet-id="7834"><tweet/>.', []),
        (
            "The self-described expert said the pier was safe.",
            [("the pier was safe", "The self-described expert", "said")],
        ),
        # a speaker with appositions between the quotation and the cue
        (
            '"We will win," Ann Lee, the mayor of Dunmore, one of the towns suing, said on Monday.',
            [('"We will win,"', "Ann Lee, the mayor of Dunmore, one of the towns suing", "said")],
        ),
        # the name before two appositions is the speaker; an opening place phrase is not
        (
            "Ann Lee, the mayor of Dunmore, one of the towns suing, said the rule was unlawful.",
            [("the rule was unlawful", "Ann Lee, the mayor of Dunmore", "said")],
        ),
        (
            "In Dunmore, the mayor, a former miner, said the pit would close.",
            [("the pit would close", "the mayor", "said")],
        ),
        # a report deep inside what is said stays a claim of its own
        (
            "Lopez said that after the storm, the engineers warned that the bridge was unsafe.",
            [
                (
                    "after the storm, the engineers warned that the bridge was unsafe",
                    "Lopez",
                    "said",
                ),
                ("the bridge was unsafe", "the engineers", "warned"),
            ],
        ),
    ],
)
def test_claim_shapes(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected


def test_criticism_faced_is_alleged() -> None:
    text = "The harbour board faces growing accusations over the sale of the pier."
    (claim,) = find_claims(load_text(text, source="x.txt"), ())
    assert claim.tags == ("alleged",)
    assert claim.source_span is None


@pytest.mark.parametrize(
    ("text", "signers"),
    [
        # a no-break space around the dash or after the name, as web pages write them
        (
            "\u201cThe pier was never safe.\u201d\u00a0\u2015 Ana Ruiz\u00a0\nMore later.\n",
            ["Ana Ruiz"],
        ),
        # signed quotations run together on one line
        (
            "\u201cThe pier was never safe.\u201d \u2015 Ana Ruiz \u201cNor was the bridge.\u201d"
            " \u2015 Tom Reed\n",
            ["Ana Ruiz", "Tom Reed"],
        ),
        # a dash before words that run on is an aside, not a signature
        ("\u201cThe pier was never safe\u201d \u2015 Ana Ruiz told us that day.\n", []),
    ],
)
def test_signed_quotations(text: str, signers: list[str]) -> None:
    document = load_text(text, source="x.txt")
    signed = [c for c in find_claims(document, ()) if c.cue and document.text[c.cue[0]] == "\u2015"]
    assert [
        document.text[c.source_span[0] : c.source_span[1]] for c in signed if c.source_span
    ] == signers


@pytest.mark.parametrize(
    ("text", "labelled"),
    [
        ("Correction: An earlier version of this article misspelled a name.\n", []),
        ("UPDATE: The council met again on Friday evening.\n", []),
        ("The Latest: The council votes on the harbour plan.\n", []),
        ("Storm Over Harbour: The council votes on the plan.\n", []),
        # a name, a titled name or a transcript's capitals are speakers
        ("Ruiz: The harbour will stay open all winter.\n", ["Ruiz"]),
        ("THE PRESIDENT: Thank you all for coming here today.\n", ["THE PRESIDENT"]),
    ],
)
def test_layout_labels_are_no_speakers(text: str, labelled: list[str]) -> None:
    document = load_text(text, source="x.txt")
    found = [
        document.text[c.source_span[0] : c.source_span[1]]
        for c in find_claims(document, ())
        if c.cue and document.text[c.cue[0] : c.cue[1]] == ":" and c.source_span
    ]
    assert found == labelled
