"""Issue 10 claim rules: verbs of speech with a preposition's object ("spoke of",
"railed against"), a verb's object ending before an adverbial, a hedge's own clause,
and participial tails. Every sentence here is our own."""

from __future__ import annotations

import pytest
from claim_helpers import claims_shown as _claims

from reader.analysis.claims import find_claims
from reader.document import load_text

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
    # a verb of regard: its object as something is the claim
    (
        "Critics see the new levy as a tax on the poor.",
        [("the new levy as a tax on the poor", "Critics", "see")],
    ),
    ("She saw him as he left the hall.", []),
    ("They will see their rents rise by as much as a fifth.", []),
    # a gerund's speaker is the subject of the verb it hangs on
    (
        "After all the course of their study they could not resist pointing out its flaws.",
        [("its flaws", "they", "pointing out")],
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
    # a pronoun alone is too little of an object
    ("The old man spoke of it, and left the room.", []),
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
    # "as" after a verb of judging opens its complement, not a clause of manner
    (
        "The mayor described the plan as a gift to the builders.",
        [("the plan as a gift to the builders", "The mayor", "described")],
    ),
    # "that" before a finite verb is the subject, not a conjunction
    (
        "Okafor said that was never the plan.",
        [("that was never the plan", "Okafor", "said")],
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


STANCES = [
    # a weak cue with an infinitive: a stated position
    (
        "The minister declined to comment on the report.",
        [("to comment on the report", "The minister", "declined")],
    ),
    (
        "Ms. Osei hopes to reopen the clinic by June.",
        [("to reopen the clinic by June", "Ms. Osei", "hopes")],
    ),
    # ... but not a plain object or a preposition
    ("The minister declined the invitation.", []),
    ("Reed hoped for rain all week.", []),
    ("The offer he had hoped to, as it happened, never came.", []),
    # a verb of stance may take one name as its whole claim
    ("The union endorsed Okafor.", [("Okafor", "The union", "endorsed")]),
    ("The senator praised Ames.", [("Ames", "The senator", "praised")]),
    # any other one-word content is too little
    ("Reed said so.", []),
    ("The union endorsed it.", []),
    # a court's ruling and a vote are stated positions too
    (
        "The court ruled that the fees were unlawful.",
        [("the fees were unlawful", "The court", "ruled that")],
    ),
    (
        "Senator Hale voted against the harbour bill.",
        [("the harbour bill", "Senator Hale", "voted against")],
    ),
    ("The court ruled on Friday.", []),
    ("Ames voted early in the morning.", []),
]


@pytest.mark.parametrize(("text", "expected"), STANCES)
def test_stances(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected


IN_SOURCE = [
    # "In" a poll, a report or someone's view: the clause after the comma is its claim
    (
        "In the latest poll, Reyes leads the mayor by five points.",
        [("Reyes leads the mayor by five points", "the latest poll", "In")],
    ),
    (
        "In his view, the port should close for the winter.",
        [("the port should close for the winter", "his view", "In")],
    ),
    (
        "In one of the new surveys, taken in May, the tax lost support.",
        [("the tax lost support", "one of the new surveys", "In")],
    ),
    # a phrase of time or place, or one headed by another noun, is no source
    ("In May, the port closed for repairs.", []),
    ("In the wake of the report, the mayor resigned at once.", []),
    # a reporting verb in the clause makes the claim itself
    (
        "In an interview, Reyes said the port would close.",
        [("the port would close", "Reyes", "said")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), IN_SOURCE)
def test_in_source(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected


def test_participial_tails_end_the_content() -> None:
    text = "Lee said the dam would fail, flooding the valley below."
    assert _claims(text) == [("the dam would fail", "Lee", "said")]


BACKWARD = [
    # a phrase before the speaker is no claim when a clause follows the cue
    (
        "At the hearing, Ames said the fees were too high.",
        [("the fees were too high", "Ames", "said")],
    ),
    # a time or an occasion after the cue still closes an inverted claim
    (
        "The fees were too high, Ames said the next day.",
        [("The fees were too high", "Ames", "said")],
    ),
    (
        "The fees were too high, Ames said in a statement.",
        [("The fees were too high", "Ames", "said")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BACKWARD)
def test_backward_or_forward(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected


COLON_LEADS = [
    # a cue and a colon, then a quotation in the next paragraph: the cue's subject said it
    (
        'The mayor said:\n\n"We have a plan. It starts today."',
        [('"We have a plan. It starts today."', "The mayor", "said")],
    ),
    (
        'She told reporters in the hall:\n\n"Nobody will lose a job."',
        [('"Nobody will lose a job."', "She", "told")],
    ),
    # a block quotation left open runs to the end of its paragraph
    (
        'Ames wrote:\n\n"The port is closed. The boats are gone.\n\nLater, the rain came.',
        [('"The port is closed. The boats are gone.', "Ames", "wrote")],
    ),
    # a colon after no reporting verb, or a denial, introduces no claim
    ('The list reads as follows:\n\n"Bread, milk, eggs."', []),
]


@pytest.mark.parametrize(("text", "expected"), COLON_LEADS)
def test_colon_leads(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected


NOT_CLAIMS = [
    # a cue word that is a noun: after a verb it is the object, not a verb
    ("The council made plans to rebuild the pier.", []),
    ("Ames no doubt finished the report on time.", []),
    ("The group hired advocates for the tenants of the block.", []),
    # a credit line or a dateline is no report of anything
    ("Additional reporting by Ana Ruiz.", []),
    ("Ana Ruiz reported from Lagos.", []),
    # the writer's own inference makes no claim; inside someone's claim it tags it alleged
    ("The ferry apparently left before dawn.", []),
    # "advocates" is a noun; the verb is a cue with its particle
    ("Voting rights advocates in the state met on Monday.", []),
    (
        "The union advocated for a shorter week at the mill.",
        [("a shorter week at the mill", "The union", "advocated for")],
    ),
    # when or how it was said is no content; a particle makes another verb
    ("Ames stood and said before he left the hall.", []),
    ("The senator showed up at the debate late.", []),
    # a legal charge or a fee is an act, not a claim
    ("The captain was charged with fraud last year.", []),
    ("The tenants were charged fees they never owed.", []),
    # an adverb alone is no speaker
    ("The mayor may resign or even declare the port closed.", []),
    # the verb itself is still a cue
    (
        "The council plans to rebuild the pier by May.",
        [("to rebuild the pier by May", "The council", "plans")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_CLAIMS)
def test_not_claims(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected


COORDINATED = [
    # a reporting verb coordinated after a clause that made no claim takes its subject
    (
        "Ms. Ortiz thanked the volunteers and said the shelter would stay open.",
        [("the shelter would stay open", "Ms. Ortiz", "said")],
    ),
    # ... and after a claim whose content ended at the comma, that claim's source
    (
        "Reyes urged the council to act, and criticized the delay in the repairs.",
        [
            ("the council to act", "Reyes", "urged"),
            ("the delay in the repairs", "Reyes", "criticized"),
        ],
    ),
    # a verb coordinated with no subject before it in its sentence has no claim
    ("Thanked the volunteers and said goodbye.", []),
]


@pytest.mark.parametrize(("text", "expected"), COORDINATED)
def test_coordinated_cues(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(text) == expected


def test_a_relative_clause_between_speaker_and_cue() -> None:
    text = (
        "Dr. Ana Lee, who as a young captain was the harbour pilot in the years of the old "
        "port and later retired from the service as a master, said that the port lost money."
    )
    assert _claims(text) == [("the port lost money", "Dr. Ana Lee", "said")]


def test_an_evidential_inside_a_claim_tags_it_alleged() -> None:
    document = load_text("Reyes said the ferry apparently left before dawn.", source="x.txt")
    (claim,) = find_claims(document, ())
    assert "alleged" in claim.tags
