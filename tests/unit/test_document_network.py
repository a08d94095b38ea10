"""Fetching stays safe against a hostile server: schemes, deadline, short bodies, charsets."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from local_server import QuietHandler, serve

from reader.document import load, web
from reader.errors import InputError

ARTICLE = b"Plain article text. It has two sentences.\n"
SLOW_SECONDS = 8


class Handler(QuietHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        route = getattr(self, f"route_{self.path.strip('/').replace('-', '_')}", None)
        if route is None:
            self.send_error(404)
            return
        route()

    def _head(self, status: int, headers: dict[str, str], reason: str | None = None) -> None:
        self.send_response(status, reason)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    def route_to_ftp(self) -> None:
        self._head(302, {"Location": "ftp://127.0.0.1/x", "Content-Length": "0"})

    def route_to_file(self) -> None:
        self._head(302, {"Location": "file:///etc/passwd", "Content-Length": "0"})

    def route_loop(self) -> None:
        self._head(302, {"Location": "/loop", "Content-Length": "0"})

    def route_hop(self) -> None:
        self._head(301, {"Location": "/plain", "Content-Length": "0"})

    def route_plain(self) -> None:
        self._head(200, {"Content-Type": "text/plain", "Content-Length": str(len(ARTICLE))})
        self.wfile.write(ARTICLE)

    def route_trickle(self) -> None:
        self._head(200, {"Content-Type": "text/plain", "Content-Length": "1000"})
        for _ in range(SLOW_SECONDS * 10):
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.1)

    def route_short(self) -> None:
        self._head(200, {"Content-Type": "text/plain", "Content-Length": str(len(ARTICLE) * 2)})
        self.wfile.write(ARTICLE)
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_WR)

    def route_chunked_cut(self) -> None:
        self._head(200, {"Content-Type": "text/plain", "Transfer-Encoding": "chunked"})
        self.wfile.write(b"%x\r\n%s\r\n" % (len(ARTICLE), ARTICLE) + b"400\r\nonly a bit")
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_WR)

    def route_utf16(self) -> None:
        body = "“Smart” quotes in a UTF-16 page. Second sentence.".encode("utf-16-le")
        self._head(
            200,
            {"Content-Type": "text/plain; charset=utf-16-le", "Content-Length": str(len(body))},
        )
        self.wfile.write(body)

    def route_evil_reason(self) -> None:
        self._head(503, {"Content-Length": "0"}, reason="Down \x1b]52;c;SGVsbG8=\x07 now")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(Handler) as url:
        yield url


def _message(url: str) -> str:
    with pytest.raises(InputError) as info:
        load(url)
    message = str(info.value)
    assert "\n" not in message and "\x1b" not in message and "\x07" not in message
    return message


def test_redirect_to_ftp_is_refused_without_connecting(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ftplib

    def no_ftp(*args: object, **kwargs: object) -> None:
        raise AssertionError("the reader connected to an FTP server")

    monkeypatch.setattr(ftplib.FTP, "connect", no_ftp)
    message = _message(f"{server}/to-ftp")
    assert "redirected to ftp://127.0.0.1/x" in message
    assert "only http and https" in message


def test_redirect_to_a_local_file_is_refused(server: str) -> None:
    assert "redirected to file:///etc/passwd" in _message(f"{server}/to-file")


def test_redirect_loop_stops(server: str) -> None:
    assert "too many redirects" in _message(f"{server}/loop")


def test_an_http_redirect_is_followed(server: str) -> None:
    doc = load(f"{server}/hop")
    assert doc.text == ARTICLE.decode().strip() + "\n" or doc.text.startswith("Plain article")
    assert doc.source == f"{server}/plain"


def test_a_trickling_server_hits_the_overall_deadline(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "1")
    started = time.monotonic()
    message = _message(f"{server}/trickle")
    assert "timed out after 1 s" in message
    assert time.monotonic() - started < SLOW_SECONDS / 2


def test_the_deadline_can_be_given_as_a_parameter(server: str) -> None:
    from reader.document.fetch import fetch_url

    with pytest.raises(InputError, match="timed out after 0.5 s"):
        fetch_url(f"{server}/trickle", deadline=0.5)


def test_a_bad_deadline_setting_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "soon")
    with pytest.raises(InputError, match="READER_FETCH_TIMEOUT must be a number"):
        web.deadline_seconds()


def test_body_shorter_than_its_content_length_is_an_error(server: str) -> None:
    assert "closed mid-download" in _message(f"{server}/short")


def test_chunked_body_cut_mid_stream_is_an_error(server: str) -> None:
    assert "closed mid-download" in _message(f"{server}/chunked-cut")


def test_declared_utf16_charset_is_honoured(server: str) -> None:
    doc = load(f"{server}/utf16")
    assert doc.text == "“Smart” quotes in a UTF-16 page. Second sentence."


def test_server_reason_phrase_is_sanitised(server: str) -> None:
    message = _message(f"{server}/evil-reason")
    assert message.startswith(f"cannot fetch {server}/evil-reason: HTTP 503 Down ")
    assert "␛]52;c;SGVsbG8=␇" in message
