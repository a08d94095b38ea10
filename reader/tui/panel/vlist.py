"""A virtual list: thousands of rows, only the visible lines rendered.

Invariant: rows are plain data held in `rows`; `render_row` turns one row into
`row_height` lines of Rich `Text` only when the line is on screen, and the
result is cached per (row, line, cursor, width) until the rows or the theme
change. Every row has `row_height` lines but the one under the cursor, which may
be taller (`render_chosen`: a claim in full, wrapped); the lines below it move
down by that much, so line -> row stays arithmetic. Nothing here knows about
entities or claims.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from reader.safe_text import for_terminal


class VirtualList(ScrollView, can_focus=True):
    """A focusable list of fixed-height rows with a cursor, drawn with the Line API."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"vlist--cursor"}
    DEFAULT_CSS = """
    VirtualList { height: 1fr; background: transparent; overflow-x: hidden; }
    VirtualList > .vlist--cursor { background: $boost; text-style: bold; }
    VirtualList:focus > .vlist--cursor { background: $block-cursor-blurred-background; }
    """

    row_height: ClassVar[int] = 1
    """Lines per row; every row has the same height."""

    cursor: reactive[int] = reactive(-1, always_update=True)
    """Index of the row under the cursor, -1 when there is none."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a row."""

        list: VirtualList
        """The list posting it."""
        row: Any
        """The row now under the cursor."""

    @dataclass
    class Selected(Message):
        """A row was chosen with enter or a click."""

        list: VirtualList
        """The list posting it."""
        row: Any
        """The chosen row."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """Create an empty list."""
        super().__init__(id=id, classes=classes)
        self.rows: Sequence[Any] = ()
        self._cache: LRUCache[tuple[int, int, int, int, int], Strip] = LRUCache(1024)
        self._generation = 0
        self._chosen: list[Text] | None = None  # the cursor row's lines, when taller
        self._chosen_generation = 0
        self._extra = 0  # lines the cursor row has beyond `row_height`

    # -- what subclasses provide -------------------------------------------------

    def render_row(self, row: Any, width: int) -> list[Text]:
        """The `row_height` lines of one row (override)."""
        return [Text(str(row))]

    def render_chosen(self, row: Any, width: int) -> list[Text] | None:
        """The lines of `row` while it is under the cursor, if it shows more then (a
        claim in full); None draws it as `render_row` does (override)."""
        return None

    def row_enabled(self, row: Any) -> bool:
        """Whether the cursor may rest on the row (headers may not)."""
        return True

    def row_key(self, row: Any) -> Hashable:
        """A key that finds the same item again after the rows are rebuilt."""
        return row

    # -- data ----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any], keep: Hashable | None = None) -> None:
        """Replace every row; the cursor goes to the row keyed `keep`, else the first."""
        self.rows = rows
        index = self.index_of(keep) if keep is not None else -1
        if index < 0:
            index = self._enabled_from(0, 1)
        self.set_reactive(VirtualList.cursor, index)
        self.invalidate()
        self.scroll_to_cursor()
        self.refresh()

    def index_of(self, key: Hashable) -> int:
        """Index of the row whose `row_key` is `key`, or -1."""
        return next((i for i, row in enumerate(self.rows) if self.row_key(row) == key), -1)

    @property
    def cursor_row(self) -> Any | None:
        """The row under the cursor, or None."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def invalidate(self) -> None:
        """Forget every rendered line (rows or colours changed)."""
        self._generation += 1
        self._cache.clear()
        self._measure()
        self.refresh()

    def _measure(self) -> None:
        """Lay out the cursor row (it may be taller) and size the list to fit."""
        self._chosen_generation += 1  # lines drawn under the cursor before are stale
        width = self.scrollable_content_region.width
        if not self.show_vertical_scrollbar:  # a taller row may bring the scroll bar
            width -= self.styles.scrollbar_size_vertical
        row = self.cursor_row
        chosen = self.render_chosen(row, width) if row is not None and width > 0 else None
        if chosen is not None:
            most = max(self.row_height, self.scrollable_content_region.height - 1)
            chosen = chosen[:most]
            chosen += [Text()] * (self.row_height - len(chosen))
        self._chosen = chosen
        self._extra = len(chosen) - self.row_height if chosen else 0
        self.virtual_size = Size(0, len(self.rows) * self.row_height + self._extra)

    def on_resize(self) -> None:
        """A new width wraps the chosen row anew."""
        self._measure()
        self.refresh()

    def row_at(self, line_no: int) -> tuple[int, int]:
        """(row index, line within the row) of list line `line_no`."""
        h, top = self.row_height, self.cursor * self.row_height
        if self._extra and self.cursor >= 0 and line_no >= top:
            if line_no < top + h + self._extra:
                return self.cursor, line_no - top
            line_no -= self._extra
        return divmod(line_no, h)

    def notify_style_update(self) -> None:
        """Theme or CSS changed: render again."""
        super().notify_style_update()
        self.invalidate()

    # -- cursor --------------------------------------------------------------------

    def _enabled_from(self, index: int, step: int) -> int:
        while 0 <= index < len(self.rows):
            if self.row_enabled(self.rows[index]):
                return index
            index += step
        return -1

    def move_to(self, index: int, post: bool = True) -> None:
        """Put the cursor on row `index` (or the next enabled one) and show it."""
        if not self.rows:
            return
        index = min(max(index, 0), len(self.rows) - 1)
        target = self._enabled_from(index, 1)
        if target < 0:
            target = self._enabled_from(index, -1)
        if target < 0:
            return
        previous = self.cursor
        self.set_reactive(VirtualList.cursor, target)
        if self._extra or target != previous:
            self._measure()  # the chosen row's lines: rows below it move
        self.refresh()
        self.scroll_to_cursor()
        if post and target != previous:
            self.post_message(self.Highlighted(self, self.rows[target]))

    def scroll_to_cursor(self) -> None:
        """Scroll so the cursor row is visible."""
        if self.cursor >= 0:
            h = self.row_height
            self.scroll_to_region(
                Region(0, self.cursor * h, 1, h + self._extra),
                animate=False,
                force=True,
                immediate=True,
            )

    def action_cursor(self, step: int) -> None:
        """Move the cursor `step` enabled rows."""
        index = self.cursor + step
        while 0 <= index < len(self.rows) and not self.row_enabled(self.rows[index]):
            index += step
        if 0 <= index < len(self.rows):
            self.move_to(index)

    def action_page(self, step: int) -> None:
        """Move the cursor one screen."""
        rows = max(self.scrollable_content_region.height // self.row_height - 1, 1)
        self.move_to(max(self.cursor, 0) + step * rows)

    def action_edge(self, step: int) -> None:
        """Move to the first or last row."""
        self.move_to(0 if step < 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        """Choose the row under the cursor."""
        if (row := self.cursor_row) is not None:
            self.post_message(self.Selected(self, row))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index, _ = self.row_at(offset.y + round(self.scroll_y))
        if 0 <= index < len(self.rows) and self.row_enabled(self.rows[index]):
            self.move_to(index)
            self.action_select()

    # -- rendering -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Render line `y` of the viewport."""
        width = self.scrollable_content_region.width
        line_no = round(self.scroll_y) + y
        index, line = self.row_at(line_no)
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        selected = index == self.cursor
        # Lines under the cursor are keyed by the cursor's own generation: the other
        # rows' lines stay cached while the cursor moves.
        key = (index, line, self._chosen_generation if selected else -1, width, self._generation)
        if (strip := self._cache.get(key)) is None:
            strip = self._render_strip(index, line, selected, width, base)
            self._cache[key] = strip
        return strip

    def _render_strip(
        self, index: int, line: int, selected: bool, width: int, base: Style
    ) -> Strip:
        chosen = self._chosen if selected else None
        lines = chosen if chosen is not None else self.render_row(self.rows[index], width)
        text = lines[line] if line < len(lines) else Text()
        text = text.copy()
        text.truncate(width, overflow="ellipsis")
        style = base + self.get_component_rich_style("vlist--cursor") if selected else base
        segments = [
            # Names and claims are article text: bidi overrides shown, never obeyed.
            Segment(for_terminal(segment.text, keep_breaks=False), segment.style)
            for segment in Segment.apply_style(text.render(self.app.console), style)
        ]
        return Strip(segments).extend_cell_length(width, style).crop(0, width)


def focus_now(widget: Widget) -> None:
    """Focus `widget` before the next key is handled.

    `Widget.focus()` defers the change, so keys typed quickly after `tab` (or
    sent together by a terminal multiplexer) would still reach the old widget.
    """
    widget.screen.set_focus(widget)


def filter_key(
    event: events.Key,
    search: Input,
    focused: bool,
    *,
    open_search: Callable[[], object],
    back: Callable[[], object],
    to_list: Callable[[], object],
) -> None:
    """Route a key of a list screen with a filter line, in the order it was typed.

    Keys typed in one burst (a fast typist, a paste, tmux) all reach the list before the
    app matches the first against the bindings, so a screen's `on_key` calls this: `/`
    opens the filter (`open_search`), and while it is `focused` a letter goes into it,
    `escape` is `back` and down is `to_list`. Otherwise "/kremlin" would run the
    screen's "e" and "r" bindings, and the key after `escape` would land in the filter.
    """
    if event.key == "slash" and not focused:
        action: Callable[[], object] = open_search
    elif not focused:
        return
    elif event.key == "escape":
        action = back
    elif event.key == "down":
        action = to_list
    elif event.is_printable and event.character:
        action = lambda: search.insert_text_at_cursor(event.character or "")  # noqa: E731
    else:
        return
    event.stop()
    event.prevent_default()
    action()
