"""End to end: the library's filter typed in one burst in tmux (`/krem` in one write, as
a fast typist or a paste sends it) holds every key, and `enter` opens what it found.

The commands run from this checkout (PYTHONPATH at its root), as a user types them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_driver import (
    keys,
    kill,
    quoted,
    reader_command,
    shell_env,
    start,
    wait_closed,
    wait_for,
    wait_until,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_articles"


@pytest.fixture
def session() -> Iterator[str]:
    name = f"reader-library-{uuid.uuid4().hex[:8]}"
    yield name
    kill(name)


def test_a_filter_sent_in_one_write_keeps_its_first_keys(
    session: str, tmp_path: Path, reader_home: Path
) -> None:
    db = tmp_path / "store" / "notes.json"
    articles = [str(SAMPLES / "kremlin-channel.md"), str(SAMPLES / "party-donations.md")]
    env = {**os.environ, "READER_HOME": str(reader_home), "PYTHONPATH": str(ROOT)}
    command = reader_command("add", "--db", str(db), "--jobs", "1", *articles)
    added = subprocess.run(command, capture_output=True, text=True, env=env)
    assert added.returncode == 0, added.stderr

    line = quoted(reader_command("--db", str(db)))
    start(session, f"{shell_env(reader_home)} PYTHONPATH={ROOT} {line}", 120, 36)
    wait_for(session, "Shipping tycoon")
    keys(session, "-l", "/tycoon")  # one write: every key before the first is handled
    shown = wait_until(session, lambda s: "Filter by title" not in s, "the filter typed")
    shown = wait_until(session, lambda s: "Ruling party" not in s, "the other article gone")
    typed = [line for line in shown.splitlines() if line.lstrip().startswith("▊  ")]
    assert typed and typed[0].split()[1] == "tycoon"  # not "coon": no key was lost
    keys(session, "Enter")
    wait_for(session, "the Danish shipping magnate")  # this article, not the other or the ledger
    keys(session, "q")
    wait_closed(session)
