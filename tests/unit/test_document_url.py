"""Loading URLs against a local HTTP server, and the messages when fetching fails."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_server import QuietHandler, serve

from reader.document import load, web
from reader.errors import InputError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "documents"
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/article": (200, "text/html; charset=utf-8", (FIXTURES / "page.html").read_bytes()),
    "/notes.md": (200, "text/plain", (FIXTURES / "article.md").read_bytes()),
    "/plain": (200, "text/plain; charset=windows-1252", "“Quoted” text.".encode("cp1252")),
    "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
    "/empty": (200, "text/html", b"<html><body><nav>Home</nav></body></html>"),
}


class Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        agent = self.headers.get("User-Agent", "")
        status, ctype, body = ROUTES.get(self.path, (404, "text/plain", b"missing"))
        if not agent.startswith("reader/"):
            status, body = 403, b"no user agent"
        if self.path == "/slow":
            threading.Event().wait(2)
            status, ctype, body = 200, "text/plain", b"late"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(Handler) as url:
        yield url


def test_html_article_from_url(server: str) -> None:
    doc = load(f"{server}/article")
    assert doc.format == "html"
    assert doc.source == f"{server}/article"
    assert doc.title.startswith("Harbour Vote Delayed")
    assert doc.date == "2025-04-02"
    assert "Westhaven Port Authority postponed its vote" in doc.text
    assert "Copyright" not in doc.text and "Sport" not in doc.text


def test_markdown_by_extension_from_url(server: str) -> None:
    doc = load(f"{server}/notes.md")
    assert doc.format == "markdown"
    assert doc.title == "Harbour Deal Under Scrutiny"


def test_declared_charset_is_used(server: str) -> None:
    assert load(f"{server}/plain").text == "“Quoted” text."


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("/missing", "HTTP 404"),
        ("/image.png", "not a text document (content type image/png)"),
        ("/empty", "no readable article text found"),
    ],
)
def test_fetch_failures_are_one_line(server: str, path: str, hint: str) -> None:
    with pytest.raises(InputError) as info:
        load(f"{server}{path}")
    assert hint in str(info.value)
    assert "\n" not in str(info.value)


def test_refused_port_says_cannot_connect() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match=r"cannot fetch .*connection refused"):
        load(f"http://127.0.0.1:{port}/article")


def test_timeout(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "TIMEOUT", 0.2)
    with pytest.raises(InputError, match="timed out"):
        load(f"{server}/slow")


def test_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(InputError, match="unknown host news.invalid"):
        load("https://news.invalid/story")
