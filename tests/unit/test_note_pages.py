"""Notes on a PDF say which page they are on ("p. 3") in `reader notes list` and in every
export, and the page follows the passage when a re-exported PDF moves it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from make_books import PdfBlock, make_pdf

from reader.document import Document, load
from reader.notes.anchor import Anchor, anchor_for
from reader.notes.export import from_jsonld, to_jsonld, to_markdown
from reader.notes.export_obsidian import obsidian_page
from reader.notes.export_readwise import to_readwise_csv
from reader.notes.session import ArticleNotes
from reader.notes.store import NoteStore
from reader.notes.validate import BadExport
from reader.notes_cmd import main

QUOTE = "The auditors found the tender rigged on page three."


def page(n: int) -> list[PdfBlock]:
    if n == 3:
        return [(11.0, ["Opening words of the third page.", QUOTE])]
    return [(11.0, [f"Page {n} ({chr(96 + n)}) says the ferry left at dawn."])]


def pdf_file(path: Path, numbers: list[int]) -> Document:
    path.write_bytes(make_pdf([page(n) for n in numbers], title="Audit"))
    return load(str(path))


@pytest.fixture
def noted(reader_home: Path) -> tuple[NoteStore, Path]:
    path = reader_home / "audit.pdf"
    doc = pdf_file(path, [1, 2, 3, 4, 5])
    store = NoteStore()
    notes = ArticleNotes.open(store, str(path), doc.text, doc.title, doc.pages)
    start = doc.text.index(QUOTE)
    notes.add(start, start + len(QUOTE), "Rigged? #audit")
    return store, path


def test_a_note_on_a_pdf_keeps_its_page(noted: tuple[NoteStore, Path]) -> None:
    store, _ = noted
    [note] = list(store.all_notes())
    assert note.anchor.page == 3 and note.anchor.exact == QUOTE


def test_notes_list_and_every_export_say_the_page(
    noted: tuple[NoteStore, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store, path = noted
    assert main(["list"]) == 0
    assert f'p. 3  "{QUOTE}"' in capsys.readouterr().out
    articles, notes = store.articles(), list(store.all_notes())
    markdown = to_markdown(articles, notes)
    assert "[p. 3, characters" in markdown and f"({path.as_uri()}#page=3)" in markdown
    assert "p. 3, characters" in obsidian_page(articles[0], notes, [], None)
    [row] = list(csv.DictReader(io.StringIO(to_readwise_csv(articles, notes))))
    assert row["Highlight"] == QUOTE and row["Location"] == "3"
    exported = to_jsonld(articles, notes, [])
    [item] = exported["first"]["items"]
    assert {"type": "FragmentSelector", "value": "page=3"}.items() <= item["target"]["selector"][
        2
    ].items()
    assert from_jsonld(json.loads(json.dumps(exported)))[1] == notes  # the page comes back


def test_the_page_follows_the_passage_in_a_re_exported_pdf(
    noted: tuple[NoteStore, Path],
) -> None:
    store, path = noted
    doc = pdf_file(path, [1, 2, 6, 3, 4, 5])  # a page inserted before it
    placed = ArticleNotes.open(store, str(path), doc.text, doc.title, doc.pages).placed
    assert [p.note.anchor.page for p in placed] == [4]
    assert [n.anchor.page for n in store.all_notes()] == [4]  # stored, so exports say p. 4


def test_notes_on_text_have_no_page_and_exports_say_characters(reader_home: Path) -> None:
    text = "One paragraph of text.\n\nAnother one here."
    store = NoteStore()
    notes = ArticleNotes.open(store, str(reader_home / "a.txt"), text, "A", ())
    notes.add(0, 3, "first")
    [note] = list(store.all_notes())
    assert note.anchor.page is None and "page" not in note.anchor.to_dict()
    markdown = to_markdown(store.articles(), [note])
    assert "[characters 0-3]" in markdown and "p. " not in markdown
    [row] = list(csv.DictReader(io.StringIO(to_readwise_csv(store.articles(), [note]))))
    assert row["Location"] == "0"


def test_anchor_pages_are_checked_when_read_back() -> None:
    anchor = anchor_for("abc def", 4, 7, pages=(0, 4))
    assert anchor.page == 2 and Anchor.from_dict(anchor.to_dict()) == anchor
    assert Anchor.from_dict({"start": 0, "end": 1, "exact": "a"}).page is None
    for bad in (0, -2, "3", True, 2.0):
        with pytest.raises((TypeError, ValueError)):
            Anchor.from_dict({"start": 0, "end": 1, "exact": "a", "page": bad})


def test_an_import_with_a_bad_page_is_refused(noted: tuple[NoteStore, Path]) -> None:
    store, _ = noted
    exported = to_jsonld(store.articles(), list(store.all_notes()), [])
    exported["first"]["items"][0]["target"]["selector"][2]["value"] = "page=0"
    with pytest.raises(BadExport, match="FragmentSelector"):
        from_jsonld(exported)


def test_a_verdict_on_a_pdf_says_its_page_and_follows_the_passage(reader_home: Path) -> None:
    from reader.notes.verdicts import VerdictBook, reanchor

    path = reader_home / "audit.pdf"
    doc = pdf_file(path, [1, 2, 3, 4, 5])
    store = NoteStore()
    article = ArticleNotes.open(store, str(path), doc.text, doc.title, doc.pages).article
    start = doc.text.index(QUOTE)
    VerdictBook(store, article, doc.text, doc.pages).set(start, start + len(QUOTE), "false")
    [verdict] = store.verdicts(article.id)
    assert verdict.anchor.page == 3
    markdown = to_markdown([article], [], [verdict])
    assert f"**false**: “{QUOTE}” (p. 3)" in markdown
    assert f"{path.as_uri()}#page=3" in obsidian_page(article, [], [verdict], None)
    moved = pdf_file(path, [1, 2, 6, 3, 4, 5])  # a page inserted before it
    assert reanchor(store, article.id, moved.text, moved.pages) == []
    assert [v.anchor.page for v in store.verdicts(article.id)] == [4]
