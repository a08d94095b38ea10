"""Fast lookup of the spans that overlap a range, and plain-text search.

Invariant: spans are half-open ``(start, end)`` offsets into one text, kept
sorted by start; queries never scan the spans that end before the range
(a running maximum of ends makes that a bisect). No Textual import.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate


class SpanIndex:
    """Sorted half-open spans with overlap queries in O(log n + hits)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        """Index ``spans`` (any order; empty spans are kept but never overlap)."""
        self.spans: list[tuple[int, int]] = sorted(spans)
        self._starts = [s for s, _ in self.spans]
        self._reach = list(accumulate((e for _, e in self.spans), max))

    def __len__(self) -> int:
        return len(self.spans)

    def indices(self, start: int, end: int) -> Iterator[int]:
        """Yield the indices (into `spans`) of spans with ``s < end`` and ``e > start``."""
        spans = self.spans
        for i in range(bisect_right(self._reach, start), bisect_left(self._starts, end)):
            if spans[i][1] > start:
                yield i

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """Yield the spans ``(s, e)`` with ``s < end`` and ``e > start``, by start."""
        spans = self.spans
        for i in self.indices(start, end):
            yield spans[i]

    def first_at_or_after(self, offset: int) -> int:
        """Index of the first span starting at or after ``offset`` (may be ``len``)."""
        return bisect_left(self._starts, offset)

    def last_before(self, offset: int) -> int:
        """Index of the last span starting before ``offset`` (-1 if none)."""
        return bisect_left(self._starts, offset) - 1


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Find every occurrence of ``query`` in ``text``.

    Smart case, as in vim and less: a query with no capital letter matches any
    case. Runs of whitespace in the query match any whitespace, so a phrase
    is found across a hard line break.

    Args:
        text: The text to search.
        query: What the reader typed.

    Returns:
        The (start, end) offsets of each non-overlapping match, in order.
    """
    words = query.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    return [m.span() for m in re.finditer(pattern, text, flags)]


def sentence_index_at(starts: Sequence[int], offset: int) -> int:
    """Index of the sentence (by sorted starts) holding or preceding ``offset``."""
    return max(0, bisect_right(starts, offset) - 1)
