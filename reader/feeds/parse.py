"""Read a feed (file or http(s) URL) and parse its bytes with feedparser.

Invariant: feedparser only ever sees bytes (a `BytesIO`), so it never opens a
URL or a file itself; the bytes come from the document layer's fetch (one
deadline, http(s)-only redirects, cut bodies are errors) or a regular file.
Every failure a user can cause (missing file, not a feed, HTML, empty, too
large) is one `InputError` naming the source. Cost is bounded: at most
`MAX_FEED_BYTES` are read, `MAX_ITEMS` items kept, each text field cut.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
import time
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from reader.document.fetch import is_url, read_file
from reader.errors import InputError
from reader.feeds.model import Feed, Item
from reader.feeds.text import plain_text
from reader.feeds.trim import drop_seen
from reader.safe_text import one_line

MAX_FEED_BYTES = 4 * 1024 * 1024
"""Feeds larger than this (4 MB) are refused."""
MAX_ELEMENTS = 50_000
"""Feeds with more XML start tags than this are refused: feedparser's cost is per element
(about 20 microseconds each), so this keeps one parse near a second at worst."""
MAX_ITEMS = 500
"""Items kept of one feed (the newest)."""
MAX_CONTENT = 1_000_000
"""Characters kept of one item's full content (a longer one is dropped: its link is read)."""
MAX_TITLE = 300
"""Characters kept of a title or an author."""
FEED_TYPES = (
    "text/",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-rss+xml",
    "application/xhtml",
)
"""Content types a feed may be served as (HTML is taken so it can be named as HTML)."""
_HTML = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.I | re.S,
)
_START_TAG = re.compile(rb"<[A-Za-z_]")


def read_feed(source: str, *, deadline: float | None = None, seen: Collection[str] = ()) -> Feed:
    """Read `source` (a path or an http(s) URL) and parse it; see `parse_feed`."""
    data, where = read_feed_bytes(source, deadline=deadline)
    return parse_feed(data, where, seen=seen)


def read_feed_bytes(source: str, *, deadline: float | None = None) -> tuple[bytes, str]:
    """The raw bytes of a feed and where they came from (the final URL after redirects)."""
    if is_url(source):
        from reader.document import web  # the HTTP machinery only when a URL needs it

        response = web.fetch(source, max_bytes=MAX_FEED_BYTES, deadline=deadline, accept=FEED_TYPES)
        return response.data, response.url
    path = Path(source)
    name = one_line(source)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_file names the problem
    if size > MAX_FEED_BYTES:
        raise InputError(f"{name} is too large for a feed ({size // 2**20} MB; the limit is 4 MB)")
    data = read_file(path)
    if len(data) > MAX_FEED_BYTES:
        raise InputError(f"{name} is too large for a feed (the limit is 4 MB)")
    return data, source


def parse_feed(data: bytes, source: str, *, seen: Collection[str] = ()) -> Feed:
    """Parse RSS 2.0, RSS 1.0 or Atom bytes into a `Feed`, items newest first;
    ``seen``: ids of items not wanted (an update's), left out before feedparser
    parses (`reader.feeds.trim`: it costs per element), so usually left out.

    Raises:
        InputError: The bytes are empty, HTML, or not a feed feedparser knows.
    """
    name = one_line(source)
    if len(data) > MAX_FEED_BYTES:
        raise InputError(f"{name} is too large for a feed (the limit is 4 MB)")
    if not data.strip():
        raise InputError(f"{name} is empty, not a feed")
    if _HTML.match(data[:4096]):
        raise InputError(f"{name} is an HTML page, not a feed (RSS or Atom)")
    if len(_START_TAG.findall(data)) > MAX_ELEMENTS:
        raise InputError(f"{name} is too large for a feed (more than {MAX_ELEMENTS} elements)")
    data = drop_seen(data, seen)
    try:
        # No sanitizing or URI rewriting: summaries become plain text (reader.feeds.text) anyway.
        parsed: Any = feedparser.parse(
            io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False
        )
    except Exception as error:  # noqa: BLE001 - feedparser's own failures are bad input
        kind = type(error).__name__
        raise InputError(f"{name} could not be parsed as a feed ({kind})") from error
    if not parsed.get("version"):
        reason = _bozo_reason(parsed)
        raise InputError(f"{name} is not a feed (RSS or Atom){reason}")
    header = parsed.get("feed", {})
    entries = list(parsed.get("entries", []))
    items = [_item(entry) for entry in entries]
    dated = sorted(
        (item for item in items if item.date), key=lambda item: item.date or "", reverse=True
    )
    undated = [item for item in items if not item.date]
    return Feed(
        title=plain_text(str(header.get("title", "")), limit=MAX_TITLE),
        link=str(header.get("link", "")),
        source=source,
        items=(dated + undated)[:MAX_ITEMS],
    )


def _bozo_reason(parsed: Any) -> str:
    error = parsed.get("bozo_exception")
    if error is None:
        return ""
    detail = one_line(str(error)).removeprefix("<unknown>:")
    return f" ({detail[:120]})"


def _item(entry: Any) -> Item:
    title = plain_text(str(entry.get("title", "")), limit=MAX_TITLE)
    link = str(entry.get("link", ""))
    date = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    summary = str(entry.get("summary", ""))
    content = _content(entry)
    if not summary:
        summary = content
    ident = str(entry.get("id", "")) or link
    if not ident:
        ident = "sha1:" + hashlib.sha1(f"{title}\n{date}".encode()).hexdigest()
    return Item(
        title=title,
        link=link,
        date=date,
        author=plain_text(str(entry.get("author", "")), limit=MAX_TITLE),
        summary=plain_text(summary),
        id=ident,
        content=content if len(content) <= MAX_CONTENT else "",
    )


def _content(entry: Any) -> str:
    """The entry's full content (Atom `content`, RSS `content:encoded`), else ""."""
    blocks = entry.get("content") or []
    try:
        return str(blocks[0].get("value", "")) if blocks else ""
    except (AttributeError, IndexError, TypeError):
        return ""


def _iso(parsed: time.struct_time | None) -> str | None:
    """A feedparser date (a UTC `struct_time`) as ISO 8601, or None."""
    if parsed is None:
        return None
    try:
        stamp = calendar.timegm(parsed)
        return datetime.fromtimestamp(stamp, UTC).isoformat()
    except (OverflowError, ValueError, OSError, TypeError):
        return None
