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
from collections.abc import Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query, TinyDB

from reader.errors import StoreError
from reader.notes import observe
from reader.notes.anchor import Anchor
from reader.notes.catalog import Catalog
from reader.notes.model import (
    VERDICTS,
    Article,
    Note,
    Verdict,
    article_id_for,
    article_id_from_hash,
    content_hash,
    is_article_id,
    new_id,
    normalise_source,
    now,
    parse_tags,
)
from reader.notes.settings import Settings, Value, settings_path
from reader.notes.shelf import INDEX, FileShelf, MemoryShelf, Shelf
from reader.paths import store_path
from reader.safe_text import one_line

T = TypeVar("T")

_record = Query()


def default_db_path() -> Path:
    """`$READER_HOME/notes.json`, else the platform's user data directory (contract 3)."""
    return store_path()


class NoteStore(Catalog):
    """Articles, notes and verdicts on one shelf of TinyDB files."""

    def __init__(
        self, shelf: Shelf | None = None, db: str | os.PathLike[str] | None = None
    ) -> None:
        """Open the store at `db` (default `default_db_path()`), or on `shelf`.

        Nothing is read or created until first use.
        """
        settings_file: Path | None = None
        if shelf is None:
            path = Path(db).expanduser() if db else default_db_path()
            shelf = FileShelf(path, on_damage=self._damaged)
            settings_file = settings_path(path)
        super().__init__(shelf)
        self.settings = Settings(settings_file, shelf.locked)
        """The reader's settings, beside the index file (see `reader.notes.settings`)."""

    def get_setting(self, key: str, default: Value = None) -> Value:
        """The setting `key` (e.g. "theme"), else `default`."""
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: Value) -> None:
        """Save the setting `key` (None removes it), durably, before returning.

        Raises:
            StoreError: if it cannot be saved (the old settings are kept).
        """
        try:
            self.settings.set(key, value)
        except OSError as error:
            where = one_line(str(self.settings.path))
            raise StoreError(f"cannot save settings in {where}: {error.strerror}") from error

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
        self._remember(article)
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

    def register_articles(self, entries: Sequence[tuple[str, str, str]]) -> list[Article]:
        """`open_article` for many (source, content hash, title) at once, in one durable
        index write, leaving what the reader did alone: a known article keeps its
        last-opened time and reading position (`reader add`, the library's intake)."""
        with self._index() as table:
            rows: list[dict[str, Any]] = [dict(doc, doc_id=doc.doc_id) for doc in table.all()]
            by_source = {row.get("source"): row for row in rows}
            by_hash: dict[object, dict[str, Any]] = {}
            for known in rows:
                by_hash.setdefault(known.get("content_hash"), known)
            found: list[Article] = []
            added: list[dict[str, Any]] = []
            changed: dict[str, dict[str, Any]] = {}
            for source, digest, title in entries:
                normal = normalise_source(source)
                row: dict[str, Any] | None = by_source.get(normal) if _named(normal) else None
                same = by_hash.get(digest)
                if row is None and same and (not _named(normal) or _moved(same["source"])):
                    row = same
                if row is None:
                    stamp = now()
                    article_id = article_id_from_hash(normal, digest)
                    row = Article(article_id, normal, title, digest, stamp, stamp).to_dict()
                    added.append(row)
                else:
                    new_source = normal if _named(normal) else row["source"]
                    row.update(content_hash=digest, title=title or row["title"], source=new_source)
                    if "doc_id" in row:
                        changed[row["id"]] = row
                by_source[row["source"]] = row
                by_hash.setdefault(digest, row)
                found.append(Article.from_dict(row))
            if changed:
                keys = ("content_hash", "title", "source")

                def update(doc: MutableMapping[str, Any]) -> None:
                    doc.update({key: changed[doc["id"]][key] for key in keys})

                table.update(update, doc_ids=[row["doc_id"] for row in changed.values()])
            if added:
                table.insert_multiple(added)
        for article in found:
            self._remember(article)
        return found

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
        self._remember(article)
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
        with self._article(note.article_id) as db:
            table = db.table("notes")
            if table.contains(_record.id == note.id):
                return False
            table.insert(note.to_dict())
            return True

    def update_note(self, note: Note, body: str) -> Note:
        """Replace a note's body (tags re-parsed); returns the saved note."""
        changed = note.edited(body)
        with self._article(note.article_id) as db:
            if not db.table("notes").update(changed.to_dict(), _record.id == note.id):
                raise StoreError("that note no longer exists (deleted in another window?)")
        return changed

    def delete_note(self, note: Note) -> None:
        """Remove a note (keep the `Note` to undo with `put_note`)."""
        with self._article(note.article_id) as db:
            db.table("notes").remove(_record.id == note.id)

    def save_anchors(self, article_id: str, notes: Sequence[Note]) -> None:
        """Store where these notes sit now (anchor and orphan flag), in one durable write.

        Only those two fields change, so a body edited meanwhile in another window is
        kept. Called when an article is opened and its notes are placed again.
        """
        changes = {note.id: note for note in notes if note.article_id == article_id}
        if not changes:
            return

        def move(doc: MutableMapping[str, Any]) -> None:
            note = changes[doc["id"]]
            doc["anchor"] = note.anchor.to_dict()
            doc["orphan"] = note.orphan

        with self._article(article_id) as db:
            table = db.table("notes")
            ids = [doc.doc_id for doc in table.all() if doc.get("id") in changes]
            if ids:
                table.update(move, doc_ids=ids)

    @contextmanager
    def _article(self, article_id: str) -> Iterator[TinyDB]:
        """A write session on an article's file, which is left holding the article's own
        index entry too; anything but a store id is refused."""
        if not is_article_id(article_id):
            raise StoreError(
                f"'{one_line(article_id)}' is not a note store article id (16 hex digits)"
            )
        with self.shelf.locked():
            with self.shelf.session(article_id, write=True) as db:
                yield db
                self._stamp(db, article_id)
            self.notify_changed([article_id])

    def notify_changed(self, article_ids: Sequence[str]) -> None:
        """Tell the listeners (`reader.notes.observe`) that these article files changed;
        called holding the store lock, after the durable write."""
        if isinstance(self.shelf, FileShelf) and article_ids:
            observe.changed(self.shelf.db, article_ids)

    def notes(self, article_id: str) -> list[Note]:
        """An article's notes in anchor order."""
        if article_id == INDEX:
            return []
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
        with self._article(article_id) as db:
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
        with self._article(verdict.article_id) as db:
            table = db.table("verdicts")
            if table.contains(_record.id == verdict.id):
                return False
            table.insert(verdict.to_dict())
            return True

    def save_verdict_anchors(self, article_id: str, verdicts: Sequence[Verdict]) -> None:
        """Store where these verdicts' claims sit now (their anchors), in one durable write;
        their verdicts, edited meanwhile in another window, are kept."""
        anchors = {v.id: v.anchor.to_dict() for v in verdicts if v.article_id == article_id}
        if not anchors:
            return

        def move(doc: MutableMapping[str, Any]) -> None:
            doc["anchor"] = anchors[doc["id"]]

        with self._article(article_id) as db:
            table = db.table("verdicts")
            ids = [doc.doc_id for doc in table.all() if doc.get("id") in anchors]
            if ids:
                table.update(move, doc_ids=ids)

    def verdicts(self, article_id: str) -> list[Verdict]:
        """An article's verdicts in anchor order."""
        if article_id == INDEX:
            return []
        verdicts = self._records(article_id, "verdicts", Verdict.from_dict)
        return sorted(verdicts, key=lambda v: v.anchor.start)


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


def _named(source: str) -> bool:
    """Whether a normalised source names a place (a path or URL), unlike stdin."""
    return source not in ("", "-")


def _moved(source: str) -> bool:
    """Whether `source` is a local path that no longer exists."""
    return _named(source) and "://" not in source and not os.path.exists(source)
