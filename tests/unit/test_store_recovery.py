"""The store never hides a note: a damaged index, one bad article file, read-only commands,
and re-anchoring that every view agrees on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.errors import StoreError
from reader.notes.anchor import anchor_for
from reader.notes.session import ArticleNotes
from reader.notes.shelf import SCHEMA_VERSION
from reader.notes.store import NoteStore
from reader.notes_cmd import main

TEXTS = {
    "one.md": "The agency reported a leak. Officials denied it on Monday. A review is due.",
    "two.md": "The council met late. The budget passed by one vote. Nobody spoke after.",
    "three.md": "Rain fell all week. The river rose. The bridge was closed on Friday.",
}


def _filled(home: Path) -> tuple[NoteStore, dict[str, str]]:
    """Three articles with two notes each; returns the store and article id by file name."""
    store = NoteStore()
    ids = {}
    for name, text in TEXTS.items():
        article = store.open_article(str(home / name), text, f"Title of {name}")
        ids[name] = article.id
        first = text.index(".") + 1
        store.add_note(article.id, anchor_for(text, 0, first), f"first note on {name}")
        store.add_note(article.id, anchor_for(text, first + 1, len(text)), f"second on {name}")
    return store, ids


def _snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under `root` (lock files aside) with its bytes (None for a directory)."""
    found: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        if ".lock" in path.name:
            continue
        found[str(path.relative_to(root))] = None if path.is_dir() else path.read_bytes()
    return found


def _listed(capsys: pytest.CaptureFixture[str]) -> tuple[list[str], list[str]]:
    """Bodies printed by `notes list --json`, and the stderr lines."""
    assert main(["list", "--json"]) == 0
    captured = capsys.readouterr()
    return sorted(n["body"] for n in json.loads(captured.out)), captured.err.splitlines()


ALL_BODIES = sorted(f"{k} on {name}" for name in TEXTS for k in ("first note", "second"))


