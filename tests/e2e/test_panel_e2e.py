"""End to end in tmux: the installed `reader` opens a sample article, the panel
fills, an entity and a claim are chosen with keys, and the screen shows both."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ARTICLE = Path(__file__).resolve().parents[2] / "sample_articles" / "kremlin-channel.md"
WAIT = 30.0
"""Seconds to wait for the screen to show something before failing."""


@pytest.fixture
def session() -> Iterator[str]:
    """A tmux session name, killed afterwards."""
    name = f"reader-panel-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def _command() -> list[str]:
    installed = shutil.which("reader")
    return [installed] if installed else [sys.executable, "-m", "reader"]


def _tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True)


def _start(session: str, home: Path) -> None:
    """Start the reader in a 120x40 window (sized first; COLUMNS/LINES unset)."""
    command = " ".join(shlex.quote(p) for p in [*_command(), str(ARTICLE)])
    env = f"env -u COLUMNS -u LINES READER_HOME={shlex.quote(str(home))} TERM=xterm-256color"
    started = _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "sleep 600")
    assert started.returncode == 0, started.stderr
    _tmux("set-option", "-t", session, "window-size", "manual")
    _tmux("resize-window", "-t", session, "-x", "120", "-y", "40")
    respawned = _tmux("respawn-pane", "-k", "-t", session, f"{env} {command}")
    assert respawned.returncode == 0, respawned.stderr


def _screen(session: str) -> str:
    result = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    )
    return result.stdout


def _panel(screen: str) -> str:
    """The right-hand column (after the article's border)."""
    return "\n".join(line.split("│", 1)[1] for line in screen.splitlines() if "│" in line)


def _article(screen: str) -> str:
    """The left-hand column (the article)."""
    return "\n".join(line.split("│", 1)[0] for line in screen.splitlines() if "│" in line)


def _percent(screen: str) -> int:
    """The reading position the status line shows (the last "N%" on screen)."""
    found = re.findall(r"(\d+)%", screen)
    return int(found[-1]) if found else -1


def _wait_until(session: str, seen: Callable[[str], bool], what: str) -> str:
    deadline = time.monotonic() + WAIT
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if seen(screen):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{what} never appeared; last screen:\n{screen}")


def _keys(session: str, *keys: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)


@pytest.mark.skipif(not ARTICLE.exists(), reason="the sample article is missing")
def test_panel_fills_then_entity_and_claim_chosen_by_keys(session: str, reader_home: Path) -> None:
    _start(session, reader_home)
    screen = _wait_until(session, lambda s: "PEOPLE ·" in _panel(s), "the filled entity list")
    assert "Entities" in screen and "Claims" in screen
    assert _percent(screen) == 0  # the article is at its top
    first = next(line for line in _panel(screen).splitlines() if "▸ ●" in line)
    name = first.split("●", 1)[1].rsplit(" ", 1)[0].strip()

    _keys(session, "Tab", "Enter")  # focus the panel, choose the first person
    screen = _wait_until(session, lambda s: "▾ ●" in _panel(s), "the expanded entity")
    assert name in _panel(screen)
    assert "Claims about" in _panel(screen) or "Source of" in _panel(screen)

    _keys(session, "w", "5")  # Claims tab, denials only
    screen = _wait_until(session, lambda s: "0 shows all" in _panel(s), "the tag filter")
    assert "denial" in _panel(screen)
    _keys(session, "Enter")  # choose the first denial: the article scrolls to it
    screen = _wait_until(session, lambda s: _percent(s) > 0, "the article scrolled to the denial")
    assert "denied" in _article(screen)
    _keys(session, "q")
