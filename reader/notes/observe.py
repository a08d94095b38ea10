"""Telling the layers above that article files changed, without importing them.

Invariant: `changed(db, ids)` is called by the store after every durable write of
article files (a note added, edited or deleted, anchors moved, a verdict, an
import), while it still holds the store lock, with the path of the store's index
file; so a listener sees the change in write order. The notes layer imports no
listener: search (`reader.search`) subscribes when it is used. A listener must be
quick and must not raise for trouble of its own (it reports it); the note is saved
whatever a listener does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

Listener = Callable[[Path, Sequence[str]], None]
"""Called with (the store's index file, the article ids whose files changed)."""

_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    """Call `listener` after every write (once, however often it subscribes)."""
    if listener not in _listeners:
        _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    """Stop calling `listener`."""
    if listener in _listeners:
        _listeners.remove(listener)


def changed(db: Path, article_ids: Sequence[str]) -> None:
    """Tell every listener that these articles' files in the store at `db` changed."""
    for listener in list(_listeners):
        listener(db, article_ids)
