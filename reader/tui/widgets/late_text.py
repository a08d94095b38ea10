"""The article view's head-first start: keys wait for the whole text, in order.

A long book opens on its head (`reader.document.head`) and the whole document
arrives from a thread a moment later (`install_document`). Until then
`ArticleView.rest.loading` is true, the position reads "…", and every key that needs the
rest (`G`, search, `n`, a scroll or a sentence step past the head's end) is
queued, and so is every key after it, so they run in the order typed once
the text is in.

Invariant: the place is kept as a text offset across the swap (the top row's
offset and the cursor sentence's start), so it never moves because the rest
arrived; a queued key acts on the whole document, never on the head.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.geometry import Size

from reader.document.model import Document
from reader.tui.widgets.article_search import ArticleSearch
from reader.tui.widgets.layout import Layout

if TYPE_CHECKING:
    from reader.tui.widgets.article_view import ArticleView


class PendingKeys:
    """The keys waiting for the whole text, in the order typed (one per `ArticleView`)."""

    def __init__(self) -> None:
        self.loading = False
        """True while the view shows only the head of the article (see `install`)."""
        self.actions: list[Callable[[], object]] = []
        """What waits, oldest first."""

    def when_loaded(self, action: Callable[[], object]) -> None:
        """Run ``action`` now, or once the whole text is in (in the order asked)."""
        if self.loading:
            self.actions.append(action)
        else:
            action()

    def later(self, action: Callable[[], object], *, beyond: bool = False) -> bool:
        """While loading, queue ``action`` if it goes ``beyond`` the head or follows one
        that did (keys keep their order); True if it was queued."""
        if self.loading and (beyond or self.actions):
            self.actions.append(action)
            return True
        return False

    def run(self) -> None:
        """The text is in: run what waited, in order."""
        self.loading = False
        actions, self.actions = self.actions, []
        for action in actions:
            action()


def install(view: ArticleView, document: Document, layout: Layout | None = None) -> None:
    """Replace the head ``view`` shows with the whole ``document``, keeping the place
    by offset; ``layout``: its rows, if a thread wrapped them already (used if the
    width still matches). Then the keys that were waiting for the rest run, in order.
    """
    top = view.top_offset
    cursor = view.cursor_sentence
    at = view.document.sentences[cursor].start if cursor >= 0 else None
    if layout is not None and layout.width != view.text_width:
        layout = None
    view.adopt(document, layout)
    view.finder = ArticleSearch(document.text)
    view.rest.loading = False
    rows = len(view.layout)
    view.virtual_size = Size(view.scrollable_content_region.width, rows)
    view.scroll_to_offset(min(top, len(document.text)), center=False)
    if at is not None:
        view.move_cursor_to_offset(at)
    view.redraw()
    view.rest.run()
