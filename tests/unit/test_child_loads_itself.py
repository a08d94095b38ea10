"""A long book's analysis child loads the book itself: the panel fills from the child's
own copy only when it is the very document the reader shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import analyze, runner
from reader.analysis.runner import Child, analyse_in_process, fingerprint
from reader.document import load

TEXT = "\n\n".join(
    f"Paragraph {n}. Anna Petrova of Harbourside Ferries said the boat left at {n}."
    for n in range(300)
)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.txt"
    path.write_text(TEXT + "\n", "utf-8")
    return path


def _sent(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the documents sent down to a child."""
    sent: list[int] = []
    send = runner.send_document

    def counting(conn, document):  # type: ignore[no-untyped-def]
        sent.append(len(document.text))
        send(conn, document)

    monkeypatch.setattr(runner, "send_document", counting)
    return sent


def test_fingerprint_tells_one_changed_letter(book: Path) -> None:
    assert fingerprint(load(str(book))) == fingerprint(load(str(book)))
    before = fingerprint(load(str(book)))
    book.write_text(TEXT.replace("left at 7.", "left at 8.") + "\n", "utf-8")
    assert fingerprint(load(str(book))) != before


def test_a_child_given_the_path_analyses_without_being_sent_the_book(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = _sent(monkeypatch)
    document = load(str(book))
    seen: list[float] = []
    result = analyse_in_process(document, seen.append, child=Child(path=str(book)))
    assert sent == []
    assert result.document is document
    assert result.to_json() == analyze(document).to_json()
    assert seen and seen[-1] == 1.0


def test_a_book_changed_between_the_two_reads_is_analysed_as_the_reader_shows_it(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child read the file before it changed: its analysis is dropped, and the
    reader's own document goes to a new child."""
    sent = _sent(monkeypatch)
    started: list[Child] = []

    class Counted(Child):
        def __init__(self, backend: str = "rules", path: str | None = None) -> None:
            super().__init__(backend, path)
            started.append(self)

    monkeypatch.setattr(runner, "Child", Counted)
    child = Child(path=str(book))
    assert child.out.poll(30)  # the child has read its copy (its first message)...
    book.write_text(TEXT.replace("Anna Petrova", "Boris Ivanov") + "\n", "utf-8")
    shown = load(str(book))  # ...and the reader reads the book after it changed
    result = analyse_in_process(shown, child=child)
    assert len(started) == 1  # its copy was another text: a second child was sent the book
    assert sent == [len(shown.text)]
    assert not child.alive()
    names = {entity.name for entity in result.entities}
    assert "Boris Ivanov" in names and "Anna Petrova" not in names
    assert result.to_json() == analyze(shown).to_json()


def test_a_path_the_child_cannot_read_falls_back_to_sending(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = _sent(monkeypatch)
    document = load(str(book))
    result = analyse_in_process(document, child=Child(path=str(tmp_path / "gone.txt")))
    assert sent == [len(document.text)]
    assert result.to_json() == analyze(document).to_json()
