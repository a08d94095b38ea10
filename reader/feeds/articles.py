"""A feed item's article: its full content when the feed carries it, else its link.

Invariant: an item becomes one `ItemArticle` (the source it is known by in the
library, and the bytes to read when the feed carried the whole text) or one
`InputError`. Only an http(s) link is ever followed; `javascript:`, `file:`, `data:`
and every other scheme are refused, so a hostile feed cannot make the reader open
a local file. Carried content is wrapped as an HTML page with the item's title
(escaped) so the document layer's HTML format reads it like any page, main-content
extraction included; the content itself stays untrusted text for that layer.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader.errors import InputError
from reader.feeds.model import Item
from reader.safe_text import one_line


@dataclass(frozen=True)
class ItemArticle:
    """Where an item's article comes from."""

    source: str
    """The item's http(s) link, else a name made of the feed's and the item's."""
    data: bytes | None
    """The carried content as an HTML page, or None: read `source` (an http(s) URL)."""


def is_web_link(link: str) -> bool:
    """Whether `link` is an absolute http(s) URL with a host (the only links followed)."""
    try:
        parts = urlsplit(link.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def item_article(item: Item, feed_source: str) -> ItemArticle:
    """How to read `item`'s article (see the module docstring).

    Raises:
        InputError: The item carries no content and its link is not http(s).
    """
    link = item.link.strip()
    if item.content.strip():
        if is_web_link(link):
            source = link
        else:
            digest = hashlib.sha1(item.id.encode("utf-8", "replace")).hexdigest()[:16]
            source = f"{feed_source}#item-{digest}"
        return ItemArticle(source, _page(item).encode("utf-8"))
    if is_web_link(link):
        return ItemArticle(link, None)
    name = one_line(item.title or item.id)[:80]
    if not link:
        raise InputError(f"{name}: the item has no content and no link")
    raise InputError(
        f"{name}: the item's link is not http(s), not followed ({one_line(link)[:80]})"
    )


def _page(item: Item) -> str:
    title = html.escape(item.title)
    byline = f'<meta name="author" content="{html.escape(item.author)}">' if item.author else ""
    date = f'<meta name="date" content="{html.escape(item.date)}">' if item.date else ""
    return (
        f"<!doctype html><html><head><title>{title}</title>{byline}{date}</head>"
        f"<body><article><h1>{title}</h1>\n{item.content}\n</article></body></html>"
    )
