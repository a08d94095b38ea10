"""The library: every article read before, searchable; `enter` reopens one.

Invariant: the screen only reads the store (in a thread worker) and opens an
article through `reader.document.load` in a thread too, so a slow disk or an
unreachable URL never freezes it; a source that cannot be loaded any more is
reported in one line and the library stays open. `r` refreshes a URL article
(`reader.library.refresh`, as `reader refresh` does) in a thread too, and says what
changed in one line. The reading screen restores
the saved position itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from reader.document.model import Document
from reader.errors import ReaderError
from reader.notes.model import Article
from reader.notes.store import NoteStore
from reader.safe_text import one_line
from reader.tui.panel.vlist import filter_key, focus_now
from reader.tui.widgets.footer import ReaderFooter

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

COLUMNS = ("Title", "Notes", "Last opened (UTC)", "Source")
"""Most wanted first (issue 14): at 80 columns the title and note count must show."""
TITLE_WIDTH = 48
"""Characters of a title shown at most (the rest is cut with an ellipsis)."""
SOURCE_WIDTH = 36
"""Characters of a source shown at most (its end: the file name matters most)."""
FIXED_CELLS = 2 + 7 + 19 + 2
"""Cells a table line needs besides the title and source: the title's padding, the
note count, the last-opened time (each with padding), the scroll bar."""
MIN_TITLE, MIN_SOURCE = 16, 12


def column_widths(width: int) -> tuple[int, int]:
    """``(title, source)`` characters for a screen ``width`` wide; a source 0 wide has no
    column: the title gets the room first, the source what is left, if that is enough."""
    room = width - FIXED_CELLS
    title = min(TITLE_WIDTH, max(MIN_TITLE, room))
    left = room - title - 2
    return title, (min(SOURCE_WIDTH, left) if left >= MIN_SOURCE else 0)


def _clip(text: str, width: int, keep_end: bool = False) -> str:
    if len(text) <= width:
        return text
    return "…" + text[-(width - 1) :] if keep_end else text[: width - 1] + "…"


class LibraryScreen(Screen[None]):
    """Articles with title, source, note count and last opened."""

    DEFAULT_CSS = """
    LibraryScreen #library-filter { margin: 0 1; }
    LibraryScreen DataTable { height: 1fr; }
    LibraryScreen #library-empty { margin: 1 2; color: $text-muted; }
    """
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("e", "ledger", "Ledger"),
        Binding("f", "feeds", "Feeds"),
        # Out of the footer (its keys and snapshots stay as they were); `?` and the palette
        # list it, the README's keys table too.
        Binding("s", "search_all", "Search everything", show=False),
        Binding("r", "refresh", "Fetch again, say what changed", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, db: str | None = None) -> None:
        """Show the articles of the store at `db` (default store when None)."""
        super().__init__()
        self.db = db
        self.store = NoteStore(db=db)
        self.articles: list[Article] = []
        self.counts: dict[str, int] = {}
        self.shown: list[Article] = []
        """The articles in the table, in row order."""
        self.widths = (TITLE_WIDTH, SOURCE_WIDTH)
        """Characters of title and source shown (see `column_widths`)."""

    def compose(self) -> ComposeResult:
        yield Header()
        # Not selected on focus: `/` and the letters after it arrive in one burst, the
        # first inserted before the focus event, which selected it for the next to replace.
        yield Input(
            placeholder="Filter by title or source (/)", id="library-filter", select_on_focus=False
        )
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-empty")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.title = "reader · library"
        self.widths = column_widths(self.app.size.width)
        self._set_columns([])  # the headings while the store is read
        self.query_one(DataTable).focus()
        self._load()

    def _set_columns(self, rows: list[list[Text | str]]) -> None:
        """The columns again, each as wide as its widest cell: set here, not measured by
        the table when it is next idle, which a table filled from a resize handler may
        not be before it paints (titles were cut to the width of "Title", CI)."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        shown = COLUMNS if self.widths[1] else COLUMNS[:-1]
        for index, label in enumerate(shown):
            width = max([len(label), *(cell_len(str(row[index])) for row in rows)])
            table.add_column(label, width=width)

    def on_resize(self, event: events.Resize) -> None:
        widths = column_widths(event.size.width)
        if widths != self.widths:
            self.widths = widths
            table = self.query_one(DataTable)
            row = table.cursor_row
            self._fill(self.query_one(Input).value, columns=True)
            table.move_cursor(row=row)

    def on_screen_resume(self) -> None:
        # Back from an article: its note count and last-opened time changed.
        if self.articles:
            self._load()

    @work(thread=True, exclusive=True, group="library-load")
    def _load(self) -> None:
        try:
            articles, counts = self.store.articles(), self.store.note_counts()
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=15)
            return
        self.app.call_from_thread(self._loaded, articles, counts)

    def _loaded(self, articles: list[Article], counts: dict[str, int]) -> None:
        self.articles, self.counts = articles, counts
        for warning in self.store.warnings:
            self.notify(warning, severity="warning", timeout=15)
        self._fill(self.query_one(Input).value, columns=True)
        if articles:
            self._prefetch_ledger()

    @work(thread=True, exclusive=True, group="ledger-prefetch", exit_on_error=False)
    def _prefetch_ledger(self) -> None:
        """The ledger's entity list read ahead, once (`e` then draws it at once; the
        ledger keeps it current itself)."""
        from reader.tui import ledger_memo

        if ledger_memo.known(self.db) is None:
            ledger_memo.prefetch(self.db)

    def _cells(self, article: Article) -> list[Text | str]:
        """An article's row: title, note count, last opened and, if it fits, source."""
        title_width, source_width = self.widths
        opened = article.last_opened[:16].replace("T", " ")
        # Text cells: a title is shown as written, never read as markup or escapes.
        title = Text(_clip(one_line(article.title) or "(untitled)", title_width))
        cells: list[Text | str] = [title, str(self.counts.get(article.id, 0)), one_line(opened)]
        if source_width:
            cells.append(Text(_clip(one_line(article.source), source_width, keep_end=True)))
        return cells

    def _fill(self, query: str, columns: bool = False) -> None:
        needle = query.casefold().strip()
        rows = [self._cells(article) for article in self.articles]
        table = self.query_one(DataTable)
        if columns:  # as wide as every article needs: they hold still while a filter is typed
            self._set_columns(rows)
        else:
            table.clear()
        self.shown = []
        for article, cells in zip(self.articles, rows, strict=True):
            if needle in article.title.casefold() or needle in article.source.casefold():
                self.shown.append(article)
                table.add_row(*cells)
        empty = self.query_one("#library-empty", Static)
        if not self.articles:
            empty.update("No articles yet. Open one with: reader PATH|URL")
        elif not self.shown:
            empty.update(Text(f"No article matches “{one_line(query)}”."))
        else:
            empty.update("")

    def action_feeds(self) -> None:
        """`f`: the subscribed feeds with their unread counts."""
        cast("ReaderApp", self.app).show_feeds()

    def action_ledger(self) -> None:
        """`e`: the ledger, every entity and claim across the library."""
        cast("ReaderApp", self.app).show_ledger()

    def action_search(self) -> None:
        """Focus the filter, before the next key (`/kremlin` typed fast: "e" is no ledger)."""
        focus_now(self.query_one(Input))

    def action_search_all(self) -> None:
        """`s`: search the notes, texts and claims of every article (issue 15)."""
        cast("ReaderApp", self.app).show_search()

    def action_refresh(self) -> None:
        """`r`: fetch the chosen URL article again (`reader refresh`), in a thread; what
        changed is one line."""
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self.shown):
            return
        article = self.shown[table.cursor_row]
        if not article.source.startswith(("http://", "https://")):
            self.notify(
                "r fetches an article read from a URL again; a file's edits show when "
                "you open it (its notes follow them).",
                severity="warning",
            )
            return
        self.notify(f"Fetching {one_line(article.title or article.source)} again…", timeout=3)
        self._refresh(article)

    @work(thread=True, exclusive=True, group="library-refresh", exit_on_error=False)
    def _refresh(self, article: Article) -> None:
        from reader.library.library import Library
        from reader.library.refresh import Refresher, summary

        library = Library(self.db)
        refresher = Refresher(library)
        try:
            result = refresher.refresh(article)
            refresher.finish()
        except ReaderError as error:
            line, bad = f"not refreshed: {error}", True
        except Exception as error:  # noqa: BLE001 - a bug here must never end the reading
            line, bad = f"not refreshed (internal error: {type(error).__name__})", True
        else:
            assert result is not None  # only `only_if_changed` gives None
            line, bad = summary(result), result.status == "error"
        finally:
            library.close()
        name = one_line(article.title or article.source)
        self.app.call_from_thread(
            self.notify, one_line(f"{name}: {line}"), severity="error" if bad else "information",
            timeout=10,
        )  # fmt: skip
        if not bad:
            self.app.call_from_thread(self._load)  # its title and time may have changed

    def on_key(self, event: events.Key) -> None:
        """Keys typed in one burst land in order (`vlist.filter_key`)."""
        search = self.query_one(Input)
        filter_key(
            event,
            search,
            self.focused is search,  # not `has_focus`: that follows a message later
            open_search=self.action_search,
            back=self.action_back,
            to_list=lambda: focus_now(self.query_one(DataTable)),
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """`enter` in the filter opens the one match, else goes to the table."""
        if len(self.shown) == 1:
            self._choose(self.shown[0])
        focus_now(self.query_one(DataTable))

    def action_back(self) -> None:
        """`escape`: clear the filter, else go back to the article this was opened from."""
        search = self.query_one(Input)
        if search.value or self.focused is search:  # not `has_focus`: a message behind
            search.value = ""
            focus_now(self.query_one(DataTable))
        elif len(self.app.screen_stack) > 1 and self.app.screen is self:
            self.app.pop_screen()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self._choose(self.shown[event.cursor_row])

    def _choose(self, article: Article) -> None:
        if article.source in ("", "-"):
            # Reading stdin here would read the terminal: say how to reopen it instead.
            self.notify(
                "This article came from standard input: pipe it again (reader - < FILE); "
                "its notes and place come back.",
                severity="warning",
            )
            return
        self.notify(f"Opening {article.title or article.source}…")
        self._open(article)

    @work(thread=True, exclusive=True, group="library-open")
    def _open(self, article: Article) -> None:
        from reader.document import load
        from reader.notes.peek import saved_position

        try:
            document = load(article.source)
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=15)
            return
        position = saved_position(self.db, article.source, document.text)
        if not get_current_worker().is_cancelled:  # a later enter chose another article
            self.app.call_from_thread(self._show, document, article.source, position)

    def _show(self, document: Document, origin: str, position: int) -> None:
        if self.app.screen is not self:
            return  # the reader went elsewhere while it loaded
        cast("ReaderApp", self.app).open_article(document, origin, position)
