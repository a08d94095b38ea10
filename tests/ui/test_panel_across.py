"""The panel's lines about other articles: disputes across the library, recalled verdicts.

The library (see test_ledger) holds a report of private talks, which the reader judged
false, and the Kremlin's denial of them; a third article repeats the report.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.document import load
from reader.tui.app import ReaderApp
from reader.tui.panel.panel import SidePanel
from reader.tui.screens.noted_reading import NotedReadingScreen

from .test_ledger import DENIAL_TITLE, REPORT_TITLE, library, until

__all__ = ["library"]

GAZETTE = """\
---
title: Port city weighs shipping licences
date: 2026-11-05
source: Harbour Gazette
---

Lars Vendelbo had regular private conversations with Anatoly Verin for two years, \
the Harbour Gazette reported.

The council will vote on the licences in December.
"""


async def panel_lines(pilot: Pilot[int], words: str) -> str:
    """The panel's claim row whose content has `words`, once the library lines landed."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, NotedReadingScreen)
    await until(pilot, lambda: screen.body.panel.index is not None, "the analysis")
    panel = screen.body.panel
    claims = panel.claims
    await until(pilot, lambda: bool(claims.rows.across), "the lines about other articles")
    row = next(r for r in claims.rows.rows if words in panel.index.content_text(r.claim))  # type: ignore[union-attr]
    lines = claims.rows.render_row(row, 400)
    claims.reveal(row.claim.id)
    await pilot.pause()
    chosen = claims.rows.render_chosen(row, 400) or []  # the claim under the cursor, in full
    return "\n".join(line.plain for line in [*lines, *chosen])


async def test_a_claim_disputed_in_another_article_says_where(library: Path) -> None:
    path = library / "courier-talks.md"
    app = ReaderApp(load(str(path)), origin=str(path))
    async with app.run_test(size=(160, 45)) as pilot:
        shown = await panel_lines(pilot, "private conversations")
        assert f"⚡ disputed in: {DENIAL_TITLE}, 2026-11-02" in shown


async def test_a_denial_says_which_article_it_answers(library: Path) -> None:
    path = library / "kremlin-denies.md"
    app = ReaderApp(load(str(path)), origin=str(path))
    async with app.run_test(size=(160, 45)) as pilot:
        shown = await panel_lines(pilot, "any regular contact")
        assert f"⚡ disputes a claim in: {REPORT_TITLE}, 2026-10-14" in shown


async def test_a_claim_judged_in_another_article_shows_that_verdict(library: Path) -> None:
    path = library / "gazette.md"
    path.write_text(GAZETTE, encoding="utf-8")
    app = ReaderApp(load(str(path)), origin=str(path))
    async with app.run_test(size=(160, 45)) as pilot:
        shown = await panel_lines(pilot, "private conversations")
        assert f"↺ you judged it ✗ false in: {REPORT_TITLE}, 2026-10-14" in shown
        assert isinstance(app.screen.query_one(SidePanel), SidePanel)
