"""Issue 10, round 5: indirect claims of knowing, believing and taking a side. Bare
clauses after belief verbs, stance adjectives, voiced attitudes, nouns of speech and
their topics, praise and blame, putting forward, coordination past an auxiliary,
asides before the verb, and the end of a noun-phrase object. Every sentence here is
our own."""

from __future__ import annotations

import pytest
from claim_helpers import Shown
from claim_helpers import claims_shown as _claims

BARE_CLAUSES = [
    # a belief or knowledge verb before a clause with no "that"
    (
        "Marta thought the whole plan was a mistake.",
        [("the whole plan was a mistake", "Marta", "thought")],
    ),
    (
        "The farmers hoped the rains would come early.",
        [("the rains would come early", "The farmers", "hoped")],
    ),
    ("We know the vote is close.", [("the vote is close", "We", "know")]),
    (
        "The council knew that the bridge was unsafe.",
        [("the bridge was unsafe", "The council", "knew")],
    ),
    # a noun object alone, an idiom or a filler: no claim
    ("He thought the world of his teacher.", []),
    ("She knew the area well.", []),
    ("They feared the worst.", []),
    ("He doesn't think so.", []),
    ("Well, you know, the weather was bad.", []),
]

STANCE_ADJECTIVES = [
    (
        "The senator has been critical of the treaty.",
        [("the treaty", "The senator", "critical of")],
    ),
    (
        "Farmers are worried about the price of seed.",
        [("the price of seed", "Farmers", "worried about")],
    ),
    ("Okafor was sceptical of Brandt.", [("Brandt", "Okafor", "sceptical of")]),
    (
        "Many growers are afraid that the frost will return.",
        [("the frost will return", "Many growers", "afraid that")],
    ),
    (
        "The aides were worried the bridge would close.",
        [("the bridge would close", "The aides", "worried")],
    ),
    (
        "Some councillors were willing to delay the vote.",
        [("delay the vote", "Some councillors", "willing to")],
    ),
    (
        "I am not aware of any such letter.",
        [("any such letter", "I", "aware of")],
    ),
    (
        "Farmers expressed concern about the new levy.",
        [("the new levy", "Farmers", "expressed concern about")],
    ),
    # the adjective without its preposition, as an attribute or a superlative: no claim
    ("The critical vote came late.", []),
    ("The worried parents waited outside.", []),
    ("The most critical of the repairs is the roof.", []),
    ("He was worried sick.", []),
    ("She expressed her thanks to the crew.", []),
]

NOUN_TOPICS = [
    (
        "The mayor's claims about the budget were false.",
        [("the budget", "The mayor", "claims about")],
    ),
    (
        "Her remarks on the harbour plan were cheered.",
        [("the harbour plan", "Her", "remarks on")],
    ),
    ("His plan to close the mill was dropped.", [("to close the mill", "His", "plan")]),
    # a deed or a thing, a time, a plan no one holds: no claim
    ("His remarks on Saturday were brief.", []),
    ("The attack on the convoy killed four.", []),
    ("The plan to close the mill was shelved.", []),
]

PRAISE_AND_BLAME = [
    (
        "The union derided the offer as an insult.",
        [("the offer as an insult", "The union", "derided")],
    ),
    ("Two councillors backed the bill.", [("the bill", "Two councillors", "backed")]),
    ("The minister touted her record on jobs.", [("her record on jobs", "The minister", "touted")]),
    (
        "Two councils support the new ferry route.",
        [("the new ferry route", "Two councils", "support")],
    ),
    (
        "The mayor unveiled a plan to widen the quay.",
        [("a plan to widen the quay", "The mayor", "unveiled")],
    ),
    (
        "The audit documented repeated delays in payments.",
        [("repeated delays in payments", "The audit", "documented")],
    ),
    (
        "He offered no proof that the tender was rigged.",
        [("no proof that the tender was rigged", "He", "offered")],
    ),
    # a movement, a passive, a noun: no claim
    ("The van backed away from the gate.", []),
    ("The bill was backed by two councillors.", []),
    ("The plan enjoyed strong support from farmers.", []),
    ("Support for the ferry grew.", []),
    ("She turned down the offer.", []),
]

SOURCES_ACROSS = [
    # a connective adverb set off by commas between the subject and its verb
    (
        "Some farmers, however, argue that the dam will fail.",
        [("the dam will fail", "Some farmers", "argue")],
    ),
    # a second verb phrase after "but" and an auxiliary shares the subject
    (
        "Ruiz has praised the plan but has said it will cost too much.",
        [("the plan", "Ruiz", "praised"), ("it will cost too much", "Ruiz", "said")],
    ),
    # an aside set off by commas, then only auxiliaries before the verb
    (
        "Other unions, including the dockers and the nurses, have also endorsed Reyes.",
        [("Reyes", "Other unions", "endorsed")],
    ),
    # ... but not inside a clause, whose own subject the second verb phrase continues
    (
        "Ruiz said the board would meet and had asked for the minutes.",
        [("the board would meet and had asked for the minutes", "Ruiz", "said")],
    ),
    # "questioned" a thing is a doubt; a person, an interrogation
    (
        "Okafor has questioned the very need for a second runway.",
        [("the very need for a second runway", "Okafor", "questioned")],
    ),
    ("Police questioned the driver for hours.", []),
]

OBJECT_ENDS = [
    # a noun-phrase object stops at a weekday or a second verb phrase
    (
        "The nurses' union endorsed Ann Reyes for mayor on Thursday.",
        [("Ann Reyes for mayor", "The nurses' union", "endorsed")],
    ),
    (
        "The board discussed the merger and decided to wait.",
        [("the merger", "The board", "discussed")],
    ),
    # a clause keeps its end
    (
        "He said the mill closed and was sold.",
        [("the mill closed and was sold", "He", "said")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    BARE_CLAUSES
    + STANCE_ADJECTIVES
    + NOUN_TOPICS
    + PRAISE_AND_BLAME
    + SOURCES_ACROSS
    + OBJECT_ENDS,
)
def test_stance_claims(text: str, expected: list[Shown]) -> None:
    assert _claims(text) == expected
