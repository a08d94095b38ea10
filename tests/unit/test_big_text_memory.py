"""What the UI process holds for a big text: no second copy of it in the layout, no
list of its words to count them, no whole-text buffer on the way to the analysis child.

Peaks are measured with tracemalloc on generated text (bytes allocated, never time): a
30 MB book's UI process reached 1 GB when these made copies (benchmarks/README.md).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import tracemalloc
from collections.abc import Callable

import pytest

from reader.analysis import runner
from reader.document import load_text
from reader.library.model import count_words
from reader.notes.keys import content_hash
from reader.tui.widgets.layout import Layout

PARAGRAPH = "“Well, Prince,” said Anna Pávlovna,\tso Genoa and Lucca are now\njust estates. "
"""Curly quotes: stored two bytes a character, as War and Peace is."""


def _big_text(chars: int = 4_000_000) -> str:
    lines = []
    size = 0
    while size < chars:
        lines.append(PARAGRAPH * 5 + "\n\n")
        size += len(lines[-1])
    return "".join(lines)


def _peak(work: Callable[[], object]) -> int:
    """Bytes allocated at the peak of `work()`, beyond what was allocated before."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        work()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def text() -> str:
    return _big_text()


def _text_bytes(text: str) -> int:
    return len(text) * 2  # two bytes a character (see PARAGRAPH)


def test_the_layout_wraps_the_text_itself_not_a_copy(text: str) -> None:
    document = load_text(text, source="big.txt")
    layout = Layout(document.text, document.blocks, 80)
    assert layout.view is document.text
    assert len(layout) > 50_000
    # Row starts and owners cost a few bytes a row; a copy of the text would be 8 MB.
    peak = _peak(lambda: Layout(document.text, document.blocks, 80))
    assert peak < _text_bytes(text) // 3


def test_words_are_counted_without_a_list_of_them(text: str) -> None:
    assert count_words(text) == len(text.split())
    assert count_words("") == 0 and count_words("  one\ttwo\n") == 2
    assert _peak(lambda: count_words(text)) < _text_bytes(text) // 2


def test_the_content_hash_is_taken_a_piece_at_a_time(text: str) -> None:
    assert content_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert content_hash("") == hashlib.sha256(b"").hexdigest()
    assert _peak(lambda: content_hash(text)) < _text_bytes(text) // 4


def test_the_document_crosses_the_pipe_in_pieces(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces end anywhere (a lone surrogate, a character outside the BMP) and the
    document is rebuilt whole; the sender never encodes the whole text at once."""
    odd = "a\ud800b 𝄞 c" * 3
    document = load_text(odd + "\n\nSecond paragraph.", source="odd.txt")
    monkeypatch.setattr(runner, "CHUNK", 3)
    sending, receiving = multiprocessing.Pipe()
    runner.send_document(sending, document)
    assert runner.receive_document(receiving) == document
    monkeypatch.undo()

    big = load_text(text, source="big.txt")
    sizes: list[int] = []

    class Counting:
        def send(self, obj: object) -> None:
            pass

        def send_bytes(self, data: bytes) -> None:
            sizes.append(len(data))

    runner.send_document(Counting(), big)  # type: ignore[arg-type]
    assert sum(sizes) == len(big.text.encode("utf-8"))
    assert max(sizes) <= 3 * runner.CHUNK < _text_bytes(text) // 2
