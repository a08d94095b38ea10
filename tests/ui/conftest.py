"""UI test fixtures: a still cursor, documents, and an app factory."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from reader.document.model import Document
from reader.tui.app import ReaderApp

from .builder import build, fixture

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def still_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop the Input cursor blinking, so screens are the same on every run."""
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def article() -> Document:
    """The short headed fixture article."""
    return fixture()


@pytest.fixture
def long_document() -> Document:
    """Forty numbered paragraphs of three sentences: several screens, no headings."""
    paragraphs = [
        f"Paragraph {n} opens here. The council in Port Alder met again about the "
        f"harbour bridge and the ferry. Item {n} closes the paragraph."
        for n in range(40)
    ]
    return build("\n\n".join(paragraphs), title="Long", where="long.md")


def make_app(document: Document) -> ReaderApp:
    """The app for ``document``."""
    return ReaderApp(document)
