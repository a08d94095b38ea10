"""Drive the installed `reader` command in a tmux session, for the e2e tests.

Not a test module: the tests import it as `from tmux_driver import ...` (pytest puts
this folder on `sys.path`). Every wait polls `capture-pane` (no fixed sleeps).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

TMUX = shutil.which("tmux")
READER = shutil.which("reader")
WAIT = 20.0
"""Seconds to wait for the screen to show something before failing (by default)."""


def reader_command(*args: str) -> list[str]:
    """The installed `reader` command with `args`, as a user runs it (else `python -m`)."""
    return [READER, *args] if READER else [sys.executable, "-m", "reader", *args]


SOCKET = f"reader-e2e-{os.getpid()}"
"""The tests' own tmux server: never the user's, and no other run's sessions in it."""


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    """Run one tmux command on the tests' server, capturing its output (never raising)."""
    return subprocess.run([TMUX or "tmux", "-L", SOCKET, *args], capture_output=True, text=True)


def shell_env(home: Path) -> str:
    """The `env ...` prefix for a shell command line: a fresh READER_HOME and a real TERM.

    COLUMNS/LINES may be in tmux's global environment; Textual would then pin the size.
    The panel's one-time legend hint is marked as seen (its toast would cover the
    position these tests read; tests/ui/test_discoverable.py tests the hint itself).
    """
    settings = home / "settings.json"
    if not settings.exists():
        home.mkdir(parents=True, exist_ok=True)
        settings.write_text('{"panel_legend_shown": true}', encoding="utf-8")
    return f"env -u COLUMNS -u LINES READER_HOME={shlex.quote(str(home))} TERM=xterm-256color"


def quoted(argv: Sequence[str]) -> str:
    """`argv` as one shell command line."""
    return " ".join(shlex.quote(part) for part in argv)


def start(
    session: str, command: str, width: int, height: int, *, quit_ends_session: bool = True
) -> None:
    """Start the shell `command` in a new detached tmux `session` of `width` x `height`.

    The window is sized first (a detached window otherwise follows the server's default
    size), then the command is started in it, so it starts at that size. With
    `quit_ends_session`, the session ends when the command exits (remain-on-exit off).
    """
    size = ["-x", str(width), "-y", str(height)]
    for _ in range(5):
        started = tmux("new-session", "-d", "-s", session, *size, "sleep 600")
        # The server exits with its last session: a new session asked for at that moment
        # meets the server going away ("server exited unexpectedly"); ask again.
        if started.returncode == 0 or "server exited" not in started.stderr:
            break
        time.sleep(0.2)
    assert started.returncode == 0, started.stderr
    tmux("set-option", "-t", session, "window-size", "manual")
    tmux("resize-window", "-t", session, *size)
    if quit_ends_session:
        tmux("set-option", "-t", session, "remain-on-exit", "off")
    respawned = tmux("respawn-pane", "-k", "-t", session, command)
    assert respawned.returncode == 0, respawned.stderr


def screen(session: str) -> str:
    """What the session's pane shows now."""
    return tmux("capture-pane", "-p", "-t", session).stdout


def wait_until(session: str, seen: Callable[[str], bool], what: str, wait: float = WAIT) -> str:
    """Poll the screen until `seen(screen)` holds and return it; fail naming `what`."""
    deadline = time.monotonic() + wait
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(session)
        if seen(shown):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{what} never appeared; last screen:\n{shown}")


def wait_for(session: str, text: str, wait: float = WAIT) -> str:
    """Poll the screen until it shows `text`."""
    return wait_until(session, lambda shown: text in shown, repr(text), wait)


def wait_closed(session: str, what: str = "reader did not quit", wait: float = WAIT) -> None:
    """Poll until the session has ended (the command quit); fail with `what`."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if tmux("has-session", "-t", session).returncode != 0:
            return
        time.sleep(0.1)
    raise AssertionError(what)


def keys(session: str, *names: str) -> None:
    """Send tmux key names (or, after "-l", literal text) to the session."""
    sent = tmux("send-keys", "-t", session, *names)
    assert sent.returncode == 0, sent.stderr


def kill(session: str) -> None:
    """End the session (nothing happens if it has already ended)."""
    tmux("kill-session", "-t", session)
