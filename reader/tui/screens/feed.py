"""The feed screen (a feed's items, read marks, `enter` reads one) and the feeds list.

Invariant: nothing here blocks the event loop: a feed is fetched, an item's article
loaded (its carried content, else its http(s) link through the document layer; no
other scheme is ever followed) and the read marks saved in thread workers; a failure
is one toast and the list stays. Every title, date and link is untrusted and shown
as `Text` through `one_line` (no markup, no control characters). Read marks of a
subscribed feed are kept in `feeds.json` (`Subscription.read`); of a feed opened by
its URL only, for this run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from reader.document.model import Document
from reader.errors import ReaderError
from reader.feeds.articles import item_article
from reader.feeds.model import Feed, Item
from reader.feeds.parse import read_feed
from reader.feeds.subscriptions import Subscription, Subscriptions, find
from reader.safe_text import one_line
from reader.tui.widgets.footer import ReaderFooter

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

TITLE_WIDTH = 70
"""Characters of an item's or a feed's title shown at most."""
UNREAD, READ = "●", " "


def _clip(text: str, width: int, *, keep_end: bool = False) -> str:
    text = one_line(text)
    if len(text) <= width:
        return text
    return "…" + text[-(width - 1) :] if keep_end else text[: width - 1] + "…"


def load_item(item: Item, feed_source: str) -> tuple[Document, str]:
    """An item's article and the source it is known by (see `reader.feeds.articles`).

    Raises:
        ReaderError: The item has nothing readable, or its page cannot be read.
    """
    from reader.document import load, load_text

    article = item_article(item, feed_source)
    if article.data is not None:
        return load_text(article.data, source=article.source), article.source
    return load(article.source), article.source


class FeedScreen(Screen[None]):
    """A feed's items, newest first, unread ones marked; `enter` reads one."""

    DEFAULT_CSS = """
    FeedScreen DataTable { height: 1fr; }
    FeedScreen #feed-empty { margin: 1 2; color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "open", "Read", show=False),
        Binding("u", "toggle_read", "Read/unread"),
        Binding("r", "reload", "Reload"),
        Binding("escape", "back", "Back", show=False),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, feed: Feed | None, source: str, *, db: str | None = None) -> None:
        """Show `feed` (read from `source` in a worker when None)."""
        super().__init__()
        self.feed = feed
        self.source = source
        self.db = db
        self.store = Subscriptions()
        self.read: set[str] = set()
        self.subscribed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="feed-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="feed-empty")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.title = "reader · feed"
        self.query_one(DataTable).add_columns("", "Date (UTC)", "Title")
        self.query_one(DataTable).focus()
        self._marks()
        if self.feed is None:
            self.query_one("#feed-empty", Static).update(Text("Reading the feed…"))
            self._fetch()
        else:
            self._fill()

    def _marks(self) -> None:
        try:
            subscription = find(self.store.load(), self.source)
        except ReaderError as error:
            self.notify(str(error), severity="warning", timeout=15)
            return
        if subscription is not None:
            self.subscribed = True
            self.read |= set(subscription.read)

    @work(thread=True, exclusive=True, group="feed-fetch")
    def _fetch(self) -> None:
        try:
            feed = read_feed(self.source)
        except ReaderError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._fetched, feed)

    def _failed(self, message: str) -> None:
        self.notify(message, severity="error", timeout=15)
        if self.feed is None:
            self.query_one("#feed-empty", Static).update(Text(one_line(message)))

    def _fetched(self, feed: Feed) -> None:
        self.feed = feed
        self._fill()

    def _fill(self) -> None:
        feed = self.feed
        if feed is None:
            return
        self.sub_title = _clip(feed.title or feed.source, TITLE_WIDTH)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in feed.items:
            mark = READ if item.id in self.read else UNREAD
            date = (item.date or "")[:16].replace("T", " ") or "-"
            title = _clip(item.title or item.link or "(untitled)", TITLE_WIDTH)
            table.add_row(mark, Text(date), Text(title))
        if feed.items:
            table.move_cursor(row=min(max(row, 0), len(feed.items) - 1))
        empty = "" if feed.items else "This feed has no items."
        self.query_one("#feed-empty", Static).update(empty)

    def _current(self) -> Item | None:
        if self.feed is None or not self.feed.items:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.feed.items[row] if 0 <= row < len(self.feed.items) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """`enter`: read the item's article (loaded in a worker)."""
        item = self._current()
        if item is None:
            return
        self.notify(f"Opening {item.title or item.link or 'the item'}…")
        self._open(item)

    @work(thread=True, exclusive=True, group="feed-open")
    def _open(self, item: Item) -> None:
        feed_source = self.feed.source if self.feed else self.source
        try:
            document, origin = load_item(item, feed_source)
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=15)
            return
        except Exception as error:  # noqa: BLE001 - a bug in one item never ends the reader
            name = type(error).__name__
            message = f"This item could not be read (internal error: {name})"
            self.app.call_from_thread(self.notify, message, severity="error", timeout=15)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, item, document, origin)

    def _show(self, item: Item, document: Document, origin: str) -> None:
        self._set_read(item, True)
        if self.app.screen is self:
            cast("ReaderApp", self.app).open_article(document, origin)

    def action_toggle_read(self) -> None:
        """`u`: mark the item read or unread."""
        item = self._current()
        if item is not None:
            self._set_read(item, item.id not in self.read)

    def _set_read(self, item: Item, read: bool) -> None:
        if read:
            self.read.add(item.id)
        else:
            self.read.discard(item.id)
        self._fill()
        if self.subscribed:
            self._save(item.id, read)

    @work(thread=True, group="feed-save")
    def _save(self, ident: str, read: bool) -> None:
        try:
            with self.store.editing() as feeds:
                subscription = find(feeds, self.source)
                if subscription is None:
                    return
                if read:
                    subscription.mark_read(ident)
                elif ident in subscription.read:
                    subscription.read.remove(ident)
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning", timeout=15)

    def action_reload(self) -> None:
        """`r`: read the feed again."""
        self.notify("Reading the feed again…")
        self._fetch()

    def action_back(self) -> None:
        """`escape`: back to where the feed was opened from (nothing when it is the first)."""
        if len(self.app.screen_stack) > 1 and self.app.screen is self:
            self.app.pop_screen()


