"""Cue rule: a question put to someone unnamed, opening a sentence ("Asked about the
closure, the mayor ...", "When asked whether the port would close, she ...").

A participle "asked" with no subject of its own, at the start of the unit or after
"when", "if" or "after", then "about", a question word or an infinitive, reports a
question: its object ("the closure"), the question itself ("whether the port would
close") or what was asked for ("to describe the device") is the claim, up to the comma
that ends the opening phrase. Who asked is not said, so it has no source. Invariant:
the attribution lies inside its unit and ends before the opening phrase's comma; any
other "asked" is passed on to the later rules.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import strip_range, words_in
from reader.analysis.claims.state import UnitState

LEADS = frozenset({"when", "if", "after", "once"})
"""Words that may come before the opening "asked" ("When asked about ...")."""
QUESTION_WORDS = frozenset({"whether", "why", "how", "what", "if", "who", "when"})
"""Words opening a reported question ("asked whether ...")."""
MIN_WORDS = 2
"""A shorter object ("Asked about it,") says too little to be shown."""


def rule(state: UnitState, m: re.Match[str]) -> bool:
    """Add the sourceless claim of an opening "Asked about X," and True; else False."""
    if m.end() - m.start() != 5 or m.group().lower() != "asked":
        return False  # the length first: one integer test for every other cue
    text, (start, end) = state.text, state.unit
    before = words_in(text, start, m.start())
    if len(before) > 1 or (before and before[0].group().lower() not in LEADS):
        return False
    if text[start : m.start()].strip(" \t\n\"'\u201c(").lower() not in {"", *LEADS}:
        return False  # punctuation or another word first: not the opening phrase
    comma = text.find(",", m.end(), end)
    if comma < 0:
        return False
    after = words_in(text, m.end(), comma)
    if not after:
        return False
    first = after[0].group().lower()
    if first == "about":
        begin = after[0].end()
    elif first in QUESTION_WORDS or first == "to":
        begin = after[0].start()  # "Asked whether ...", "Asked to describe the device"
    else:
        return False
    content = strip_range(text, begin, comma)
    if content is None or len(words_in(text, *content)) < MIN_WORDS:
        return False
    cue = (m.start(), after[0].end() if first == "about" else m.end())
    state.add(Attribution(state.unit, content, cue, None, {"say"}))
    return True
