"""`reader search` end to end, through the command in a subprocess (issue 15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_articles" / "kremlin-channel.md"


def _reader(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def home(reader_home: Path) -> Path:
    from reader.document import load

    document = load(str(SAMPLE))
    store = NoteStore()
    article = store.open_article(str(SAMPLE), document.text, document.title)
    start = document.text.index("denied")
    store.add_note(
        article.id,
        anchor_for(document.text, start, start + 6),
        "Strokova's denial \x1b]52;c;cGF3bmVk\x07 #followup",
    )
    return reader_home


def test_search_finds_text_and_notes_and_prints_them_safely(home: Path) -> None:
    done = _reader("search", "denied", home=home)
    assert done.returncode == 0, done.stderr
    assert "text" in done.stdout and "Kremlin" in done.stdout
    assert "«denied»" in done.stdout
    assert "warning" in done.stderr and "rebuilt" in done.stderr  # built on first use
    notes = _reader("search", "#followup", home=home)
    assert notes.returncode == 0 and notes.stderr == ""
    assert "\x1b" not in notes.stdout and "␛" in notes.stdout
    assert "tags: #followup" in notes.stdout


def test_json_output(home: Path) -> None:
    done = _reader("search", "--json", "--in", "notes", "strokova", home=home)
    assert done.returncode == 0, done.stderr
    (hit,) = json.loads(done.stdout)
    assert hit["kind"] == "note" and hit["tags"] == ["followup"]
    assert "\x1b]52" in hit["context"]  # JSON stays exact
    assert {"article", "title", "source", "date", "context", "marks", "start", "end"} <= set(hit)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", ""], "empty"),
        (["search", "!!!", "..."], "punctuation"),
        (["search", "x" * 5000], "too long"),
        (["search"], "usage"),
        (["search", "--in", "everything", "x"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(home: Path, args: list[str], message: str) -> None:
    done = _reader(*args, home=home)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_no_match_is_quiet_on_stdout(home: Path) -> None:
    done = _reader("search", "zebrafish", home=home)
    assert done.returncode == 0 and done.stdout == ""
    assert "no matches" in done.stderr