class FeedsScreen(Screen[None]):
    """The subscribed feeds with their unread counts; `enter` opens one."""

    DEFAULT_CSS = """
    FeedsScreen DataTable { height: 1fr; }
    FeedsScreen #feeds-empty { margin: 1 2; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        """List the subscriptions in `feeds.json`."""
        super().__init__()
        self.feeds: list[Subscription] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="feeds-empty")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.title = "reader · feeds"
        self.query_one(DataTable).add_columns("Unread", "Feed", "Source")
        self.query_one(DataTable).focus()
        self._load()

    def on_screen_resume(self) -> None:
        self._load()  # back from a feed: its unread count changed

    @work(thread=True, exclusive=True, group="feeds-load")
    def _load(self) -> None:
        try:
            feeds = Subscriptions().load()
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=15)
            return
        self.app.call_from_thread(self._loaded, feeds)

    def _loaded(self, feeds: list[Subscription]) -> None:
        self.feeds = feeds
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for feed in feeds:
            title = _clip(feed.title or "(untitled)", 40)
            table.add_row(str(feed.unread()), Text(title), Text(_clip(feed.url, 40, keep_end=True)))
        if feeds:
            table.move_cursor(row=min(max(row, 0), len(feeds) - 1))
        empty = "" if feeds else "No feeds yet. Subscribe with: reader feed add URL"
        self.query_one("#feeds-empty", Static).update(empty)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.feeds):
            cast("ReaderApp", self.app).show_feed(self.feeds[event.cursor_row].url)

    def action_back(self) -> None:
        """`escape`: back to the library."""
        if len(self.app.screen_stack) > 1 and self.app.screen is self:
            self.app.pop_screen()
