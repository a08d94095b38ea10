"""End to end in tmux: open an article, add a note with keys, quit, reopen, see it, export it."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(shutil.which("reader") is None, reason="reader is not installed"),
]

ARTICLE = """# Ferry timetable

The ferry company cut two evening sailings. Commuters said the change came without warning.
The company blamed a shortage of crew. A union spokesperson disputed that account.
"""
WAIT = 20.0
"""Seconds to wait for the screen to show something before failing."""


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    name = f"reader-e2e-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def _reader_command(*args: str) -> list[str]:
    """The installed `reader` command, as a user runs it."""
    return [str(shutil.which("reader")), *args]


def _tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True)


def _start(session: str, home: Path, article: Path, db: Path) -> None:
    command = " ".join(shlex.quote(p) for p in _reader_command("--db", str(db), str(article)))
    # COLUMNS/LINES may be in tmux's global environment; Textual would then fix the size.
    env = f"env -u COLUMNS -u LINES READER_HOME={shlex.quote(str(home))} TERM=xterm-256color"
    # Size the window first (a detached window otherwise follows the server's default
    # size), then start the reader in it, so it starts at 110x32.
    started = _tmux("new-session", "-d", "-s", session, "-x", "110", "-y", "32", "sleep 600")
    assert started.returncode == 0, started.stderr
    _tmux("set-option", "-t", session, "window-size", "manual")
    _tmux("resize-window", "-t", session, "-x", "110", "-y", "32")
    _tmux("set-option", "-t", session, "remain-on-exit", "off")  # q ends the session
    respawned = _tmux("respawn-pane", "-k", "-t", session, f"{env} {command}")
    assert respawned.returncode == 0, respawned.stderr


def _screen(session: str) -> str:
    result = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    )
    return result.stdout


def _wait_until(session: str, seen: Callable[[str], bool], what: str) -> str:
    deadline = time.monotonic() + WAIT
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if seen(screen):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{what} never appeared; last screen:\n{screen}")


def _wait_for(session: str, text: str) -> str:
    return _wait_until(session, lambda screen: text in screen, repr(text))


def _marked(screen: str) -> bool:
    """A row of the noted sentence carries the margin mark (wrapping depends on the panel)."""
    return any(line.startswith("▌ The ferry company") for line in screen.splitlines())


def _wait_closed(session: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        alive = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True)
        if alive.returncode != 0:
            return
        time.sleep(0.1)
    raise AssertionError("reader did not quit")


def _keys(session: str, *keys: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)


def test_note_added_with_keys_survives_reopen_and_exports(
    session: str, tmp_path: Path, reader_home: Path
) -> None:
    article = tmp_path / "ferry.md"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "store" / "notes.json"

    _start(session, reader_home, article, db)
    _wait_for(session, "The ferry company")
    _keys(session, "J", "J")
    _keys(session, "a")
    _wait_for(session, "ctrl+s save")
    _keys(session, "-l", "Ask the union for figures #crew")
    _keys(session, "C-s")
    _wait_for(session, "Note saved")
    _keys(session, "q")
    _wait_closed(session)

    _start(session, reader_home, article, db)
    _wait_for(session, "The ferry company")
    # The notes are placed by a worker just after the first paint: wait for the mark.
    _wait_until(session, _marked, "the note mark")
    _keys(session, "q")
    _wait_closed(session)

    env = {**os.environ, "READER_HOME": str(reader_home)}
    export = subprocess.run(
        _reader_command("notes", "export", "--db", str(db), "--format", "md"),
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert "# Ferry timetable" in export.stdout
    assert "Ask the union for figures #crew" in export.stdout
    assert "Tags: #crew" in export.stdout
    assert "> The ferry company cut two evening sailings." in export.stdout
