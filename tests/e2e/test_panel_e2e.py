"""End to end in tmux: the installed `reader` opens a sample article, the panel
fills, an entity and a claim are chosen with keys, and the screen shows both."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_driver import keys, kill, quoted, reader_command, shell_env, start, wait_until

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
    kill(name)


def _start(session: str, home: Path) -> None:
    """Start the reader in a 120x40 window (sized first; COLUMNS/LINES unset)."""
    command = quoted(reader_command(str(ARTICLE)))
    start(session, f"{shell_env(home)} {command}", 120, 40, quit_ends_session=False)


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


@pytest.mark.skipif(not ARTICLE.exists(), reason="the sample article is missing")
def test_panel_fills_then_entity_and_claim_chosen_by_keys(session: str, reader_home: Path) -> None:
    _start(session, reader_home)
    screen = wait_until(session, lambda s: "PEOPLE ·" in _panel(s), "the filled entity list", WAIT)
    assert "Entities" in screen and "Claims" in screen
    assert _percent(screen) == 0  # the article is at its top
    first = next(line for line in _panel(screen).splitlines() if "▸ ●" in line)
    name = first.split("●", 1)[1].rsplit(" ", 1)[0].strip()

    keys(session, "Tab", "Enter")  # focus the panel, choose the first person

    # The marker and the entity's claim lines can be drawn in different frames: wait for both.
    def expanded(s: str) -> bool:
        panel = _panel(s)
        return "▾ ●" in panel and ("Claims about" in panel or "Source of" in panel)

    screen = wait_until(session, expanded, "the expanded entity with its claims", WAIT)
    assert name in _panel(screen)

    keys(session, "w", "5")  # Claims tab, denials only
    screen = wait_until(session, lambda s: "0 shows all" in _panel(s), "the tag filter", WAIT)
    assert "denial" in _panel(screen)
    keys(session, "Enter")  # choose the first denial: the article scrolls to it
    scrolled = "the article scrolled to the denial"
    screen = wait_until(session, lambda s: _percent(s) > 0, scrolled, WAIT)
    assert "denied" in _article(screen)
    keys(session, "q")
