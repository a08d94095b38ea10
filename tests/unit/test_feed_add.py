"""`reader feed update --add`: new items' articles go into the library as `reader add` puts them.

A feed served on 127.0.0.1 carries one item's full content, links one to a page on the
same server, one to a dead page and one to `javascript:`; each failure is one line,
the rest are stored; the dead page's item is offered again by the next update (and
added once the page is there), the others are not.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from local_server import QuietHandler, serve

from reader.cli import main
from reader.errors import InputError
from reader.feeds import Item
from reader.feeds.articles import item_article
from reader.library.library import Library

CARRIED = (
    "<p>The harbour board approved the new tender on Monday, said Maria Olsen, "
    "the board's chair.</p><p>Critics in Tallinn said the price was too high.</p>"
)
LINKED_PAGE = (
    "<!doctype html><html><head><title>Bridge closed</title></head><body><article>"
    "<h1>Bridge closed</h1><p>The city council closed the old bridge on Friday, "
    "according to Jonas Berg, a spokesman for the council.</p>"
    "<p>Repairs will take a month, he said.</p></article></body></html>"
)
BACK_PAGE = (
    "<!doctype html><html><head><title>Gone</title></head><body><article><h1>Gone</h1>"
    "<p>The ferry company said on Sunday that the night ferry would stop in May.</p>"
    "</article></body></html>"
)
STATE = {"items": False, "gone": False}


def _feed(base: str) -> str:
    items = (
        f"<item><title>Tender approved</title><link>{base}/nowhere-carried</link>"
        "<guid>carried</guid><pubDate>03 Jan 2024 10:00:00 GMT</pubDate>"
        f"<description>short</description><content:encoded><![CDATA[{CARRIED}]]>"
        "</content:encoded></item>"
        f"<item><title>Bridge closed</title><link>{base}/bridge</link><guid>linked</guid>"
        "<pubDate>02 Jan 2024 10:00:00 GMT</pubDate><description>short</description></item>"
        f"<item><title>Gone</title><link>{base}/gone</link><guid>dead</guid>"
        "<pubDate>01 Jan 2024 10:00:00 GMT</pubDate></item>"
        "<item><title>Click me</title><link>javascript:alert(1)</link><guid>js</guid></item>"
        "<item><title>Local</title><link>file:///etc/passwd</link><guid>file</guid></item>"
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>'
        f"<link>{base}/</link>{items if STATE['items'] else ''}</channel></rss>"
    )


class Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        base = f"http://{self.headers['Host']}"
        if self.path == "/feed":
            ctype, body = "application/rss+xml", _feed(base).encode()
        elif self.path == "/bridge":
            ctype, body = "text/html; charset=utf-8", LINKED_PAGE.encode()
        elif self.path == "/gone" and STATE["gone"]:
            ctype, body = "text/html; charset=utf-8", BACK_PAGE.encode()
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
    STATE["items"] = STATE["gone"] = False
    with serve(Handler) as url:
        yield url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["feed", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_update_add_stores_new_items_and_reports_each_failure(
    server: str, jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "add", f"{server}/feed")[0] == 0
    STATE["items"] = True
    code, out, err = run(capsys, "update", "--add", "--jobs", jobs)
    assert code == 1
    assert out.splitlines()[0] == "    5 new  Wire"
    assert "added 2 article(s)" in out and "3 failed" in out
    lines = err.splitlines()
    assert len(lines) == 3 and all(line.startswith("reader: ") for line in lines)
    assert any("javascript:alert(1)" in line and "not followed" in line for line in lines)
    assert any("file:" in line and "not followed" in line for line in lines)
    assert any("404" in line for line in lines)

    library = Library(None)
    try:
        stored = {entry.title: entry for entry in library.articles()}
        assert set(stored) == {"Tender approved", "Bridge closed"}
        assert stored["Bridge closed"].source == f"{server}/bridge"
        assert stored["Tender approved"].source == f"{server}/nowhere-carried"
        names = {entity.name for entity in library.entities()}
        assert {"Maria Olsen", "Jonas Berg"} <= names
        assert all(entry.claims >= 1 for entry in stored.values())
    finally:
        library.close()

    code, out, err = run(capsys, "update", "--add")  # the dead page is tried again
    assert code == 1 and out.splitlines()[0] == "    1 new  Wire"
    assert "added 0 article(s)" in out and "1 failed" in out
    assert len(err.splitlines()) == 1 and "404" in err

    STATE["gone"] = True  # the page is up now
    code, out, err = run(capsys, "update", "--add")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "    1 new  Wire" and "added 1 article(s)" in out
    library = Library(None)
    try:
        assert "Gone" in {entry.title for entry in library.articles()}
    finally:
        library.close()
    code, out, err = run(capsys, "update", "--add")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["    0 new  Wire", "added 0 article(s): no new items"]


def test_update_without_add_leaves_the_library_alone(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "add", f"{server}/feed")
    STATE["items"] = True
    code, out, _ = run(capsys, "update")
    assert out == "    5 new  Wire\n"
    library = Library(None)
    try:
        assert library.articles() == []
    finally:
        library.close()


def test_item_article_prefers_carried_content_and_refuses_other_schemes() -> None:
    carried = Item("T <b>", "data:text/html,x", None, "", "", "id-1", content="<p>Body</p>")
    article = item_article(carried, "/tmp/feed.xml")
    assert article.source.startswith("/tmp/feed.xml#item-")
    assert article.data is not None and b"<title>T &lt;b&gt;</title>" in article.data
    linked = Item("T", "https://example.org/a", None, "", "", "id-2")
    assert item_article(linked, "x").data is None
    for link in ("javascript:alert(1)", "file:///etc/passwd", "ftp://h/x", "", "http:///nohost"):
        with pytest.raises(InputError):
            item_article(Item("T", link, None, "", "", "id-3"), "x")
