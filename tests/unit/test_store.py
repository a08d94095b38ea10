"""The note store, against TinyDB MemoryStorage and the real file storage."""

from __future__ import annotations

import errno
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.errors import StoreError
from reader.notes.anchor import anchor_for
from reader.notes.model import parse_tags
from reader.notes.shelf import SCHEMA_VERSION
from reader.notes.store import NoteStore, default_db_path

TEXT = "First sentence here. The minister denied the report. A third sentence closes it."


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NoteStore]:
    if request.param == "memory":
        yield NoteStore.in_memory()
    else:
        yield NoteStore(db=tmp_path / "store" / "notes.json")


def _span(quote: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_note_round_trips_with_tags(store: NoteStore) -> None:
    article = store.open_article("story.md", TEXT, "Story")
    anchor = anchor_for(TEXT, *_span("The minister denied the report."))
    note = store.add_note(article.id, anchor, "Check this #denial and #Follow-up")
    [saved] = store.notes(article.id)
    assert saved == note
    assert saved.tags == ("denial", "follow-up")
    assert saved.anchor.exact == "The minister denied the report."


def test_reopening_finds_the_same_article_after_an_edit(store: NoteStore) -> None:
    first = store.open_article("story.md", TEXT, "Story")
    again = store.open_article("./story.md", TEXT + " Added later.", "")
    assert again.id == first.id
    assert again.title == "Story"
    assert again.content_hash != first.content_hash
    assert len(store.articles()) == 1


def test_same_text_at_two_paths_makes_two_articles(store: NoteStore, tmp_path: Path) -> None:
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text(TEXT)
    two.write_text(TEXT)
    assert store.open_article(str(one), TEXT).id != store.open_article(str(two), TEXT).id


def test_a_moved_file_keeps_its_article(store: NoteStore, tmp_path: Path) -> None:
    old, new = tmp_path / "draft.md", tmp_path / "final.md"
    old.write_text(TEXT)
    first = store.open_article(str(old), TEXT)
    store.add_note(first.id, anchor_for(TEXT, 0, 20), "kept across the rename")
    old.rename(new)
    moved = store.open_article(str(new), TEXT)
    assert moved.id == first.id and moved.source == str(new)
    assert [n.body for n in store.notes(moved.id)] == ["kept across the rename"]


def test_stdin_articles_are_told_apart_by_content(store: NoteStore) -> None:
    one = store.open_article("-", "Text one.", "")
    two = store.open_article("-", "Text two.", "")
    assert one.id != two.id
    assert store.open_article("-", "Text one.", "").id == one.id


def test_reading_position_is_saved(store: NoteStore) -> None:
    article = store.open_article("story.md", TEXT, "Story")
    store.set_position(article.id, 42)
    reopened = store.open_article("story.md", TEXT)
    assert reopened.position == 42


def test_edit_delete_and_undo(store: NoteStore) -> None:
    article = store.open_article("story.md", TEXT)
    note = store.add_note(article.id, anchor_for(TEXT, 0, 20), "first draft")
    edited = store.update_note(note, "second draft #todo")
    assert store.notes(article.id) == [edited]
    assert edited.tags == ("todo",) and edited.created == note.created
    store.delete_note(edited)
    assert store.notes(article.id) == []
    assert store.put_note(edited) is True
    assert store.notes(article.id) == [edited]
    assert store.put_note(edited) is False


def test_editing_a_deleted_note_says_so(store: NoteStore) -> None:
    article = store.open_article("story.md", TEXT)
    note = store.add_note(article.id, anchor_for(TEXT, 0, 20), "gone soon")
    store.delete_note(note)
    with pytest.raises(StoreError, match="no longer exists"):
        store.update_note(note, "too late")


def test_search_counts_and_find(store: NoteStore) -> None:
    one = store.open_article("one.md", TEXT, "One")
    two = store.open_article("https://Example.com/two/#top", "Other text entirely.", "Two")
    store.add_note(one.id, anchor_for(TEXT, 0, 20), "about the MINISTER #politics")
    store.add_note(two.id, anchor_for("Other text entirely.", 0, 5), "unrelated")
    assert [n.body for n in store.search("minister")] == ["about the MINISTER #politics"]
    assert [n.body for n in store.search("#politics")] == ["about the MINISTER #politics"]
    assert store.note_counts() == {one.id: 1, two.id: 1}
    assert store.find_article("https://example.com/two") == store.article(two.id)
    assert store.find_article(one.id[:6]) == store.article(one.id)


def test_verdicts_are_set_changed_and_cleared(store: NoteStore) -> None:
    article = store.open_article("story.md", TEXT)
    claim = anchor_for(TEXT, *_span("The minister denied the report."))
    first = store.set_verdict(article.id, claim, "disputed", claim_id="c1")
    second = store.set_verdict(article.id, claim, "false", claim_id="c1")
    assert first is not None and second is not None and second.id == first.id
    assert [v.verdict for v in store.verdicts(article.id)] == ["false"]
    store.set_verdict(article.id, claim, None)
    assert store.verdicts(article.id) == []
    with pytest.raises(StoreError, match="unknown verdict"):
        store.set_verdict(article.id, claim, "maybe")


def test_parse_tags_ignores_headings_and_anchors() -> None:
    assert parse_tags("#a b#c ##d #e-f #a") == ("a", "e-f")


def test_default_location_follows_reader_home(reader_home: Path) -> None:
    assert default_db_path() == reader_home / "notes.json"
    store = NoteStore()
    store.open_article("story.md", TEXT)
    assert (reader_home / "notes.json").is_file()


def test_one_file_per_article(tmp_path: Path) -> None:
    store = NoteStore(db=tmp_path / "notes.json")
    article = store.open_article("story.md", TEXT)
    store.add_note(article.id, anchor_for(TEXT, 0, 20), "x")
    data = json.loads((tmp_path / "notes.articles" / f"{article.id}.json").read_text())
    assert data["meta"]["1"] == {"schema": SCHEMA_VERSION}
    assert len(data["notes"]) == 1


@pytest.mark.parametrize("damage", [b"{not json", b"[1, 2, 3]", b'{"notes": [1]}', b"\xff\xfe"])
def test_damaged_store_is_set_aside_and_work_continues(tmp_path: Path, damage: bytes) -> None:
    db = tmp_path / "notes.json"
    db.write_bytes(damage)
    store = NoteStore(db=db)
    article = store.open_article("story.md", TEXT)
    assert [a.id for a in store.articles()] == [article.id]
    [kept] = list(tmp_path.glob("notes.json.damaged-*"))
    assert kept.read_bytes() == damage
    assert len(store.warnings) == 1 and str(kept) in store.warnings[0]


def test_damaged_article_file_keeps_other_articles(tmp_path: Path) -> None:
    store = NoteStore(db=tmp_path / "notes.json")
    one = store.open_article("one.md", TEXT)
    two = store.open_article("two.md", "Another text.")
    store.add_note(one.id, anchor_for(TEXT, 0, 20), "keep me")
    store.add_note(two.id, anchor_for("Another text.", 0, 7), "lost file")
    (tmp_path / "notes.articles" / f"{two.id}.json").write_text("{")
    assert store.notes(two.id) == []
    assert [n.body for n in store.notes(one.id)] == ["keep me"]
    assert store.warnings and "damaged" in store.warnings[0]


def test_newer_schema_is_refused_not_overwritten(tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    newer = {"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "articles": {}}
    db.write_text(json.dumps(newer))
    with pytest.raises(StoreError, match="newer"):
        NoteStore(db=db).open_article("story.md", TEXT)
    assert json.loads(db.read_text()) == newer


def test_version_zero_file_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    old = {"articles": {"1": {"id": "abc", "source": "/x.md", "title": "Old"}}}
    db.write_text(json.dumps(old))
    store = NoteStore(db=db)
    store.set_position("abc", 7)
    data = json.loads(db.read_text())
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert store.article("abc") is not None and store.article("abc").position == 7  # type: ignore[union-attr]


def test_unwritable_store_raises_a_store_error_and_keeps_nothing_half_written(
    tmp_path: Path,
) -> None:
    store = NoteStore(db=tmp_path / "notes.json")
    article = store.open_article("story.md", TEXT)
    # A file where the articles directory should be: every write there fails, even as root.
    (tmp_path / "notes.articles").write_text("in the way")
    with pytest.raises(StoreError, match="note store"):
        store.add_note(article.id, anchor_for(TEXT, 0, 20), "cannot save")


def test_disk_full_keeps_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = NoteStore(db=tmp_path / "notes.json")
    article = store.open_article("story.md", TEXT)
    store.add_note(article.id, anchor_for(TEXT, 0, 20), "saved before the disk filled")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reader.notes.storage.os.fsync", full)
    with pytest.raises(StoreError, match="No space left"):
        store.add_note(article.id, anchor_for(TEXT, 21, 30), "lost to a full disk")
    monkeypatch.undo()
    assert [n.body for n in store.notes(article.id)] == ["saved before the disk filled"]
    assert list((tmp_path / "notes.articles").glob("*.tmp")) == []


def test_a_malformed_note_row_is_skipped_reported_and_kept(tmp_path: Path) -> None:
    store = NoteStore(db=tmp_path / "notes.json")
    article = store.open_article("story.md", TEXT)
    store.add_note(article.id, anchor_for(TEXT, 0, 20), "good note")
    path = tmp_path / "notes.articles" / f"{article.id}.json"
    data = json.loads(path.read_text())
    data["notes"]["99"] = {"id": "broken", "body": "no anchor here"}
    path.write_text(json.dumps(data))
    assert [n.body for n in store.notes(article.id)] == ["good note"]
    assert [n.body for n in store.search("note")] == ["good note"]
    assert any("unreadable notes record" in w for w in store.warnings)
    store.add_note(article.id, anchor_for(TEXT, 21, 30), "written after")
    assert json.loads(path.read_text())["notes"]["99"]["body"] == "no anchor here"


def test_temporary_files_left_by_a_killed_writer_are_swept(tmp_path: Path) -> None:
    store = NoteStore(db=tmp_path / "notes.json")
    article = store.open_article("story.md", TEXT)
    old = tmp_path / "notes.articles" / f".{article.id}.json.abc.tmp"
    fresh = tmp_path / ".notes.json.def.tmp"
    old.parent.mkdir()
    old.write_text("{half a wri")
    fresh.write_text("{in flight")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    NoteStore(db=tmp_path / "notes.json").add_note(article.id, anchor_for(TEXT, 0, 20), "x")
    assert not old.exists() and fresh.exists()


def test_settings_survive_a_new_store_and_a_damaged_file(tmp_path: Path) -> None:
    from reader.notes.settings import SETTINGS_FILE

    db = tmp_path / "notes.json"
    store = NoteStore(db=db)
    assert store.get_setting("theme") is None
    store.set_setting("theme", "textual-light")
    store.set_setting("panel_width", 40)
    again = NoteStore(db=db)
    assert again.get_setting("theme") == "textual-light"
    assert again.get_setting("panel_width") == 40
    again.set_setting("panel_width", None)
    assert NoteStore(db=db).get_setting("panel_width", 7) == 7
    (tmp_path / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert NoteStore(db=db).get_setting("theme") is None  # damaged: no settings, no error
    NoteStore(db=db).set_setting("theme", "nord")
    assert NoteStore(db=db).get_setting("theme") == "nord"


def test_settings_in_memory() -> None:
    store = NoteStore.in_memory()
    store.set_setting("theme", "nord")
    assert store.get_setting("theme") == "nord"
