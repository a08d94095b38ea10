"""Pilot tests for the verdict key (`x`) on claims in the side panel.

The analysis is the hand-built demo one (patched in), the store a real file
store in a temporary directory, so these fail only for a verdict reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from panel_demo import demo_analysis
from textual.pilot import Pilot

from reader.analysis.model import Analysis
from reader.notes.store import NoteStore
from reader.tui.app import ReaderApp
from reader.tui.panel import SidePanel, wiring
from reader.tui.panel.rows import ClaimRow
from reader.tui.panel.tabs.claims import ClaimRows
from reader.tui.panel.tabs.entities import EntityRows
from reader.tui.panel.wiring import ReadingBody
from reader.tui.screens.help import binding_rows
from reader.tui.screens.noted_reading import NotedReadingScreen

SIZE = (120, 30)


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> Analysis:
    """The demo analysis, returned by the patched `analyze`."""
    analysis = demo_analysis()
    monkeypatch.setattr(wiring, "analyze", lambda document, progress=None: analysis)
    return analysis


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store" / "notes.json")


async def _ready(pilot: Pilot) -> ReadingBody:
    """Wait until the analysis reached the panel and the store has opened."""
    app = pilot.app
    body = app.screen.query_one(ReadingBody)
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
        screen = app.screen
        loaded = isinstance(screen, NotedReadingScreen) and screen.session.verdicts is not None
        if body.analysis is not None and loaded:
            break
    assert body.analysis is not None
    await pilot.pause()
    return body


async def _settle(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _claims_text(pilot: Pilot) -> list[str]:
    """The plain text of every claim row in the Claims tab, as drawn."""
    rows = pilot.app.screen.query_one(ClaimRows)
    return [" ".join(line.plain for line in rows.render_row(row, 60)) for row in rows.rows]


def _row_of(pilot: Pilot, claim_id: str) -> str:
    rows = pilot.app.screen.query_one(ClaimRows)
    [row] = [r for r in rows.rows if r.claim.id == claim_id]
    return " ".join(line.plain for line in rows.render_row(row, 60))


async def _to_claims_tab(pilot: Pilot) -> SidePanel:
    panel = pilot.app.screen.query_one(SidePanel)
    panel.action_show_tab("claims")
    await pilot.pause()
    assert pilot.app.screen.query_one(ClaimRows).has_focus
    return panel


async def test_x_on_a_panel_claim_sets_a_verdict_shown_beside_it(demo: Analysis, db: str) -> None:
    async with ReaderApp(demo.document, db=db).run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await _to_claims_tab(pilot)
        await pilot.press("down")  # the second claim
        claim = demo.claims[1]
        assert pilot.app.screen.query_one(ClaimRows).cursor_row.claim.id == claim.id
        assert not any("supported" in text for text in _claims_text(pilot))
        await pilot.press("x")
        await _settle(pilot)
        assert "✓ supported" in _row_of(pilot, claim.id)
        others = [t for t in _claims_text(pilot) if "✓ supported" in t]
        assert len(others) == 1  # only the chosen claim carries it
        [saved] = NoteStore(db=db).verdicts(pilot.app.screen.session.notes.article.id)
        assert saved.verdict == "supported" and saved.anchor.start == claim.start


async def test_x_cycles_through_every_verdict_back_to_none(demo: Analysis, db: str) -> None:
    async with ReaderApp(demo.document, db=db).run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await _to_claims_tab(pilot)
        claim = demo.claims[0]
        seen = []
        for _ in range(5):
            await pilot.press("x")
            await _settle(pilot)
            seen.append(_row_of(pilot, claim.id))
        labels = ["✓ supported", "⚠ disputed", "✗ false", "? needs checking"]
        for text, label in zip(seen, labels, strict=False):
            assert label in text
        assert not any(label in seen[4] for label in labels)
        assert NoteStore(db=db).verdicts(pilot.app.screen.session.notes.article.id) == []


async def test_verdict_survives_reopening_the_article(demo: Analysis, db: str) -> None:
    claim = demo.claims[2]
    async with ReaderApp(demo.document, db=db).run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await _to_claims_tab(pilot)
        await pilot.press("down", "down", "x", "x")
        await _settle(pilot)
        assert "⚠ disputed" in _row_of(pilot, claim.id)
        await pilot.press("q")
    async with ReaderApp(demo.document, db=db).run_test(size=SIZE) as pilot:
        await _ready(pilot)
        assert "⚠ disputed" in _row_of(pilot, claim.id)
        assert sum("⚠ disputed" in text for text in _claims_text(pilot)) == 1


async def test_x_in_the_article_sets_the_claim_at_the_cursor(demo: Analysis, db: str) -> None:
    async with ReaderApp(demo.document, db=db).run_test(size=SIZE) as pilot:
        body = await _ready(pilot)
        await pilot.press("right_square_bracket")  # the first claim after the cursor
        claim = body.claim_under_cursor()
        assert claim is not None and body.article.has_focus
        await pilot.press("x")
        await _settle(pilot)
        assert "✓ supported" in _row_of(pilot, claim.id)


async def test_verdict_shows_under_an_entity_too(demo: Analysis, db: str) -> None:
    async with ReaderApp(demo.document, db=db).run_test(size=SIZE) as pilot:
        body = await _ready(pilot)
        claim = demo.claims[0]
        body.panel.show_verdict(claim.id, "false")
        body.panel.entities.expand(claim.source or claim.about[0])
        await pilot.pause()
        rows = pilot.app.screen.query_one(EntityRows)
        refs = [r for r in rows.rows if isinstance(r, ClaimRow) and r.claim.id == claim.id]
        assert refs and all("✗ false" in rows.render_row(r, 80)[0].plain for r in refs)


async def test_the_verdict_key_is_in_help_and_the_palette(demo: Analysis, db: str) -> None:
    async with ReaderApp(demo.document, db=db).run_test(size=SIZE) as pilot:
        await _ready(pilot)
        screen = pilot.app.screen
        assert ("x", "Verdict on claim") in binding_rows(screen.active_bindings)
        palette = [c.title.split(" · ")[0] for c in pilot.app.get_system_commands(screen)]
        assert "Verdict on claim" in palette
        await _to_claims_tab(pilot)
        assert ("x", "Verdict on claim") in binding_rows(screen.active_bindings)


async def test_x_on_an_entity_row_sets_nothing(demo: Analysis, db: str) -> None:
    async with ReaderApp(demo.document, db=db).run_test(size=SIZE) as pilot:
        await _ready(pilot)
        panel = pilot.app.screen.query_one(SidePanel)
        panel.action_show_tab("entities")
        await pilot.pause()
        await pilot.press("x")
        await _settle(pilot)
        assert NoteStore(db=db).verdicts(pilot.app.screen.session.notes.article.id) == []
        assert not any("✓ supported" in text for text in _claims_text(pilot))
