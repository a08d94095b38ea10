"""The analysis in a child process: same result, stoppable, errors as messages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from panel_demo import demo_analysis

from reader.analysis import analyze
from reader.analysis.runner import Stopped, analyse_in_process
from reader.errors import ReaderError
from reader.tui.panel import wiring


def test_child_gives_the_same_analysis_with_progress() -> None:
    document = demo_analysis().document
    seen: list[float] = []
    result = analyse_in_process(document, progress=seen.append)
    assert result.to_json() == analyze(document).to_json()
    assert seen and seen[-1] == 1.0


def test_stop_ends_the_child_quickly() -> None:
    document = demo_analysis().document
    asked = time.monotonic()
    with pytest.raises(Stopped):
        analyse_in_process(document, stopped=lambda: True)
    assert time.monotonic() - asked < 5


def test_backend_error_comes_back_as_its_message() -> None:
    with pytest.raises(ReaderError, match="unknown analysis backend 'nope'"):
        analyse_in_process(demo_analysis().document, backend="nope")


async def test_reader_uses_the_child_for_long_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside Textual too (its stderr capture once broke starting the child)."""
    from reader.tui.app import ReaderApp
    from reader.tui.panel.wiring import ReadingBody

    monkeypatch.setattr(wiring, "SUBPROCESS_CHARS", 0)
    monkeypatch.setattr(wiring, "analyze", lambda *a, **k: pytest.fail("analysed in the thread"))
    document = demo_analysis().document
    app = ReaderApp(document)
    async with app.run_test(size=(100, 30)) as pilot:
        body = app.screen.query_one(ReadingBody)
        for _ in range(200):
            await pilot.pause(0.05)
            if body.analysis is not None:
                break
        assert body.analysis is not None
        assert body.analysis.to_json() == analyze(document).to_json()


def test_the_document_crosses_to_the_child_whole() -> None:
    """What the child analyses is the document the reader shows, every span included."""
    from reader.analysis.runner import pack, unpack
    from reader.document import load

    root = Path(__file__).parents[2] / "sample_articles"
    for path in sorted(root.iterdir()):
        document = load(str(path))
        assert unpack(pack(document)) == document, path.name


def test_the_entities_and_claims_come_back_whole() -> None:
    """What the child sends back rebuilds into the very entities and claims it found."""
    from reader.analysis.runner import pack_found, unpack_found
    from reader.document import load

    root = Path(__file__).parents[2] / "sample_articles"
    for path in sorted(root.iterdir()):
        analysis = analyze(load(str(path)))
        assert analysis.claims and analysis.entities, path.name
        found = unpack_found(pack_found(analysis.entities, analysis.claims))
        assert found == (analysis.entities, analysis.claims), path.name
