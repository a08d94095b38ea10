"""Importing an export: every item checked first, then written as one change.

Invariant: an import either adds all of its new records or changes nothing.
The whole file is parsed and checked (`validate`) before the store is touched,
so a bad item leaves the store byte-identical. Then, holding the store lock,
each article file concerned is read once, the new notes and verdicts are added
in memory (records whose id is present already are skipped, so importing
twice is harmless), and all changed files, the index included, are replaced
together by `Shelf.store_all`: staged, committed by one journal rename, then
renamed into place (see `reader.notes.commit`). A process killed at any point
leaves either no trace of the import or all of it; the next writer finishes or
drops what it left.

Cost: one read and one durable write per article file touched, whatever the
number of notes: 100,000 notes are a few seconds, not one fsync per note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from reader.notes.catalog import ARTICLE_TABLE
from reader.notes.model import Article, Note, Verdict
from reader.notes.shelf import INDEX, Tables
from reader.notes.store import NoteStore
from reader.notes.validate import BadExport, parse_json, read_collection

Progress = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import added, and how many records it skipped as already present."""

    notes: int
    verdicts: int
    articles: int
    skipped: int


def import_export(store: NoteStore, raw: bytes, progress: Progress | None = None) -> ImportReport:
    """Import the bytes of a JSON export into `store`, all or nothing.

    Raises:
        BadExport: the file is not an export, or an item is wrong (nothing changed).
        StoreError: the store could not be written (nothing changed).
    """
    articles, notes, verdicts = read_collection(parse_json(raw))
    return import_records(store, articles, notes, verdicts, progress)


def import_records(
    store: NoteStore,
    articles: list[Article],
    notes: list[Note],
    verdicts: list[Verdict],
    progress: Progress | None = None,
) -> ImportReport:
    """Add these checked records to `store` as one change (see the module doc)."""
    given: dict[str, Article] = {}
    for article in articles:
        given.setdefault(article.id, article)
    shelf = store.shelf
    with shelf.locked():
        index = shelf.load(INDEX)
        rows = index.setdefault("articles", {})
        entries = {row["id"]: row for row in rows.values() if isinstance(row.get("id"), str)}
        healed = store.unindexed(set(entries))  # the index is a cache: heal it too
        for entry in healed:
            entries[entry.id] = entry.to_dict()
        records: list[Note | Verdict] = [*notes, *verdicts]
        for record in records:
            if record.article_id not in given and record.article_id not in entries:
                raise BadExport(
                    f"record {record.id[:40]}: reader:article {record.article_id} is neither "
                    "in reader:articles nor in the note store"
                )
        new_articles = [a for a in given.values() if a.id not in entries]
        for article in new_articles:
            entries[article.id] = article.to_dict()
        _add(rows, [e.to_dict() for e in healed] + [a.to_dict() for a in new_articles])
        files: dict[str, Tables] = {}
        added = [0, 0]
        notes_of, verdicts_of = _by_article(notes), _by_article(verdicts)
        for article_id in sorted(set(notes_of) | set(verdicts_of) | set(given)):
            tables = shelf.load(article_id)
            counts = [
                _add(tables.setdefault("notes", {}), notes_of.get(article_id, [])),
                _add(tables.setdefault("verdicts", {}), verdicts_of.get(article_id, [])),
            ]
            has_record = bool(tables.get(ARTICLE_TABLE, {}).get("1"))
            if not has_record:
                tables[ARTICLE_TABLE] = {"1": dict(entries[article_id])}
            if any(counts) or not has_record:
                files[article_id] = tables
            added = [added[0] + counts[0], added[1] + counts[1]]
        files[INDEX] = index
        shelf.store_all(files, progress)
        store.notify_changed([name for name in files if name != INDEX])
    skipped = len(articles) + len(notes) + len(verdicts) - sum(added) - len(new_articles)
    return ImportReport(added[0], added[1], len(new_articles), skipped)


def _by_article(records: Iterable[Note | Verdict]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        grouped.setdefault(record.article_id, []).append(record.to_dict())
    return grouped


def _add(table: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> int:
    """Append the rows whose id the table lacks; return how many."""
    present = {doc.get("id") for doc in table.values()}
    next_id = _next_id(table)
    added = 0
    for row in rows:
        if row["id"] not in present:
            present.add(row["id"])
            table[str(next_id + added)] = row
            added += 1
    return added


def _next_id(table: dict[str, dict[str, Any]]) -> int:
    return max((int(key) for key in table if key.isdigit()), default=0) + 1
