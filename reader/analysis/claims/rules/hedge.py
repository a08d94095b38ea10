"""Hedges ("allegedly", "is said to"): a cue rule that sets them aside, a unit rule that
applies them.

A hedge inside an attribution's content marks it alleged instead of making a
claim of its own; elsewhere (outside quotations) it makes the unit a
sourceless, alleged claim. It runs after the other cues so that it sees every
attribution of the unit.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import clause_around, first_word, strip_range
from reader.analysis.claims.state import UnitState
from reader.analysis.wordlists import word_group

EVIDENTIALS = frozenset({"apparently"})
"""Hedges that mark the writer's inference: they tag a claim holding them ("she said he
apparently left": alleged) but make none of their own ("He apparently left")."""
NOT_VERBS = word_group("not_verbs")
"""Words after "said to" that show it is speech, not a hedge ("said to him")."""


def collect(state: UnitState, m: re.Match[str]) -> bool:
    """Cue rule: keep a hedge match for `apply`, once the unit's other cues are read."""
    if m.lastgroup != "hedge":
        return False
    state.hedges.append(m)
    return True


def apply(state: UnitState) -> None:
    """Unit rule: hedges mark the attribution whose content holds them, or make a
    sourceless one."""
    text, unit, found = state.text, state.unit, state.found
    for m in state.hedges:
        if not _hedges_a_verb(text, m, unit[1]):
            continue
        holder = next((a for a in found if a.content[0] <= m.start() < a.content[1]), None)
        if holder is not None:
            holder.kinds.add("hedge")
            continue
        if state.quotes.containing(m.start()) is not None:
            continue
        if m.group().lower() in EVIDENTIALS:
            continue  # the writer's own inference, not someone's claim
        content = strip_range(text, *clause_around(text, m.start(), unit, state.quotes))
        if content is not None:
            found.append(Attribution(unit, content, m.span(), None, {"hedge"}))


def _hedges_a_verb(text: str, m: re.Match[str], end: int) -> bool:
    """ "is said to be": a hedge; "was said to him": speech, not a hedge."""
    if not m.group().lower().endswith(" to"):
        return True
    nxt = first_word(text, m.end(), min(end, m.end() + 30))
    return nxt is not None and nxt.group()[0].islower() and nxt.group().lower() not in NOT_VERBS
