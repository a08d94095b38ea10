"""Crashes and concurrent writers: nothing acknowledged is ever lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from reader.notes.store import NoteStore

TEXT = "A sentence to annotate. Another one follows it. The last one ends here."

# Adds notes forever, printing each id only once add_note() has returned.
WRITER = """
import sys
from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore
store = NoteStore(db=sys.argv[1])
text = sys.argv[2]
tag = sys.argv[3]
count = int(sys.argv[4])
article = store.open_article("story.md", text, "Story")
i = 0
while count < 0 or i < count:
    note = store.add_note(article.id, anchor_for(text, 0, 23), f"{tag} note {i} #n{i}")
    if i % 5 == 0:
        store.set_position(article.id, i)
        store.open_article(f"other-{tag}-{i % 3}.md", f"{text} {tag} {i}", "Other")
    print(note.id, flush=True)
    i += 1
"""


def _writer(db: Path, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), TEXT, tag, str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )


def _collect(process: subprocess.Popen[str], into: list[str]) -> threading.Thread:
    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            into.append(line.strip())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def _wait_for(acked: list[str], count: int, limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while len(acked) < count and time.monotonic() < deadline:
        time.sleep(0.005)


def test_kill_9_at_random_moments_never_loses_an_acknowledged_note(tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    chooser = random.Random(20261125)
    acked: list[str] = []
    for _ in range(6):
        process = _writer(db, "crash", -1)
        reader = _collect(process, acked)
        _wait_for(acked, len(acked) + 1)
        time.sleep(chooser.uniform(0.0, 0.25))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        reader.join(timeout=5)
        store = NoteStore(db=db)
        stored = {note.id for note in store.all_notes()}
        assert store.warnings == []
        assert set(acked) <= stored
        assert store.articles(), "the index must stay loadable"
    assert len(acked) > 6


def test_two_processes_adding_notes_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    per_writer = 40
    acked: list[str] = []
    processes = [_writer(db, tag, per_writer) for tag in ("left", "right")]
    readers = [_collect(process, acked) for process in processes]
    for process, reader in zip(processes, readers, strict=True):
        assert process.wait(timeout=60) == 0
        reader.join(timeout=5)
    store = NoteStore(db=db)
    notes = list(store.all_notes())
    assert len(acked) == 2 * per_writer
    assert {note.id for note in notes} == set(acked)
    bodies = {note.body.split(" #")[0] for note in notes}
    assert {f"left note {i}" for i in range(per_writer)} <= bodies
    assert {f"right note {i}" for i in range(per_writer)} <= bodies
    sources = {article.source for article in store.articles()}
    assert len(sources) == 1 + 2 * 3  # story.md plus three others per writer
