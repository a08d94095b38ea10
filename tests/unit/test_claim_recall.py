"""Issue 10, claim recall: verbs of coming to know ("has learned that"), naming and
grading verbs and their agentless passives ("was rated false", "was dubbed ..."), and
the other recall rules of this round. Every sentence here is our own."""

from __future__ import annotations

import pytest
from claim_helpers import Shown
from claim_helpers import claims_shown as _claims

KNOWING = [
    # coming to know: a claim before "that" or a question word
    (
        "The committee has learned that the bridge was closed for a week.",
        [("the bridge was closed for a week", "The committee", "learned")],
    ),
    (
        "Officials realized that the dam would not hold.",
        [("the dam would not hold", "Officials", "realized")],
    ),
    ("He realized how little time was left.", [("how little time was left", "He", "realized")]),
    (
        "The board recognized that the plan had failed.",
        [("the plan had failed", "The board", "recognized")],
    ),
    # an object alone is no claim: a skill learned, a face recognized
    ("She learned French at school.", []),
    ("He realized his mistake too late.", []),
    ("The crowd recognized him at once.", []),
]

NAMING = [
    # naming and grading someone's words: with no agent the claim has no source
    (
        "Most of the mayor's statements were rated as false.",
        [("Most of the mayor's statements were rated as false", None, "rated")],
    ),
    (
        "The mayor was dubbed the comeback kid.",
        [("The mayor was dubbed the comeback kid", None, "dubbed")],
    ),
    ("The rumour was labelled a hoax.", [("The rumour was labelled a hoax", None, "labelled")]),
    (
        "Critics labelled the plan a giveaway to landlords.",
        [("the plan a giveaway to landlords", "Critics", "labelled")],
    ),
    # a mark burnt in is no name; "rate" the noun is no cue
    ("The shops were branded with the town's crest.", []),
    ("Interest rates rated highly in the survey.", []),
    (
        "The tax rate, she said, was too high.",
        [("The tax rate, she said, was too high", "she", "said")],
    ),
]

DOUBTS_AND_DEMANDS = [
    # a demand's object is the claim: "called for" is a cue with its particle
    (
        "The union has called for a review of the pension scheme.",
        [("a review of the pension scheme", "The union", "called for")],
    ),
    # doubting a thing is a claim about it; questioning a person is an interrogation
    (
        "Critics questioned the cost of the new stadium.",
        [("the cost of the new stadium", "Critics", "questioned")],
    ),
    (
        "Lawmakers questioned Europe\u2019s reliance on imported gas.",
        [("Europe\u2019s reliance on imported gas", "Lawmakers", "questioned")],
    ),
    (
        "Several members questioned whether the vote was fair.",
        [("whether the vote was fair", "Several members", "questioned")],
    ),
    ("The police questioned him for hours.", []),
    ("She questioned the witness for two hours.", []),
    ("Questions about the cost remain.", []),
]

INFINITIVES = [
    # an infinitive cue speaks for the subject of the verb it hangs on
    (
        "The council voted to condemn the attack on the mosque.",
        [("the attack on the mosque", "The council", "condemn")],
    ),
    # already the content of the verb before it: one claim, not two
    (
        "He wanted to tell the truth about the accident.",
        [("to tell the truth about the accident", "He", "wanted")],
    ),
    # a copula's subject is no speaker: "the plan was to tell"
    ("The plan was to tell nobody about the sale.", []),
    # no verb before "to" (a listener), or no subject that could speak
    ("Officials met with the mayor to discuss the flood defences.", []),
    ("It is hard to say what will happen next.", []),
    ("She went to the market to buy bread.", []),
]


SOURCELESS = [
    # "it is clear" is the writer's reading of something: a claim with no source
    (
        "It was clear that the bridge would not be finished in time.",
        [("It was clear that the bridge would not be finished in time", None, "It was clear")],
    ),
    (
        "Nor is it clear that the new rules will be enforced.",
        [("Nor is it clear that the new rules will be enforced", None, "is it clear")],
    ),
    # an announcement or a mention with no one named as its author
    (
        "A curfew was announced for the old town.",
        [("A curfew was announced for the old town", None, "announced")],
    ),
    (
        "Ms. Reyes has been mentioned as a possible minister.",
        [("Ms. Reyes has been mentioned as a possible minister", None, "mentioned")],
    ),
    # a rule that is clear is no one's reading
    ("The rule is clear: no dogs on the beach.", []),
    # a hedge in an opening subordinate clause is that clause's; the main clause has its own
    (
        "Although the ferry is not thought to be safe, it is considered a bargain by many.",
        [
            ("Although the ferry is not thought to be safe", None, "is not thought to"),
            ("it is considered a bargain by many", None, "is considered"),
        ],
    ),
    (
        "Although the ferry is old, it is believed to be safe.",
        [("it is believed to be safe", None, "it is believed")],
    ),
]

LISTENERS = [
    # what a listener is urged or told is the claim, not the words before the speaker
    (
        "In a letter to the board, two directors urged her to resign.",
        [("to resign", "two directors", "urged")],
    ),
    # "told" never comes before its speaker: the speaker is the subject behind the aside
    (
        "Ms. Ruiz, who understood the risk, told her aides to wait.",
        [("aides to wait", "Ms. Ruiz", "told")],
    ),
    # a listener's "that" lies in the cue's own clause, not past a comma
    (
        "Two directors urged her to resign, arguing that she had misled the council.",
        [
            ("to resign", "Two directors", "urged"),
            ("she had misled the council", "Two directors", "arguing"),
        ],
    ),
    # the quotation before "told" is still what was told
    (
        '"We will not close the port," Ann Lee, the mayor, told reporters.',
        [('"We will not close the port,"', "Ann Lee, the mayor", "told")],
    ),
]

