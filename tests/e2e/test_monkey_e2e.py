"""Monkey test on the installed command: random keys from the first 50 ms on.

The Pilot monkey (tests/ui/test_monkey.py) starts typing once the app is
ready; a real terminal delivers keys while the reader is still starting, the
panel still empty, the notes store still opening. Here tmux sends them to
the real `reader` process; then `ctrl+q` must quit it with status 0 and
nothing on stderr but the screen itself: no traceback, no crash line.
"""

from __future__ import annotations

import random
import time
import uuid
from pathlib import Path

import pytest
from tmux_driver import (
    READER,
    TMUX,
    keys,
    kill,
    quoted,
    reader_command,
    shell_env,
    start,
    wait_closed,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install tmux)"),
    pytest.mark.skipif(READER is None, reason="reader is not installed (pip install .)"),
]

SAMPLE = Path(__file__).parents[2] / "sample_articles" / "kremlin-channel.md"
KEYS = [
    *"jkJKgGnNvaedux[]<>mwsopt?/0123456L(){}",
    "Tab", "BTab", "Enter", "Escape", "Space", "BSpace", "Up", "Down", "Left", "Right",
    "PPage", "NPage", "Home", "End", "C-d", "C-u", "C-p", "C-s",
]  # fmt: skip
"""No ctrl+c: before the app owns the terminal it interrupts the start (exit 130, by
design); once the app runs it only says how to quit (the Pilot monkey sends it)."""


@pytest.mark.parametrize("seed", [7, 8])
def test_random_keys_from_the_first_moment_never_crash(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    session = f"monkey-{uuid.uuid4().hex[:8]}"
    stderr, status = tmp_path / "stderr", tmp_path / "status"
    reader = quoted(reader_command(str(SAMPLE)))
    start(
        session, f"{shell_env(tmp_path / 'home')} {reader} 2>{stderr}; echo $? > {status}", 100, 30
    )
    try:
        time.sleep(0.05)
        for _ in range(120):
            keys(session, rnd.choice(KEYS))
            roll = rnd.random()
            time.sleep(0 if roll < 0.4 else 0.01 if roll < 0.7 else 0.05 if roll < 0.95 else 0.3)
        keys(session, "C-q")
        wait_closed(session, "reader did not quit on ctrl+q after the monkey")
    finally:
        kill(session)
    deadline = time.monotonic() + 5
    while not status.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    written = stderr.read_text(errors="replace")
    assert "Traceback" not in written and "internal error" not in written
    assert status.read_text().strip() == "0"
