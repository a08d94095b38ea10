"""What may follow a reporting verb as its content: the tests `reporting_verb` asks of
the words after a cue before it makes a forward claim ("X said (that) ...").

Invariant: these only read the text after one cue; none builds an attribution.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution, next_char
from reader.analysis.claims.cues import VerbInfo
from reader.analysis.claims.phrases import (
    AUXILIARY,
    FINITE,
    SOURCE_REACH,
    TIME_WORDS,
    first_word,
    first_words,
    has_words,
    is_quote_mark,
    skip_to_content,
    words_in,
)
from reader.analysis.claims.rules.bare_clause import CLAUSE_CUES, clause_follows
from reader.analysis.wordlists import word_group
from reader.span import Span

_QUOTE_RESUMED = re.compile(r",\s*([\u201c\"]|'')[a-z]")
"""A comma, then a quotation going on in lower case (', "but ...')."""
_QUOTE_COMMA_END = re.compile(r",\s*(?:[\u201d\"]|'')$")
"""A quotation cut by its comma: the first part of a split quotation."""
RESUME_REACH = 90
"""Most characters of speaker and aside between a split quotation's two parts."""

CLAUSE_WORDS = 12
"""Words of a content looked at for a finite verb, the mark of a clause."""
TOLD = frozenset({"tell", "ask", "urge", "warn", "inform", "assure", "remind"})
"""Verbs with a listener before their content ("told reporters that ...")."""
QUESTION_WORDS = frozenset({"whether", "why", "how", "what", "if"})
SUBORDINATORS = frozenset({"before", "while", "because", "until"})
"""Words opening an adverbial clause ("said before he died"); lower case, so a quoted
"Before ..." is content. Not "when" ("has not said when"), "after" or "since"."""
INFINITIVE_CUES = frozenset({"decline", "hope"})
"""Weak cues whose infinitive is a stated position: "declined to comment", "hopes to
win" (but "hoped for rain" says nothing)."""
NAME_OBJECT_CUES = word_group("name_object_cues")
"""Verbs of stance whose object may be one name: "Cruz endorsed Trump", "she praised
Ames"; any other one-word content ("said so") is too little to be a claim."""
PERSON_OBJECTS = frozenset({"him", "her", "them", "me", "us", "you"})
"""Objects that make "questioned" an interrogation, not a doubt."""
INTERROGATED = word_group("person_nouns") | {"witness", "suspect", "man", "woman", "driver"}
INTERROGATED |= {"officer", "guard", "student", "employee", "worker", "victim", "executive"}
"""Heads of an object that make "questioned" an interrogation ("questioned the driver");
with any other ("questioned the very need for ...") it is a doubt."""
DOUBT_WORDS = 5
"""Words of the object of "questioned" where its "of" or possessor is looked for."""


_ANONYMITY = re.compile(
    r"(?:not\s+to\s+be\s+(?:named|identified)|to\s+remain\s+anonymous|for\s+anonymity|"
    r"that\s+(?:his|her|their)\s+names?\s+(?:not\s+be|be\s+withheld))\b",
    re.IGNORECASE,
)
"""A source's request to stay unnamed: "who asked not to be named" states nothing."""


def asks_anonymity(text: str, begin: int) -> bool:
    """True when the words at `begin`, after "asked" or "requested", ask for anonymity."""
    return _ANONYMITY.match(text, begin) is not None


_CALLED_ON = re.compile(r"(?:on|upon)\s+(?=(?:[\w'\u2019.-]+\s+){1,6}?to\s+[\"\u201c]?[a-z])")
"""After "called": "on", an addressee of at most six words, "to" and a verb."""
DAY_WORDS = TIME_WORDS - {"the", "this", "in", "at", "on", "past", "last"}
"""Words that make "called on" a date ("called on Tuesday to check")."""


def called_on(text: str, content: Span) -> Span | None:
    """The demand of "called on the council to resign" (the addressee and the
    infinitive), or None when the words after "called" are no such demand."""
    m = _CALLED_ON.match(text, content[0], content[1])
    if m is None:
        return None
    first = words_in(text, m.end(), min(content[1], m.end() + 20))
    if not first or first[0].group().lower() in DAY_WORDS:
        return None
    return m.end(), content[1]


def strong_start(text: str, cue_end: int, begin: int, end: int) -> bool:
    """True when a weak cue is followed by "that", a colon, a quotation or a question
    word ("questioned whether ...", "wondered why ...")."""
    if begin > cue_end:
        return True
    nxt = first_word(text, cue_end, min(end, cue_end + 12))
    if nxt is not None and nxt.group().lower() in QUESTION_WORDS:
        return True
    return is_quote_mark(next_char(text, cue_end, end))