PARTICIPLES = [
    # a participle's speaker is the subject after a long opening phrase and its "however"
    (
        "On Monday, however, Lee spoke to a crowd of farmers, promising to cut the tax.",
        [("to cut the tax", "Lee", "promising")],
    ),
    (
        "In a long letter to the board on the eve of the vote, two directors praised the"
        " plan, arguing that it would save the mill.",
        [
            ("the plan", "two directors", "praised"),
            ("it would save the mill", "two directors", "arguing"),
        ],
    ),
    # an opening phrase with no subject after it gives no speaker
    ("On the eve of the vote, promising nothing, the doors closed.", []),
]

QUESTIONS = [
    # a question put to someone unnamed: what was asked is the claim, with no source
    (
        "Asked about the closure of the mill, the mayor said nothing.",
        [("the closure of the mill", None, "Asked about")],
    ),
    (
        "Asked whether the port would close, the minister shrugged.",
        [("whether the port would close", None, "Asked")],
    ),
    ("When asked about the fire, she wept.", [("the fire", None, "asked about")]),
    # the answer after the question is its speaker's, quoted after "said,"
    (
        'Asked about the fire at the mill, Lee said, "We will rebuild it."',
        [
            ("the fire at the mill", None, "Asked about"),
            ('"We will rebuild it."', "Lee", "said"),
        ],
    ),
    # a pronoun alone is too little; "asked" with a subject is another rule's
    ("Asked about it, she laughed.", []),
    ('"Why?" asked Lee.', []),
    (
        "The reporter asked Lee about the closure of the mill.",
        [("about the closure of the mill", "The reporter", "asked")],
    ),
]

ASIDES = [
    # the speaker behind an aside set off by dashes
    (
        "Kall -- co-editor of a book on the debates, and a critic -- said the candidate"
        " liked surprises.",
        [("the candidate liked surprises", "Kall", "said")],
    ),
    (
        "Ann Lee\u2014a lawyer for the town\u2014said the port would close.",
        [("the port would close", "Ann Lee", "said")],
    ),
    # "said her plans were ...": a clause after "her", not a listener; the opener is no claim
    (
        "In the mayor's favour, all the experts I interviewed said her plans were more"
        " detailed, and cheaper.",
        [("her plans were more detailed", "all the experts I interviewed", "said")],
    ),
    ('"The port will close," he told her.', [('"The port will close,"', "he", "told")]),
]

OPENERS = [
    # an opening phrase with no comma: the speaker is the name that closes it
    (
        "In a long meeting with the board Lee said that the port may need to close.",
        [("the port may need to close", "Lee", "said")],
    ),
    (
        "In a statement the Ministry of Defence said that the base would stay open.",
        [("the base would stay open", "Ministry of Defence", "said")],
    ),
    (
        "On Monday Ann Lee said that the port would close.",
        [("the port would close", "Ann Lee", "said")],
    ),
    # a place alone after the preposition is no speaker
    ("In Paris said that the port would close.", []),
]

AS_ASIDES = [
    # an "as" aside vouches for the clause it sits in
    (
        "As Lee noted, the port is closed on Sundays.",
        [("the port is closed on Sundays", "Lee", "noted")],
    ),
    (
        "As many experts have pointed out, the tax is easy to avoid.",
        [("the tax is easy to avoid", "many experts", "pointed out")],
    ),
    (
        "As the mayor said last week, the port will close.",
        [("the port will close", "the mayor", "said")],
    ),
    (
        "The port, as Lee noted, is closed on Sundays.",
        [("The port, as Lee noted, is closed on Sundays", "Lee", "noted")],
    ),
    # no one named: a claim with no source
    (
        "As predicted, the mill failed within a year.",
        [("the mill failed within a year", None, "predicted")],
    ),
    # inside a claim already found, the claim runs on past the aside
    (
        "Lee said the port, as expected, would close.",
        [("the port, as expected, would close", "Lee", "said")],
    ),
    # "as" as a time or a degree is no aside
    ("As she said this, the lights went out.", []),
    ("It was as bad as he said.", []),
]

SPLIT_QUOTES = [
    # a split quotation goes on after its speaker and an aside: one claim, both parts
    (
        '"I think the count will be fair," Lee said during a rally in Dunmore, "but a lot'
        ' of people will be watching."',
        [
            (
                '"I think the count will be fair," Lee said during a rally in Dunmore, "but a'
                ' lot of people will be watching."',
                "Lee",
                "said",
            )
        ],
    ),
    # a new quotation in capitals is another statement, and a quoted title no continuation
    (
        '"We will win," she said of the vote, "The Times" reported.',
        [('"We will win,"', "she", "said")],
    ),
]

CASES = KNOWING + NAMING + DOUBTS_AND_DEMANDS + INFINITIVES + SOURCELESS + LISTENERS
CASES += PARTICIPLES + QUESTIONS + ASIDES + SPLIT_QUOTES + OPENERS + AS_ASIDES


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_recall_rules(text: str, expected: list[Shown]) -> None:
    assert _claims(text) == expected
