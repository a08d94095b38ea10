"""Where the library keeps each article's analysis: one file per article beside an index.

Invariant: the per-article files are the truth and the index is a cache of their
`ArticleEntry`s. Both are written together through the note store's `FileShelf`
(locked, atomic, all or none), so after any write the index matches the files. Read
tolerantly: a damaged or missing index, or one that lacks articles whose files exist,
is rebuilt from the files with one warning and written back; a damaged article file is
reported by name and skipped. Names are the note store's article ids (16 hex digits),
so no id is a path.

Files: for the note store `<dir>/<stem>.json`, the index is `<dir>/<stem>.library.json`
and the articles `<dir>/<stem>.library.articles/<id>.json` (`--db` and `$READER_HOME`
move them with the notes).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from reader.errors import StoreError
from reader.library.entry import ArticleEntry
from reader.library.model import StoredAnalysis
from reader.notes.shelf import INDEX, SCHEMA_VERSION, FileShelf, Tables
from reader.notes.storage import DamagedFile
from reader.paths import store_path
from reader.safe_text import one_line

ANALYSIS_TABLE = "analysis"
"""Table of an article file holding its `StoredAnalysis` (document 1)."""
ARTICLES_TABLE = "articles"
"""Table of the index holding one `ArticleEntry` row per article."""
_META = {"1": {"schema": SCHEMA_VERSION}}

Warn = Callable[[str], None]


def beside_store(db: str | os.PathLike[str] | None, suffix: str) -> Path:
    """A library file next to the note store's index (`notes.json` -> `notes.<suffix>`)."""
    store = store_path(db).expanduser()
    return store.with_name(f"{store.stem}.{suffix}")


class AnalysisShelf:
    """The stored analyses of one note store's articles."""

    def __init__(self, db: str | os.PathLike[str] | None, warn: Warn) -> None:
        """Use the library files beside the note store `db` (default: the data directory)."""
        self.path = beside_store(db, "library.json")
        """The index file."""
        self.warn = warn
        self.shelf = FileShelf(self.path, on_damage=self._damaged)
        self._seen: tuple[int, int] | None = None
        self._entries: dict[str, ArticleEntry] = {}
        self._healed = False

    # -- reading -------------------------------------------------------------------

    def entries(self) -> dict[str, ArticleEntry]:
        """Every stored article's entry by id (re-read only when the index changed)."""
        stamp = self._stamp()
        if stamp is not None and stamp == self._seen:
            return self._entries
        entries, trouble = self._read_entries()
        if trouble:
            self._heal(trouble)
            entries, _ = self._read_entries()
        self._entries, self._seen = entries, self._stamp()
        return entries

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
            return StoredAnalysis.from_dict(record)
        except ValueError as error:
            self.warn(f"library file of article {one_line(article_id)} skipped: {error}")
            return None

    def _stamp(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def _read_entries(self) -> tuple[dict[str, ArticleEntry], str]:
        """The index's entries plus those of files it lacks; what was wrong, if anything."""
        trouble = ""
        try:
            tables = self.shelf.read(INDEX)
        except DamagedFile:
            tables, trouble = {}, "damaged"
        except StoreError as error:
            self.warn(str(error))
            tables = {}
        entries, bad = _parse(tables)
        names = set(self.shelf.names())
        missing = names - entries.keys()
        for gone in entries.keys() - names:
            del entries[gone]  # its file is gone: the files are the truth
        for name in sorted(missing):
            stored = self.analysis(name)
            if stored is not None:
                entries[name] = ArticleEntry.of(stored)
        if not trouble and missing:
            trouble = "missing" if not tables else "behind"
        if not trouble and bad:
            trouble = "unreadable rows"
        return entries, trouble

    # -- writing -------------------------------------------------------------------

    def save(self, analyses: Iterable[StoredAnalysis]) -> None:
        """Store these analyses (replacing each article's old one) and the index, all or
        none, durable when this returns; `StoreError` if that cannot be done."""
        files: dict[str, Tables] = {}
        new: dict[str, ArticleEntry] = {}
        for stored in analyses:
            files[stored.article_id] = {"meta": _META, ANALYSIS_TABLE: {"1": stored.to_dict()}}
            new[stored.article_id] = ArticleEntry.of(stored)
        if not files:
            return
        with self.shelf.locked():
            self.shelf.load(INDEX)  # sets a damaged index aside (and says so)
            entries, _ = self._read_entries()
            entries.update(new)
            self.shelf.store_all({**files, INDEX: _index_tables(entries)})

    def _heal(self, trouble: str) -> None:
        """Write back an index rebuilt from the files, saying once why."""
        where = one_line(str(self.path))
        if trouble != "damaged" and not self._healed:
            self.warn(f"library index {where} was {trouble}; rebuilt it from the article files")
        self._healed = True
        try:
            with self.shelf.locked():
                self.shelf.load(INDEX)
                entries, _ = self._read_entries()
                self.shelf.store_all({INDEX: _index_tables(entries)})
        except StoreError as error:
            self.warn(f"could not rewrite the library index: {error}")

    def _damaged(self, path: Path, moved_to: Path) -> None:
        self.warn(
            f"library file {one_line(str(path))} was damaged; kept it as "
            f"{one_line(str(moved_to))} and rebuilt it from the article files"
            if path == self.path
            else f"library file {one_line(str(path))} was damaged; kept it as "
            f"{one_line(str(moved_to))} (that article is analysed again when added)"
        )


def _parse(tables: Tables) -> tuple[dict[str, ArticleEntry], int]:
    entries: dict[str, ArticleEntry] = {}
    bad = 0
    for row in tables.get(ARTICLES_TABLE, {}).values():
        try:
            entry = ArticleEntry.from_row(row)
        except ValueError:
            bad += 1
            continue
        entries[entry.id] = entry
    return entries, bad


def _index_tables(entries: Mapping[str, ArticleEntry]) -> Tables:
    rows: dict[str, Any] = {
        str(number): entry.to_row() for number, entry in enumerate(entries.values(), 1)
    }
    return {"meta": _META, ARTICLES_TABLE: rows}
