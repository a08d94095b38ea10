"""The library-wide search screen: results as you type, `enter` opens one at its match.

Invariant: nothing slow runs on the event loop: the query runs in a thread worker
(debounced by `DELAY` after the last keystroke, exclusive, and a result that no
longer matches the typed query is dropped), and an article is loaded in a thread
too (a URL may be slow or gone: one line, the screen stays). Every piece of outside
text shown (titles, contexts, sources) is made terminal-safe; a bad query is a
status line, never an error dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.safe_text import one_line
from reader.tui.screens.dialog import on_top
from reader.tui.widgets.footer import ReaderFooter

if TYPE_CHECKING:
    from reader.document.model import Document
    from reader.search.rank import Hit
    from reader.tui.app import ReaderApp

DELAY = 0.2
"""Seconds after the last keystroke before the query runs."""
LIMIT = 50
"""Results shown at most."""
CONTEXT_WIDTH = 160
"""Characters of a result's context shown at most."""


def hit_prompt(hit: Hit) -> Text:
    """A result as two lines: kind and article; the context with the match in bold."""
    title = one_line(hit.title or hit.source or hit.article_id)
    head = Text.assemble((f"{hit.kind:<5} ", "bold"), (title, "italic"))
    if hit.kind == "claim":
        head.append(f"  · {one_line(hit.claim_source or 'unattributed')}", "dim")
    if hit.tags:
        head.append("  " + " ".join(f"#{one_line(t)}" for t in hit.tags[:6]), "dim")
    body = Text("  ")
    last = 0
    context = hit.context[:CONTEXT_WIDTH]
    for start, end in hit.marks:
        if start < last or end > len(context):
            continue
        body.append(one_line(context[last:start]))
        body.append(one_line(context[start:end]), "bold reverse")
        last = end
    body.append(one_line(context[last:]))
    return Text("\n").join([head, body])


class SearchScreen(Screen[None]):
    """A query line over the results of `reader.search`."""

    DEFAULT_CSS = """
    SearchScreen #search-query { margin: 0 1; }
    SearchScreen #search-results { height: 1fr; }
    SearchScreen #search-status { margin: 0 2; color: $text-muted; height: 1; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+f", "focus_query", "Query"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    def __init__(self, db: str | None = None) -> None:
        """Search the index of the store at `db` (the default store when None)."""
        super().__init__()
        self.db = db
        self.hits: list[Hit] = []
        """The results shown, in row order."""
        self.query_text = ""
        """The query the results are for."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder='Search notes, texts and claims: words, "a phrase", #tag', id="search-query"
        )
        yield OptionList(id="search-results")
        yield Static("Type to search everything you have read.", id="search-status")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.title = "reader · search"
        self.query_one(Input).focus()

    # -- typing -----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DELAY, lambda: self._search(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """`enter` in the query: search now, then go to the results."""
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        if event.value != self.query_text:
            self._search(event.value)
        if (parts := self._parts()) is not None:
            parts[1].focus()

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        from reader.search import QueryError, search

        if not query.strip():
            self.app.call_from_thread(self._show, query, [], "Type to search.")
            return
        try:
            found = search(self.db, query, limit=LIMIT)
        except QueryError as error:
            self.app.call_from_thread(self._show, query, [], str(error))
            return
        except (ReaderError, OSError) as error:
            self.app.call_from_thread(self._show, query, [], f"Cannot search: {error}")
            return
        for warning in found.warnings:
            self.app.call_from_thread(self.notify, warning, severity="warning", timeout=10)
        count = len(found.hits)
        status = f"{count}{'+' if count == LIMIT else ''} result(s)" if count else "No matches."
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, found.hits, status)

    def _parts(self) -> tuple[Input, OptionList] | None:
        """The query line and the results, or None once they are gone: a key or a
        search's answer can come while the screen is being closed (monkey test)."""
        try:
            return self.query_one(Input), self.query_one(OptionList)
        except NoMatches:
            return None

    def _show(self, query: str, hits: list[Hit], status: str) -> None:
        parts = self._parts() if self.is_attached else None
        if parts is None or parts[0].value != query:
            return  # typed on since (a newer search is coming), or closing
        self.query_text, self.hits = query, hits
        results = parts[1]
        results.clear_options()
        results.add_options(Option(hit_prompt(hit)) for hit in hits)
        if hits:
            results.highlighted = 0
        self.query_one("#search-status", Static).update(Text(one_line(status)))

    # -- opening a result -------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.hits):
            self._choose(self.hits[event.option_index])

    def _choose(self, hit: Hit) -> None:
        if hit.source in ("", "-"):
            self.notify(
                "This article came from standard input: pipe it again (reader - < FILE).",
                severity="warning",
            )
            return
        self.notify(f"Opening {hit.title or hit.source}…")
        self._open(hit, self.query_text)

    @work(thread=True, exclusive=True, group="search-open")
    def _open(self, hit: Hit, query: str) -> None:
        from reader.document import load
        from reader.search import matches_in

        try:
            document = load(hit.source)
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=15)
            return
        matches = matches_in(document.text, query)
        if hit.kind != "text" and 0 <= hit.start < hit.end <= len(document.text):
            matches = sorted({*matches, (hit.start, hit.end)})  # the note or claim itself
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._read, document, hit, (query, matches, hit.start))

    def _read(self, document: Document, hit: Hit, found: Any) -> None:
        if self.app.screen is not self:
            return  # the reader went elsewhere while it loaded
        position = hit.start if 0 <= hit.start < len(document.text) else 0
        cast("ReaderApp", self.app).open_article(document, hit.source, position, found)

    # -- keys --------------------------------------------------------------------------

    def action_focus_query(self) -> None:
        """Back to the query line."""
        if (parts := self._parts()) is not None:
            parts[0].focus()

    def action_back(self) -> None:
        """`escape`: from the results to the query, else back to the library."""
        parts = self._parts()
        if parts is not None and parts[1].has_focus:
            parts[0].focus()
        elif on_top(self) and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
