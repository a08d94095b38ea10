"""`r` in the library: a URL article fetched again in a thread, what changed in one line.

The article is served by a local server and added with `reader add`; the test edits the
page on the server (a quote altered, a sentence added) between two presses of `r`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from local_server import QuietHandler, serve
from textual.pilot import Pilot
from textual.widgets import DataTable

from reader.cli import main
from reader.library.library import Library
from reader.tui.app import ReaderApp
from reader.tui.screens.library import LibraryScreen

from .waiting import until

PAGE = """<!doctype html><html><head><title>Harbour plan: mayor defends the budget</title>
</head><body><article><h1>Harbour plan: mayor defends the budget</h1>
<p>The Baltic Courier reported on Monday that the harbour plan would cost 40 million euros.</p>
<p>"We will finish the harbour by {month}," Mayor Ana Ruiz said.</p>
<p>The port authority declined to comment on the schedule.</p>{more}
</article></body></html>"""
ADDED = "<p>The Finance Ministry denied that the harbour budget had been cut.</p>"
SERVED: dict[str, str] = {}


class Page(QuietHandler):
    """Serves `SERVED["/harbour"]`; anything else is 404."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        body = SERVED.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def url() -> Iterator[str]:
    SERVED.clear()
    SERVED["/harbour"] = PAGE.format(month="June", more="")
    with serve(Page) as base:
        assert main(["add", f"{base}/harbour"]) == 0
        yield f"{base}/harbour"
    SERVED.clear()


def messages(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def library_screen(pilot: Pilot[int]) -> LibraryScreen:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    await until(pilot, lambda: screen.query_one(DataTable).row_count == 1, "its article")
    return screen


async def test_r_says_unchanged_then_names_what_changed_on_the_server(url: str) -> None:
    app = ReaderApp(None)
    async with app.run_test(size=(120, 30)) as pilot:
        await library_screen(pilot)
        await pilot.press("r")
        title = "Harbour plan: mayor defends the budget"
        await until(pilot, lambda: f"{title}: unchanged since the last fetch" in messages(app),
                    "the unchanged line")  # fmt: skip
        SERVED["/harbour"] = PAGE.format(month="September", more=ADDED)
        await pilot.press("r")
        changed = f"{title}: changed: 1 quote altered, 1 sentence added"
        await until(pilot, lambda: changed in messages(app), "the changed line")
    # The library holds the new text's claims, as after `reader refresh`.
    contents = [c.content for c in Library().claims()]
    assert any("September" in content for content in contents)
    assert not any("by June" in content for content in contents)


async def test_r_on_a_dead_url_is_one_error_line_and_the_library_stays(url: str) -> None:
    SERVED.clear()  # the page is gone: 404
    app = ReaderApp(None)
    async with app.run_test(size=(120, 30)) as pilot:
        await library_screen(pilot)
        await pilot.press("r")
        await until(pilot, lambda: any("not refreshed: " in m and "404" in m
                                       for m in messages(app)), "the error line")  # fmt: skip
        assert isinstance(app.screen, LibraryScreen)
        assert all("\n" not in m for m in messages(app))


async def test_r_on_a_file_says_what_r_is_for(tmp_path: Path) -> None:
    article = tmp_path / "note.md"
    article.write_text("# A file\n\nThe council said the budget was final.\n", encoding="utf-8")
    assert main(["add", str(article)]) == 0
    app = ReaderApp(None)
    async with app.run_test(size=(120, 30)) as pilot:
        await library_screen(pilot)
        await pilot.press("r")
        await until(pilot, lambda: any("fetches an article read from a URL" in m
                                       for m in messages(app)), "the hint")  # fmt: skip
