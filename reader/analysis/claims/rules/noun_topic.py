"""Cue rule: a noun of speech or stance and the topic its preposition names ("his
comments about the raid", "the senator's attacks on the plan", "claims of fraud",
"calls for a recount").

A cue form that is a noun too (`nouns` of `cues_words.txt`: "claims", "comments",
"calls") after a possessor, or after an article or possessive and at most one
adjective ("his infamous remarks on"), followed by one of `PARTICLES`, names what was
said, alleged or asked: the noun phrase after the particle is the claim, the possessor
its source, none after an article ("the allegations of fraud"). Invariant: the cue is
handled here only when it reads as such a noun; any other use goes on to the verb
rules, and the attribution lies inside the unit.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.objects import object_end
from reader.analysis.claims.phrases import (
    TIME_WORDS,
    content_end,
    strip_range,
    words_in,
)
from reader.analysis.claims.rules.noun_cue import POSSESSIVE_PRONOUNS, possessor
from reader.analysis.claims.rules.verb_content import one_name, two_words
from reader.analysis.claims.state import UnitState

SPOKEN = frozenset({"claim", "remark", "comment", "call", "question", "promise", "pledge"})
SPOKEN |= {"reply", "answer", "doubt", "fear", "worry", "hope", "tweet", "estimate"}
"""Cue lemmas whose noun is something said or held ("claims", "remarks", "calls");
not those of deeds or things ("attack on", "demand for", "show of", "state of")."""
UNOWNED = frozenset({"claim", "call", "question", "doubt", "fear"})
"""Of `SPOKEN`, the nouns that make a claim with no one named ("the claims of fraud",
"calls for a recount", "questions about his health"); the others need a possessor."""
PARTICLES = frozenset({"of", "about", "on", "over", "for", "against"})
"""Prepositions whose object is what the noun says ("claims of", "calls for")."""
ARTICLES = frozenset({"the", "a", "an", "these", "those", "such", "new", "initial", "recent"})
"""Words before the noun that make the claim sourceless ("the claims of fraud")."""
NOT_TOPIC = frozenset({"course", "kind", "sort", "type", "time"})
"""Words after "of" that make an idiom or a measure, no topic ("of course", "a claim of
the kind")."""
WHEN = TIME_WORDS - {"the", "this", "at", "in", "on", "past", "recent"}
"""Words after the particle that say when, not what ("his remarks on Saturday")."""
INTENDED = frozenset({"plan", "promise", "pledge", "vow", "hope", "call"})
"""Nouns of intention whose infinitive is the claim when someone holds them ("his plan to
cut taxes", "the mayor's pledge to rebuild"); with an article they are plain nouns."""
_NEW_CLAUSE = re.compile(r",\s|\s(?:is|are|was|were|has|have|had|will|would|could)\b")
"""Where a noun phrase after the particle stops: a comma, or the verb of the sentence
("his claims about the raid were false")."""


def rule(state: UnitState, m: re.Match[str]) -> bool:
    """Add "POSSESSOR NOUN PARTICLE TOPIC"; True when the cue is such a noun."""
    word = m.group().lower()
    info = state.cues.verbs.get(word)
    if info is None or word not in (info.lemma, info.lemma + "s"):
        return False
    if info.lemma not in SPOKEN and info.lemma not in INTENDED:
        return False
    text, (start, end) = state.text, state.unit
    before = words_in(text, max(start, m.start() - 60), m.start())
    source = _source(text, before)
    if source is None and not (info.lemma in UNOWNED and _after_article(before)):
        return False
    after = words_in(text, m.end(), min(end, m.end() + 40))
    if not after or not (
        (info.lemma in SPOKEN and after[0].group().lower() in PARTICLES)
        or (source is not None and info.lemma in INTENDED and _infinitive(after))
    ):
        return False
    if text[m.end() : after[0].start()].strip() or len(after) < 2:
        return False
    if after[1].group().lower() in NOT_TOPIC and after[0].group().lower() == "of":
        return False  # "a claim of the kind"
    if after[1].group().lower() in WHEN:
        return False  # "his remarks on Saturday": when, not what
    infinitive = after[0].group() == "to"
    begin = after[0].start() if infinitive else after[0].end()  # "his plan to cut taxes"
    stop = content_end(text, begin, end, state.quotes)
    clause = _NEW_CLAUSE.search(text, begin, stop)
    content = strip_range(text, begin, clause.start() if clause else stop)
    if content is None:
        return False
    content = (content[0], object_end(text, content, state.quotes))
    if not (two_words(text, content) or one_name(text, content)):
        return False
    cue = m.span() if infinitive else (m.start(), after[0].end())
    state.add(Attribution(state.unit, content, cue, source, {info.kind}))
    return True


def _infinitive(after: list[re.Match[str]]) -> bool:
    """True when "to" and a lower-case verb open the words after the noun ("plan to win")."""
    return (
        len(after) >= 2
        and after[0].group() == "to"
        and after[1].group().isalpha()
        and (after[1].group().islower() and after[1].group() not in {"the", "a", "an", "be"})
    )


def _source(text: str, before: list[re.Match[str]]) -> tuple[int, int] | None:
    """The possessor before the noun, past at most one adjective ("his infamous")."""
    for back in (before, before[:-1]):
        if back and (back[-1].group().lower() in POSSESSIVE_PRONOUNS or _possessive(back[-1])):
            if back is not before and not before[-1].group().islower():
                return None
            return possessor(text, back)
    return None


def _possessive(w: re.Match[str]) -> bool:
    """True for a word ending in 's ("Lee's", "the mayor's")."""
    return w.group().endswith(("'s", "\u2019s"))


def _after_article(before: list[re.Match[str]]) -> bool:
    """True when an article opens the noun phrase, right before it or one adjective back."""
    if not before:
        return False
    if before[-1].group().lower() in ARTICLES:
        return True
    return (
        len(before) >= 2
        and before[-1].group().islower()
        and before[-2].group().lower() in ARTICLES - {"new", "initial", "recent"}
    )
