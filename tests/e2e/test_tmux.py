"""End to end: the installed `reader` command in tmux, driven with keys.

Each check polls `capture-pane` until the screen shows what it should (no
fixed sleeps); the tmux session is killed in a finally, pass or fail.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

READER = shutil.which("reader")
TMUX = shutil.which("tmux")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install tmux)"),
    pytest.mark.skipif(READER is None, reason="reader is not installed (pip install .)"),
]
WAIT = 20.0
"""Seconds to wait for the screen to change before failing."""


def article_text() -> str:
    """A headed article several screens long, with a unique last line."""
    paragraphs = [
        f"Paragraph {n}: the ferry company cut two evening sailings, commuters said, and "
        f"the harbour board promised a review of crew numbers before the winter timetable."
        for n in range(30)
    ]
    return "# Ferry timetable\n\n" + "\n\n".join(paragraphs) + "\n\nThe last word goes here.\n"


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([TMUX or "tmux", *args], capture_output=True, text=True)


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session).stdout


def wait_until(session: str, seen: Callable[[str], bool], what: str) -> str:
    deadline = time.monotonic() + WAIT
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(session)
        if seen(shown):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"screen never showed {what}; last screen:\n{shown}")


def article_width(shown: str) -> int:
    """Widest text row of the article column (left of the side panel's border)."""
    rows = [line.split("│")[0].rstrip() for line in shown.splitlines()[1:-2]]
    return max((len(row) for row in rows if "Paragraph" in row or "ferry" in row), default=0)


def keys(session: str, *names: str) -> None:
    tmux("send-keys", "-t", session, *names)


def test_read_scroll_search_resize_quit(tmp_path: Path) -> None:
    path = tmp_path / "ferry.md"
    path.write_text(article_text(), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    session = f"reader-tmux-{uuid.uuid4().hex[:8]}"
    # COLUMNS/LINES may be in tmux's global environment; they would pin the size.
    command = (
        f"env -u COLUMNS -u LINES READER_HOME={shlex.quote(str(home))} TERM=xterm-256color "
        f"{shlex.quote(READER or 'reader')} {shlex.quote(str(path))}"
    )
    # Size the window first (a detached window otherwise follows the server's
    # default size), then start the reader in it, so it starts at 120x30.
    started = tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "30", "sleep 600")
    assert started.returncode == 0, started.stderr
    try:
        tmux("set-option", "-t", session, "window-size", "manual")
        tmux("resize-window", "-t", session, "-x", "120", "-y", "30")
        tmux("set-option", "-t", session, "remain-on-exit", "off")
        assert tmux("respawn-pane", "-k", "-t", session, command).returncode == 0
        wait_until(session, lambda s: "Paragraph 0: the ferry" in s, "the first paragraph")

        keys(session, "G")
        shown = wait_until(session, lambda s: "The last word goes here." in s, "the end")
        assert "100%" in shown and "Paragraph 0:" not in shown

        keys(session, "g")
        wait_until(session, lambda s: "Paragraph 0: the ferry" in s, "the start again")

        keys(session, "/")
        wait_until(session, lambda s: "Search (enter: go" in s, "the search line")
        keys(session, "-l", "winter timetable")
        keys(session, "Enter")
        wait_until(session, lambda s: "match 1 of 30" in s, "the search status")
        keys(session, "n")
        wait_until(session, lambda s: "match 2 of 30" in s, "the next match")

        before = article_width(screen(session))
        tmux("resize-window", "-t", session, "-x", "90")
        shown = wait_until(
            session,
            lambda s: 0 < article_width(s) < before,
            f"the text re-wrapped narrower than {before} columns",
        )
        assert "Paragraph 1: the ferry" in shown  # the place (the 2nd match) is kept

        keys(session, "q")
        deadline = time.monotonic() + WAIT
        while tmux("has-session", "-t", session).returncode == 0:
            assert time.monotonic() < deadline, "q did not quit the reader"
            time.sleep(0.1)
    finally:
        tmux("kill-session", "-t", session)


def test_article_piped_on_stdin_still_takes_keys(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(article_text(), encoding="utf-8")
    session = f"reader-pipe-{uuid.uuid4().hex[:8]}"
    command = (
        f"env -u COLUMNS -u LINES READER_HOME={shlex.quote(str(tmp_path))} TERM=xterm-256color "
        f"sh -c 'cat {shlex.quote(str(path))} | {shlex.quote(READER or 'reader')} -; "
        f"echo reader-exit=$?; sleep 30'"
    )
    started = tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "30", "sleep 600")
    assert started.returncode == 0, started.stderr
    try:
        tmux("set-option", "-t", session, "window-size", "manual")
        tmux("resize-window", "-t", session, "-x", "120", "-y", "30")
        assert tmux("respawn-pane", "-k", "-t", session, command).returncode == 0
        wait_until(session, lambda s: "Paragraph 0: the ferry" in s, "the piped article")
        keys(session, "G")
        wait_until(session, lambda s: "The last word goes here." in s, "the end (keys work)")
        keys(session, "q")
        wait_until(session, lambda s: "reader-exit=0" in s, "a clean exit")
    finally:
        tmux("kill-session", "-t", session)
