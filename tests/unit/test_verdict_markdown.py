"""`reader notes export --format md` lists the reader's verdicts on claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore
from reader.notes_cmd import main

TEXT = "The agency reported a leak. Officials denied it on Monday. A review is due."


def test_markdown_export_lists_verdicts_even_without_notes(
    reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = NoteStore()
    article = store.open_article(str(reader_home / "story.md"), TEXT, "Leak story")
    first = TEXT.index("Officials denied")
    store.set_verdict(article.id, anchor_for(TEXT, first, first + 30), "disputed", "c2")
    store.open_article(str(reader_home / "empty.md"), "Nothing here.", "Untouched")
    assert main(["export", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "# Leak story" in out and "Untouched" not in out
    assert "## Verdicts on claims" in out
    assert "- **disputed**: “Officials denied it on Monday.”" in out
