"""Ranking and results of `reader.search` (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from search_helpers import found, watching  # noqa: F401

from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore
from reader.search import ClaimDoc, index_article, search

pytestmark = pytest.mark.usefixtures("watching")
TEXT = "A plain sentence to hang notes on. Another one follows it here."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "notes.json"


def _notes(db: Path, bodies: list[str], source: str = "https://example.com/a") -> list[str]:
    store = NoteStore(db=db)
    article = store.open_article(source, TEXT, source)
    return [store.add_note(article.id, anchor_for(TEXT, 0, 10), body).id for body in bodies]


def test_every_word_must_match(db: Path) -> None:
    ids = _notes(db, ["budget council", "budget only", "council only"])
    assert found(db, "council budget") == [("note", ids[0])]


def test_words_side_by_side_rank_first_and_a_quoted_phrase_is_required(db: Path) -> None:
    ids = _notes(db, ["the channel was private", "a private channel opened"])
    assert [ref for _, ref in found(db, "private channel")] == [ids[1], ids[0]]
    assert found(db, '"private channel"') == [("note", ids[1])]
    assert found(db, '"channel private"') == []


def test_rare_words_weigh_more_than_common_ones(db: Path) -> None:
    filler = [f"report number {n}" for n in range(30)]
    ids = _notes(db, ["audit audit report", "report report audit", *filler])
    assert [ref for _, ref in found(db, "audit report")][:2] == [ids[0], ids[1]]


def test_ties_go_to_the_newer_article(db: Path) -> None:
    store = NoteStore(db=db)
    refs = []
    for source, date in (
        ("https://e.com/old", "2020-01-01"),
        ("https://e.com/new", "2025-06-01"),
        ("https://e.com/mid", "2023-03-03"),
    ):
        text = f"Same words about the harbour at {source}."
        article = store.open_article(source, text, source)
        index_article(db, article_id=article.id, title=source, source=source, date=date, text=text)
        refs.append(article.id)
    assert [ref for _, ref in found(db, "harbour", kinds=["text"])] == [refs[1], refs[2], refs[0]]


def test_results_say_where_and_mark_the_match(db: Path) -> None:
    store = NoteStore(db=db)
    text = "Intro. " * 200 + "The Élan figures were wrong, said the auditor. " + "Outro. " * 200
    article = store.open_article("https://e.com/long", text, "Long one")
    index_article(
        db,
        article_id=article.id,
        title="Long one",
        source=article.source,
        date="2024-01-01",
        text=text,
    )
    (hit,) = search(db, "elan auditor").hits
    assert (hit.kind, hit.title, hit.date) == ("text", "Long one", "2024-01-01")
    assert text[hit.start : hit.end] in ("Élan", "auditor")
    assert len(hit.context) < 300 and hit.context.startswith("… ")
    assert sorted(hit.context[s:e] for s, e in hit.marks) == ["auditor", "Élan"]


def test_filters_by_kind_article_and_tag(db: Path) -> None:
    store = NoteStore(db=db)
    a = store.open_article("https://e.com/a", "Harbour news here.", "A")
    b = store.open_article("https://e.com/b", "Harbour views there.", "B")
    na = store.add_note(a.id, anchor_for("Harbour news here.", 0, 7), "harbour #check")
    store.add_note(b.id, anchor_for("Harbour views there.", 0, 7), "harbour")
    claim = ClaimDoc("c1", 0, 7, "Harbour", "harbour is closed", "The mayor", ("statement",))
    for article, text in ((a, "Harbour news here."), (b, "Harbour views there.")):
        index_article(
            db,
            article_id=article.id,
            title=article.title,
            source=article.source,
            date=None,
            text=text,
            claims=[claim] if article is a else None,
        )
    assert len(found(db, "harbour")) == 5
    assert {kind for kind, _ in found(db, "harbour", kinds=["notes", "claims"])} == {
        "note",
        "claim",
    }
    assert {hit.article_id for hit in search(db, "harbour", article=a.id[:6]).hits} == {a.id}
    assert found(db, "harbour", tag="check") == [("note", na.id)]
    assert found(db, "harbour", tag="statement") == [("claim", "c1")]
    assert found(db, "harbour", article="ffffffffffffffff") == []