def adverbial_clause(text: str, content: Span) -> bool:
    """True when what follows the cue is when or how it was said ("said before he died",
    "said as she walked on"), or a particle making another verb ("showed up at")."""
    words = words_in(text, content[0], min(content[1], content[0] + 40))
    if len(words) < 2:
        return False
    first, second = words[0].group(), words[1].group().lower()
    if first in {"up", "off", "away", "down"}:
        return True
    if first == "as":  # "said as she walked on"; not "described as", "said as much"
        return second in {"he", "she", "they", "we", "i"}
    return first in SUBORDINATORS


def before_closing_colon(text: str, content_end: int, unit_end: int) -> bool:
    """True when a colon ends the unit right after the content."""
    return (
        text[content_end : content_end + 1] == ":" and not text[content_end + 1 : unit_end].strip()
    )


def infinitive_follows(text: str, cue_end: int, end: int) -> bool:
    """True when "to" and a lower-case verb follow the cue ("declined to comment")."""
    nxt = words_in(text, cue_end, min(end, cue_end + 30))
    return (
        len(nxt) >= 2
        and nxt[0].group() == "to"
        and nxt[1].group().islower()
        and not text[nxt[0].end() : nxt[1].start()].strip()  # not "hoped to, left ..."
    )


def one_name(text: str, span: Span) -> bool:
    """True when `span` is one capitalised word ("Trump"), not a pronoun or a quote."""
    words = words_in(text, *span)
    return len(words) == 1 and words[0].group()[:1].isupper() and words[0].span() == span


def two_words(text: str, span: Span) -> bool:
    """True when `span` holds at least two words (looking at its start only)."""
    return has_words(text, span[0], min(span[1], span[0] + 80), 2)


def a_person_questioned(text: str, content: Span) -> bool:
    """ "questioned him", "questioned Lee", "questioned the witness for hours": an
    interrogation (a person's pronoun, name or noun). A doubt names what is doubted of
    something: "questioned the cost of the plan", "questioned Europe's reliance on ..."
    (an "of" or a possessor among the object's first words), "questioned the very need
    for ..." (a thing after an article)."""
    words = words_in(text, content[0], min(content[1], content[0] + 60))[:DOUBT_WORDS]
    if not words or words[0].group().lower() in PERSON_OBJECTS:
        return True
    if any(w.group() == "of" or w.group()[-2:] in {"'s", "\u2019s"} for w in words):
        return False
    if words[0].group()[0].isupper():
        return True  # "questioned Lee for hours": a name
    heads = {w.group().lower() for w in words[1:3]}
    heads |= {h[:-1] for h in heads if h.endswith("s")}  # "the witnesses"
    return bool(heads & INTERROGATED) or words[0].group().lower() not in {"the", "a", "an"}


def quote_follows(text: str, cue_end: int, limit: int) -> bool:
    """True when a comma and a quotation follow the cue ('Lee said, "We ...')."""
    return next_char(text, cue_end, limit) == "," and is_quote_mark(
        next_char(text, text.index(",", cue_end) + 1, limit)
    )


def quote_end(text: str, pos: int, end: int) -> int | None:
    """The end of the quotation opening at or after `pos` (inside `end`), if it closes."""
    while pos < end and text[pos].isspace():
        pos += 1
    for close in ("\u201d", '"', "''"):
        i = text.find(close, pos + 1, end)
        if i != -1:
            return i + len(close)
    return None


def resumed_quote_end(text: str, content: Span, tail: int, end: int) -> int | None:
    """Where a split quotation's second part ends: '"A," Lee said at a rally in May, "but
    B."' (the first part ends with its comma, the second goes on in lower case within
    `RESUME_REACH` of the cue and speaker ending at `tail`); None when there is none."""
    if not _QUOTE_COMMA_END.search(text, content[0], content[1]):
        return None
    resumed = _QUOTE_RESUMED.search(text, tail, min(end, tail + RESUME_REACH))
    return quote_end(text, resumed.start(1), end) if resumed is not None else None


STANCE_OBJECT_CUES = frozenset({"support"})
"""Weak cues that are nouns too ("support for", "tremendous support") but, before a
determiner, a possessive or a name, are a verb taking a side ("they support the
government", "unions support Reyes")."""
OBJECT_OPENERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "these"})
OBJECT_OPENERS |= {"those", "our", "my", "your", "some", "any", "him", "them", "it"}


