"""Unit rule: a unit that is only a quotation continues the speaker of the unit before.

'"We are ready," Lopez said. "The season starts now."': the second sentence
has no cue; it is Lopez's too. Only when the unit found nothing else, the
previous unit named a source, no paragraph break lies between and the unit
opens with a quotation mark.
"""

from __future__ import annotations

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import is_quote_mark
from reader.analysis.claims.state import UnitState


def rule(state: UnitState) -> None:
    """Add the continued quotation, sourced like the unit before's last attribution."""
    previous, text, unit = state.previous, state.text, state.unit
    if state.found or not previous or previous[-1].source_span is None:
        return
    before = previous[-1].unit
    if "\n\n" in text[before[1] : unit[0]] or not is_quote_mark(text[unit[0]]):
        return
    inner = state.quotes.within(*unit)
    if not inner:
        return
    content = (inner[0][0], inner[-1][1])
    state.found.append(
        Attribution(unit, content, None, previous[-1].source_span, {"quote", "continued"})
    )
