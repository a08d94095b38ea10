"""Search in the article: the matches of the query and which one is current.

Invariant: matches are (start, end) offsets into the text, found with smart case
and across line breaks (`spans.find_matches`). Plain state, no Textual: the
`ArticleView` owns one, draws its matches (the current one in a layer of its own
above the others) and posts `MatchesChanged`.
"""

from __future__ import annotations

from bisect import bisect_left

from reader.tui.widgets.spans import find_matches


class ArticleSearch:
    """The current search over one text."""

    def __init__(self, text: str) -> None:
        """No search yet over `text`."""
        self.text = text
        self.query = ""
        """The search text."""
        self.matches: list[tuple[int, int]] = []
        """The matches, in text order."""
        self.current = -1
        """Index of the current match (-1: none)."""

    def find(self, query: str, after: int) -> int:
        """Search for `query` (an empty one clears the search); the index of the first
        match at or after offset `after` (wrapping), or -1 when there is none."""
        self.query = query
        self.matches = find_matches(self.text, query) if query.strip() else []
        self.current = -1
        if not self.matches:
            return -1
        return bisect_left(self.matches, (after, 0)) % len(self.matches)

    def use(self, query: str, matches: list[tuple[int, int]], after: int) -> int:
        """Take `matches` found elsewhere (the library search) as the matches of `query`;
        the index of the first at or after offset `after` (wrapping), or -1 if none."""
        self.query, self.matches, self.current = query, sorted(matches), -1
        if not self.matches:
            return -1
        return bisect_left(self.matches, (after, 0)) % len(self.matches)

    def go(self, index: int) -> tuple[int, int]:
        """Make match `index` the current one; its span."""
        self.current = index
        return self.matches[index]

    def step(self, step: int) -> int:
        """The index `step` matches from the current one (wrapping; -1: no matches)."""
        if not self.matches:
            return -1
        return (self.current + step) % len(self.matches)
