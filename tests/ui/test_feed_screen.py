"""The feed screen: `reader FEED.xml` and `reader URL` on a feed open the items, not an article.

Items newest first with unread marks; `enter` reads one (carried content, or its link
on a local server), `escape` comes back with the item marked read (kept in
`feeds.json` for a subscribed feed); a `javascript:` item is one toast; the library's
`f` lists the subscriptions with their unread counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from local_server import QuietHandler, serve
from textual.widgets import DataTable

from reader.cli import main
from reader.feeds import Subscriptions
from reader.tui.app import ReaderApp
from reader.tui.launch import prepare
from reader.tui.screens.feed import FeedScreen, FeedsScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.noted_reading import NotedReadingScreen

from .screen_text import screen_rows
from .waiting import until

PAGE = (
    "<!doctype html><html><head><title>Bridge closed</title></head><body><article>"
    "<h1>Bridge closed</h1><p>The city council closed the old bridge on Friday, "
    "according to Jonas Berg.</p></article></body></html>"
)


def feed_xml(base: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Wire \x1b[31mred</title><link>https://example.org/</link>"
        "<item><title>Tender approved</title><guid>carried</guid>"
        "<pubDate>03 Jan 2024 10:00:00 GMT</pubDate><content:encoded><![CDATA["
        "<p>The harbour board approved the tender, said Maria Olsen.</p>]]></content:encoded>"
        "</item>"
        f"<item><title>Bridge closed</title><link>{base}/bridge</link><guid>linked</guid>"
        "<pubDate>04 Jan 2024 10:00:00 GMT</pubDate></item>"
        "<item><title>Click [b]me[/b]</title><link>javascript:alert(1)</link><guid>js</guid>"
        "<pubDate>01 Jan 2024 10:00:00 GMT</pubDate></item>"
        "</channel></rss>"
    )


class Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        base = f"http://{self.headers['Host']}"
        if self.path == "/feed":  # served as plain XML: found by its root element
            ctype, body = "text/xml", feed_xml(base).encode()
        elif self.path == "/bridge":
            ctype, body = "text/html", PAGE.encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    with serve(Handler) as url:
        yield url


def toasts(app: ReaderApp) -> list[str]:
    return [note.message for note in app._notifications]


def text_of(app: ReaderApp) -> str:
    return "\n".join(screen_rows(app))


def test_a_feed_url_opens_the_feed_screen_not_an_article(server: str) -> None:
    app = prepare(f"{server}/feed")
    assert app.document is None and app.feed is not None
    assert [item.title for item in app.feed.items][:2] == ["Bridge closed", "Tender approved"]


async def test_items_read_marks_enter_and_escape(server: str, tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(feed_xml(server), encoding="utf-8")
    assert main(["feed", "add", str(path)]) == 0
    app = prepare(str(path))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, FeedScreen)
        shown = text_of(app)
        assert "\x1b" not in shown and "Click [b]me[/b]" in shown
        rows = [row for row in screen_rows(app) if "2024-01" in row]
        assert [("●" in row) for row in rows] == [True, True, True]
        assert "Bridge closed" in rows[0] and "Click" in rows[2]

        await pilot.press("down", "enter")  # the carried content, no fetch
        await until(pilot, lambda: isinstance(app.screen, NotedReadingScreen), "the article")
        assert "Maria Olsen" in app.screen.document.text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, FeedScreen), "the list again")
        rows = [row for row in screen_rows(app) if "2024-01" in row]
        assert "●" not in rows[1] and "●" in rows[0]

        await pilot.press("up", "enter")  # the link, read from the local server
        await until(pilot, lambda: isinstance(app.screen, NotedReadingScreen), "the page")
        assert "Jonas Berg" in app.screen.document.text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, FeedScreen), "the list again")

        await pilot.press("down", "down", "enter")  # javascript: is never followed
        await until(pilot, lambda: any("not followed" in m for m in toasts(app)), "the toast")
        assert isinstance(app.screen, FeedScreen)
        await pilot.pause(0.3)  # the read marks are saved by a worker
    (subscription,) = Subscriptions().load()
    assert set(subscription.read) == {"carried", "linked"}
    assert subscription.unread() == 1


async def test_the_library_lists_feeds_with_unread_counts(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(feed_xml("http://127.0.0.1:9"), encoding="utf-8")
    assert main(["feed", "add", str(path)]) == 0
    app = ReaderApp(None)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FeedsScreen), "the feeds list")
        await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 1, "the row")
        row = next(r for r in screen_rows(app) if "wire.xml" in r)
        assert row.split()[0] == "3" and "Wire" in row
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FeedScreen), "the feed")
        await until(pilot, lambda: "Tender approved" in text_of(app), "its items")
        await pilot.press("u")  # marked read by hand
        await pilot.pause(0.3)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, FeedsScreen), "the list")
        await until(pilot, lambda: "wire.xml" in text_of(app), "the row")
        await until(
            pilot,
            lambda: next(r for r in screen_rows(app) if "wire.xml" in r).split()[0] == "2",
            "the new count",
        )


def test_a_feed_file_too_long_for_a_whole_load_still_opens_as_a_feed(tmp_path: Path) -> None:
    from feed_samples import rss

    path = tmp_path / "big.xml"
    path.write_text(rss("big", 3000), encoding="utf-8")
    assert path.stat().st_size > 512 * 1024  # past the head-first threshold
    app = prepare(str(path))
    assert app.document is None and app.feed is not None and len(app.feed.items) == 500
