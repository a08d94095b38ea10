"""The reader's own merges and splits of library entities, kept in a small TinyDB file.

Invariant: one record per pair of nodes, the latest decision (a merge replaces an
earlier split of the same pair and the other way round), saved durably before `add`
returns, through the note store's locked, atomic `FileShelf`. Records name nodes (a
kind and a name key), not articles, so they apply to articles added later. Reading is
tolerant: a damaged file is reported once and read as no links; a malformed record is
skipped.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from reader.errors import StoreError
from reader.library.entity import Node
from reader.library.shelf import beside_store
from reader.safe_text import one_line

if TYPE_CHECKING:  # imported when first needed (a fresh cache never reads the links)
    from reader.library.linking import Link
    from reader.notes.shelf import FileShelf

TABLE = "links"
ACTIONS = ("merge", "split")


class LinkBook:
    """Merges and splits, oldest first."""

    def __init__(self, db: str | os.PathLike[str] | None, warn: Callable[[str], None]) -> None:
        """Use the links file beside the note store `db`."""
        self.path = beside_store(db, "links.json")
        self.warn = warn

    @cached_property
    def shelf(self) -> FileShelf:
        """The note store's shelf holding the links file (locking, atomic writes)."""
        from reader.notes.shelf import FileShelf

        return FileShelf(self.path, on_damage=self._damaged)

    def stamp(self) -> str:
        """Changes whenever the links file does ("" while there is none)."""
        try:
            info = self.path.stat()
        except OSError:
            return ""
        return f"{info.st_mtime_ns}:{info.st_size}:{info.st_ino}"

    def all(self) -> list[Link]:
        """Every link the reader made, oldest first."""
        from reader.notes.shelf import INDEX

        if not self.path.exists():
            return []
        try:
            rows = self.shelf.read(INDEX).get(TABLE, {}).values()
        except StoreError as error:
            self.warn(f"{error}; the manual entity links are ignored until it is fixed")
            return []
        links = []
        for row in sorted(rows, key=lambda r: str(r.get("at", ""))):
            link = _link(row)
            if link is not None:
                links.append(link)
        return links

    def add(self, action: str, a: Node, b: Node) -> None:
        """Record `action` ("merge" or "split") between nodes `a` and `b`, replacing any
        earlier decision on that pair; durable when this returns."""
        from tinydb import Query

        from reader.notes.model import now
        from reader.notes.shelf import INDEX

        if action not in ACTIONS:
            raise ValueError(f"unknown link action {action!r}")
        record = Query()
        pair = [list(a), list(b)]
        with self.shelf.session(INDEX, write=True) as db:
            table = db.table(TABLE)
            table.remove(
                ((record.a == pair[0]) & (record.b == pair[1]))
                | ((record.a == pair[1]) & (record.b == pair[0]))
            )
            table.insert({"action": action, "a": pair[0], "b": pair[1], "at": now()})

    def _damaged(self, path: object, moved_to: object) -> None:
        self.warn(
            f"library links file {one_line(str(path))} was damaged; kept it as "
            f"{one_line(str(moved_to))} and started afresh"
        )


def _link(row: dict[str, object]) -> Link | None:
    action, a, b = row.get("action"), _node(row.get("a")), _node(row.get("b"))
    if action not in ACTIONS or a is None or b is None:
        return None
    from reader.library.linking import Link  # read only to relink

    return Link(str(action), a, b)


def _node(value: object) -> Node | None:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return (value[0], value[1])
    return None
