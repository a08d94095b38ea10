"""Many writers at once: every add succeeds, waiters are served in arrival order, a dead
waiter never blocks the line, and a wait is bounded."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.notes.fairlock import FairLock, LockTimeout
from reader.notes.store import NoteStore

ROOT = Path(__file__).resolve().parents[2]
TEXT = "One sentence to note. Another sentence follows it."
ADDER = """
import sys
from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore
db, article_id, worker, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = NoteStore(db=db)
text = "One sentence to note. Another sentence follows it."
for number in range(count):
    store.add_note(article_id, anchor_for(text, 0, 21), f"worker {worker} note {number}")
"""


def test_concurrent_adds_to_one_article_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    article = NoteStore(db=db).open_article("shared.md", TEXT, "Shared")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", ADDER, str(db), article.id, str(worker), "50"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for worker in range(4)
    ]
    errors = [process.communicate(timeout=240)[1] for process in workers]
    assert [process.returncode for process in workers] == [0, 0, 0, 0], errors
    bodies = {note.body for note in NoteStore(db=db).notes(article.id)}
    assert bodies == {f"worker {w} note {n}" for w in range(4) for n in range(50)}
    assert list((tmp_path / "notes.json.lock.queue").iterdir()) == []


def test_waiters_are_served_in_arrival_order(tmp_path: Path) -> None:
    path = tmp_path / "store.lock"
    holder = FairLock(path, timeout=10)
    holder.acquire()
    served: list[int] = []

    def wait(number: int) -> None:
        with FairLock(path, timeout=10):  # its own ticket, as another process would take
            served.append(number)
            time.sleep(0.01)

    threads = []
    for number in range(5):
        thread = threading.Thread(target=wait, args=(number,))
        thread.start()
        threads.append(thread)
        time.sleep(0.05)  # each in line before the next arrives
    holder.release()
    for thread in threads:
        thread.join(timeout=10)
    assert served == [0, 1, 2, 3, 4]


def test_a_ticket_left_by_a_killed_waiter_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "store.lock"
    queue = tmp_path / "store.lock.queue"
    queue.mkdir()
    (queue / f"{0:020d}-{1:010d}-deadbeef").write_text("")  # first in line, nobody holds it
    start = time.monotonic()
    with FairLock(path, timeout=5):
        assert time.monotonic() - start < 1
    assert list(queue.iterdir()) == []


def test_a_wait_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "store.lock"
    with FairLock(path, timeout=5):
        start = time.monotonic()
        done: list[BaseException] = []

        def wait() -> None:
            try:
                FairLock(path, timeout=0.3).acquire()
            except LockTimeout as error:
                done.append(error)

        thread = threading.Thread(target=wait)
        thread.start()
        thread.join(timeout=5)
        assert len(done) == 1 and 0.3 <= time.monotonic() - start < 3
    assert list((tmp_path / "store.lock.queue").iterdir()) == []


def test_the_lock_is_re_entrant_in_one_thread(tmp_path: Path) -> None:
    lock = FairLock(tmp_path / "store.lock", timeout=1)
    with lock, lock:
        assert lock.depth == 2
    assert lock.depth == 0
    with FairLock(tmp_path / "store.lock", timeout=1):
        pass  # released for others


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_an_older_reader_holding_the_plain_lock_still_excludes_us(tmp_path: Path) -> None:
    from filelock import FileLock

    path = tmp_path / "store.lock"
    with FileLock(str(path)), pytest.raises(LockTimeout):
        FairLock(path, timeout=0.2).acquire()
    with FairLock(path, timeout=1):
        pass
