"""The article view: keys, the sentence cursor, the selection and search.

Invariant: the reader's place is a text offset (the sentence cursor, the top
row's offset), never a row; rows are recomputed from offsets after every
re-wrap. Drawing lives in `ArticleCanvas`.
"""

from __future__ import annotations

from bisect import bisect_left

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var

from reader.document.model import Document
from reader.tui.widgets.article_canvas import MARGIN, ArticleCanvas
from reader.tui.widgets.article_search import ArticleSearch
from reader.tui.widgets.late_text import PendingKeys, install
from reader.tui.widgets.layout import SEPARATOR, Layout, prefix_width
from reader.tui.widgets.row_render import StyledSpan
from reader.tui.widgets.spans import sentence_index_at


class ArticleView(ArticleCanvas, can_focus=True):
    """A fast, keyboard-driven view of one `Document` on Textual's Line API.

    Only visible rows are drawn (`render_line`), from a cache of strips; words
    wrap at the view width and re-wrap on resize keeping the top offset.

    Extension points for the panels and notes built on it:

    - ``set_highlights(layer, spans, component)`` / ``clear_highlights(layer)``:
      named layers of ``(start, end)`` spans drawn with a component class
      (declare new ones in a subclass's ``COMPONENT_CLASSES`` or use the
      declared ``article-view--person|org|place|other|claim|claim-selected``).
      Drawn bottom to top in `LAYER_ORDER` ("mention", "claim", "note",
      "search", "search-current"; "mention-org" ranks with "mention"), then
      unknown layers in arrival order; all above inline styles, the sentence
      cursor and the selection. Later layers win where they set the same
      attribute.
    - ``set_marks(spans)``: a mark in the 2-column left margin of every row
      overlapping one of the spans (e.g. sentences with a note).
    - ``scroll_to_offset(offset, *, center=True)`` and
      ``move_cursor_to_offset(offset)``.
    - ``cursor_sentence``: index into ``document.sentences`` (-1 when the
      document has none); `ArticleView.CursorMoved` is posted when it moves.
    - ``selection``: ``(start, end)`` or None; ``v`` starts a selection at the
      cursor, J/K/j/k extend it, escape ends it; `SelectionChanged` is posted.
    """

    COMPONENT_CLASSES = {
        "article-view--heading",
        "article-view--heading-1",
        "article-view--heading-2",
        "article-view--heading-3",
        "article-view--quote",
        "article-view--quote-bar",
        "article-view--list-item",
        "article-view--list-marker",
        "article-view--code",
        "article-view--rule",
        "article-view--emphasis",
        "article-view--strong",
        "article-view--inline-code",
        "article-view--link",
        "article-view--cursor",
        "article-view--selection",
        "article-view--match",
        "article-view--match-current",
        "article-view--mark",
        "article-view--person",
        "article-view--org",
        "article-view--place",
        "article-view--other",
        "article-view--claim",
        "article-view--claim-selected",
        "article-view--note",
    }

    HELP_TITLE = "Article"
    """The heading of these keys in the help."""
    BINDINGS = [
        Binding("down,j", "line_down", "Line down", show=False),
        Binding("up,k", "line_up", "Line up", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("ctrl+d", "half_page_down", "Half page down", show=False),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "End", show=False),
        Binding("J,right_parenthesis", "next_sentence", "Next sentence"),
        Binding("K,left_parenthesis", "previous_sentence", "Previous sentence", show=False),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("v", "toggle_selection", "Select", show=False),
        Binding("escape", "clear", "Clear selection/search", show=False),
    ]

    cursor_sentence: var[int] = var(-1, init=False)
    """Index of the sentence under the cursor in ``document.sentences`` (-1: none)."""

    class CursorMoved(Message):
        """The sentence cursor moved to ``document.sentences[index]``."""

        def __init__(self, index: int, start: int, end: int) -> None:
            super().__init__()
            self.index, self.start, self.end = index, start, end
            """The sentence's index, its first offset and the offset just past it."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.CursorMoved)

    class SelectionChanged(Message):
        """The selection changed; ``selection`` is ``(start, end)`` or None."""

        def __init__(self, selection: tuple[int, int] | None) -> None:
            super().__init__()
            self.selection = selection
            """The selected text range, or None when the selection ended."""

    class MatchesChanged(Message):
        """Search matches or the current match changed (for a status line)."""

        def __init__(self, query: str, current: int, total: int) -> None:
            super().__init__()
            self.query = query
            """The search text."""
            self.current = current
            """Index of the current match (-1: none)."""
            self.total = total
            """How many matches."""

    def __init__(self, document, **kwargs: object) -> None:  # type: ignore[no-untyped-def]
        """Show ``document`` (a `reader.document.model.Document`)."""
        super().__init__(document, **kwargs)
        self._sentence_starts = [s.start for s in document.sentences]
        self._anchor: int | None = None
        self.finder = ArticleSearch(document.text)
        """The search (see `search`)."""
        self.rest = PendingKeys()
        """Keys waiting for the whole text while only the head is in (see `late_text`)."""

    def install_document(self, document: Document, layout: Layout | None = None) -> None:
        """Show the whole ``document`` in place of its head (see `late_text.install`)."""
        install(self, document, layout)

    def adopt(self, document: Document, layout: Layout | None = None) -> None:
        """Show ``document`` from now on (its rows ``layout``, if wrapped already)."""
        self._adopt(document, layout)
        self._sentence_starts = [s.start for s in document.sentences]

    HORIZONTAL_ACTIONS = frozenset(
        {"scroll_left", "scroll_right", "page_left", "page_right", "scroll_home", "scroll_end"}
    )
    """Inherited scrolling actions with no meaning here (text wraps; g/G are ours)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the inherited horizontal scroll bindings from the footer, help and palette."""
        return action not in self.HORIZONTAL_ACTIONS

    # -- cursor and selection ---------------------------------------------

    def validate_cursor_sentence(self, index: int) -> int:
        if not self._sentence_starts:
            return -1
        return min(max(index, 0), len(self._sentence_starts) - 1)

    def watch_cursor_sentence(self, index: int) -> None:
        self.redraw()
        if index >= 0:
            sentence = self.document.sentences[index]
            self.post_message(self.CursorMoved(index, sentence.start, sentence.end))
        if self._anchor is not None:
            self.post_message(self.SelectionChanged(self.selection))

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected range ``(start, end)``, or None when nothing is selected."""
        if self._anchor is None or self.cursor_sentence < 0:
            return None
        first = self.document.sentences[min(self._anchor, self.cursor_sentence)]
        last = self.document.sentences[max(self._anchor, self.cursor_sentence)]
        return first.start, last.end

    def move_cursor_to_offset(self, offset: int) -> None:
        """Put the sentence cursor on the sentence holding (or preceding) ``offset``."""
        if self._sentence_starts:
            self.cursor_sentence = sentence_index_at(self._sentence_starts, offset)

    def base_spans(self, start: int, end: int) -> list[StyledSpan]:
        """The selection or, without one, the sentence cursor, as background spans."""
        span = self.selection
        component = "article-view--selection"
        if span is None and self.cursor_sentence >= 0:
            sentence = self.document.sentences[self.cursor_sentence]
            span, component = (sentence.start, sentence.end), "article-view--cursor"
        if span is None or span[1] <= start or span[0] >= end:
            return []
        return [(span[0], span[1], self.style_of(component))]

    def _show_cursor(self) -> None:
        sentence = self.document.sentences[self.cursor_sentence]
        first = self.layout.row_of(sentence.start)
        last = self.layout.row_of(max(sentence.start, sentence.end - 1))
        top, height = round(self.scroll_y), self.viewport_height
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=min(first, last - height + 1), animate=False, immediate=True)

    def _cursor_visible(self) -> bool:
        if self.cursor_sentence < 0:
            return False
        row = self.layout.row_of(self.document.sentences[self.cursor_sentence].start)
        top = round(self.scroll_y)
        return top <= row < top + self.viewport_height

    def _step_sentence(self, step: int) -> None:
        last = step > 0 and self.cursor_sentence >= len(self._sentence_starts) - step
        if self.rest.later(lambda: self._step_sentence(step), beyond=last):
            return
        if not self._sentence_starts:
            self.notify("This document has no sentences.", severity="warning")
            return
        if self._cursor_visible() or self._anchor is not None:
            self.cursor_sentence += step
        else:  # the reader scrolled away: start from what is on screen
            top = self.top_offset
            self.cursor_sentence = bisect_left(self._sentence_starts, top)
        self._show_cursor()

    def action_next_sentence(self) -> None:
        """Move the sentence cursor to the next sentence."""
        self._step_sentence(1)

    def action_previous_sentence(self) -> None:
        """Move the sentence cursor to the previous sentence."""
        self._step_sentence(-1)

    def action_toggle_selection(self) -> None:
        """Start a selection at the cursor sentence, or end the current one."""
        if self._anchor is None and self.cursor_sentence < 0:
            self._step_sentence(0)
        self._anchor = None if self._anchor is not None else self.cursor_sentence
        self.redraw()
        self.post_message(self.SelectionChanged(self.selection))

    def action_clear(self) -> None:
        """End the selection, or else clear search highlights (else pass the key on)."""
        if self._anchor is not None:
            self.action_toggle_selection()
        elif self.finder.matches:
            self.search("")
        else:
            raise SkipAction

    # -- search ------------------------------------------------------------

    @property
    def matches(self) -> list[tuple[int, int]]:
        """The current search's matches, in text order."""
        return self.finder.matches

    def search(self, query: str) -> int:
        """Highlight every match of ``query`` and go to the first after the cursor.

        While the whole text is loading the search waits for it (see `when_loaded`).

        Returns:
            The number of matches (an empty query clears the search).
        """
        if self.rest.later(lambda: self.search(query), beyond=True):
            return -1
        at = (
            self.document.sentences[self.cursor_sentence].start
            if self.cursor_sentence >= 0
            else self.top_offset
        )
        return self._show_first(self.finder.find(query, at), query)

    def show_matches(self, query: str, matches: list[tuple[int, int]], at: int) -> int:
        """Highlight `matches` (found by the library search for `query`) and go to the
        first at or after offset `at`; `n` / `N` then step through them."""
        return self._show_first(self.finder.use(query, matches, at), query)

    def _show_first(self, first: int, query: str) -> int:
        if first < 0:
            self.clear_highlights("search")
            self.clear_highlights("search-current")
            self.post_message(self.MatchesChanged(query, -1, 0))
            return 0
        self.set_highlights("search", self.finder.matches, "article-view--match")
        self._go_to_match(first)
        return len(self.finder.matches)

    def _go_to_match(self, index: int) -> None:
        start, end = self.finder.go(index)
        self.set_highlights("search-current", [(start, end)], "article-view--match-current")
        self.move_cursor_to_offset(start)
        self.scroll_to_offset(start, center=True)
        finder = self.finder
        self.post_message(self.MatchesChanged(finder.query, index, len(finder.matches)))

    def action_next_match(self) -> None:
        """Go to the next search match (wrapping around)."""
        self._step_match(1)

    def action_previous_match(self) -> None:
        """Go to the previous search match (wrapping around)."""
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        if self.rest.later(lambda: self._step_match(step), beyond=True):
            return
        index = self.finder.step(step)
        if index >= 0:
            self._go_to_match(index)
        else:
            self.notify("No search: press / to search.", severity="warning")

    # -- scrolling --------------------------------------------------------

    def _scroll_rows(self, rows: int) -> None:
        beyond = rows > 0 and round(self.scroll_y) + rows > self.max_scroll_y
        if self.rest.later(lambda: self._scroll_rows(rows), beyond=beyond):
            return
        self.scroll_to(y=max(0, round(self.scroll_y) + rows), animate=False, immediate=True)

    def action_line_down(self) -> None:
        """Scroll one line down (extends a selection by a row instead)."""
        if self._anchor is not None:
            self._extend_by_row(1)
        else:
            self._scroll_rows(1)

    def action_line_up(self) -> None:
        """Scroll one line up (extends a selection by a row instead)."""
        if self._anchor is not None:
            self._extend_by_row(-1)
        else:
            self._scroll_rows(-1)

    def _extend_by_row(self, step: int) -> None:
        sentence = self.document.sentences[self.cursor_sentence]
        layout = self.layout
        index = layout.row_of(sentence.end - 1 if step > 0 else sentence.start) + step
        while 0 < index < len(layout) - 1 and layout.row(index).block == SEPARATOR:
            index += step
        row = layout.row(min(max(index, 0), len(layout) - 1))
        self.move_cursor_to_offset(max(row.start, row.end - 1) if step > 0 else row.start)
        self._show_cursor()

    def action_page_down(self) -> None:
        """Scroll a screen down."""
        self._scroll_rows(self.viewport_height - 1)

    def action_page_up(self) -> None:
        """Scroll a screen up."""
        self._scroll_rows(-(self.viewport_height - 1))

    def action_half_page_down(self) -> None:
        """Scroll half a screen down."""
        self._scroll_rows(self.viewport_height // 2)

    def action_half_page_up(self) -> None:
        """Scroll half a screen up."""
        self._scroll_rows(-(self.viewport_height // 2))

    def action_top(self) -> None:
        """Go to the start of the document."""
        if self.rest.later(self.action_top):
            return
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        """Go to the end of the document (once the whole text is in)."""
        if self.rest.later(self.action_bottom, beyond=True):
            return
        end = max(0, len(self.layout) - self.viewport_height)
        self.scroll_to(y=end, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        """Put the sentence cursor on the clicked sentence."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        layout = self.layout
        index = round(self.scroll_y) + offset.y
        if index >= len(layout):
            return
        row = layout.row(index)
        column = offset.x - MARGIN
        if row.block >= 0:
            column -= prefix_width(self._blocks[row.block])
        self.move_cursor_to_offset(min(row.start + max(column, 0), max(row.start, row.end - 1)))
        self.focus()
