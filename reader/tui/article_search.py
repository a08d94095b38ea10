"""Search in the article view: every match highlighted, n/N to step.

Invariant: matches are (start, end) offsets into ``document.text``, found
with smart case and across line breaks (`spans.find_matches`); the current
match is a layer of its own above the others. Mixed into `ArticleView`,
which provides the document, the cursor, the layers and `MatchesChanged`.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from reader.tui.spans import find_matches


class SearchMixin:
    """Search state and actions for `ArticleView` (not a widget by itself)."""

    def init_search(self) -> None:
        """Start with no search."""
        self._query = ""
        self._matches: list[tuple[int, int]] = []
        self._match = -1

    @property
    def matches(self) -> list[tuple[int, int]]:
        """The current search's matches, in text order."""
        return self._matches

    def search(self: Any, query: str) -> int:
        """Highlight every match of ``query`` and go to the first after the cursor.

        Returns:
            The number of matches (an empty query clears the search).
        """
        self._query = query
        self._matches = find_matches(self.document.text, query) if query.strip() else []
        self._match = -1
        if not self._matches:
            self.clear_highlights("search")
            self.clear_highlights("search-current")
            self.post_message(self.MatchesChanged(query, -1, 0))
            return 0
        self.set_highlights("search", self._matches, "article-view--match")
        sentence_start = (
            self.document.sentences[self.cursor_sentence].start
            if self.cursor_sentence >= 0
            else self.top_offset
        )
        after = bisect_left(self._matches, (sentence_start, 0))
        self._go_to_match(after % len(self._matches))
        return len(self._matches)

    def _go_to_match(self: Any, index: int) -> None:
        self._match = index
        start, end = self._matches[index]
        self.set_highlights("search-current", [(start, end)], "article-view--match-current")
        self.move_cursor_to_offset(start)
        self.scroll_to_offset(start, center=True)
        self.post_message(self.MatchesChanged(self._query, index, len(self._matches)))

    def action_next_match(self: Any) -> None:
        """Go to the next search match (wrapping around)."""
        if self._matches:
            self._go_to_match((self._match + 1) % len(self._matches))
        else:
            self.notify("No search: press / to search.", severity="warning")

    def action_previous_match(self: Any) -> None:
        """Go to the previous search match (wrapping around)."""
        if self._matches:
            self._go_to_match((self._match - 1) % len(self._matches))
        else:
            self.notify("No search: press / to search.", severity="warning")
