"""Reading the shelf without tripping: the article catalog, bad files reported by name.

Invariant: the index is a cache, the article files are the truth. `articles()`
lists the index's entries plus every article whose file is on disk but which
the index lacks (damaged, cut, missing or behind: one warning says so), and
`_index()` puts such entries back on the next write to the index. Reading one
file that cannot be used (damaged, a newer schema, a directory in its place)
reports it once, by name, and goes on as if it were empty: one bad article file
never stops the others. Nothing here changes a file while reading.

`Catalog` is the base of `NoteStore` (`reader.notes.store`), which adds notes
and verdicts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from reader.errors import StoreError
from reader.notes.model import Article, normalise_source
from reader.notes.shelf import INDEX, FileShelf, Shelf, Tables
from reader.notes.storage import DamagedFile
from reader.safe_text import one_line

T = TypeVar("T")
ARTICLE_TABLE = "article"
"""Table of an article file holding that article's own record (document 1)."""

_record = Query()


class Catalog:
    """The articles of a shelf, and tolerant reads of its files with warnings."""

    shelf: Shelf

    def __init__(self, shelf: Shelf) -> None:
        """Read `shelf`."""
        self.shelf = shelf
        self.warnings: list[str] = []
        """Messages for the reader (a damaged file was set aside); UI and CLI show them."""
        self.on_warning: Callable[[str], None] | None = None
        """Called with each new warning, if set (the UI notifies)."""
        self._known: dict[str, Article] = {}
        self._stamped: dict[str, tuple[str, str, str, str]] = {}

    # Articles -------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        """The article with this id, if any."""
        for article in self.articles():
            if article.id == article_id:
                return article
        return None

    def articles(self) -> list[Article]:
        """All articles, most recently opened first: the index's, and any it lacks.

        A damaged or missing index is reported once and the articles are listed
        from their own files; nothing on disk is left out. Changes nothing.
        """
        damaged = False
        try:
            tables = self.shelf.read(INDEX)
        except DamagedFile as error:
            self._warn(
                f"{error}; listing the articles from their own files "
                "(the index is rebuilt on the next change)"
            )
            tables, damaged = {}, True
        articles = self._parse(INDEX, "articles", tables, Article.from_dict)
        known = {article.id for article in articles}
        missing = [name for name in self.shelf.names() if name not in known]
        if missing and not tables and not damaged and isinstance(self.shelf, FileShelf):
            self._warn(
                f"note store index {one_line(str(self.shelf.db))} is missing; listing the "
                "articles from their own files (the index is rebuilt on the next change)"
            )
        articles += self._from_files(missing)
        return sorted(articles, key=lambda a: a.last_opened, reverse=True)

    def _from_files(self, names: Sequence[str]) -> list[Article]:
        """The index entries of these articles, from their own files (one that cannot be
        read is reported and left out; an old file without its record gives a bare entry)."""
        found = []
        for name in names:
            tables = self._tables(name)
            if not tables:
                continue
            record = tables.get(ARTICLE_TABLE, {}).get("1")
            try:
                found.append(Article.from_dict(record) if record else Article(name, ""))
            except (KeyError, TypeError, ValueError):
                self._warn(f"the article record in note store file '{name}' is unreadable")
                found.append(Article(name, ""))
        return [article for article in found if article.id in names]

    def unindexed(self, known: set[str]) -> list[Article]:
        """Entries, from their own files, of the articles on the shelf not in `known`."""
        return self._from_files([name for name in self.shelf.names() if name not in known])

    @contextmanager
    def _index(self) -> Iterator[Table]:
        """The index's article table in a write session, healed first: an article whose
        file is on disk but which the index lacks (index damaged, lost, behind) is put back."""
        with self.shelf.session(INDEX, write=True) as db:
            table = db.table("articles")
            missing = self.unindexed({str(row.get("id")) for row in table.all()})
            if missing:
                table.insert_multiple(article.to_dict() for article in missing)
            yield table

    def _remember(self, article: Article) -> None:
        """Note the article's current entry, to be kept in its own file (`_stamp`)."""
        self._known[article.id] = article

    def _stamp(self, db: TinyDB, article_id: str) -> None:
        """Keep an article's own file able to rebuild its index entry: with the first
        change to the file after the article was opened with a new title, source or text
        (checked once per article and entry in this process, so a save costs no more)."""
        article = self._known.get(article_id) or self._indexed(article_id)
        if article is None:
            return
        key = (article.id, article.source, article.title, article.content_hash)
        if self._stamped.get(article_id) == key:
            return
        table = db.table(ARTICLE_TABLE)
        current: dict[str, Any] = dict(table.get(doc_id=1) or {})
        if tuple(current.get(k) for k in ("id", "source", "title", "content_hash")) != key:
            table.upsert(Document(article.to_dict(), doc_id=1))
        self._stamped[article_id] = key

    def _indexed(self, article_id: str) -> Article | None:
        """The index's entry for an article (tolerant: None if unreadable)."""
        try:
            rows = self.shelf.read(INDEX).get("articles", {}).values()
        except StoreError:
            return None
        for row in rows:
            if row.get("id") == article_id:
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    return Article.from_dict(row)
        return None

    def find_article(self, ref: str) -> Article | None:
        """An article by id, unique id prefix, or source path / URL."""
        articles = self.articles()
        normal = normalise_source(ref)
        for article in articles:
            if ref == article.id or article.source == normal:
                return article
        matches = [a for a in articles if ref and a.id.startswith(ref)]
        return matches[0] if len(matches) == 1 else None

    # Reading records ------------------------------------------------------

    def _tables(self, name: str) -> Tables:
        """A file's tables; one that cannot be read is reported (once) and taken as empty,
        so one bad article file never stops the others."""
        try:
            return self.shelf.read(name)
        except StoreError as error:
            self._warn(f"{error}; skipped it (left as it is)")
            return {}

    def _records(self, name: str, table: str, factory: Callable[[dict[str, Any]], T]) -> list[T]:
        """Parse a table's rows; a malformed row is reported and left in the file."""
        return self._parse(name, table, self._tables(name), factory)

    def _parse(
        self, name: str, table: str, tables: Tables, factory: Callable[[dict[str, Any]], T]
    ) -> list[T]:
        records: list[T] = []
        bad = 0
        for row in tables.get(table, {}).values():
            try:
                records.append(factory(row))
            except (KeyError, TypeError, ValueError, AttributeError):
                bad += 1
        if bad:
            self._warn(
                f"{bad} unreadable {table} record(s) in note store file '{name}' were "
                "skipped (left in the file, not deleted)"
            )
        return records

    # Warnings -------------------------------------------------------------

    def _damaged(self, path: Path, moved_to: Path) -> None:
        where = (
            f"note store file {one_line(str(path))} was damaged; "
            f"kept it as {one_line(str(moved_to))}"
        )
        if isinstance(self.shelf, FileShelf) and path == self.shelf.db:
            self._warn(f"{where} and rebuilt the index from the article files")
        else:
            self._warn(f"{where} and started afresh")

    def warn(self, message: str) -> None:
        """Tell the reader about store trouble (kept in `warnings`, passed to `on_warning`)."""
        self._warn(message)

    def _warn(self, message: str) -> None:
        if message in self.warnings:
            return
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)

    def describe(self) -> dict[str, Any]:
        """Where the store is (for messages and the library screen)."""
        shelf = self.shelf
        return {"db": str(shelf.db) if isinstance(shelf, FileShelf) else ":memory:"}
