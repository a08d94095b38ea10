"""Unit rule: a sentence that opens with where its claim comes from ("In this poll,
Reyes leads by five points", "In his view, the port must close").

"In" and a phrase holding a noun of record or stance (`in_source_nouns`: poll,
survey, report, study, view, eyes ...), then a comma: the clause after it is that
source's claim, and the phrase without "In" is its source. A participial aside after
the phrase ("In the last poll, taken in May, ...") is skipped. Invariant: the rule
only runs when the unit starts with "In " and no other rule found an attribution in
it ("In an interview, Reyes said ..." is the reporting verb's), so it costs a unit
one comparison; its attribution lies inside the unit.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import content_end, strip_range, words_in
from reader.analysis.claims.state import UnitState
from reader.analysis.wordlists import word_group

SOURCE_NOUNS = word_group("in_source_nouns")
"""Nouns whose "In ..." phrase names where a claim comes from."""
STANCE_NOUNS = frozenset({"view", "views", "eyes", "opinion", "mind", "judgment", "judgement"})
"""Those that make the claim an opinion ("In his view")."""
PHRASE_CHARS = 120
"""Longest "In ..." phrase, up to its comma."""
MIN_CONTENT_WORDS = 3
QUANTIFIERS = frozenset({"one", "some", "many", "most", "several", "each", "all", "both", "two"})
"""Heads that take their noun from the "of" phrase ("In one of the polls")."""


def rule(state: UnitState) -> None:
    """Add the claim of a unit opening "In <source phrase>, <clause>"."""
    text, (start, end) = state.text, state.unit
    if state.found or not text.startswith("In ", start):
        return
    comma = text.find(",", start, min(end, start + PHRASE_CHARS))
    if comma == -1 or state.quotes.containing(comma) is not None:
        return
    phrase = words_in(text, start + 3, comma)
    if not phrase or not any(w.group().lower() in SOURCE_NOUNS for w in phrase):
        return
    if not _headed_by_source(phrase):
        return  # "In the wake of the report", "In response to the poll": not its source
    begin = _past_aside(text, comma + 1, end)
    content = strip_range(text, begin, content_end(text, begin, end, state.quotes))
    if content is None or len(words_in(text, *content)) < MIN_CONTENT_WORDS:
        return
    stance = any(w.group().lower() in STANCE_NOUNS for w in phrase)
    source = (phrase[0].start(), phrase[-1].end())
    cue = (start, start + 2)
    state.add(Attribution(state.unit, content, cue, source, {"opinion" if stance else "say"}))


def _headed_by_source(phrase: list[re.Match[str]]) -> bool:
    """True unless the phrase's head, the word before its first "of", is another noun:
    "In one of the polls" and "In the eyes of voters" are headed right, "In the wake of
    the report" is not."""
    words = [w.group().lower() for w in phrase]
    if "of" not in words[1:]:
        return True
    head = words[words.index("of", 1) - 1]
    return head in SOURCE_NOUNS or head in QUANTIFIERS


def _past_aside(text: str, pos: int, end: int) -> int:
    """After the phrase's comma: past a participial aside set off by a second comma
    ("In the last poll, taken in May, Reyes led"), else `pos`."""
    words = words_in(text, pos, min(end, pos + 80))
    if not words or not words[0].group().endswith(("ed", "en", "ing")):
        return pos
    comma = text.find(",", words[0].end(), min(end, pos + 80))
    return comma + 1 if comma != -1 else pos
