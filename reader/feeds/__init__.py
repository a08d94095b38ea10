"""Feeds (RSS 2.0, RSS 1.0, Atom): reading one, and the subscriptions kept in the data directory.

`read_feed(source)` fetches or reads the bytes itself (through the document
layer's fetch: one deadline, http(s)-only redirects) and hands only bytes to
feedparser, which never opens a URL. `Subscriptions` keeps `feeds.json` in the
data directory; `update` fetches the subscribed feeds and counts new items.
Core: never imports Textual.
"""

from __future__ import annotations

from reader.feeds.model import Feed, Item
from reader.feeds.parse import MAX_FEED_BYTES, MAX_ITEMS, parse_feed, read_feed
from reader.feeds.subscriptions import Subscription, Subscriptions, feeds_path
from reader.feeds.update import UpdateResult, update

__all__ = [
    "MAX_FEED_BYTES",
    "MAX_ITEMS",
    "Feed",
    "Item",
    "Subscription",
    "Subscriptions",
    "UpdateResult",
    "feeds_path",
    "parse_feed",
    "read_feed",
    "update",
]
