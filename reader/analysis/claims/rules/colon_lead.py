"""Unit rule: a quotation introduced by a cue and a colon in the sentence before
('He said:' then '"We have a plan. It starts today."').

When a unit opens with a quotation mark and the text before it ends in a colon whose
last words hold a reporting verb ("said:", "told reporters:", "added in a
statement:"), the quotation is what that verb's subject said; a block quotation left
open runs to its paragraph's end. Invariant: it adds only to a unit no other rule
claimed; the attribution's unit is grown back to the sentence holding the cue (and on
to the paragraph's end), so its cue and source lie inside it, as for every rule.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import is_quote_mark, source_before, words_in
from reader.analysis.claims.state import UnitState
from reader.analysis.claims.units import MAX_QUOTE

REACH = 300
"""How far back (characters) the sentence of the cue may start."""
CUE_WORDS = 5
"""Most words between the verb and its colon ("said in a written statement:")."""
_SENTENCE_END = re.compile(r"[.!?]['\u2019\u201d\"]?\s|\n")


def rule(state: UnitState) -> None:
    """Attribute a quotation opening the unit to the cue before the colon before it."""
    text, (start, end) = state.text, state.unit
    if state.found or not is_quote_mark(text[start]):
        return
    colon = start - 1
    while colon >= 0 and text[colon].isspace():
        colon -= 1
    if colon < 0 or text[colon] != ":":
        return
    inner = state.quotes.within(start, end)
    if inner and inner[0][0] == start:
        content = (start, inner[-1][1])
    else:  # a block quotation left open to its paragraph's end ('"We have ... shot.')
        content = (start, _paragraph_end(text, start))
    floor = _sentence_start(text, colon)
    verb = _verb_before(state, floor, colon)
    if verb is None:
        return
    source = source_before(text, floor, verb[0], state.cues.cue_words)
    if source is None:
        return
    kind = state.cues.verbs[text[verb[0] : verb[1]].lower()].kind
    unit = (min(source[0], verb[0]), max(end, content[1]))
    state.add(Attribution(unit, content, verb, source, {kind, "quote"}))


def _paragraph_end(text: str, start: int) -> int:
    """The end of the paragraph starting at `start`, at most `MAX_QUOTE` characters on."""
    brk = text.find("\n\n", start, start + MAX_QUOTE)
    stop = brk if brk != -1 else min(len(text), start + MAX_QUOTE)
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return stop


def _sentence_start(text: str, colon: int) -> int:
    """Where the sentence ending in the colon starts: after the last sentence end or line
    break within `REACH` characters."""
    floor = max(0, colon - REACH)
    last = floor
    for m in _SENTENCE_END.finditer(text, floor, colon):
        last = m.end()
    return last


def _verb_before(state: UnitState, floor: int, colon: int) -> tuple[int, int] | None:
    """The reporting verb among the last `CUE_WORDS` words before the colon, lower case
    ("said:", "told reporters:"), if any."""
    words = words_in(state.text, floor, colon)[-CUE_WORDS:]
    for w in reversed(words):
        form = w.group()
        info = state.cues.verbs.get(form)
        if info is not None and info.kind != "deny":  # a colon makes a weak cue one
            return w.span()
    return None
