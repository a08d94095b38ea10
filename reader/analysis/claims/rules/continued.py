"""Unit rule: a unit that is only a quotation continues the speaker of the unit before.

'"We are ready," Lopez said. "The season starts now."': the second sentence
has no cue; it is Lopez's too. Only when the unit found nothing else, the
previous unit named a source, no paragraph break lies between and the unit
opens with a quotation mark. When the unit before was itself a quotation
with its cue, the two are one quotation split by the attribution: that
attribution grows to hold both (content, unit), rather than a second claim
being made ('"A," she said. "B."' is one claim, as annotators mark it),
unless the attribution says a new statement follows ('..., adding. "B."').
The grown record is also this unit's, so a third part continues it again.
"""

from __future__ import annotations

import re

from reader.analysis.claims.attribution import Attribution
from reader.analysis.claims.phrases import is_quote_mark
from reader.analysis.claims.state import UnitState

SPLIT_WORDS = 30
"""Most words of the attribution between the parts of a split quotation."""
_GOES_ON = frozenset({"add", "adds", "added", "adding", "continued", "continuing", "went"})
"""Words saying that what follows is a new statement ('..., adding: "..."')."""
_WORDS = re.compile(r"[\w'\u2019-]+")


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
    last = previous[-1]
    between = _WORDS.findall(text, last.content[1], content[0])
    if (
        is_quote_mark(text[last.content[0]])
        and last.cue is not None
        and len(between) <= SPLIT_WORDS
        and not _GOES_ON.intersection(w.lower() for w in between)
    ):
        # '"We are ready," Lopez said. "The season starts now."': one quotation, split
        last.content = (last.content[0], content[1])
        last.unit = (last.unit[0], unit[1])
        state.found.append(last)  # the same record: a third part continues it again
        return
    state.found.append(Attribution(unit, content, None, last.source_span, {"quote", "continued"}))
