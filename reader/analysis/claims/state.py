"""The state the claim rules share while one unit is read.

Invariant: `found` holds the unit's attributions in the order the rules
added them; `add` keeps out an attribution whose cue lies inside an earlier
one's source (the "Said" of a name), so no rule needs to check that itself.
A rule may change an earlier attribution only as its docstring says (a
coordinated cue cuts the previous content short; a hedge tags its holder; a
quotation continued grows the previous unit's quotation over this unit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.analysis.claims.attribution import Attribution, QuoteIndex
from reader.analysis.claims.cues import Cues
from reader.span import Span


@dataclass(slots=True, init=False)
class UnitState:
    """One unit being read: the text around it and what the rules found so far."""

    text: str
    """The document text; every offset indexes it."""
    unit: Span
    """The unit (sentence or sentences) the rules look at."""
    cues: Cues
    """The compiled cue patterns and verb meanings."""
    quotes: QuoteIndex
    """The document's quotations."""
    previous: list[Attribution]
    """What the unit before produced (a bare quotation continues its speaker)."""
    found: list[Attribution]
    """This unit's attributions so far."""
    hedges: list[re.Match[str]]
    """Hedge cues ("allegedly") set aside until every other cue has been read."""

    # An `__init__` of our own (`init=False`): the one `dataclass` writes is Python that
    # the compiled build calls as such (0.2-0.5 us an object, tens of thousands a book).
    def __init__(
        self,
        text: str,
        unit: Span,
        cues: Cues,
        quotes: QuoteIndex,
        previous: list[Attribution],
        found: list[Attribution] | None = None,
        hedges: list[re.Match[str]] | None = None,
    ) -> None:
        self.text = text
        self.unit = unit
        self.cues = cues
        self.quotes = quotes
        self.previous = previous
        self.found = [] if found is None else found
        self.hedges = [] if hedges is None else hedges

    def add(self, att: Attribution | None) -> None:
        """Keep `att` unless it is None or its cue lies inside a recent source."""
        if att is not None and (not self.found or not self._overlaps_cue(att)):
            self.found.append(att)

    def _overlaps_cue(self, att: Attribution) -> bool:
        """True when `att`'s cue lies inside an earlier attribution's source (a name like
        "Said")."""
        return any(
            a.source_span and att.cue and a.source_span[0] <= att.cue[0] < a.source_span[1]
            for a in self.found[-3:]
        )
