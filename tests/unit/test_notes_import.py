"""`reader notes import`: every field checked, ids never paths, all or nothing even when
killed; and nothing from a note reaches the terminal raw."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore
from reader.notes_cmd import main

TEXT = "The agency reported a leak. Officials denied it on Monday. A review is due."
OSC52 = "\x1b]52;c;aGVsbG8=\x07"
ROOT = Path(__file__).resolve().parents[2]


def _export(store_db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["--db", str(store_db), "export", "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


@pytest.fixture
def export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """An export of two articles with two notes and a verdict, from another store."""
    db = tmp_path / "elsewhere" / "notes.json"
    store = NoteStore(db=db)
    for number in range(2):
        article = store.open_article(f"/docs/story-{number}.md", f"{number} {TEXT}", "Story")
        store.add_note(article.id, anchor_for(TEXT, 0, 10), f"note {number} #tag")
    store.set_verdict(article.id, anchor_for(TEXT, 11, 20), "disputed", claim_id="c1")
    return _export(db, capsys)


def _snapshot(root: Path) -> dict[str, bytes | None]:
    return {
        str(path.relative_to(root)): None if path.is_dir() else path.read_bytes()
        for path in sorted(root.rglob("*"))
        if ".lock" not in path.name
    }


@pytest.fixture
def home_store(reader_home: Path) -> NoteStore:
    """The store being imported into, with one note of its own."""
    store = NoteStore()
    article = store.open_article(str(reader_home / "mine.md"), TEXT, "Mine")
    store.add_note(article.id, anchor_for(TEXT, 0, 10), "my own note")
    return store


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "import.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def _note_item(data: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = data["first"]["items"][0]
    assert item["motivation"] == "commenting"
    return item


def _verdict_item(data: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = data["first"]["items"][-1]
    assert item["motivation"] == "assessing"
    return item


def _position(item: dict[str, Any]) -> dict[str, Any]:
    selector: dict[str, Any] = item["target"]["selector"][0]
    return selector


def _quote(item: dict[str, Any]) -> dict[str, Any]:
    selector: dict[str, Any] = item["target"]["selector"][1]
    return selector


Mutation = Callable[[dict[str, Any]], None]
MUTATIONS: list[tuple[str, Mutation, str]] = [
    ("body is a number", lambda d: _note_item(d)["body"][0].update(value=42), "value"),
    ("body is not a list", lambda d: _note_item(d).update(body="text"), "body"),
    ("no comment body", lambda d: _note_item(d).update(body=[]), "body"),
    ("tag is a number", lambda d: _note_item(d)["body"].append(
        {"type": "TextualBody", "purpose": "tagging", "value": 7}), "body[2].value"),
    ("start negative", lambda d: _position(_note_item(d)).update(start=-1), "start"),
    ("start after end", lambda d: _position(_note_item(d)).update(start=50, end=3),
     "TextPositionSelector"),
    ("start a fraction", lambda d: _position(_note_item(d)).update(start=1.5), "start"),
    ("start is text", lambda d: _position(_note_item(d)).update(start="3"), "start"),
    ("start is true", lambda d: _position(_note_item(d)).update(start=True), "start"),
    ("end infinite", lambda d: _position(_note_item(d)).update(end=float("inf")), "end"),
    ("quote missing", lambda d: _quote(_note_item(d)).pop("exact"), "exact"),
    ("prefix a list", lambda d: _quote(_note_item(d)).update(prefix=[]), "prefix"),
    ("created not a time", lambda d: _note_item(d).update(created="yesterday"), "created"),
    ("modified a number", lambda d: _note_item(d).update(modified=5), "modified"),
    ("id a number", lambda d: _note_item(d).update(id=5), "id"),
    ("orphan a string", lambda d: _note_item(d).update({"reader:orphan": "yes"}), "orphan"),
    ("unknown motivation", lambda d: _note_item(d).update(motivation="bookmarking"),
     "motivation"),
    ("unknown verdict", lambda d: _verdict_item(d)["body"].update(value="maybe"), "body.value"),
    ("claim a number", lambda d: _verdict_item(d).update({"reader:claim": 3}), "reader:claim"),
    ("item not an object", lambda d: d["first"]["items"].append(3), "items[6]"),
    ("article title a number", lambda d: d["reader:articles"][0].update(title=1), "title"),
    ("article position negative", lambda d: d["reader:articles"][0].update(position=-4),
     "position"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "field"), [m[1:] for m in MUTATIONS], ids=[m[0] for m in MUTATIONS]
)
def test_one_bad_field_rejects_the_file_and_changes_nothing(
    home_store: NoteStore,
    reader_home: Path,
    export: dict[str, Any],
    tmp_path: Path,
    mutate: Mutation,
    field: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = copy.deepcopy(export)
    data["first"]["items"] *= 2  # the bad item is one of six good ones
    for number, item in enumerate(data["first"]["items"]):
        item["id"] = f"urn:uuid:{number:032x}"
    mutate(data)
    before = _snapshot(reader_home)
    assert main(["import", str(_write(tmp_path, data))]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and field in captured.err
    assert "nothing was imported" in captured.err
    assert _snapshot(reader_home) == before


@pytest.mark.parametrize(
    "bad_id", ["../../../tmp/victim", "/tmp/victim", "0123456789abcdef/../../x", "INDEX", ""]
)
@pytest.mark.parametrize("where", ["note", "article"])
def test_article_ids_that_are_not_store_ids_are_refused(
    home_store: NoteStore,
    reader_home: Path,
    export: dict[str, Any],
    tmp_path: Path,
    bad_id: str,
    where: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    victim = tmp_path / "victim.json"
    victim.write_text("precious")
    data = copy.deepcopy(export)
    if where == "note":
        _note_item(data)["reader:article"] = bad_id.replace("/tmp", str(tmp_path))
    else:
        data["reader:articles"][0]["id"] = bad_id.replace("/tmp", str(tmp_path))
    before = _snapshot(reader_home)
    assert main(["import", str(_write(tmp_path, data))]) == 1
    assert "not a reader article id" in capsys.readouterr().err
    assert _snapshot(reader_home) == before
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "import.json",
                                                          "reader-home", "victim.json"]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("[1, 2, 3]", "top level is a list"),
        ('"just text"', "top level is text"),
        ('{"reader:articles": {}, "first": {"items": []}}', "reader:articles is an object"),
        ('{"reader:articles": [], "first": {"items": 5}}', "first.items is a number"),
        ('{"reader:articles": [], "first": {"items": [1e99999]}}', "must be an object"),
        ("{not json", "not JSON"),
        ("1" * 5000, "not usable JSON"),
    ],
)
def test_hostile_files_get_one_line_and_exit_1(
    home_store: NoteStore,
    reader_home: Path,
    tmp_path: Path,
    content: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _snapshot(reader_home)
    assert main(["import", str(_write(tmp_path, content))]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.splitlines()) == 1
    assert _snapshot(reader_home) == before


def test_a_huge_file_is_refused_before_it_is_read(
    home_store: NoteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setattr("reader.notes_cmd.MAX_BYTES", 1000)
    assert main(["import", str(_write(tmp_path, "[" + "0," * 1000 + "0]"))]) == 1
    assert "larger than" in capsys.readouterr().err


def test_an_import_adds_everything_once(
    home_store: NoteStore, reader_home: Path, export: dict[str, Any], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path = _write(tmp_path, export)
    assert main(["import", str(path)]) == 0
    assert "imported 2 notes, 1 verdicts, 2 articles" in capsys.readouterr().out
    bodies = sorted(n.body for n in NoteStore().all_notes())
    assert bodies == ["my own note", "note 0 #tag", "note 1 #tag"]
    assert len(NoteStore().articles()) == 3
    assert main(["import", str(path)]) == 0
    assert "imported 0 notes, 0 verdicts, 0 articles; skipped 5" in capsys.readouterr().out


KILLER = """
import os, signal, sys
from reader.notes import commit
from reader.notes_cmd import main

