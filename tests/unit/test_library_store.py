"""The library's store: analyses kept beside the notes, replaced when the article changes
or the rules move on, an index rebuilt from the article files when it is damaged."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_articles import DENIAL, LEAK, add, write

from reader.analysis import analyze
from reader.document import load
from reader.library import intake, model
from reader.library.library import Library
from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore


def test_added_articles_are_in_the_note_store_and_keep_the_readers_place(
    tmp_path: Path, reader_home: Path
) -> None:
    path = write(tmp_path, "leak.md", LEAK)
    library = Library()
    add(library, path)
    store = NoteStore()
    (article,) = store.articles()
    assert article.title == "Veltra Energy chief accused of hiding pipeline leak"
    assert library.articles()[0].id == article.id
    store.set_position(article.id, 120)
    write(tmp_path, "leak.md", LEAK.replace("3 September", "4 September"))
    add(Library(), path)
    (again,) = NoteStore().articles()
    assert (again.id, again.position) == (article.id, 120)
    assert len(list((reader_home / "notes.library.articles").glob("*.json"))) == 1
    assert (reader_home / "notes.ledger.sqlite").is_file()


def test_a_changed_article_is_analysed_again_and_its_old_claims_replaced(tmp_path: Path) -> None:
    path = write(tmp_path, "leak.md", LEAK)
    library = Library()
    add(library, path)
    assert any("3 September" in c.text for c in library.claims())
    write(tmp_path, "leak.md", LEAK.replace("3 September", "4 September"))
    done = add(library, path)
    assert (len(done.added), len(done.updated), done.unchanged) == (0, 1, 0)  # type: ignore[attr-defined]
    texts = [c.text for c in Library().claims()]
    assert any("4 September" in t for t in texts)
    assert not any("3 September" in t for t in texts)
    assert len(Library().articles()) == 1


def test_adding_the_same_text_again_changes_nothing(tmp_path: Path, reader_home: Path) -> None:
    path = write(tmp_path, "leak.md", LEAK)
    add(Library(), path)
    (stored,) = (reader_home / "notes.library.articles").glob("*.json")
    before = (stored.read_bytes(), (reader_home / "notes.json").read_bytes())
    done = add(Library(), path)
    assert (len(done.added), len(done.updated), done.unchanged) == (0, 0, 1)  # type: ignore[attr-defined]
    assert (stored.read_bytes(), (reader_home / "notes.json").read_bytes()) == before


def test_an_analysis_by_older_rules_is_redone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "leak.md", LEAK)
    library = Library()
    add(library, path)
    article_id = library.articles()[0].id
    monkeypatch.setattr(model, "ANALYSIS_VERSION", model.ANALYSIS_VERSION + 1)
    stored = library.stored(article_id)
    assert stored is not None and not library.is_current(article_id, stored.content_hash)
    done = add(Library(), path)
    assert len(done.updated) == 1  # type: ignore[attr-defined]
    fresh = Library().stored(article_id)
    assert fresh is not None and fresh.version == model.ANALYSIS_VERSION


def test_the_reading_screen_keeps_an_opened_article_once(tmp_path: Path) -> None:
    path = str(write(tmp_path, "leak.md", LEAK))
    document = load(path)
    article = NoteStore().open_article(path, document.text, document.title)
    analysis = analyze(document)
    assert intake.keep_opened(None, analysis, article, path) is None
    library = Library()
    assert [a.id for a in library.articles()] == [article.id]
    assert intake.store_opened(library, analysis, article, path) is False  # current already


def test_a_damaged_cache_is_rebuilt_from_the_article_files_with_one_warning(
    tmp_path: Path, reader_home: Path
) -> None:
    first = Library()
    add(first, write(tmp_path, "leak.md", LEAK), write(tmp_path, "denial.md", DENIAL))
    first.close()  # as a finished command would
    cache = reader_home / "notes.ledger.sqlite"
    cache.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    library = Library()
    assert library.one("Holt").articles == 2
    assert len(library.warnings) == 1 and "damaged" in library.warnings[0]
    assert list(reader_home.glob("notes.ledger.sqlite.damaged-*"))
    again = Library()
    assert again.one("Holt").articles == 2 and again.warnings == []


def test_a_missing_cache_is_rebuilt_with_one_warning(tmp_path: Path, reader_home: Path) -> None:
    add(Library(), write(tmp_path, "leak.md", LEAK))
    (reader_home / "notes.ledger.sqlite").unlink()
    library = Library()
    assert len(library.articles()) == 1
    assert library.warnings == [
        f"ledger cache {reader_home / 'notes.ledger.sqlite'} was missing; "
        "rebuilt it from the article files"
    ]
    assert Library().articles() and Library().warnings == []


def test_the_cache_follows_files_changed_behind_its_back(tmp_path: Path, reader_home: Path) -> None:
    add(Library(), write(tmp_path, "leak.md", LEAK), write(tmp_path, "denial.md", DENIAL))
    gone, kept = (article.id for article in Library().articles())
    (reader_home / "notes.library.articles" / f"{gone}.json").unlink()
    library = Library()
    assert [a.id for a in library.articles()] == [kept]
    assert library.claims() and {c.article.id for c in library.claims()} == {kept}
    assert library.warnings == []


def test_the_cache_follows_a_file_rewritten_in_place(tmp_path: Path, reader_home: Path) -> None:
    # No rename, same inode: only the file's own mtime and size tell (the fresh check
    # of every question digests them for each file, `Listing.digest`).
    add(Library(), write(tmp_path, "leak.md", LEAK))
    assert Library().articles()[0].title == "Veltra Energy chief accused of hiding pipeline leak"
    (article,) = Library().articles()
    path = reader_home / "notes.library.articles" / f"{article.id}.json"
    inode = path.stat().st_ino
    text = path.read_text("utf-8").replace("accused of hiding", "said to have hidden")
    with path.open("r+", encoding="utf-8") as handle:
        handle.write(text)
        handle.truncate()
    assert path.stat().st_ino == inode
    assert Library().articles()[0].title == "Veltra Energy chief said to have hidden pipeline leak"


def test_a_damaged_article_file_is_skipped_by_name(tmp_path: Path, reader_home: Path) -> None:
    add(Library(), write(tmp_path, "leak.md", LEAK), write(tmp_path, "denial.md", DENIAL))
    broken, kept = (article.id for article in Library().articles())
    (reader_home / "notes.library.articles" / f"{broken}.json").write_text("[]", "utf-8")
    library = Library()
    claims = library.claims()
    assert claims and {c.article.id for c in claims} == {kept}
    assert len(library.warnings) == 1 and broken in library.warnings[0]


def test_the_readers_verdict_comes_with_the_claim(tmp_path: Path) -> None:
    add(Library(), write(tmp_path, "leak.md", LEAK))
    library = Library()
    claim = next(c for c in library.claims() if "pressure readings" in c.text)
    stored = library.stored(claim.article.id)
    assert stored is not None
    text = load(str(tmp_path / "leak.md")).text
    NoteStore().set_verdict(
        claim.article.id, anchor_for(text, claim.start, claim.end), "disputed", claim.id
    )
    # As in the panel, a verdict sits on the highlighted span: claims sharing it share it.
    same_span = [c.id for c in Library().claims() if (c.start, c.end) == (claim.start, claim.end)]
    judged = Library().claims(verdict="disputed")
    assert [c.id for c in judged] == same_span and claim.id in same_span
    assert all(c.verdict is None for c in Library().claims() if c.id not in same_span)


def test_an_empty_library_answers_with_nothing() -> None:
    library = Library()
    assert library.articles() == [] and library.entities() == []
    assert library.claims(about="Anyone") == [] and library.warnings == []


def test_a_cache_locked_by_another_writer_is_one_line_not_a_traceback(
    tmp_path: Path, reader_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from reader.errors import StoreError
    from reader.library import cache

    add(Library(), write(tmp_path, "leak.md", LEAK))
    holder = sqlite3.connect(reader_home / "notes.ledger.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        write(tmp_path, "leak.md", LEAK.replace("3 September", "4 September"))
        library = Library()
        monkeypatch.setattr(cache.sqlite3, "connect", _quick(sqlite3.connect))
        with pytest.raises(StoreError, match="ledger cache .* locked"):
            add(library, tmp_path / "leak.md")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not list(reader_home.glob("notes.ledger.sqlite.damaged-*"))  # not taken for damage


def _quick(connect):  # type: ignore[no-untyped-def]
    """`sqlite3.connect` that waits a tenth of a second for a lock, not 30 s."""
    return lambda *args, **kwargs: connect(*args, **{**kwargs, "timeout": 0.1})
