"""Where the index's material comes from: the note store's files and the article records.

Invariant: reading never changes the note store. A note-store article file is
stat'ed *before* it is read, so the signature kept with what was read is never
newer than it (a write in between makes the index look stale, never current).
An article record (`records/<id>.json` in the index folder) is what search was
last given about an article's text and claims (the note store keeps no text):
written atomically and durably, since a URL's text cannot always be fetched again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from reader.search.docs import ClaimDoc, NoteDoc
from reader.search.fold import checkpoints
from reader.search.segments import Entry

RECORD_VERSION = 1
_ARTICLE_ID = re.compile(r"[0-9a-f]{16}")
"""`reader.notes.model.ARTICLE_ID`, not imported: the notes modules cost a query ~30 ms."""


def is_article_id(name: str) -> bool:
    """Whether `name` is a note-store article id (16 lower-case hex digits)."""
    return _ARTICLE_ID.fullmatch(name) is not None


def search_dir(store: Path) -> Path:
    """The index folder beside the note store's index file: `<stem>.search/`."""
    return store.with_name(f"{store.stem}.search")


def notes_dir(store: Path) -> Path:
    """The note store's folder of article files (see `reader.notes.shelf.FileShelf`)."""
    return store.with_name(f"{store.stem}.articles")


def signature(stat: os.stat_result) -> list[int]:
    """What tells one version of a file from another: inode, mtime and size (every store
    write renames a new file into place, so a new inode)."""
    return [stat.st_ino, stat.st_mtime_ns, stat.st_size]


def signatures(folder: Path) -> dict[str, list[int]]:
    """The signature of every note-store article file in `folder`."""
    found: dict[str, list[int]] = {}
    try:
        entries = os.scandir(folder)
    except OSError:
        return found
    with entries:
        for entry in entries:
            name = entry.name
            if name.endswith(".json") and is_article_id(name[:-5]):
                with contextlib.suppress(OSError):
                    found[name[:-5]] = signature(entry.stat())
    return found


