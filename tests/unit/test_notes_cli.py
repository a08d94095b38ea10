"""`reader notes ...`: list, search, export, import, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main as reader_main
from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore
from reader.notes_cmd import main

TEXT = "The agency reported a leak. Officials denied it on Monday. A review is due."


@pytest.fixture
def filled(reader_home: Path) -> NoteStore:
    store = NoteStore()
    article = store.open_article(str(reader_home / "story.md"), TEXT, "Leak story")
    first = TEXT.index("Officials denied it on Monday.")
    store.add_note(article.id, anchor_for(TEXT, first, first + 30), "Who are they? #sources")
    store.add_note(article.id, anchor_for(TEXT, 0, 27), "Which agency?\nSecond line. #todo")
    claim = anchor_for(TEXT, first, first + 30)
    store.set_verdict(article.id, claim, "needs-checking", claim_id="c2")
    other = store.open_article("https://example.com/news", "Other words here.", "Other")
    store.add_note(other.id, anchor_for("Other words here.", 0, 5), "unrelated")
    return store


def test_list_shows_every_note(filled: NoteStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 3
    assert '"Officials denied it on Monday."' in out and "Leak story" in out


def test_list_filters_by_tag_and_article(
    filled: NoteStore, reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--tag", "#SOURCES", "--json"]) == 0
    [note] = json.loads(capsys.readouterr().out)
    assert note["body"] == "Who are they? #sources"
    assert main(["list", "--article", str(reader_home / "story.md"), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_search_finds_quote_and_body(filled: NoteStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "agency"]) == 0
    out = capsys.readouterr().out
    assert "Which agency?" in out and "unrelated" not in out


def test_markdown_export_quotes_note_tags_and_link(
    filled: NoteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "# Leak story" in out and "# Other" in out
    assert "> Officials denied it on Monday." in out
    assert "Tags: #sources" in out
    assert "file://" in out and "https://example.com/news#:~:text=Other" in out


def test_json_export_is_a_web_annotation_collection(
    filled: NoteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "AnnotationCollection"
    assert "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    items = data["first"]["items"]
    assert {item["motivation"] for item in items} == {"commenting", "assessing"}
    selector_types = {s["type"] for s in items[0]["target"]["selector"]}
    assert selector_types == {"TextPositionSelector", "TextQuoteSelector"}


def test_json_export_import_round_trips_and_skips_duplicates(
    filled: NoteStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "json"]) == 0
    exported = tmp_path / "export.json"
    exported.write_text(capsys.readouterr().out)
    fresh = tmp_path / "fresh" / "notes.json"
    assert main(["--db", str(fresh), "import", str(exported)]) == 0
    assert "imported 3 notes, 1 verdicts, 2 articles" in capsys.readouterr().out
    copy = NoteStore(db=fresh)
    assert sorted(copy.all_notes(), key=lambda n: n.id) == sorted(
        filled.all_notes(), key=lambda n: n.id
    )
    assert copy.articles() == filled.articles()
    article = filled.articles()[-1]
    assert copy.verdicts(article.id) == filled.verdicts(article.id)
    assert main(["import", str(exported), "--db", str(fresh)]) == 0
    assert "imported 0 notes" in capsys.readouterr().out
    assert len(list(copy.all_notes())) == 3


def test_reader_notes_dispatches_through_the_main_command(
    filled: NoteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert reader_main(["notes", "search", "#todo"]) == 0
    assert "Which agency?" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["list", "--article", "nope"], 1, "no article 'nope'"),
        (["import", "/does/not/exist.json"], 1, "cannot read"),
        ([], 2, "usage"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_errors_are_one_line_with_the_right_exit_code(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err
    if code == 1:
        assert err.count("\n") == 1


def test_import_of_a_non_export_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": 1}')
    assert main(["import", str(bogus)]) == 1
    assert "not a reader notes export" in capsys.readouterr().err


def test_damaged_store_is_reported_on_stderr_and_set_aside_by_the_next_write(
    reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (reader_home / "notes.json").write_text("{broken")
    assert main(["list"]) == 0
    assert "damaged" in capsys.readouterr().err
    assert not list(reader_home.glob("notes.json.damaged-*"))  # reading changes nothing
    NoteStore().open_article("story.md", TEXT)
    [kept] = reader_home.glob("notes.json.damaged-*")
    assert kept.read_text() == "{broken"


def test_no_match_says_so_on_stderr_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "nothing"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no notes" in captured.err


def test_export_of_one_article(
    filled: NoteStore, reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--article", "https://example.com/news/"]) == 0
    out = capsys.readouterr().out
    assert "# Other" in out and "# Leak story" not in out
    assert main(["export", "--format", "json", "--article", str(reader_home / "story.md")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 3  # two notes and one verdict
    assert [a["title"] for a in data["reader:articles"]] == ["Leak story"]
