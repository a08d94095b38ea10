"""The reading screen: header, article, side panel slot, status line, footer.

Invariant: the screen owns no reading state; the `ArticleView` holds the
place (offsets) and the screen only shows it (percent, search status) and
opens the modal screens (contents, help).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static
from textual.worker import WorkerState

from reader.document.model import BlockKind, Document
from reader.errors import InputError
from reader.safe_text import one_line
from reader.tui.panel.wiring import ReadingBody
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.header_fit import fit_header
from reader.tui.widgets.layout import Layout
from reader.tui.widgets.search_line import SearchLine

if TYPE_CHECKING:  # the panel's modules load with the panel (after a long book's first frame)
    from textual.widget import AwaitMount
    from textual.worker import Worker

    from reader.analysis.model import Analysis
    from reader.tui.panel.early_child import EarlyChild
    from reader.tui.panel.tabs.entities import EntityList


class ArticleBody(ReadingBody):
    """The reading body; with only the head of a book in, the analysis waits for the
    whole text (the screen starts it then: analysing the head would be thrown away).

    The whole document is analysed as soon as it is read, while its text is still
    being wrapped; its result fills the panel once the view shows that text (the
    spans index the whole document, not the head)."""

    def __init__(self, *children: Widget, **options: Any) -> None:
        super().__init__(*children, **options)
        self._analysing: Document | None = None
        self.settled = False
        """Whether the analysis has ended (done or failed)."""
        self._on_settled: list[Callable[[], object]] = []

    def start_analysis(self, document: Document) -> None:
        if self.article.rest.loading and document is self.article.document:  # the head
            self.start_child_early()
            self.when_panel(lambda: self.panel.loading(document.title))
        elif document is not self._analysing:  # once: while it is wrapped, then installed
            # at once, the panel mounted or not (its mount holds the loop a quarter second)
            self._analysing = document
            super().start_analysis(document)

    def _analysed(self, analysis: Analysis) -> None:
        self.article.rest.when_loaded(lambda: super(ArticleBody, self)._analysed(analysis))

    class PanelShown(Message):
        """The panel is laid out on screen with an analysis in it (the host may explain
        its marks: at 80 columns the panel first shows when the reader presses `p`)."""

    def _lay_out(self, width: int) -> None:
        super()._lay_out(width)
        if self.analysis is not None and self.query_one("#side-panel").has_class("-visible"):
            self.post_message(self.PanelShown())

    def when_settled(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the analysis has ended (now, if it has): background work
        that can wait (the search index) must not compete with it for the cores."""
        if self.settled:
            callback()
        else:
            self._on_settled.append(callback)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Not when stopped: a newer analysis replaced it, or the reading is closing.
        if event.worker.group == "analysis" and event.state in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            self.settled = True
            waiting, self._on_settled = self._on_settled, []
            for callback in waiting:
                callback()


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

    def __init__(
        self,
        document: Document,
        found: Found | None = None,
        *,
        whole: Callable[[], Document] | None = None,
        early: EarlyChild | None = None,
    ) -> None:
        """Read ``document``; ``found``: matches to show and step through (`n` / `N`);
        with ``whole``, ``document`` is the head of a long article and ``whole()`` loads
        all of it (in a thread, after the first frame); ``early``: the whole article's
        analysis child, started at the first frame (`reader.tui.panel.early_child`)."""
        super().__init__()
        self.whole = whole
        self.early = early
        self.found = found
        self._search_mount: AwaitMount | None = None
        self.typed_ahead: list[events.Key] | None = None
        """While `/` waits for the search line to mount: the keys typed after it, which
        `ReaderApp` holds here for the line (none may act on the article meanwhile)."""
        self.adopt(document)

    def adopt(self, document: Document) -> None:
        """Show ``document``'s title, date and source in the header."""
        self.document = document
        # Titles come from the article: shown, never obeyed (no escape reaches the terminal).
        self.full_title = one_line(document.title or document.source or "reader")
        """The title in full; `title` is what the header has room for (see `fit_header`)."""
        self.header_parts = [one_line(part) for part in (document.date, document.source) if part]
        """Date, then source: what the header shows after the title, dropped last first."""
        width = self.size.width if self.is_mounted else 1000
        self.title, self.sub_title = fit_header(self.full_title, self.header_parts, width)

    def compose(self) -> ComposeResult:
        yield Header()
        saved = getattr(self.app, "settings", {}).get("panel_width")
        width = saved if isinstance(saved, int) else None
        # The side panel (issue 4).
        with ArticleBody(id="reading-body", panel_width=width, early=self.early):
            article = ArticleView(self.document, id="article")
            article.rest.loading = self.whole is not None
            yield article
            yield Vertical(id="side-panel")
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
        self.call_after_refresh(self._search_line)
        self.watch(self.article, "scroll_y", self._show_position)
        self.watch(self.article, "virtual_size", self._show_position)
        if self.found is not None:
            self.call_after_refresh(self._show_found)

    def _show_found(self) -> None:
        if self.found is not None:
            query, matches, at = self.found
            self.article.show_matches(query, matches, at)

    def first_frame_shown(self) -> None:
        """The first frame is on the terminal (`ReaderApp.on_ready`): load the rest now.

        Not before: decoding and copying 30 MB hold the interpreter for tens of
        milliseconds at a time, which would delay the very frame the head is for.
        """
        if self.whole is not None and self.article.rest.loading:
            self._load_whole(self.whole)

    # -- the whole text, after the first frame (see `reader.document.head`) -----

    @work(thread=True, group="whole-text", exit_on_error=False, description="load")
    def _load_whole(self, whole: Callable[[], Document]) -> None:
        try:
            document = whole()
        except InputError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=30)
            return
        # Analysed meanwhile: the wrap below takes a core-second on a 30 MB text. The
        # width is read there too: this thread must not walk the DOM (the panel may be
        # mounting). If it changes before the install, the view wraps again.
        try:
            width = self.app.call_from_thread(self._analyse_whole, document)
            layout = Layout(document.text, document.blocks, width)
            self.app.call_from_thread(self.whole_loaded, document, layout)
        except Exception as error:  # noqa: BLE001 - a bug must not leave "…" unexplained
            if self.app.is_running:
                message = f"internal error showing the rest of the text ({type(error).__name__})"
                self.app.call_from_thread(self.notify, message, severity="error", timeout=30)

    def _analyse_whole(self, document: Document) -> int:
        """Start the analysis of the whole `document`; the text width to wrap it at."""
        self.query_one(ArticleBody).start_analysis(document)
        return self.article.text_width

    def whole_loaded(self, document: Document, layout: Layout) -> None:
        """The whole text is in: show it in place of the head, then analyse it."""
        self.adopt(document)
        self.article.install_document(document, layout)
        self.query_one(ArticleBody).start_analysis(document)

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

    def _search_line(self) -> AwaitMount | None:
        """Mount the search line (once): after the first frame (an `Input` and its styles
        were about a third of the CPU from `App.run` to that frame), or when `/` comes
        before that (the line opens once mounted)."""
        if self._search_mount is None and self.is_attached:
            search = SearchLine(
                self._submit_search,
                self._close_search,
                placeholder="Search (enter: go, escape: cancel)",
                id="search",
            )
            self._search_mount = self.mount(search, before="#status")
        return self._search_mount

    def action_search(self) -> None:
        """Open the search line at the bottom. Keys typed in a burst after `/` (a fast
        typist, a paste) go into it: focus moves at once, not after the keys already
        queued, and until the line is mounted they wait in `typed_ahead`."""
        found = self.query("#search")
        if found and found.first().is_mounted:
            self._open_search()
        elif self.typed_ahead is None:
            self.typed_ahead = []
            self.run_worker(self._open_search_mounted(), group="search-line")

    async def _open_search_mounted(self) -> None:
        mounting = self._search_line()
        try:
            if mounting is not None:
                await mounting
        finally:
            typed, self.typed_ahead = self.typed_ahead or [], None
        if mounting is not None:
            self._open_search()
            for key in typed:  # sent again, in order, to the line now focused
                self.app.post_message(events.Key(key.key, key.character))

    def _open_search(self) -> SearchLine:
        search = self.query_one("#search", SearchLine)
        search.open()
        self.set_focus(search)  # now: `Widget.focus` waits for the keys already queued
        return search

    def _submit_search(self, query: str) -> None:
        """Enter in the search line (see `SearchLine`): close it, then search."""
        self._close_search()
        if query.strip():
            if self.article.rest.loading:
                shown = Text(f"/{one_line(query)}  loading…")
                self.query_one("#status-info", Static).update(shown)
            self.article.rest.when_loaded(lambda: self._search(query))

    def _search(self, query: str) -> None:
        if not self.article.search(query):
            self.notify(f"Not found: {one_line(query)}", severity="warning")

    def _close_search(self) -> None:
        for search in self.query("#search").results(SearchLine):
            search.close()
        self.set_focus(self.article)  # now: keys typed after enter go to the article

    def on_article_view_matches_changed(self, event: ArticleView.MatchesChanged) -> None:
        info = self.query_one("#status-info", Static)
        if event.total:
            info.update(
                Text(f"/{one_line(event.query)}  match {event.current + 1} of {event.total}")
            )
        else:
            info.update("")

    def on_reading_body_analysed(self, event: ReadingBody.Analysed) -> None:
        self._explain_panel(event.analysis)

    def on_article_body_panel_shown(self, event: ArticleBody.PanelShown) -> None:
        body = self.query_one(ArticleBody)
        if body.analysis is not None:
            self._explain_panel(body.analysis)

    def _explain_panel(self, analysis: Analysis) -> None:
        """The first time the panel is on screen with marks in it, say what they mean
        (once: the store's settings remember it; `?` has the whole legend)."""
        from reader.tui.panel.legend import HINT_SETTING, legend_hint

        settings = getattr(self.app, "settings", None)
        remember = getattr(self.app, "remember", None)
        if remember is None or settings is None or settings.get(HINT_SETTING):
            return
        body = self.query_one(ReadingBody)
        if not (body.panel_view if body.narrow else body.panel_open):
            return  # not on screen (80 columns: it takes turns): once `p` shows it
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
        if self.article.rest.loading:
            self.notify("Loading the contents…", timeout=2)
            self.article.rest.when_loaded(self.action_contents)
            return
        from reader.tui.screens.toc import TocEntry, TocScreen  # with the first `t`

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
