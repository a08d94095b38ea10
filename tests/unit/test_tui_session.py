"""`ArticleSession` without a terminal: the store work of the reading screen, driven by
two plain functions in place of the thread worker and the event loop."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.document import load
from reader.document.model import Document
from reader.notes.store import NoteStore
from reader.tui.session import ArticleSession, Outcome

TEXT = "The ferry left at dawn. The crew counted the crates. Nobody spoke.\n"


class Loop:
    """Stands for the thread worker (jobs wait in `jobs`) and the event loop (`outcomes`)."""

    def __init__(self) -> None:
        self.jobs: list[Callable[[], None]] = []
        self.outcomes: list[Outcome] = []
        self.errors: list[str] = []

    def session(self, document: Document, db: str) -> ArticleSession:
        return ArticleSession(
            document,
            document.source,
            db,
            run_in_thread=self.jobs.append,
            hand_back=self.outcomes.append,
            report_error=self.errors.append,
        )

    def settle(self, session: ArticleSession) -> None:
        """Run the waiting jobs ("in the thread"), then their outcomes ("on the loop")."""
        while self.jobs or self.outcomes:
            while self.jobs:
                self.jobs.pop(0)()
            while self.outcomes:
                session.finish(self.outcomes.pop(0))


@pytest.fixture
def document(tmp_path: Path) -> Document:
    path = tmp_path / "ferry.txt"
    path.write_text(TEXT, encoding="utf-8")
    return load(str(path))


def test_opening_runs_in_the_thread_then_the_held_key_and_the_verdict_waiters(
    document: Document, tmp_path: Path
) -> None:
    loop, seen = Loop(), []
    session = loop.session(document, str(tmp_path / "notes.json"))
    session.open(lambda: seen.append("opened"), lambda message: seen.append(message))
    session.hold(lambda: seen.append("held key"))
    session.when_verdicts_loaded(lambda: seen.append("verdicts"))
    assert session.notes is None and len(loop.jobs) == 1  # nothing done on the "loop"
    loop.settle(session)
    assert seen == ["opened", "verdicts", "held key"]
    assert session.notes is not None and session.verdicts is not None
    session.when_verdicts_loaded(lambda: seen.append("at once"))
    assert seen[-1] == "at once"


def test_notes_and_verdicts_are_saved_through_the_store(document: Document, tmp_path: Path) -> None:
    db = str(tmp_path / "notes.json")
    loop, saved = Loop(), []
    session = loop.session(document, db)
    assert not session.cycle_verdict(0, 23)  # not loaded yet: nothing is done
    session.open(lambda: None, saved.append)
    loop.settle(session)
    notes = session.notes
    assert notes is not None
    session.run(lambda: notes.add(0, 23, "at dawn"), saved.append)
    assert session.cycle_verdict(0, 23, "c1", saved.append)
    loop.settle(session)
    assert saved[0].body == "at dawn" and saved[1] == "supported"
    assert session.verdict_at(0, 23) == "supported"
    session.save_position(24)
    loop.settle(session)
    session.save_position_now(30)
    store = NoteStore(db=db)
    [article] = store.articles()
    assert [n.body for n in store.notes(article.id)] == ["at dawn"]
    assert article.position == 30
    assert loop.errors == []


def test_an_unusable_store_turns_notes_off_and_drops_the_held_key(
    document: Document, tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the store directory should be")
    loop, seen = Loop(), []
    session = loop.session(document, str(blocked / "notes.json"))
    session.open(lambda: seen.append("opened"), seen.append)
    session.hold(lambda: seen.append("held key"))
    loop.settle(session)
    assert session.notes is None and "note store" in session.unavailable
    assert seen == [session.unavailable]
    session.when_verdicts_loaded(lambda: seen.append("never"))
    assert seen == [session.unavailable]


def test_a_store_error_goes_to_failed_or_is_reported(document: Document, tmp_path: Path) -> None:
    from reader.errors import StoreError

    def broken() -> None:
        raise StoreError("disk full")

    loop, failed = Loop(), []
    session = loop.session(document, str(tmp_path / "notes.json"))
    session.run(broken, lambda _: pytest.fail("done after an error"), failed.append)
    session.run(broken, lambda _: pytest.fail("done after an error"))
    loop.settle(session)
    assert failed == ["disk full"] and loop.errors == ["disk full"]


def test_the_session_does_not_import_textual() -> None:
    code = "import sys, reader.tui.session; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
