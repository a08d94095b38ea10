"""Keys typed ahead of a text line that is still being mounted.

Invariant: while a screen's `typed_ahead` is a list (`ReadingScreen`: `/` typed before
its search line exists), every key for that screen is appended there, in order, and
none acts on the screen; the screen sends them again, to the line, once it is focused.
"""

from __future__ import annotations

import sys

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


def hold_for_line(screen: Screen, key: events.Key) -> bool:  # type: ignore[type-arg]
    """Keep ``key`` for the line ``screen`` is still mounting; whether it was kept."""
    waiting = getattr(screen, "typed_ahead", None)
    if isinstance(waiting, list):
        waiting.append(key)
        return True
    return False


def takes_text(widget: Widget | None) -> bool:
    """Whether ``widget`` is a text field (an `Input` or a `TextArea`). `TextArea`'s module
    (~7 ms of imports) is not loaded for this: a text area exists only once it is."""
    text_area = sys.modules.get("textual.widgets._text_area")
    return isinstance(widget, Input) or (
        text_area is not None and isinstance(widget, text_area.TextArea)
    )
