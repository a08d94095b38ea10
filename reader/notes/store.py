"""The note store: articles, notes and verdicts, saved at once and never lost.

Invariant: every public method that changes something has made its change
durable (fsynced and atomically renamed) before it returns, and holds the
store lock around the read-modify-write so concurrent readers lose nothing.
Nothing is deleted except by `delete_note` / `set_verdict(..., None)`; a note
that no longer fits its article stays in the store as an orphan.

Layout (see `FileShelf`): an index file of articles (id, source, title,
content hash, last opened, reading position) and one TinyDB file per article
with its `notes` and `verdicts` tables and an `article` table holding its own
index entry. Saving a note touches only its article's file, so its cost
follows that article's notes, not the store's; search and the library read
every article file (a few ms per hundred).

The index is a cache, the article files are the truth: an article whose file
is on disk is always listed, from its file when the index is damaged, missing
or behind (one warning says so), and the next write to the index puts it back.
One bad article file (damaged, a newer schema, a directory in its place) is
reported by name and skipped; the other articles carry on. Reading never
changes a file: a damaged one is moved aside by the next write to it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from tinydb import Query
from tinydb.table import Document, Table

from reader.errors import StoreError
from reader.notes.anchor import Anchor
from reader.notes.model import (
    VERDICTS,
    Article,
    Note,
    Verdict,
    article_id_for,
    content_hash,
    new_id,
    normalise_source,
    now,
    parse_tags,
)
from reader.notes.shelf import INDEX, FileShelf, MemoryShelf, Shelf, Tables
from reader.notes.storage import DamagedFile
from reader.safe_text import one_line

T = TypeVar("T")
STORE_FILE = "notes.json"
"""File name of the index inside the data directory."""
ARTICLE_TABLE = "article"
"""Table of an article file holding that article's own record (document 1)."""

_record = Query()


def default_db_path() -> Path:
    """`$READER_HOME/notes.json`, else the platform's user data directory (contract 3)."""
    home = os.environ.get("READER_HOME")
    base = Path(home) if home else Path(platformdirs.user_data_dir("reader"))
    return base / STORE_FILE


