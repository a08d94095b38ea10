"""Unit rule: a claim held by a noun's complement clause ("his insistence that ...",
"the allegation that ...", "Lee's belief that ...").

A content noun of speech, allegation or belief followed by "that" opens a
clause that is what was said, alleged or believed. A possessor before the
noun ("his", "the mayor's", "Lee's") is the source; after an article ("the
claim that") the claim has no source. Invariant: an attribution here lies
inside its unit, its cue is the noun, and a cue already handled by another
rule (the same span) is never added twice, nor a content another rule's cue
already opens ("said in a statement that ...").
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import TIME_WORDS, content_end, strip_range, words_in
from reader.analysis.claims.state import UnitState
from reader.analysis.wordlists import word_group
from reader.span import Span

KINDS: dict[str, str] = {
    word: kind
    for kind, group in (("say", "noun_cues_say"), ("hedge", "noun_cues_hedge"))
    + (("opinion", "noun_cues_opinion"),)
    for word in word_group(group)
}
"""Lower-case noun -> the cue kind its claim gets."""
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "my", "our", "your"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "such"})
SPREAD = frozenset({"growing", "mounting", "widespread", "increasing", "renewed", "lingering"})
"""Adjectives of how widely a view is held ("growing concerns that ..."): held by no one
named, they make the claim sourceless as an article would."""
_THAT = re.compile(r"that\b")
"""Every "that": a literal the regex engine finds fast, then the word before is looked up
(about 30 times faster on a book than one alternation of every noun)."""
_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_POSSESSIVE_S = re.compile(r"(?<=\w)['\u2019]s?$")
NAME_WORDS = 4
"""Longest possessor name, in words ("Ana Ruiz's")."""
TIME_NOUNS = TIME_WORDS - {"at", "in", "on", "the", "this", "earlier", "later", "recently"}
"""Words after which "that" is a determiner ("the view that morning"), not a clause."""
MIN_CONTENT_WORDS = 3
"""A complement shorter than this ("the fear that he", cut by a stop) is no claim."""


def rule(state: UnitState) -> None:
    """Add an attribution for every "NOUN that CLAUSE" of the unit with a determiner or
    possessor before the noun."""
    text, (start, end) = state.text, state.unit
    if text.find("that", start, end) < 0:
        return  # most units: no "that", no search set up
    cues: set[Span | None] | None = None  # the cues already taken, once a noun is found
    opened: set[int] = set()  # where the contents already found begin
    for that in _THAT.finditer(text, start, end):
        at = that.start()
        if at == start or not text[at - 1].isspace():
            continue
        m = _WORD_BEFORE.search(text, max(start, at - 16), at)
        if m is None or m.group(1).lower() not in KINDS or text[m.start() - 1].isalnum():
            continue  # not a cue noun, or the end of a longer word the window cut
        cue = m.span(1)
        if cues is None:
            cues = {a.cue for a in state.found}
            opened = {a.content[0] for a in state.found}
        if cue in cues or state.quotes.containing(at) is not None:
            continue
        if _opens(text, that.end(), opened):
            continue  # "said in a statement that ...": the verb's content, not a new claim
        before = words_in(text, max(start, m.start() - 40), m.start())
        if not before:
            continue
        source = possessor(text, before)
        if source is None and before[-1].group().lower() not in DETERMINERS | SPREAD:
            continue  # "fears that" as a verb, or a bare plural: other rules' business
        begin = that.end()
        content = strip_range(text, begin, content_end(text, begin, end, state.quotes))
        if content is None:
            continue
        words = words_in(text, *content)
        if len(words) < MIN_CONTENT_WORDS or words[0].group().lower() in TIME_NOUNS:
            continue
        kind = KINDS[m.group(1).lower()]
        state.add(Attribution(state.unit, content, cue, source, {kind}))


def _opens(text: str, at: int, opened: set[int]) -> bool:
    """True when a content already found begins at `at`, past its spaces."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at in opened


def possessor(text: str, before: list[re.Match[str]]) -> Span | None:
    """The possessor just before the noun: a possessive pronoun ("his") or the phrase
    ending in 's ("the mayor's", "Ana Ruiz's"), without the 's."""
    last = before[-1]
    word = last.group()
    if word.lower() in POSSESSIVE_PRONOUNS:
        return last.span()
    mark = _POSSESSIVE_S.search(word)
    if mark is None or not word[0].isalpha():
        return None
    first = len(before) - 1
    while first > 0 and len(before) - first < NAME_WORDS and _name_word(before[first - 1]):
        first -= 1  # "Ana Ruiz's": the capitalised words before the possessor
    if first == len(before) - 1 and not word[0].isupper() and first > 0:
        first -= 1  # "the mayor's": the word before a common noun
    return before[first].start(), last.start() + mark.start()


def _name_word(w: re.Match[str]) -> bool:
    """True for a capitalised word that can be part of a possessor's name."""
    return w.group()[0].isupper() and w.group().lower() not in DETERMINERS
