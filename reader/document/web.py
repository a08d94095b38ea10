"""Download an http(s) URL: redirects stay on http(s), one deadline for the whole fetch.

Invariant: every failure (bad URL, DNS, refused, HTTP error, redirect to
another scheme or too many redirects, timeout, deadline, a body cut short or
shorter than its `Content-Length`, non-text content) becomes one
`InputError` whose message names the URL; text that came from the server
(reason phrase, `Location`) is passed through `one_line` first.

Two clocks bound a fetch: `TIMEOUT` for each wait on the socket, and the
overall deadline (`DEADLINE`, or `$READER_FETCH_TIMEOUT`, or the caller's
`deadline=`) after which a watchdog shuts the socket down, so a server that
trickles one byte a second cannot hold the reader.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from reader import __version__
from reader.errors import InputError
from reader.safe_text import one_line

TIMEOUT = 15.0
"""Seconds to wait for the server on each connect or read."""
DEADLINE = 30.0
"""Seconds a whole fetch may take (headers, redirects, body); `$READER_FETCH_TIMEOUT` overrides."""
MAX_REDIRECTS = 5
"""Redirect hops followed before giving up."""
USER_AGENT = f"reader/{__version__} (terminal article reader)"
TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/json")
_SCHEMES = ("http", "https")
_CHUNK = 65536


@dataclass(frozen=True)
class Response:
    """The body of a successful fetch and what the headers said about it."""

    data: bytes
    url: str
    """The final URL after redirects."""
    content_type: str
    """Content type without parameters, lower case; empty when not sent."""
    charset: str | None
    """The declared charset, if any."""


def deadline_seconds(deadline: float | None = None) -> float:
    """The overall deadline: `deadline` if given, else `$READER_FETCH_TIMEOUT`, else `DEADLINE`."""
    if deadline is not None:
        return deadline
    value = os.environ.get("READER_FETCH_TIMEOUT", "").strip()
    if not value:
        return DEADLINE
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise InputError(f"READER_FETCH_TIMEOUT must be a number of seconds, not {one_line(value)}")
    return seconds


def fetch(
    url: str,
    *,
    max_bytes: int,
    deadline: float | None = None,
    accept: tuple[str, ...] = TEXT_TYPES,
) -> Response:
    """Download `url` with a User-Agent, refusing non-text content and other schemes.

    Args:
        url: An http or https URL.
        max_bytes: Refuse a body longer than this.
        deadline: Seconds for the whole fetch; see `deadline_seconds`.
        accept: Content-type prefixes taken (a missing content type is taken too).

    Raises:
        InputError: Any failure, in one line.
    """
    parts = _check_url(url)
    seconds = deadline_seconds(deadline)
    watchdog = _Watchdog(seconds)
    opener = _opener(watchdog)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with watchdog, opener.open(request, timeout=min(TIMEOUT, seconds)) as response:
            ctype = response.headers.get_content_type().lower()
            if not response.headers.get("Content-Type"):
                ctype = ""
            if ctype and not ctype.startswith(accept):
                raise InputError(f"{url} is not a text document (content type {one_line(ctype)})")
            data = _read_body(response, url, max_bytes, watchdog)
            charset = response.headers.get_content_charset()
            return Response(data, response.geturl(), ctype, charset)
    except InputError:
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400 and error.headers.get("Location"):
            message = f"too many redirects (more than {MAX_REDIRECTS}, or a loop)"
            raise InputError(f"cannot fetch {url}: {message}") from error
        reason = one_line(str(error.reason))
        raise InputError(f"cannot fetch {url}: HTTP {error.code} {reason}") from error
    except urllib.error.URLError as error:
        if watchdog.expired:
            raise InputError(_late(url, seconds)) from error
        raise InputError(_network_message(url, parts.hostname or "", error.reason)) from error
    except TimeoutError as error:
        raise InputError(_late(url, seconds if watchdog.expired else TIMEOUT)) from error
    except (OSError, ValueError, http.client.HTTPException) as error:
        if watchdog.expired:
            raise InputError(_late(url, seconds)) from error
        detail = one_line(str(error) or type(error).__name__)
        raise InputError(f"cannot fetch {url}: {detail}") from error


def _check_url(url: str) -> urllib.parse.SplitResult:
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise InputError(f"bad URL: {url} ({error})") from error
    if parts.scheme.lower() not in _SCHEMES:
        raise InputError(f"unsupported URL scheme in {url} (use http or https)")
    if not parts.hostname:
        raise InputError(f"bad URL: {url} (no host name)")
    return parts


def _read_body(
    response: http.client.HTTPResponse, url: str, max_bytes: int, watchdog: _Watchdog
) -> bytes:
    """Read the whole body, refusing one that is too large or cut short."""
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.read1(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise InputError(f"{url} is too large (the limit is {max_bytes // 2**20} MB)")
            chunks.append(chunk)
    except http.client.IncompleteRead as error:
        if watchdog.expired:
            raise InputError(_late(url, watchdog.seconds)) from error
        raise InputError(f"cannot fetch {url}: the connection closed mid-download") from error
    if watchdog.expired:
        raise InputError(_late(url, watchdog.seconds))
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and size < int(declared):
        raise InputError(
            f"cannot fetch {url}: the connection closed mid-download "
            f"({size} of {int(declared)} bytes)"
        )
    return b"".join(chunks)


def _late(url: str, seconds: float) -> str:
    return f"cannot fetch {url}: timed out after {seconds:g} s"


def _network_message(url: str, host: str, reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return f"cannot fetch {url}: unknown host {host} (no network, or a typo?)"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot fetch {url}: connection refused by {host}"
    if isinstance(reason, TimeoutError):
        return _late(url, TIMEOUT)
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot fetch {url}: {one_line(reason.strerror)}"
    return f"cannot fetch {url}: {one_line(str(reason))}"


@dataclass
class _Watchdog:
    """Shuts down every socket of a fetch when its deadline passes."""

    seconds: float
    expired: bool = False
    _sockets: list[socket.socket] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _timer: threading.Timer | None = None
    _done: bool = False

    def __enter__(self) -> _Watchdog:
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._done = True
        if self._timer is not None:
            self._timer.cancel()

    def track(self, sock: socket.socket | None) -> None:
        """Watch `sock` (called right after each connection is made)."""
        with self._lock:
            if sock is not None:
                self._sockets.append(sock)
            if self.expired and sock is not None:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most `MAX_REDIRECTS` hops, each to http or https only (checked before it)."""

    max_redirections = MAX_REDIRECTS

    def http_error_302(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any
    ) -> Any:
        location = headers.get("Location") or headers.get("URI") or ""
        target = urllib.parse.urljoin(req.full_url, location)
        if urllib.parse.urlsplit(target).scheme.lower() not in _SCHEMES:
            raise InputError(
                f"cannot fetch {req.full_url}: redirected to {one_line(target)} "
                "(only http and https redirects are followed)"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(watchdog: _Watchdog) -> urllib.request.OpenerDirector:
    """An opener with only http and https handlers: no ftp, file or data URLs, even by redirect."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        _WatchedHTTP(watchdog),
        _WatchedHTTPS(watchdog),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _watched(base: type[http.client.HTTPConnection], watchdog: _Watchdog) -> Any:
    class Watched(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            super().connect()
            watchdog.track(self.sock)

    return Watched


class _WatchedHTTP(urllib.request.HTTPHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._connection = _watched(http.client.HTTPConnection, watchdog)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._connection = _watched(http.client.HTTPSConnection, watchdog)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)
