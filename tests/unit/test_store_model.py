"""A state machine: any sequence of add / edit / delete / undo / reopen keeps the store
equal to a plain dict model, on MemoryStorage and on the real files."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from reader.notes.model import Note
from reader.notes.session import ArticleNotes
from reader.notes.store import NoteStore

TEXT = " ".join(f"Sentence number {i} of the test article." for i in range(12))
SPANS = [m.span() for m in re.finditer(r"Sentence number \d+ of the test article\.", TEXT)]
BODIES = st.text(alphabet="ab #xyz", min_size=1, max_size=12)


class NotesMachine(RuleBasedStateMachine):
    """Compares `ArticleNotes` and a fresh read of the store with a dict."""

    use_files = False

    def __init__(self) -> None:
        super().__init__()
        if self.use_files:
            self._dir = tempfile.TemporaryDirectory()
            self.store = NoteStore(db=Path(self._dir.name) / "notes.json")
        else:
            self.store = NoteStore.in_memory()
        self.notes = ArticleNotes.open(self.store, "model.md", TEXT)
        self.model: dict[str, str] = {}
        self.deleted: list[Note] = []

    @rule(span=st.sampled_from(SPANS), body=BODIES)
    def add(self, span: tuple[int, int], body: str) -> None:
        note = self.notes.add(*span, body)
        self.model[note.id] = body

    @precondition(lambda self: bool(self.model))
    @rule(pick=st.integers(min_value=0), body=BODIES)
    def edit(self, pick: int, body: str) -> None:
        placed = self.notes.placed[pick % len(self.notes.placed)]
        self.notes.edit(placed.note, body)
        self.model[placed.note.id] = body

    @precondition(lambda self: bool(self.model))
    @rule(pick=st.integers(min_value=0))
    def delete(self, pick: int) -> None:
        placed = self.notes.placed[pick % len(self.notes.placed)]
        self.notes.delete(placed.note)
        self.deleted.append(placed.note)
        del self.model[placed.note.id]

    @rule()
    def undo(self) -> None:
        restored = self.notes.undo_delete()
        if self.deleted:
            note = self.deleted.pop()
            assert restored == note
            self.model[note.id] = note.body
        else:
            assert restored is None

    @rule()
    def reopen(self) -> None:
        self.notes = ArticleNotes.open(self.store, "model.md", TEXT)
        self.deleted.clear()  # undo history belongs to one open article

    @invariant()
    def screen_and_store_match_the_model(self) -> None:
        shown = {p.note.id: p.note.body for p in self.notes.placed}
        stored = {n.id: n.body for n in self.store.notes(self.notes.article.id)}
        assert shown == stored == self.model
        assert all(p.span is not None for p in self.notes.placed)

    def teardown(self) -> None:
        if self.use_files:
            self._dir.cleanup()


class FileNotesMachine(NotesMachine):
    use_files = True


@pytest.mark.parametrize("machine", [NotesMachine, FileNotesMachine], ids=["memory", "file"])
def test_notes_follow_the_model(machine: type[NotesMachine]) -> None:
    run_state_machine_as_test(
        machine, settings=settings(max_examples=15, stateful_step_count=12, deadline=None)
    )