hook, at = sys.argv[1], int(sys.argv[2])
calls = [0]

def killing(original):
    def wrapped(*args, **kwargs):
        calls[0] += 1
        if calls[0] == at:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    return wrapped

if hook == "fsync":  # the staged files are fsynced before the journal is written
    os.fsync = killing(os.fsync)
else:
    os.replace = killing(os.replace)
sys.exit(main(["import", sys.argv[3]]))
"""


@pytest.mark.parametrize(
    ("hook", "at", "visible"),
    [("fsync", 1, False), ("fsync", 3, False), ("replace", 1, False),
     ("replace", 2, True), ("replace", 3, True), ("replace", 4, True)],
)  # fmt: skip
def test_a_killed_import_leaves_all_of_it_or_none(
    home_store: NoteStore,
    reader_home: Path,
    export: dict[str, Any],
    tmp_path: Path,
    hook: str,
    at: int,
    visible: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Killed while staging (fsync 1-3: the staged files), while committing (the journal's
    rename is `os.replace` 1),
    or between the renames of the article files and the index."""
    imported = ["note 0 #tag", "note 1 #tag"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", KILLER, hook, str(at), str(_write(tmp_path, export))]
    assert subprocess.run(run, env=env, capture_output=True, check=False).returncode == -9
    expected = sorted(["my own note", *(imported if visible else [])])
    before = _snapshot(reader_home)
    assert main(["list", "--json"]) == 0  # a reader sees the whole import or none of it
    assert sorted(n["body"] for n in json.loads(capsys.readouterr().out)) == expected
    assert _snapshot(reader_home) == before  # and changes nothing
    store = NoteStore()  # the next writer finishes (or drops) what the killed one left
    store.open_article(str(reader_home / "mine.md"), TEXT, "Mine")
    assert sorted(n.body for n in store.all_notes()) == expected
    assert not [p for p in reader_home.iterdir() if "journal" in p.name or "commit" in p.name]
    assert main(["import", str(tmp_path / "import.json")]) == 0  # and a rerun completes it
    assert sorted(n.body for n in NoteStore().all_notes()) == sorted(["my own note", *imported])


def test_notes_from_hostile_text_never_reach_the_terminal_raw(
    reader_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = NoteStore()
    article = store.open_article(str(reader_home / "a.md"), TEXT, f"Title {OSC52} here")
    store.add_note(article.id, anchor_for(TEXT, 0, 10), f"Body {OSC52} #tag\x9b2J")
    outputs = []
    for argv in (["list"], ["search", "body"], ["search", "#tag"], ["export", "--format", "md"]):
        assert main(argv) == 0
        outputs.append(capsys.readouterr().out)
    for out in outputs:
        assert "Body" in out and "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "␛]52;c;aGVsbG8=␇" in outputs[0] and "Title ␛]52" in outputs[0]
    assert main(["export", "--format", "json"]) == 0
    exact = json.loads(capsys.readouterr().out)
    assert exact["reader:articles"][0]["title"] == f"Title {OSC52} here"
    assert exact["first"]["items"][0]["body"][0]["value"] == f"Body {OSC52} #tag\x9b2J"
    named = tmp_path / f"bad{OSC52}.json"
    named.write_text("{oops")
    for argv in (["import", str(named)], ["list", "--article", f"x{OSC52}"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and "\x1b" not in err and "␛" in err
