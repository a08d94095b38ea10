"""The reading screen: header, article, side panel slot, status line, footer.

Invariant: the screen owns no reading state; the `ArticleView` holds the
place (offsets) and the screen only shows it (percent, search status) and
opens the modal screens (contents, help).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from reader.document.model import BlockKind, Document
from reader.safe_text import one_line
from reader.tui.panel.legend import HINT_SETTING, legend_hint
from reader.tui.panel.tabs.entities import EntityList
from reader.tui.panel.wiring import ReadingBody
from reader.tui.screens.toc import TocEntry, TocScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.header_fit import fit_header

Found = tuple[str, list[tuple[int, int]], int]
"""A library search's query, its matches in the article and the offset of the one chosen
(see `ArticleView.show_matches`)."""


class ReadingScreen(Screen[None]):
    """One document, read with the keyboard."""

    HELP_TITLE = "Reading screen (any pane)"
    """The heading of this screen's keys in the help."""
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("t", "contents", "Contents"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, document: Document, found: Found | None = None) -> None:
        """Read ``document``; ``found``: matches to show and step through (`n` / `N`)."""
        super().__init__()
        self.document = document
        self.found = found
        # Titles come from the article: shown, never obeyed (no escape reaches the terminal).
        self.full_title = one_line(document.title or document.source or "reader")
        """The title in full; `title` is what the header has room for (see `fit_header`)."""
        self.header_parts = [one_line(part) for part in (document.date, document.source) if part]
        """Date, then source: what the header shows after the title, dropped last first."""
        self.title, self.sub_title = fit_header(self.full_title, self.header_parts, 1000)

    def compose(self) -> ComposeResult:
        yield Header()
        saved = getattr(self.app, "settings", {}).get("panel_width")
        width = saved if isinstance(saved, int) else None
        with ReadingBody(id="reading-body", panel_width=width):  # the side panel (issue 4)
            yield ArticleView(self.document, id="article")
            yield Vertical(id="side-panel")
        yield Input(placeholder="Search (enter: go, escape: cancel)", id="search")
        with Horizontal(id="status"):
            yield Static("", id="status-info")
            yield Static("", id="position")
        yield ReaderFooter()

    @property
    def article(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    def on_resize(self, event: events.Resize) -> None:
        self.title, self.sub_title = fit_header(
            self.full_title, self.header_parts, event.size.width
        )

    def on_mount(self) -> None:
        self.article.focus()
        self.watch(self.article, "scroll_y", self._show_position)
        self.watch(self.article, "virtual_size", self._show_position)
        if self.found is not None:
            self.call_after_refresh(self._show_found)

    def _show_found(self) -> None:
        if self.found is not None:
            query, matches, at = self.found
            self.article.show_matches(query, matches, at)

    def _show_position(self) -> None:
        article = self.article
        if not article.wrapped:  # a guess would be a wrong position: say it is coming
            self.query_one("#position", Static).update("…")
            return
        rows = article.virtual_size.height
        height = article.viewport_height
        if rows <= height:
            percent = 100
        else:
            percent = round(100 * min(1.0, article.scroll_y / (rows - height)))
        page = article.document.page_at(article.top_offset)  # PDFs: the page at the top
        shown = f"p. {page} · {percent}%" if page is not None else f"{percent}%"
        self.query_one("#position", Static).update(shown)

    # -- search -----------------------------------------------------------

    def action_search(self) -> None:
        """Open the search line at the bottom."""
        search = self.query_one("#search", Input)
        search.add_class("-active")
        search.value = ""
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close_search()
        query = event.value
        if query.strip() and not self.article.search(query):
            self.notify(f"Not found: {query}", severity="warning")

    def on_key(self, event: events.Key) -> None:
        search = self.query_one("#search", Input)
        if event.key == "escape" and search.has_focus:
            event.stop()
            self._close_search()

    def _close_search(self) -> None:
        self.query_one("#search", Input).remove_class("-active")
        self.article.focus()

    def on_article_view_matches_changed(self, event: ArticleView.MatchesChanged) -> None:
        info = self.query_one("#status-info", Static)
        if event.total:
            info.update(
                Text(f"/{one_line(event.query)}  match {event.current + 1} of {event.total}")
            )
        else:
            info.update("")

    def on_reading_body_analysed(self, event: ReadingBody.Analysed) -> None:
        """The first time the panel ever fills, say what its marks mean (once: the
        store's settings remember it; `?` has the whole legend)."""
        settings = getattr(self.app, "settings", None)
        remember = getattr(self.app, "remember", None)
        analysis = event.analysis
        if remember is None or settings is None or settings.get(HINT_SETTING):
            return
        if analysis.entities or analysis.claims:
            self.notify(legend_hint(), title="The side panel", timeout=15)
            remember(HINT_SETTING, True)

    def on_reading_body_panel_resized(self, event: ReadingBody.PanelResized) -> None:
        """Keep the chosen panel width for the next start (see `ReaderApp.remember`)."""
        event.stop()
        remember = getattr(self.app, "remember", None)
        if remember is not None:
            remember("panel_width", event.width)

    def on_entity_list_ledger_wanted(self, event: EntityList.LedgerWanted) -> None:
        """`l` on an entity in the panel: its claims across the library (the ledger)."""
        event.stop()
        show = getattr(self.app, "show_ledger", None)
        if show is not None:
            article = self.article_id()
            show(event.entity.name, (article, event.entity.id) if article else None)

    def article_id(self) -> str | None:
        """The note store's id of this article, once known (never, without notes)."""
        return None

    # -- verdicts: kept with notes (see `NotedReadingScreen.set_verdict`) -----

    def on_reading_body_verdict_wanted(self, event: ReadingBody.VerdictWanted) -> None:
        event.stop()
        self.set_verdict(event)

    def set_verdict(self, wanted: ReadingBody.VerdictWanted) -> None:
        """The verdict key on a screen without notes."""
        self.notify("Verdicts are kept with notes, which are off here.", timeout=3)

    # -- modal screens ----------------------------------------------------

    def action_contents(self) -> None:
        """Show the table of contents (headings), or say there is none."""
        text = self.document.text
        entries = [
            TocEntry(block.level or 1, one_line(text[block.start : block.end].strip()), block.start)
            for block in self.document.blocks
            if block.kind is BlockKind.HEADING
        ]
        if not entries:
            self.notify("This document has no headings, so no table of contents.")
            return
        self.app.push_screen(TocScreen(entries), self._jump)

    def _jump(self, offset: int | None) -> None:
        if offset is not None:
            self.article.scroll_to_offset(offset, center=False)
            self.article.move_cursor_to_offset(offset)
