"""The search index kept current on every write path, and rebuilt when lost (issue 15)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from search_helpers import OTHER, TEXT, found, watching  # noqa: F401

from reader.notes import observe
from reader.notes.anchor import anchor_for
from reader.notes.export import to_jsonld
from reader.notes.importer import import_export
from reader.notes.store import NoteStore
from reader.search import ClaimDoc, _notes_changed, index_article, search
from reader.search import index as index_module
from reader.search.index import MAX_DELTAS, SearchIndex
from reader.search.segments import SHARDS, shard_of

pytestmark = pytest.mark.usefixtures("watching")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store" / "notes.json"


@pytest.fixture
def store(db: Path) -> NoteStore:
    return NoteStore(db=db)


def _article(store: NoteStore, tmp_path: Path, name: str = "leak.md", text: str = TEXT):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return store.open_article(str(path), text, name)


def test_add_edit_delete_and_undo_update_the_index_through_the_hook(
    store: NoteStore, db: Path, tmp_path: Path
) -> None:
    article = _article(store, tmp_path)
    assert found(db, "anything") == []  # builds the index
    note = store.add_note(article.id, anchor_for(TEXT, 0, 27), "Which agency? #sources")
    # fresh=False: no look at the store's files, so only the hook can have done it
    assert found(db, "agency", fresh=False, kinds=["notes"]) == [("note", note.id)]
    assert found(db, "#sources", fresh=False) == [("note", note.id)]
    edited = store.update_note(note, "Ask the ministry")
    assert found(db, "ministry", fresh=False) == [("note", note.id)]
    assert found(db, "#sources", fresh=False) == []
    store.delete_note(edited)
    assert found(db, "ministry", fresh=False) == []
    store.put_note(edited)  # undo
    assert found(db, "ministry", fresh=False) == [("note", note.id)]
    store.set_verdict(article.id, anchor_for(TEXT, 28, 58), "disputed", "c2")
    assert found(db, "ministry", fresh=False) == [("note", note.id)]


def test_import_updates_the_index(store: NoteStore, db: Path, tmp_path: Path) -> None:
    other = NoteStore(db=tmp_path / "elsewhere" / "notes.json")
    article = _article(other, tmp_path)
    notes = [
        other.add_note(article.id, anchor_for(TEXT, 0, 27), f"imported {n} #batch")
        for n in range(3)
    ]
    export = to_jsonld([article], notes, [])
    assert found(db, "imported") == []
    import_export(store, json.dumps(export).encode())
    assert sorted(found(db, "imported", fresh=False)) == sorted(("note", n.id) for n in notes)


def test_a_writer_without_the_hook_is_caught_by_the_signature_check(
    store: NoteStore, db: Path, tmp_path: Path
) -> None:
    article = _article(store, tmp_path)
    assert found(db, "anything") == []
    observe.unsubscribe(_notes_changed)  # as another process, or an older reader, writes
    note = store.add_note(article.id, anchor_for(TEXT, 0, 27), "unhooked words")
    assert found(db, "unhooked", fresh=False) == []
    assert found(db, "unhooked") == [("note", note.id)]
    store.delete_note(note)
    assert found(db, "unhooked") == []


def test_an_opened_articles_text_and_claims_are_searchable(
    store: NoteStore, db: Path, tmp_path: Path
) -> None:
    article = _article(store, tmp_path)
    assert found(db, "anything") == []  # builds the index (before it, only records are kept)
    start = TEXT.index("Officials")
    claim = ClaimDoc(
        "c2",
        start,
        start + 31,
        TEXT[start : start + 31],
        "denied it on Monday",
        "Ministry officials",
        ("denial", "statement"),
    )
    assert index_article(
        db,
        article_id=article.id,
        title="Leak",
        source=article.source,
        date="2026-01-05",
        text=TEXT,
        claims=[claim],
    )
    assert not index_article(
        db,
        article_id=article.id,
        title="Leak",
        source=article.source,
        date="2026-01-05",
        text=TEXT,
        claims=[claim],
    )
    assert found(db, "review due") == [("text", article.id)]
    assert found(db, "denied", kinds=["claims"]) == [("claim", "c2")]
    assert found(db, "ministry") == [("claim", "c2")]  # the source's name
    assert found(db, "#denial") == [("claim", "c2")]
    hit = search(db, "monday", kinds=["claims"]).hits[0]
    assert hit.claim_source == "Ministry officials" and hit.tags == ("denial", "statement")
    assert (hit.start, hit.end) == (start, start + 31)
    # The TUI gives the text only: the claims stay; the library's () removes them.
    index_article(
        db,
        article_id=article.id,
        title="Leak",
        source=article.source,
        date=None,
        text=TEXT + " More.",
    )
    assert found(db, "#denial") == [("claim", "c2")]
    index_article(
        db,
        article_id=article.id,
        title="Leak",
        source=article.source,
        date=None,
        text=TEXT,
        claims=(),
    )
    assert found(db, "#denial") == []
    # `reader add`'s workers keep no text: claims alone leave the text indexed.
    index_article(db, article_id=article.id, title="Leak", source=article.source,
                  date=None, text=None, claims=[claim])  # fmt: skip
    assert found(db, "#denial") == [("claim", "c2")]
    assert found(db, "review due") == [("text", article.id)]
    with pytest.raises(ValueError):
        index_article(db, article_id="../../x", title="", source="", date=None, text="x")


def _with_notes(store: NoteStore, tmp_path: Path) -> list[str]:
    leak = _article(store, tmp_path)
    ferry = _article(store, tmp_path, "ferry.md", OTHER)
    ids = [
        store.add_note(leak.id, anchor_for(TEXT, 0, 27), "agency budget").id,
        store.add_note(ferry.id, anchor_for(OTHER, 0, 20), "fares budget").id,
    ]
    return ids


@pytest.mark.parametrize("damage", ["delete", "cut-shard", "cut-meta", "cut-delta", "current"])
def test_a_lost_or_damaged_index_is_rebuilt_with_one_warning(
    store: NoteStore, db: Path, tmp_path: Path, damage: str
) -> None:
    _with_notes(store, tmp_path)
    before = sorted(found(db, "budget"))
    assert len(before) == 2 and not search(db, "budget").warnings
    folder = db.with_name("notes.search")
    base = folder / (folder / "CURRENT").read_text()
    if damage == "delete":
        shutil.rmtree(folder)
    elif damage == "current":
        (folder / "CURRENT").write_text("../../etc")
    else:
        if damage == "cut-delta":
            store.add_note(store.articles()[0].id, anchor_for(TEXT, 0, 5), "budget x")
            before = sorted(found(db, "budget", fresh=False))
            target = sorted((folder / "deltas").glob("d-*.json"))[-1]
        else:
            shard = base / f"p-{shard_of('budget', SHARDS):03d}.bin"  # the one it reads
            target = base / "meta.json" if damage == "cut-meta" else shard
        raw = target.read_bytes()
        target.write_bytes(raw[: len(raw) // 2])
    result = search(db, "budget")
    assert sorted((hit.kind, hit.ref) for hit in result.hits) == before
    assert len(result.warnings) == 1 and "rebuilt" in result.warnings[0]
    assert not search(db, "budget").warnings  # once


def test_a_rebuild_re_reads_local_files_and_keeps_what_it_cannot_read_again(
    store: NoteStore, db: Path, tmp_path: Path
) -> None:
    local = _article(store, tmp_path)
    web = store.open_article("https://example.com/story", OTHER, "Web story")
    index_article(
        db, article_id=web.id, title="Web story", source=web.source, date=None, text=OTHER
    )
    assert found(db, "passengers") == [("text", web.id)]
    assert found(db, "officials") == [("text", local.id)]  # read from the file
    (tmp_path / "leak.md").write_text(TEXT + " Zebras escaped.", encoding="utf-8")
    SearchIndex(db).rebuild()
    assert found(db, "zebras") == [("text", local.id)]  # the local file, read again
    assert found(db, "passengers") == [("text", web.id)]  # the URL's text, kept


def test_many_saves_are_merged_and_folded_and_answers_stay_the_same(
    store: NoteStore, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = _article(store, tmp_path)
    found(db, "x")
    notes = [
        store.add_note(article.id, anchor_for(TEXT, 0, 27), f"word{n} common")
        for n in range(MAX_DELTAS * 2)
    ]
    deltas = db.with_name("notes.search") / "deltas"
    assert len(list(deltas.glob("d-*.json"))) <= MAX_DELTAS
    monkeypatch.setattr(index_module, "FOLD_BYTES", 100)
    store.update_note(notes[0], "folded now common")
    assert len(list(deltas.glob("d-*.json"))) > 0  # a save never folds: it holds the lock
    assert found(db, "folded", fresh=False) == [("note", notes[0].id)]  # a query folds
    assert len(list(deltas.glob("d-*.json"))) == 0  # all in the base
    assert len(found(db, "common", fresh=False, limit=100)) == len(notes)
    assert found(db, "folded", fresh=False) == [("note", notes[0].id)]
    SearchIndex(db).rebuild()
    assert len(found(db, "common", limit=100)) == len(notes)


def test_a_remembered_clean_check_still_sees_a_later_unhooked_write(
    store: NoteStore, db: Path, tmp_path: Path
) -> None:
    article = _article(store, tmp_path)
    store.add_note(article.id, anchor_for(TEXT, 0, 27), "first words")
    time.sleep(0.1)  # let the folder's mtime settle, so the clean check is remembered
    assert len(found(db, "first")) == 1
    assert len(found(db, "first")) == 1
    assert (db.with_name("notes.search") / "checked.json").exists()
    observe.unsubscribe(_notes_changed)
    note = store.add_note(article.id, anchor_for(TEXT, 0, 27), "second words")
    assert found(db, "second") == [("note", note.id)]


def test_reader_notes_import_updates_the_index(
    store: NoteStore, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.notes_cmd import main

    observe.unsubscribe(_notes_changed)  # as in a fresh `reader notes import` process
    other = NoteStore(db=tmp_path / "elsewhere" / "notes.json")
    article = _article(other, tmp_path)
    note = other.add_note(article.id, anchor_for(TEXT, 0, 27), "from the command")
    export = tmp_path / "export.json"
    export.write_text(json.dumps(to_jsonld([article], [note], [])), encoding="utf-8")
    assert found(db, "command") == []
    assert main(["--db", str(db), "import", str(export)]) == 0
    assert found(db, "command", fresh=False) == [("note", note.id)]