def read_notes(store: Path, article_id: str) -> Entry:
    """An article's notes (and its title, source, date) from its note-store file.

    A file that cannot be read gives no notes (the note store reports it itself).
    """
    from reader.errors import StoreError
    from reader.notes.shelf import FileShelf

    path = notes_dir(store) / f"{article_id}.json"
    try:
        sig: list[int] | None = signature(path.stat())
    except OSError:
        sig = None
    try:
        tables = FileShelf(store).read(article_id) if sig is not None else {}
    except StoreError:
        tables = {}
    own = tables.get("article", {}).get("1") or {}
    notes = []
    for row in tables.get("notes", {}).values():
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            anchor = row["anchor"]
            notes.append(
                NoteDoc(
                    str(row["id"]),
                    str(row.get("body", "")),
                    str(anchor.get("exact", "")),
                    tuple(str(t) for t in row.get("tags", [])),
                    int(anchor["start"]),
                    int(anchor["end"]),
                    str(row.get("updated", "")),
                )
            )
    notes.sort(key=lambda note: (note.start, note.id))
    return Entry(
        article_id,
        title=_text(own.get("title")),
        source=_text(own.get("source")),
        date=_text(own.get("created"))[:10],
        notes=notes,
        notes_sig=sig,
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


CHUNK = 1 << 20
"""Characters encoded at a time: a book's text is hashed and written a slice at a time,
never as one more whole copy (a 30 MB text was four: its JSON, two encodings, the hash's)."""


def text_sig(text: str) -> str:
    """The signature of an article text (a hash of its UTF-8, taken slice by slice)."""
    digest = hashlib.sha256()
    for at in range(0, len(text), CHUNK):
        digest.update(text[at : at + CHUNK].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


def claims_sig(claims: list[ClaimDoc]) -> str:
    """The signature of a claim list (a hash of its rows)."""
    payload = json.dumps([c.row() for c in claims], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def record_path(root: Path, article_id: str) -> Path:
    return root / "records" / f"{article_id}.json"


def write_record(
    root: Path, entry: Entry, source_sig: list[int] | None, durable: bool = True
) -> None:
    """Keep what search was given about an article (text and claims), durably; with
    `durable=False` the caller makes a batch of records durable at once (`os.sync`)."""
    from reader.notes.storage import write_atomic

    old = read_record(root, entry.article_id)
    record: dict[str, Any] = {
        "version": RECORD_VERSION,
        "id": entry.article_id,
        "title": entry.title,
        "source": entry.source,
        "date": entry.date,
        "source_sig": source_sig,
    }
    text = entry.text if entry.text is not None else (old.text if old else None)
    after: dict[str, Any] = {}
    if text is not None:
        given = entry.text is not None and entry.text_sig
        after.update(text_sig=entry.text_sig if given else text_sig(text), marks=checkpoints(text))
    claims = entry.claims if entry.claims is not None else (old.claims if old else None)
    if claims is not None:
        after["claims"] = [claim.row() for claim in claims]
    payload = _record_json(record, text, after)
    path = record_path(root, entry.article_id)
    (write_atomic if durable else write_unsynced)(path, payload)


def _record_json(before: dict[str, Any], text: str | None, after: dict[str, Any]) -> list[bytes]:
    """`json.dumps({**before, "text": text, **after}, ensure_ascii=False)` in UTF-8, the
    same bytes, as slices: the text is escaped a `CHUNK` at a time (JSON escapes each
    character on its own, so the slices' escapes join into the whole's)."""

    def utf8(part: str) -> bytes:
        return part.encode("utf-8", "surrogatepass")

    if text is None:
        return [utf8(json.dumps({**before, **after}, ensure_ascii=False))]
    parts = [utf8(json.dumps(before, ensure_ascii=False)[:-1] + ', "text": "')]
    for at in range(0, len(text), CHUNK):
        parts.append(utf8(json.dumps(text[at : at + CHUNK], ensure_ascii=False)[1:-1]))
    closing = json.dumps(after, ensure_ascii=False)
    parts.append(utf8('"' + (", " + closing[1:] if after else "}")))
    return parts


def write_unsynced(path: Path, payload: bytes | list[bytes]) -> None:
    """Write a file whole (`payload`, or its parts in order) under a temporary name, then
    rename it into place (no fsync: see `reader.search.index`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        with temp.open("wb") as handle:
            handle.writelines([payload] if isinstance(payload, bytes) else payload)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class Record:
    """A parsed article record."""

    def __init__(self, value: dict[str, Any]) -> None:
        self.id = str(value["id"])
        self.title, self.source = str(value.get("title", "")), str(value.get("source", ""))
        self.date = str(value.get("date", ""))
        text = value.get("text")
        self.text: str | None = text if isinstance(text, str) else None
        marks = value.get("marks", [])
        self.marks = [m for m in marks if isinstance(m, int)] if isinstance(marks, list) else []
        claims = value.get("claims")
        self.claims = [ClaimDoc.from_row(r) for r in claims] if isinstance(claims, list) else None
        sig = value.get("source_sig")
        self.source_sig = sig if isinstance(sig, list) else None

    def entry(self) -> Entry:
        """The text and claims scopes this record gives."""
        text = self.text
        claims = self.claims
        return Entry(
            self.id,
            self.title,
            self.source,
            self.date,
            text=text,
            text_sig=text_sig(text) if text is not None else "",
            claims=claims,
            claims_sig=claims_sig(claims) if claims is not None else "",
        )


def read_record(root: Path, article_id: str) -> Record | None:
    """The record of an article, or None (missing, damaged, or not an article id)."""
    if not is_article_id(article_id):
        return None
    try:
        value = json.loads(record_path(root, article_id).read_bytes())
        record = Record(value)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    return record if record.id == article_id else None


def record_ids(root: Path) -> list[str]:
    """Article ids that have a record."""
    folder = root / "records"
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json") if is_article_id(p.stem))


def local_sig(source: str) -> list[int] | None:
    """The signature of a local source file (None for a URL, stdin or a missing file)."""
    if not source or source == "-" or "://" in source:
        return None
    try:
        return signature(os.stat(source))
    except OSError:
        return None


def reread(article_id: str, source: str, kept: Entry | None) -> Entry | None:
    """An article's text read again from its local source (None if it cannot be)."""
    from reader.errors import ReaderError

    if local_sig(source) is None:
        return None
    from reader.document import load

    try:
        document = load(source)
    except ReaderError:
        return None
    text = document.text
    entry = Entry(
        article_id, document.title, source, document.date, text=text, text_sig=text_sig(text)
    )
    if kept is not None:
        entry.claims, entry.claims_sig = kept.claims, kept.claims_sig
    return entry