class NoteStore:
    """Articles, notes and verdicts on one shelf of TinyDB files."""

    def __init__(
        self, shelf: Shelf | None = None, db: str | os.PathLike[str] | None = None
    ) -> None:
        """Open the store at `db` (default `default_db_path()`), or on `shelf`.

        Nothing is read or created until first use.
        """
        self.warnings: list[str] = []
        """Messages for the reader (a damaged file was set aside); UI and CLI show them."""
        self.on_warning: Callable[[str], None] | None = None
        """Called with each new warning, if set (the UI notifies)."""
        if shelf is None:
            path = Path(db).expanduser() if db else default_db_path()
            shelf = FileShelf(path, on_damage=self._damaged)
        self.shelf = shelf

    @classmethod
    def in_memory(cls) -> NoteStore:
        """A store on TinyDB `MemoryStorage` (tests)."""
        return cls(shelf=MemoryShelf())

    # Articles -------------------------------------------------------------

    def open_article(self, source: str, text: str, title: str = "") -> Article:
        """Find the article read from `source`, or add it; durable when it returns.

        An article is found by its source; stdin (`-`) and a file that was moved
        (its old path is gone) are found by their text instead, so a renamed file
        keeps its notes. Updates the title, content hash, source and last-opened time.
        """
        normal = normalise_source(source)
        digest = content_hash(text)
        article = self._open_in_index(source, text, title, normal, digest)
        self._keep_record(article)
        return article

    def _open_in_index(
        self, source: str, text: str, title: str, normal: str, digest: str
    ) -> Article:
        with self._index() as table:
            found = table.get(_record.source == normal) if _named(normal) else None
            if found is None:
                same_text = table.get(_record.content_hash == digest)
                if same_text and (not _named(normal) or _moved(same_text["source"])):
                    found = same_text
            stamp = now()
            if found is None:
                article = Article(article_id_for(source, text), normal, title, digest, stamp, stamp)
                table.insert(article.to_dict())
                return article
            changes = {
                "content_hash": digest,
                "last_opened": stamp,
                "title": title or found["title"],
                "source": normal if _named(normal) else found["source"],
            }
            table.update(changes, _record.id == found["id"])
            return Article.from_dict({**found, **changes})

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
        try:
            tables = self.shelf.read(INDEX)
        except DamagedFile as error:
            self._warn(
                f"{error}; listing the articles from their own files "
                "(the index is rebuilt on the next change)"
            )
            tables = {}
        articles = self._parse(INDEX, "articles", tables, Article.from_dict)
        known = {article.id for article in articles}
        missing = [name for name in self.shelf.names() if name not in known]
        if missing and not tables and isinstance(self.shelf, FileShelf):
            self._warn(
                f"note store index {one_line(str(self.shelf.db))} is missing; listing the "
                "articles from their own files (the index is rebuilt on the next change)"
            )
        articles += self._from_files(missing)
        return sorted(articles, key=lambda a: a.last_opened, reverse=True)

    def _from_files(self, names: Sequence[str]) -> list[Article]:
        """The index entries of these articles, from their own files."""
        found = []
        for name in names:
            tables = self._tables(name)
            record = tables.get(ARTICLE_TABLE, {}).get("1")
            try:
                found.append(Article.from_dict(record) if record else Article(name, ""))
            except (KeyError, TypeError, ValueError):
                self._warn(f"the article record in note store file '{name}' is unreadable")
                found.append(Article(name, ""))
        return [article for article in found if article.id in names]

    @contextmanager
    def _index(self) -> Iterator[Table]:
        """The index's article table in a write session, healed first: an article whose
        file is on disk but which the index lacks (index damaged, lost, behind) is put back."""
        with self.shelf.session(INDEX, write=True) as db:
            table = db.table("articles")
            known = {row.get("id") for row in table.all()}
            missing = [name for name in self.shelf.names() if name not in known]
            if missing:
                table.insert_multiple(a.to_dict() for a in self._from_files(missing))
            yield table

    def _keep_record(self, article: Article) -> None:
        """Keep the article's own file able to rebuild its index entry (written when it
        changes: a new article, a new title, source or text)."""
        record = article.to_dict()
        same = ("id", "source", "title", "content_hash")
        current = self._tables(article.id).get(ARTICLE_TABLE, {}).get("1") or {}
        if all(current.get(key) == record[key] for key in same):
            return
        with self.shelf.session(article.id, write=True) as db:
            db.table(ARTICLE_TABLE).upsert(Document(record, doc_id=1))

    def find_article(self, ref: str) -> Article | None:
        """An article by id, unique id prefix, or source path / URL."""
        articles = self.articles()
        normal = normalise_source(ref)
        for article in articles:
            if ref == article.id or article.source == normal:
                return article
        matches = [a for a in articles if ref and a.id.startswith(ref)]
        return matches[0] if len(matches) == 1 else None

    def set_position(self, article_id: str, offset: int) -> None:
        """Save the reading position (a text offset) of an article."""
        with self._index() as table:
            table.update({"position": max(0, offset)}, _record.id == article_id)

    def put_article(self, article: Article) -> bool:
        """Add an article record as is; `False` if its id exists."""
        with self._index() as table:
            if table.contains(_record.id == article.id):
                return False
            table.insert(article.to_dict())
        self._keep_record(article)
        return True

    # Notes ----------------------------------------------------------------

    def add_note(self, article_id: str, anchor: Anchor, body: str) -> Note:
        """Save a new note; it is durable when this returns."""
        stamp = now()
        note = Note(new_id(), article_id, anchor, body, parse_tags(body), stamp, stamp)
        self.put_note(note)
        return note

    def put_note(self, note: Note) -> bool:
        """Save a note as is (import, undo delete); `False` if its id exists."""
        with self.shelf.session(note.article_id, write=True) as db:
            table = db.table("notes")
            if table.contains(_record.id == note.id):
                return False
            table.insert(note.to_dict())
            return True

    def update_note(self, note: Note, body: str) -> Note:
        """Replace a note's body (tags re-parsed); returns the saved note."""
        changed = note.edited(body)
        with self.shelf.session(note.article_id, write=True) as db:
            if not db.table("notes").update(changed.to_dict(), _record.id == note.id):
                raise StoreError("that note no longer exists (deleted in another window?)")
        return changed

    def delete_note(self, note: Note) -> None:
        """Remove a note (keep the `Note` to undo with `put_note`)."""
        with self.shelf.session(note.article_id, write=True) as db:
            db.table("notes").remove(_record.id == note.id)

    def save_anchors(self, article_id: str, notes: Sequence[Note]) -> None:
        """Store where these notes sit now (anchor and orphan flag), in one durable write.

        Only those two fields change, so a body edited meanwhile in another window is
        kept. Called when an article is opened and its notes are placed again.
        """
        changes = {note.id: note for note in notes if note.article_id == article_id}
        if not changes:
            return

        def move(doc: dict[str, Any]) -> None:
            note = changes[doc["id"]]
            doc["anchor"] = note.anchor.to_dict()
            doc["orphan"] = note.orphan

        with self.shelf.session(article_id, write=True) as db:
            table = db.table("notes")
            ids = [doc.doc_id for doc in table.all() if doc.get("id") in changes]
            if ids:
                table.update(move, doc_ids=ids)

    def notes(self, article_id: str) -> list[Note]:
        """An article's notes in anchor order."""
        notes = self._records(article_id, "notes", Note.from_dict)
        return sorted(notes, key=lambda n: (n.anchor.start, n.created))

    def all_notes(self) -> Iterator[Note]:
        """Every note, article by article."""
        for article_id in self.shelf.names():
            yield from self.notes(article_id)

    def note_counts(self) -> dict[str, int]:
        """Number of notes per article id."""
        counts: dict[str, int] = {}
        for article_id in self.shelf.names():
            counts[article_id] = len(self._tables(article_id).get("notes", {}))
        return counts

    def search(self, text: str) -> list[Note]:
        """Notes whose body, tags or quoted text contain `text` (case-insensitive)."""
        needle = text.casefold()
        tag = needle.lstrip("#")
        found: list[Note] = []
        for article_id in self.shelf.names():
            # Filter raw rows first: building records for every note is the slow part.
            rows = self._tables(article_id).get("notes", {}).values()
            if any(_matches(row, needle, tag) for row in rows):
                found += [n for n in self.notes(article_id) if _matches(n.to_dict(), needle, tag)]
        return found

    # Verdicts -------------------------------------------------------------

    def set_verdict(
        self, article_id: str, anchor: Anchor, verdict: str | None, claim_id: str | None = None
    ) -> Verdict | None:
        """Set (or with `None` clear) the reader's verdict on the claim at `anchor`."""
        if verdict is not None and verdict not in VERDICTS:
            raise StoreError(f"unknown verdict '{verdict}' (use one of {', '.join(VERDICTS)})")
        same = (_record.anchor.start == anchor.start) & (_record.anchor.exact == anchor.exact)
        with self.shelf.session(article_id, write=True) as db:
            table = db.table("verdicts")
            old = table.get(same)
            if verdict is None:
                table.remove(same)
                return None
            stamp = now()
            record = Verdict(
                old["id"] if old else new_id(), article_id, anchor, verdict, claim_id,
                old["created"] if old else stamp, stamp,
            )  # fmt: skip
            table.upsert(record.to_dict(), same)
            return record

    def put_verdict(self, verdict: Verdict) -> bool:
        """Save a verdict as is (import); `False` if its id exists."""
        with self.shelf.session(verdict.article_id, write=True) as db:
            table = db.table("verdicts")
            if table.contains(_record.id == verdict.id):
                return False
            table.insert(verdict.to_dict())
            return True

    def verdicts(self, article_id: str) -> list[Verdict]:
        """An article's verdicts in anchor order."""
        verdicts = self._records(article_id, "verdicts", Verdict.from_dict)
        return sorted(verdicts, key=lambda v: v.anchor.start)

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


def _named(source: str) -> bool:
    """Whether a normalised source names a place (a path or URL), unlike stdin."""
    return source not in ("", "-")


def _moved(source: str) -> bool:
    """Whether `source` is a local path that no longer exists."""
    return _named(source) and "://" not in source and not os.path.exists(source)


def _matches(row: dict[str, Any], needle: str, tag: str) -> bool:
    """Whether a raw note row mentions `needle` (body, quote) or has the tag."""
    try:
        return (
            needle in row["body"].casefold()
            or needle in row["anchor"]["exact"].casefold()
            or tag in row["tags"]
        )
    except (KeyError, TypeError, AttributeError):
        return False
