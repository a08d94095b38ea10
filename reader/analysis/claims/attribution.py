"""Attribution records: what one cue says about a unit, before ids are given.

Invariant: every `Attribution` lies inside the unit it came from: its
`content` and `cue` are inside `unit`, and so is its `source_span` except for
a quotation continued from the previous unit, whose source is that unit's.
`QuoteIndex` answers position questions over sorted, non-overlapping
quotations.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reader.span import Span


@dataclass(slots=True, init=False)
class Attribution:
    """One attribution found in a unit, before ids and entities are assigned."""

    unit: Span
    """The unit (sentence or sentences) holding it."""
    content: Span
    """What is claimed."""
    cue: Span | None
    """The reporting words."""
    source_span: Span | None
    """The words naming the source."""
    kinds: set[str]
    """Cue kinds seen: say, report, hedge, opinion, deny, quote, continued."""

    # An `__init__` of our own (`init=False`): the one `dataclass` writes is Python that
    # the compiled build calls as such (0.2-0.5 us an object, tens of thousands a book).
    def __init__(
        self,
        unit: Span,
        content: Span,
        cue: Span | None,
        source_span: Span | None,
        kinds: set[str] | None = None,
    ) -> None:
        self.unit = unit
        self.content = content
        self.cue = cue
        self.source_span = source_span
        self.kinds = set() if kinds is None else kinds

    def __reduce__(self) -> tuple[type[Attribution], tuple[object, ...]]:
        """Pickled by its fields (the compiled class has no argument-free constructor)."""
        return (Attribution, (self.unit, self.content, self.cue, self.source_span, self.kinds))


class QuoteIndex:
    """Fast "is this offset inside a quotation?" over sorted quotation ranges."""

    def __init__(self, quotes: Sequence[Span]) -> None:
        """Index `quotes`, sorted and not overlapping."""
        self.quotes = list(quotes)
        self.starts = [q[0] for q in self.quotes]

    def containing(self, pos: int) -> Span | None:
        """The quotation strictly containing `pos`, if any."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1] - 1:
            return self.quotes[i]
        return None

    def within(self, start: int, end: int) -> list[Span]:
        """The quotations lying inside `start..end`."""
        i = bisect_right(self.starts, start - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i][0] < end:
            if self.quotes[i][1] <= end:
                out.append(self.quotes[i])
            i += 1
        return out


def next_char(text: str, pos: int, limit: int) -> str:
    """The first non-space character at or after `pos`, or "" at the limit."""
    while pos < limit and text[pos].isspace():
        pos += 1
    return text[pos] if pos < limit else ""


def prev_char(text: str, pos: int, floor: int) -> str:
    """The last non-space character before `pos`, or "" at the floor."""
    pos -= 1
    while pos >= floor and text[pos].isspace():
        pos -= 1
    return text[pos] if pos >= floor else ""
