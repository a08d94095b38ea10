"""End to end in tmux: open an article, add a note with keys, quit, reopen, see it, export it."""

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
    pytest.mark.skipif(shutil.which("reader") is None, reason="reader is not installed"),
]

ARTICLE = """# Ferry timetable

The ferry company cut two evening sailings. Commuters said the change came without warning.
The company blamed a shortage of crew. A union spokesperson disputed that account.
"""


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    name = f"reader-e2e-{uuid.uuid4().hex[:8]}"
    yield name
    kill(name)


def _start(session: str, home: Path, article: Path, db: Path) -> None:
    """The installed reader on `article` with notes in `db`, in a 110x32 window."""
    command = quoted(reader_command("--db", str(db), str(article)))
    start(session, f"{shell_env(home)} {command}", 110, 32)  # q ends the session


def _marked(screen: str) -> bool:
    """A row of the noted sentence carries the margin mark (wrapping depends on the panel)."""
    return any(line.startswith("▌ The ferry company") for line in screen.splitlines())


def test_note_added_with_keys_survives_reopen_and_exports(
    session: str, tmp_path: Path, reader_home: Path
) -> None:
    article = tmp_path / "ferry.md"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "store" / "notes.json"

    _start(session, reader_home, article, db)
    wait_for(session, "The ferry company")
    keys(session, "J", "J")
    keys(session, "a")
    wait_for(session, "ctrl+s save")
    keys(session, "-l", "Ask the union for figures #crew")
    keys(session, "C-s")
    wait_for(session, "Note saved")
    keys(session, "q")
    wait_closed(session)

    _start(session, reader_home, article, db)
    wait_for(session, "The ferry company")
    # The notes are placed by a worker just after the first paint: wait for the mark.
    wait_until(session, _marked, "the note mark")
    keys(session, "q")
    wait_closed(session)

    env = {**os.environ, "READER_HOME": str(reader_home)}
    export = subprocess.run(
        reader_command("notes", "export", "--db", str(db), "--format", "md"),
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert "# Ferry timetable" in export.stdout
    assert "Ask the union for figures #crew" in export.stdout
    assert "Tags: #crew" in export.stdout
    assert "> The ferry company cut two evening sailings." in export.stdout
