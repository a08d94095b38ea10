"""Two processes writing notes at once keep the search index consistent (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.notes.store import NoteStore
from reader.search import search
from reader.search.index import SearchIndex

ROOT = Path(__file__).resolve().parents[2]
TEXT = "One sentence to note. Another sentence follows it."
WRITER = """
import sys
from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore
from reader.search import watch
watch()
db, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
ids = sys.argv[4:]
store = NoteStore(db=db)
text = "One sentence to note. Another sentence follows it."
for number in range(count):
    note = store.add_note(ids[number % len(ids)], anchor_for(text, 0, 21),
                          f"worker{worker} n{number} shared")
    if number % 5 == 4:
        store.update_note(note, f"worker{worker} n{number} shared edited")
    if number % 7 == 6:
        store.delete_note(note)
"""


def _expected(worker: int, count: int) -> set[str]:
    return {
        f"worker{worker} n{n} shared" + (" edited" if n % 5 == 4 else "")
        for n in range(count)
        if n % 7 != 6
    }


def test_two_writers_in_two_processes_keep_the_index_consistent(tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    store = NoteStore(db=db)
    ids = [store.open_article(f"https://e.com/{n}", TEXT + str(n), f"A{n}").id for n in range(3)]
    assert search(db, "shared").hits == []  # the index exists before they start
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    count = 40
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(w), str(count), *ids],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in (1, 2)
    ]
    errors = [writer.communicate(timeout=240)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], errors
    want = _expected(1, count) | _expected(2, count)

    def bodies(fresh: bool) -> set[str]:
        hits = search(db, "shared", fresh=fresh, kinds=["notes"], limit=1000).hits
        return {hit.context for hit in hits}

    # The writers' own hooks made the index current: no look at the store needed.
    assert bodies(fresh=False) == want
    assert {note.body for note in NoteStore(db=db).all_notes()} == want
    SearchIndex(db).rebuild()
    assert bodies(fresh=True) == want
