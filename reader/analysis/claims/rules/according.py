"""Cue rule: "according to X, ..." or "..., according to X"."""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import source_after, strip_range, words_in
from reader.analysis.claims.state import UnitState
from reader.span import Span

_ACCORDING = re.compile(r"according\s+to", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;.!?\u2014]")


def rule(state: UnitState, m: re.Match[str]) -> bool:
    """Handle an "according to" cue (an attribution when a source follows it)."""
    if m.end() - m.start() < 12 or not _ACCORDING.fullmatch(m.group()):
        return False  # the length first ("according to" has 12 characters or more)
    state.add(according_attribution(state.text, state.unit, m.span()))
    return True


def according_attribution(text: str, unit: Span, cue: Span) -> Attribution | None:
    """The content before the cue (three words or more), else the clause after its source."""
    start, end = unit
    source = source_after(text, cue[1], end, loose=True)
    if source is None:
        return None
    before = strip_range(text, start, cue[0])
    content: Span | None
    if before is not None and len(words_in(text, *before)) >= 3:
        content = before
    else:
        comma = _CLAUSE_END.search(text, source[1], end)
        content = strip_range(text, comma.end() if comma else source[1], end)
    if content is None:
        return None
    return Attribution(unit, content, cue, source, {"according"})
