"""Unit rule: criticism or accusations someone faces, with no critic named.

"The mayor has faced sharp criticism for the closure", "the plan drew questions
about its cost", "the board came under scrutiny over the sale": someone is
said to be at fault, by people the sentence does not name. Like a hedge, it
marks the attribution whose content holds it as alleged; elsewhere (outside
quotations) the unit becomes a sourceless, alleged claim with the phrase as
its cue. Invariant: the attribution added lies inside the unit.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import strip_range
from reader.analysis.claims.state import UnitState

_FACED = re.compile(
    r"[fdc](?<![\w'][fdc])"
    r"(?:ac(?:e|es|ed|ing)|r(?:aw|aws|ew|awn|awing)|(?:ame|ome|omes|oming) under)"
    r"\s+(?:[a-z]+\s+){0,2}?"
    r"(?:criticism|questions|scrutiny|ridicule|accusations|allegations|charges|backlash"
    r"|condemnation)\b"
)
"""A verb of undergoing, at most two modifiers ("sharp", "growing"), a noun of blame. It
opens with a one-letter class, not a word boundary, so that most positions fail at once
(0.04 s on War and Peace, against 0.13 s for `\b(?:face|draw|came)...`)."""


def rule(state: UnitState) -> None:
    """Tag the attribution holding the phrase as alleged, or make the unit one."""
    text, unit = state.text, state.unit
    m = _FACED.search(text, *unit)
    if m is None:
        return
    holder = next((a for a in state.found if a.content[0] <= m.start() < a.content[1]), None)
    if holder is not None:
        holder.kinds.add("hedge")
        return
    if state.found or state.quotes.containing(m.start()) is not None:
        return
    content = strip_range(text, *unit)
    if content is not None:
        state.found.append(Attribution(unit, content, m.span(), None, {"hedge"}))
