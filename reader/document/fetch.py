"""Read the raw bytes of a source: a file path, `-` (stdin) or an http(s) URL.

Invariant: every failure a user can cause (missing file, directory, FIFO or
device, permission, too large, bad URL, no network, HTTP error, timeout,
non-text content) becomes one `InputError` whose message names the source;
nothing else escapes. Reading never blocks on something that is not a regular
file: a FIFO without a writer or a terminal device is refused at once.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reader.errors import InputError
from reader.safe_text import one_line

MAX_BYTES = 128 * 1024 * 1024
"""Inputs larger than this (128 MB) are refused. The reading view paints any size
from its head (`reader.document.head`) and holds about 16 bytes per character of
the whole text (text, its layout, sentences, search): ~0.5 GB for 30 MB, ~2 GB at
the limit."""
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


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
    """Read a local regular file, refusing directories, FIFOs, devices, unreadable and big files.

    The path is checked with `stat` before opening (opening some devices has
    effects), then opened non-blocking and checked again with `fstat` on the
    open descriptor, so a file swapped for a FIFO in between cannot hang us.
    """
    name = one_line(str(path))
    try:
        _check_regular(path.stat(), name)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            _check_regular(info, name)
            if info.st_size > MAX_BYTES:
                raise InputError(
                    f"{name} is too large ({info.st_size // 2**20} MB; "
                    f"the limit is {MAX_BYTES // 2**20} MB)"
                )
            os.set_blocking(fd, True)
            return _read_limited(handle, name)
    except FileNotFoundError as error:
        hint = " (for a web page, start with https://)" if name.startswith("www.") else ""
        raise InputError(f"no such file: {name}{hint}") from error
    except PermissionError as error:
        raise InputError(f"permission denied: {name}") from error
    except IsADirectoryError as error:
        raise InputError(f"{name} is a directory, not a file") from error
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror or error}") from error


def _check_regular(info: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name} is a directory, not a file")
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((label for test, label in _KINDS if test(info.st_mode)), "not a regular file")
    raise InputError(f"{name} is {kind}, not a regular file; pipe it in with - instead")


def fetch_url(url: str, *, deadline: float | None = None) -> RawInput:
    """Download `url` (see `reader.document.web`); refuse non-text content."""
    from reader.document import web  # the HTTP machinery costs start-up time a file never needs

    response = web.fetch(url, max_bytes=MAX_BYTES, deadline=deadline)
    return RawInput(response.data, response.url, response.content_type, response.charset)


def _read_limited(handle: _Readable, name: str) -> bytes:
    data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name} is too large (the limit is {MAX_BYTES // 2**20} MB)")
    return data
