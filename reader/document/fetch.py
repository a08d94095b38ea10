"""Read the raw bytes of a source: a file path, `-` (stdin) or an http(s) URL.

Invariant: every failure a user can cause (missing file, directory, permission,
too large, bad URL, no network, HTTP error, timeout, non-text content) becomes
one `InputError` whose message names the source; nothing else escapes.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader import __version__
from reader.errors import InputError

if TYPE_CHECKING:
    from email.message import Message

MAX_BYTES = 64 * 1024 * 1024
"""Inputs larger than this (64 MB) are refused."""
TIMEOUT = 15.0
"""Seconds to wait for a web server."""
USER_AGENT = f"reader/{__version__} (terminal article reader)"
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/json")


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class RawInput:
    """Bytes read from a source and what the transport said about them."""

    data: bytes
    """The raw bytes."""
    source: str
    """The path, `-` or the final URL after redirects."""
    content_type: str = ""
    """The HTTP content type without parameters, lower case; empty for files."""
    charset: str | None = None
    """The charset the HTTP header declared, if any."""


def is_url(source: str) -> bool:
    """Whether `source` names a URL (`scheme://...`) rather than a file path."""
    return bool(_URL.match(source))


def url_path(source: str) -> str:
    """The path part of a URL (for its extension), or `source` itself if it is not one."""
    if not is_url(source):
        return source
    import urllib.parse  # only URLs need it (kept off a local file's start-up path)

    try:
        return urllib.parse.urlsplit(source).path
    except ValueError:
        return ""


def read_source(source: str) -> RawInput:
    """Read `source` (path, `-` or URL) into bytes, raising `InputError` on failure."""
    if source == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError("- means read standard input, but nothing is piped in")
        return RawInput(_read_limited(sys.stdin.buffer, "standard input"), "-")
    if is_url(source):
        return fetch_url(source)
    return RawInput(read_file(Path(source)), source)


def read_file(path: Path) -> bytes:
    """Read a local file, refusing directories, unreadable and oversized files."""
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path} is too large ({size // 2**20} MB; the limit is 64 MB)")
        with path.open("rb") as handle:
            return _read_limited(handle, str(path))
    except FileNotFoundError as error:
        hint = " (for a web page, start with https://)" if str(path).startswith("www.") else ""
        raise InputError(f"no such file: {path}{hint}") from error
    except PermissionError as error:
        raise InputError(f"permission denied: {path}") from error
    except IsADirectoryError as error:
        raise InputError(f"{path} is a directory, not a file") from error
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from error


def fetch_url(url: str) -> RawInput:
    """Download `url` with a timeout and a User-Agent; refuse non-text content."""
    # Imported here: the HTTP machinery costs start-up time a local file never needs.
    import urllib.error
    import urllib.parse
    import urllib.request

    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise InputError(f"bad URL: {url} ({error})") from error
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"unsupported URL scheme in {url} (use http or https)")
    if not parts.hostname:
        raise InputError(f"bad URL: {url} (no host name)")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            headers: Message = response.headers
            ctype = headers.get_content_type().lower() if headers.get("Content-Type") else ""
            if ctype and not ctype.startswith(_TEXT_TYPES):
                raise InputError(f"{url} is not a text document (content type {ctype})")
            data = _read_limited(response, url)
            return RawInput(data, response.geturl(), ctype, headers.get_content_charset())
    except urllib.error.HTTPError as error:
        raise InputError(f"cannot fetch {url}: HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise InputError(_network_message(url, parts.hostname, error.reason)) from error
    except TimeoutError as error:
        raise InputError(f"cannot fetch {url}: timed out after {TIMEOUT:g} s") from error
    except (OSError, ValueError) as error:
        raise InputError(f"cannot fetch {url}: {error}") from error


def _network_message(url: str, host: str, reason: object) -> str:
    import socket

    if isinstance(reason, socket.gaierror):
        return f"cannot fetch {url}: unknown host {host} (no network, or a typo?)"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot fetch {url}: connection refused by {host}"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"cannot fetch {url}: timed out after {TIMEOUT:g} s"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot fetch {url}: {reason.strerror}"
    return f"cannot fetch {url}: {reason}"


def _read_limited(handle: _Readable, name: str) -> bytes:
    data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name} is too large (the limit is 64 MB)")
    return data
