"""What the library stores is searchable: `reader add` and an article kept from the TUI
feed `reader search` their claims (with source and tags) and their text (issue 15 on
issue 11's stored analyses)."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_articles import DENIAL, LEAK, write

from reader.analysis import analyze
from reader.cli import main
from reader.document import load
from reader.library.intake import keep_opened
from reader.notes.store import NoteStore
from reader.search import search


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    return tmp_path


def test_reader_add_makes_claims_and_text_searchable(home: Path) -> None:
    leak = write(home, "leak.md", LEAK)
    denial = write(home, "denial.md", DENIAL)
    assert main(["add", str(leak), str(denial)]) == 0

    claims = search(None, "rumour", kinds={"claims"}).hits
    assert claims, "the spokesman's dismissal is a claim that says 'rumour'"
    assert {hit.title for hit in claims} == {"Veltra denies emails show early warning of leak"}
    assert all(hit.claim_source for hit in claims)

    text = search(None, '"pressure readings"', kinds={"text"}).hits
    assert [hit.title for hit in text] == ["Veltra Energy chief accused of hiding pipeline leak"]


def test_adding_twice_leaves_the_index_as_it_was(home: Path) -> None:
    leak = write(home, "leak.md", LEAK)
    assert main(["add", str(leak)]) == 0
    first = [(h.article_id, h.kind) for h in search(None, "Holt").hits]
    assert main(["add", str(leak)]) == 0
    assert [(h.article_id, h.kind) for h in search(None, "Holt").hits] == first


def test_an_article_kept_from_the_reading_screen_has_searchable_claims(home: Path) -> None:
    path = write(home, "denial.md", DENIAL)
    document = load(str(path))
    article = NoteStore().open_article(str(path), document.text, document.title)
    assert keep_opened(None, analyze(document), article, str(path)) is None

    hits = search(None, "rumour", kinds={"claims"}).hits
    assert [hit.article_id for hit in hits] == [article.id]
