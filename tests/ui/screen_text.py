"""The text a test terminal shows, row by row (what the user reads)."""

from __future__ import annotations

from textual.app import App


def screen_rows(app: App[object]) -> list[str]:
    """Every row of the screen on top, as plain text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