def stance_object_follows(text: str, cue_end: int, limit: int) -> bool:
    """True when an object opens right after the cue: a determiner, a possessive, an
    object pronoun or a capitalised word, with nothing but a space between."""
    words = first_words(text, cue_end, limit, 1)
    if not words or text[cue_end : words[0].start()].strip():
        return False
    word = words[0].group()
    return word.lower() in OBJECT_OPENERS or word[0].isupper()


def weak_cue_holds(text: str, m: re.Match[str], lemma: str, begin: int, end: int) -> bool:
    """True when a weak cue (`m`, of `lemma`) makes a claim here: before "that", a colon,
    a quotation or a question word (`strong_start`), an infinitive of `INFINITIVE_CUES`,
    a bare clause of `bare_clause.CLAUSE_CUES`, a doubted thing ("question the wisdom of
    ..."), or an object of a verb taking a side (`STANCE_OBJECT_CUES`)."""
    cue_end = m.end()
    if strong_start(text, cue_end, begin, end):
        return True
    if lemma in INFINITIVE_CUES and infinitive_follows(text, cue_end, end):
        return True
    if lemma in CLAUSE_CUES and clause_follows(text, cue_end, end):
        return True
    if lemma == "question":
        return not a_person_questioned(text, (begin, end))
    return (
        lemma in STANCE_OBJECT_CUES
        and not m.group().endswith("ing")  # "a voter supporting Lee": who, not a stance
        and stance_object_follows(text, cue_end, end)
    )


SPEAKER_REACH = 16
"""Words before a cue within which its speaker starts: at most `MAX_SOURCE_WORDS` (9)
and the auxiliaries, times and adverbs dropped before the cue ("had only recently")."""
CLOSER_CHARS = ",;:\"'\u2018\u2019\u201c\u201d\u2013\u2014-"
"""What must stand before a cue's speaker for the content to lie before the cue: a
comma, a quotation mark, a dash (`reporting_verb`'s backward shapes)."""


def weak_cue_idle(text: str, unit: Span, m: re.Match[str], info: VerbInfo) -> bool:
    """True when a weak cue can make no claim here, found before any speaker is looked
    for: nothing after it makes it a claim (`weak_cue_holds`) and no comma, quotation
    mark or dash within a speaker's reach before it (`SPEAKER_REACH` words), so no
    quotation can end there ('"...," he thought'). Most of a novel's "knew" and "felt"
    stop here, cheaply; what `reporting_verb` would find is unchanged."""
    if not info.weak or info.lemma in TOLD:
        return False
    begin = skip_to_content(text, m.end(), unit[1], False)
    if weak_cue_holds(text, m, info.lemma, begin, unit[1]):
        return False
    floor = max(unit[0], m.start() - SOURCE_REACH - 2)
    closer = max(text.rfind(ch, floor, m.start()) for ch in CLOSER_CHARS)
    # no closer, or one further back than a speaker reaches
    return closer == -1 or has_words(text, closer, m.start(), SPEAKER_REACH + 1)


def coordinated_past_auxiliary(
    text: str, prev: list[re.Match[str]], found: list[Attribution]
) -> bool:
    """True for "and" or "but" and an auxiliary just before a cue ("encouraged allies to
    spend but has said she will ..."): a second verb phrase of the last speaker, unless
    the last content is a clause, whose own subject the verb phrase continues ("said the
    board would meet and had asked for ..." : the board asked)."""
    if len(prev) < 2 or prev[-1].group().lower() not in AUXILIARY:
        return False
    if prev[-2].group().lower() not in {"and", "but"}:
        return False
    if not found:
        return True
    head = first_words(text, found[-1].content[0], found[-1].content[1], CLAUSE_WORDS)
    return not any(w.group().lower() in FINITE for w in head)


CALL_PARTICLES = frozenset({"in", "into", "up", "off", "back", "out", "over", "around"})
CALL_PARTICLES |= {"on", "upon"}  # "called on friends", on a day; a demand is `called_on`
"""Particles that make "call" a visit or a summons ("called in", "called off")."""


def not_a_judgement(text: str, cue_end: int, content: Span) -> bool:
    """ "called in to a show", "a plan called Clean Start", "she called Ann Lee, her
    lawyer": a visit, a name or a telephone call, not calling someone something."""
    words = words_in(text, cue_end, content[1])
    if not words or words[0].group().lower() in CALL_PARTICLES:
        return True
    comma = text.find(",", cue_end, content[1])
    head = words_in(text, cue_end, comma if comma != -1 else content[1])
    return all(w.group()[0].isupper() for w in head) and not is_quote_mark(text[content[0]])
