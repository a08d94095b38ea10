"""Obsidian and Readwise exports: the files and CSV other tools read, from hostile input."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import StoreError
from reader.notes.anchor import anchor_for
from reader.notes.export_names import MAX_BYTES, Namer, safe_stem
from reader.notes.export_obsidian import export_obsidian, obsidian_page, yaml_str
from reader.notes.export_readwise import HEADER, cell, to_readwise_csv
from reader.notes.store import NoteStore
from reader.notes_cmd import main

TEXT = (
    'The agency reported a leak. =HYPERLINK("http://evil.example") was in the memo. '
    "<script>alert(1)</script> Officials denied it on Monday."
)
HOSTILE_TITLE = 'Leak: "story"\n---\nevil: true\x1b]52;c;ZXZpbA==\x07 ../../etc/passwd'


def front_matter(page: str) -> dict[str, object]:
    assert page.startswith("---\n")
    head = page.split("\n---\n", 1)[0].removeprefix("---\n")
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data


@pytest.fixture
def store(reader_home: Path) -> NoteStore:
    store = NoteStore()
    url = store.open_article("https://example.com/news/leak", TEXT, HOSTILE_TITLE)
    store.add_note(url.id, anchor_for(TEXT, 0, 27), "Which agency? #sources #todo")
    formula = TEXT.index("=HYPERLINK")
    store.add_note(url.id, anchor_for(TEXT, formula, formula + 36), "-2+3 @SUM(A1) =1+1")
    script = TEXT.index("<script>")
    store.set_verdict(url.id, anchor_for(TEXT, script, script + 25), "false", "c2")
    local = store.open_article(str(reader_home / "local story.md"), "Local words here.", "..")
    store.add_note(local.id, anchor_for("Local words here.", 0, 5), "mine\n---\ntitle: x\x1b[2J")
    return store


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "a/b\\c",
        "..",
        ".hidden",
        "CON",
        "nul.txt",
        "title\x1b[31mred",
        "\u202eexe.txt",
        'What? "Yes": <no> | * #tag ^block [[link]]',
        "🚢" * 200,
        "word " * 100,
        "",
        "   ",
    ],
)
def test_file_names_from_hostile_titles_stay_one_safe_component(title: str) -> None:
    stem = safe_stem(title)
    assert stem and stem == stem.strip() and not stem.startswith(".")
    assert "/" not in stem and "\\" not in stem and stem not in (".", "..")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in stem)
    assert not set('<>:"|?*#^[]') & set(stem)
    assert len(stem.encode("utf-8")) <= MAX_BYTES
    assert stem.split(".")[0].casefold() not in ("con", "nul")


@given(st.text())
def test_any_title_gives_a_file_name_inside_the_folder(title: str) -> None:
    stem = safe_stem(title)
    assert Path(stem + ".md").name == stem + ".md"
    assert len(stem.encode("utf-8")) <= MAX_BYTES and not stem.startswith(".")


def test_colliding_names_are_numbered_ignoring_case() -> None:
    namer = Namer()
    names = [namer.take(next(namer.candidates(stem))) for stem in ("Leak", "leak", "Leak")]
    assert names == ["Leak.md", "leak (2).md", "Leak (3).md"]


@given(st.text())
def test_yaml_strings_read_back_exactly_and_add_no_keys(value: str) -> None:
    clean = value.encode("utf-8", "replace").decode("utf-8")
    data = yaml.safe_load(f"title: {yaml_str(value)}\nother: 1\n")
    assert data == {"title": clean, "other": 1}


def test_an_obsidian_page_has_front_matter_quotes_notes_and_links(store: NoteStore) -> None:
    article = store.find_article("https://example.com/news/leak")
    assert article is not None
    page = obsidian_page(article, store.notes(article.id), store.verdicts(article.id), "2026-11-02")
    meta = front_matter(page)
    assert meta == {
        "title": HOSTILE_TITLE,
        "source": "https://example.com/news/leak",
        "date": "2026-11-02",
        "tags": ["sources", "todo"],
        "reader_article": article.id,
    }
    assert "\x1b" not in page and "\x07" not in page
    assert "> The agency reported a leak.\n\nWhich agency? #sources #todo\n" in page
    assert "(<https://example.com/news/leak#:~:text=The%20agency%20reported%20a%20leak.>)" in page
    assert "<script>" not in page and "&lt;script&gt;" in page  # article text is inert
    assert "## Verdicts on claims" in page and "**false**" in page


def test_export_writes_one_file_per_article_inside_the_folder(
    store: NoteStore, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    done = export_obsidian(
        vault,
        store.articles(),
        store.all_notes(),
        [v for a in store.articles() for v in store.verdicts(a.id)],
    )
    assert (done.notes, done.verdicts) == (3, 1)
    assert sorted(p.name for p in vault.iterdir()) == sorted(p.name for p in done.files)
    assert len(done.files) == 2
    for path in done.files:
        assert path.parent == vault and path.resolve().parent == vault.resolve()
    assert {p.name for p in done.files} == {
        "Leak story --- evil true 52;c;ZXZpbA== .. .. etc passwd.md",
        "local story.md",  # ".." is no name: the file's own name is used
    }
    assert not (tmp_path / "etc").exists()
    local = next(p for p in done.files if p.name == "local story.md").read_text()
    assert front_matter(local)["title"] == ".."  # the body's "---" did not end it
    assert "title: x␛[2J" in local and "\x1b" not in local


def test_exporting_again_replaces_its_own_files_but_never_the_readers(
    store: NoteStore, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    mine = vault / "local story.md"
    mine.write_text("my own note in my vault\n")
    outside = tmp_path / "outside.md"
    outside.write_text("keep me\n")
    long_name = safe_stem(HOSTILE_TITLE) + ".md"
    os.symlink(outside, vault / long_name)
    args = (
        store.articles(),
        list(store.all_notes()),
        [v for a in store.articles() for v in store.verdicts(a.id)],
    )
    first = export_obsidian(vault, *args)
    second = export_obsidian(vault, *args)
    assert sorted(p.name for p in first.files) == sorted(p.name for p in second.files)
    assert mine.read_text() == "my own note in my vault\n"
    assert outside.read_text() == "keep me\n"
    assert sorted(p.name for p in vault.iterdir()) == sorted(
        [long_name, safe_stem(HOSTILE_TITLE) + " (2).md", "local story.md", "local story (2).md"]
    )


def test_a_file_where_the_folder_should_be_is_one_error(store: NoteStore, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(StoreError, match="is not a directory"):
        export_obsidian(target, store.articles(), store.all_notes())


def test_readwise_csv_has_the_columns_and_defuses_formulas(store: NoteStore) -> None:
    text = to_readwise_csv(
        store.articles(),
        store.all_notes(),
        [v for a in store.articles() for v in store.verdicts(a.id)],
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == HEADER == ("Highlight", "Title", "Author", "URL", "Note", "Location")
    by_highlight = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    first = by_highlight["The agency reported a leak."]
    assert first["URL"] == "https://example.com/news/leak"
    assert first["Note"] == ".sources .todo\nWhich agency? #sources #todo"
    assert first["Location"] == "0"
    assert "\x1b" not in first["Title"] and "\n" not in first["Title"]
    formula = next(row for key, row in by_highlight.items() if "HYPERLINK" in key)
    assert formula["Highlight"].startswith("'=HYPERLINK")
    assert formula["Note"] == "'-2+3 @SUM(A1) =1+1"
    assert by_highlight["Local"]["URL"] == ""  # a local path is not sent to a web service
    verdict = next(row for key, row in by_highlight.items() if "script" in key)
    assert verdict["Note"] == ".verdict Verdict: false"
    assert not any(c.startswith(("=", "+", "-", "@")) for row in rows for c in row)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", " =1", "\r=1"])
def test_every_formula_start_is_defused(value: str) -> None:
    assert cell(value).startswith("'")


@pytest.mark.parametrize("value", ["plain", "1-2", "a=b", "", "'quoted"])
def test_ordinary_cells_are_left_alone(value: str) -> None:
    assert cell(value) == value


def test_cli_obsidian_and_readwise(
    store: NoteStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "out"
    assert main(["export", "--format", "obsidian", str(vault)]) == 0
    assert "exported 3 notes and 1 verdicts in 2 files" in capsys.readouterr().out
    assert len(list(vault.glob("*.md"))) == 2
    assert main(["export", "--format", "readwise"]) == 0
    assert capsys.readouterr().out.startswith("Highlight,Title,Author,URL,Note,Location\r\n")
    assert main(["export", "--format", "obsidian"]) == 2
    assert "needs a folder" in capsys.readouterr().err
    assert main(["export", "--format", "readwise", str(vault)]) == 2
    assert "takes no DIR" in capsys.readouterr().err
    (tmp_path / "plain").write_text("x")
    assert main(["export", "--format", "obsidian", str(tmp_path / "plain")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: ") and err.count("\n") == 1 and "Traceback" not in err
