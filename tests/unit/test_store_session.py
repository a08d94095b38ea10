"""An open article's notes and verdicts, as the reading screen uses them."""

from __future__ import annotations

from pathlib import Path

from reader.notes.session import ArticleNotes
from reader.notes.store import NoteStore
from reader.notes.verdicts import VerdictBook, next_verdict

TEXT = "One is first. Two comes next. Three is here. Four ends it."


def _span(quote: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_add_jump_delete_undo(tmp_path: Path) -> None:
    store = NoteStore(db=tmp_path / "notes.json")
    notes = ArticleNotes.open(store, "a.md", TEXT, "A")
    three = notes.add(*_span("Three is here."), "third")
    one = notes.add(*_span("One is first."), "first")
    assert [p.note.body for p in notes.placed] == ["first", "third"]
    assert notes.spans == [_span("One is first."), _span("Three is here.")]
    assert notes.next_after(0) is not None and notes.next_after(0).note == three  # type: ignore[union-attr]
    assert notes.next_after(_span("Three")[0]).note == one  # type: ignore[union-attr]  # wraps
    assert notes.previous_before(_span("Three")[0]).note == one  # type: ignore[union-attr]
    assert notes.at(*_span("Three")).note == three  # type: ignore[union-attr]
    notes.delete(three)
    assert notes.at(*_span("Three")) is None and len(store.notes(notes.article.id)) == 1
    assert notes.undo_delete() == three
    assert [n.body for n in store.notes(notes.article.id)] == ["first", "third"]
    assert notes.undo_delete() is None


def test_reopening_an_edited_article_keeps_notes_and_orphans(tmp_path: Path) -> None:
    store = NoteStore(db=tmp_path / "notes.json")
    notes = ArticleNotes.open(store, "a.md", TEXT)
    notes.add(*_span("Two comes next."), "second #x")
    notes.add(*_span("Four ends it."), "fourth")
    notes.save_position(_span("Three")[0])
    edited = "Zero starts now. " + TEXT.replace(" Four ends it.", "")
    again = ArticleNotes.open(store, "a.md", edited)
    assert again.article.position == _span("Three")[0]
    assert again.spans == [_span("Two comes next.", edited)]
    assert [n.body for n in again.orphans] == ["fourth"]
    edited_note = again.edit(again.orphans[0], "fourth, now orphaned #lost")
    assert edited_note.tags == ("lost",)
    assert [n.body for n in store.notes(again.article.id)][-1] == "fourth, now orphaned #lost"


def test_verdicts_cycle_and_follow_the_claim(tmp_path: Path) -> None:
    store = NoteStore(db=tmp_path / "notes.json")
    article = store.open_article("a.md", TEXT)
    book = VerdictBook(store, article, TEXT)
    claim = _span("Two comes next.")
    assert book.cycle(*claim, claim_id="c1") == "supported"
    assert book.cycle(*claim) == "disputed"
    edited = "Preface. " + TEXT
    moved = VerdictBook(store, store.open_article("a.md", edited), edited)
    assert moved.get(*_span("Two comes next.", edited)) == "disputed"
    assert moved.all() == {_span("Two comes next.", edited): "disputed"}
    assert next_verdict("needs-checking") is None and next_verdict(None) == "supported"
    moved.set(*_span("Two comes next.", edited), None)
    assert store.verdicts(article.id) == []