@pytest.mark.parametrize("damage", ["cut in half", "missing", "zero-length"])
def test_a_damaged_or_missing_index_hides_no_note(
    reader_home: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(reader_home)
    index = reader_home / "notes.json"
    if damage == "cut in half":
        index.write_bytes(index.read_bytes()[: index.stat().st_size // 2])
    elif damage == "missing":
        index.unlink()
    else:
        index.write_bytes(b"")
    bodies, errors = _listed(capsys)
    assert bodies == ALL_BODIES
    assert len(errors) == 1 and "notes.json" in errors[0]
    assert main(["export", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 6
    fresh = NoteStore()
    assert sorted(a.title for a in fresh.articles()) == sorted(f"Title of {n}" for n in TEXTS)
    # The next write rebuilds the index from the article files.
    fresh.open_article(str(reader_home / "new.md"), "A new article.", "New")
    rebuilt = json.loads(index.read_text())["articles"]
    assert len(rebuilt) == 4
    assert sorted(a.title for a in NoteStore().articles())[0] == "New"


def test_articles_from_old_files_without_their_record_are_still_listed(
    reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, ids = _filled(reader_home)
    for article_id in ids.values():  # files as older versions wrote them
        path = reader_home / "notes.articles" / f"{article_id}.json"
        tables = json.loads(path.read_text())
        del tables["article"]
        path.write_text(json.dumps(tables))
    (reader_home / "notes.json").unlink()
    bodies, _ = _listed(capsys)
    assert bodies == ALL_BODIES


def _bad_file(path: Path, kind: str) -> None:
    if kind == "newer schema":
        path.write_text(json.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "notes": {}}))
    elif kind == "a directory":
        path.unlink()
        path.mkdir()
    elif kind == "invalid JSON":
        path.write_text('{"notes": {"1": {"body": "cut')
    elif kind == "zero-length":
        path.write_bytes(b"")
    elif kind == "unreadable":
        if os.geteuid() == 0:
            pytest.skip("root reads any file: chmod cannot make it unreadable")
        path.chmod(0)


@pytest.mark.parametrize(
    "kind", ["newer schema", "a directory", "invalid JSON", "zero-length", "unreadable"]
)
def test_one_bad_article_file_only_affects_its_article(
    reader_home: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, ids = _filled(reader_home)
    bad = reader_home / "notes.articles" / f"{ids['two.md']}.json"
    _bad_file(bad, kind)
    others = [b for b in ALL_BODIES if "two.md" not in b]
    bodies, errors = _listed(capsys)
    assert bodies == others
    assert len(errors) == 1 and ids["two.md"] in errors[0]
    assert main(["search", "note"]) == 0
    captured = capsys.readouterr()
    assert "first note on one.md" in captured.out and "two.md" not in captured.out
    assert len(captured.err.splitlines()) == 1
    assert main(["export", "--format", "md"]) == 0
    assert "second on three.md" in capsys.readouterr().out
    assert NoteStore().note_counts()[ids["one.md"]] == 2


def test_read_only_commands_leave_a_damaged_store_byte_identical(
    reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, ids = _filled(reader_home)
    index = reader_home / "notes.json"
    index.write_bytes(index.read_bytes()[:40])
    _bad_file(reader_home / "notes.articles" / f"{ids['two.md']}.json", "invalid JSON")
    _bad_file(reader_home / "notes.articles" / f"{ids['three.md']}.json", "zero-length")
    before = _snapshot(reader_home)
    for argv in (
        ["list"], ["list", "--json"], ["list", "--tag", "x"], ["search", "note"],
        ["export", "--format", "md"], ["export", "--format", "json"],
    ):  # fmt: skip
        assert main(argv) == 0, argv
        assert "first note on one.md" in capsys.readouterr().out or argv[1:] == ["--tag", "x"]
    assert _snapshot(reader_home) == before
    # A write to a damaged file moves it aside (kept) and starts it afresh.
    store = NoteStore()
    store.add_note(ids["two.md"], anchor_for(TEXTS["two.md"], 0, 10), "after the damage")
    [kept] = (reader_home / "notes.articles").glob(f"{ids['two.md']}.json.damaged-*")
    assert kept.read_text().startswith('{"notes"')
    assert [n.body for n in store.notes(ids["two.md"])] == ["after the damage"]


def test_the_shelf_refuses_ids_that_are_not_store_ids(tmp_path: Path) -> None:
    store = NoteStore(db=tmp_path / "store" / "notes.json")
    article = store.open_article("a.md", TEXTS["one.md"])
    note = store.add_note(article.id, anchor_for(TEXTS["one.md"], 0, 5), "x")
    before = _snapshot(tmp_path)
    for bad in ("../../victim", str(tmp_path / "victim"), "ABCDEF0123456789", "index"):
        with pytest.raises(StoreError, match="not a note store article id"):
            store.put_note(note.__class__(note.id + "x", bad, note.anchor, "evil"))
    assert _snapshot(tmp_path) == before


def test_re_anchored_notes_are_stored_so_every_view_agrees(
    reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(reader_home / "story.md")
    text = TEXTS["one.md"]
    notes = ArticleNotes.open(NoteStore(), source, text, "Story")
    denied = "Officials denied it on Monday."
    review = "A review is due."
    notes.add(text.index(denied), text.index(denied) + len(denied), "who denied? #who")
    notes.add(text.index(review), text.index(review) + len(review), "when is it due?")
    edited = "A new first paragraph was added. " + text.replace(review, "")
    # What the TUI does when it opens the article (in its worker thread).
    again = ArticleNotes.open(NoteStore(), source, edited, "Story")
    assert [n.body for n in again.orphans] == ["when is it due?"]
    assert main(["list", "--json"]) == 0
    listed = {n["body"]: n for n in json.loads(capsys.readouterr().out)}
    moved = listed["who denied? #who"]
    assert moved["anchor"]["start"] == edited.index(denied)
    assert moved["anchor"]["exact"] == denied
    assert moved["anchor"]["prefix"] == edited[edited.index(denied) - 32 : edited.index(denied)]
    assert moved["orphan"] is False
    assert listed["when is it due?"]["orphan"] is True
    assert listed["when is it due?"]["anchor"]["exact"] == review  # kept to be found again
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert '[orphan] "A review is due."' in out
    assert main(["export", "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert f"characters {edited.index(denied)}-" in markdown and "Orphan:" in markdown
    shown = {p.note.body: p.note for p in again.placed}  # what the Notes tab is given
    assert shown["who denied? #who"].anchor.start == edited.index(denied)
    # The text comes back: the orphan is placed again and no longer marked.
    ArticleNotes.open(NoteStore(), source, text, "Story")
    assert main(["list", "--json"]) == 0
    assert not any(n["orphan"] for n in json.loads(capsys.readouterr().out))


def test_an_unchanged_article_is_not_rewritten_on_open(reader_home: Path) -> None:
    source = str(reader_home / "story.md")
    notes = ArticleNotes.open(NoteStore(), source, TEXTS["one.md"])
    notes.add(0, 10, "a note")
    path = reader_home / "notes.articles" / f"{notes.article.id}.json"
    before = path.read_bytes()
    os.utime(path, (0, 0))
    ArticleNotes.open(NoteStore(), source, TEXTS["one.md"])
    assert path.read_bytes() == before and path.stat().st_mtime == 0


def test_a_staged_commit_is_seen_whole_by_readers_and_finished_by_the_next_writer(
    reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, ids = _filled(reader_home)
    articles = reader_home / "notes.articles"
    staging = reader_home / ".notes.json.commit-test"
    staging.mkdir()
    target = articles / f"{ids['one.md']}.json"
    tables = json.loads(target.read_text())
    tables["notes"]["99"] = {**tables["notes"]["1"], "id": "new", "body": "committed note"}
    (staging / f"{ids['one.md']}.json").write_text(json.dumps(tables))
    journal = {"staging": staging.name, "names": [ids["one.md"]]}
    (reader_home / "notes.json.journal").write_text(json.dumps(journal))
    before = _snapshot(reader_home)
    bodies, _ = _listed(capsys)
    assert "committed note" in bodies
    assert _snapshot(reader_home) == before
    NoteStore().set_position(ids["two.md"], 3)
    assert not staging.exists() and not (reader_home / "notes.json.journal").exists()
    assert "committed note" in _listed(capsys)[0]
