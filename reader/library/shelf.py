"""Where the library keeps each article's analysis: one TinyDB file per article.

Invariant: the per-article files are the library's truth (the ledger cache is derived
from them, see `reader.library.cache`). They are written through the note store's
`FileShelf` (locked, atomic, several files all or none), so a reader sees an article's
old analysis or its new one, never a mix. A damaged file is reported by name and
skipped (moved aside by the next write to it). Names are the note store's article ids
(16 hex digits), so no id is a path.

Files: for the note store `<dir>/<stem>.json`, the articles are
`<dir>/<stem>.library.articles/<id>.json` (`--db` and `$READER_HOME` move them with
the notes); `<dir>/<stem>.library.json` names the shelf's lock and journal.
"""

from __future__ import annotations

import os
import re
import zlib
from array import array
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import StoreError
from reader.library.model import StoredAnalysis
from reader.paths import store_path
from reader.safe_text import one_line

if TYPE_CHECKING:  # imported when first needed: a query that finds the cache fresh never is
    from reader.notes.shelf import FileShelf

ANALYSIS_TABLE = "analysis"
"""Table of an article file holding its `StoredAnalysis` (document 1)."""
ARTICLE_FILE = re.compile(r"([0-9a-f]{16})\.json")
"""An article file's name: the note store's article id (`reader.notes.model.ARTICLE_ID`)."""

Warn = Callable[[str], None]


class Listing:
    """The article files of one directory scan: ids in the directory's order, and each
    file's (mtime_ns, size, inode) as three ints of `stats`."""

    def __init__(self, ids: list[str], stats: array[int]) -> None:
        self.ids = ids
        self.stats = stats

    def digest(self) -> str:
        """A value that changes whenever a file is added, removed, renamed or written (its
        mtime, size or inode), cheaply: the fresh-cache check of every question. The
        directory's own order is part of it, so a directory rewritten in another order
        reads as changed (then every stamp is compared, as for any change)."""
        names = "".join(self.ids).encode()
        return f"{len(self.ids)}:{zlib.crc32(names)}:{zlib.crc32(self.stats)}"

    def stamps(self) -> dict[str, str]:
        """Each article id and its file's stamp, `mtime:size:inode`."""
        s = self.stats
        return {aid: f"{s[3 * i]}:{s[3 * i + 1]}:{s[3 * i + 2]}" for i, aid in enumerate(self.ids)}


def beside_store(db: str | os.PathLike[str] | None, suffix: str) -> Path:
    """A library file next to the note store's index (`notes.json` -> `notes.<suffix>`)."""
    store = store_path(db).expanduser()
    return store.with_name(f"{store.stem}.{suffix}")


class AnalysisShelf:
    """The stored analyses of one note store's articles."""

    def __init__(self, db: str | os.PathLike[str] | None, warn: Warn) -> None:
        """Use the library files beside the note store `db` (default: the data directory)."""
        self.warn = warn
        self.index = beside_store(db, "library.json")
        """Names the shelf's lock and journal (`FileShelf`'s index; no table is kept in it)."""
        self.folder = self.index.with_name(f"{self.index.stem}.articles")
        """The directory of the article files (as `FileShelf` places them)."""

    @cached_property
    def shelf(self) -> FileShelf:
        """The note store's shelf over the article files (locking, atomic writes)."""
        from reader.notes.shelf import FileShelf

        return FileShelf(self.index, on_damage=self._damaged)

    def names(self) -> list[str]:
        """Ids of the stored articles."""
        return self.shelf.names()

    def scan(self) -> dict[str, str]:
        """Each stored article's id and its file's stamp (mtime, size, inode), which changes
        whenever the file does, however it was written (one directory scan)."""
        return self.listing().stamps()

    def listing(self) -> Listing:
        """The article files as one directory scan finds them (see `Listing`)."""
        ids: list[str] = []
        stats = array("q")
        try:
            entries = os.scandir(self.folder)
        except OSError:
            return Listing(ids, stats)
        # Run on every question (2,000 files): a plain try, not a context manager per file,
        # and three ints per file, not a string (`Listing.stamps` makes those when needed).
        full = ARTICLE_FILE.fullmatch
        with entries:
            for entry in entries:
                name = entry.name
                if len(name) == 21 and full(name):
                    try:
                        info = entry.stat()
                    except OSError:
                        continue  # gone since the listing
                    ids.append(name[:16])
                    stats.extend((info.st_mtime_ns, info.st_size, info.st_ino))
        return Listing(ids, stats)

    def analysis(self, article_id: str) -> StoredAnalysis | None:
        """The stored analysis of one article, or None (a bad file is reported, once)."""
        try:
            tables = self.shelf.read(article_id)
        except StoreError as error:
            self.warn(f"library file of article {one_line(article_id)} skipped: {error}")
            return None
        record = tables.get(ANALYSIS_TABLE, {}).get("1")
        if record is None:
            return None
        try:
            stored = StoredAnalysis.from_dict(record)
        except ValueError as error:
            self.warn(f"library file of article {one_line(article_id)} skipped: {error}")
            return None
        return stored if stored.article_id == article_id else None

    def save(self, analyses: Iterable[StoredAnalysis]) -> None:
        """Store these analyses, each replacing its article's old one, all or none and
        durable when this returns; `StoreError` if that cannot be done."""
        from reader.notes.shelf import SCHEMA_VERSION, Tables

        meta = {"1": {"schema": SCHEMA_VERSION}}
        files: dict[str, Tables] = {
            stored.article_id: {"meta": meta, ANALYSIS_TABLE: {"1": stored.to_dict()}}
            for stored in analyses
        }
        if files:
            with self.shelf.locked():
                self.shelf.store_all(files)

    def _damaged(self, path: Path, moved_to: Path) -> None:
        self.warn(
            f"library file {one_line(str(path))} was damaged; kept it as "
            f"{one_line(str(moved_to))} (that article is analysed again when added)"
        )
