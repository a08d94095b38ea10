"""Fetch subscribed feeds and count the items not seen before.

Fetches run in a few threads (each with the document layer's deadline, so a
slow server costs at most `READER_FETCH_TIMEOUT`); the seen ids are merged
into `feeds.json` afterwards under its lock, so nothing is held while the
network is waited on. A feed that fails is reported and keeps its seen ids;
an item whose article could not be read (`reader feed update --add`) is
forgotten again (`retry_later`), so the next update offers it once more.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from reader.errors import InputError, ReaderError
from reader.feeds.model import Feed, Item
from reader.feeds.parse import read_feed
from reader.feeds.subscriptions import Subscriptions, find

WORKERS = 8
"""Feeds fetched at once."""


@dataclass(frozen=True)
class UpdateResult:
    """What one feed's update found: the new items' count, or the error."""

    url: str
    title: str
    new: int = 0
    error: str | None = None
    items: tuple[Item, ...] = ()
    """The new items, newest first (for `reader feed update --add`)."""
    source: str = ""
    """Where the feed was read from (its final URL, or its path)."""


def update(
    subscriptions: Subscriptions,
    only: Sequence[str] = (),
    *,
    deadline: float | None = None,
) -> list[UpdateResult]:
    """Fetch every subscribed feed (or the ones in `only`) and remember their items.

    Raises:
        InputError: A feed in `only` is not subscribed.
    """
    feeds = subscriptions.load()
    if only:
        chosen = []
        for source in only:
            feed = find(feeds, source)
            if feed is None:
                raise InputError(f"not subscribed: {source} (see 'reader feed list')")
            chosen.append(feed.url)
    else:
        chosen = [feed.url for feed in feeds]
    if not chosen:
        return []
    seen = {feed.url: frozenset(feed.seen) for feed in feeds}
    with ThreadPoolExecutor(max_workers=min(WORKERS, len(chosen))) as pool:
        fetched = list(pool.map(lambda url: _fetch(url, deadline, seen.get(url, ())), chosen))
    results: list[UpdateResult] = []
    with subscriptions.editing() as current:
        for url, outcome in zip(chosen, fetched, strict=True):
            feed = find(current, url)
            if isinstance(outcome, str):
                results.append(UpdateResult(url, feed.title if feed else "", error=outcome))
                continue
            if feed is None:  # removed meanwhile by another reader
                continue
            feed.title = outcome.title or feed.title
            known = set(feed.seen)
            fresh = tuple(item for item in outcome.items if item.id not in known)
            new = feed.remember([item.id for item in reversed(outcome.items)])
            unique = tuple({item.id: item for item in fresh}.values())
            results.append(UpdateResult(url, feed.title, new, items=unique, source=outcome.source))
    return results


def _fetch(url: str, deadline: float | None, seen: Collection[str]) -> Feed | str:
    try:  # the items seen already are left out before parsing (`reader.feeds.trim`)
        return read_feed(url, deadline=deadline, seen=seen)
    except ReaderError as error:
        return str(error)


def retry_later(subscriptions: Subscriptions, items: Mapping[str, Sequence[str]]) -> None:
    """Count these items (ids by feed URL) as not seen: their article could not be read,
    so the next update reports them as new and they are tried again."""
    if not any(items.values()):
        return
    with subscriptions.editing() as current:
        for url, ids in items.items():
            feed = find(current, url)
            if feed is not None:
                feed.forget(list(ids))
