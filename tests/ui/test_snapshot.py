"""Snapshot of the reading screen on the fixture article (fixed size, cursor on)."""

from __future__ import annotations

from textual.pilot import Pilot

from .builder import fixture
from .conftest import make_app


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Put the cursor on the second sentence and let the background analysis finish."""
    await pilot.press("J", "J")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_reading_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(fixture()), terminal_size=(110, 32), run_before=settle)
