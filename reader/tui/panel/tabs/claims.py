"""The Claims tab: every claim in article order, filterable by tag.

Invariant: the tag filter is a set of contract tags; the list shows the claims
carrying any of them (all claims when the set is empty), rebuilt in one pass
over the index, never one widget per claim.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from reader.tui.panel.index import PanelIndex
from reader.tui.panel.looks import TAG_ORDER, Palette
from reader.tui.panel.panel_rows import PanelRows
from reader.tui.panel.rows import ClaimRow, draw_claim_lines
from reader.tui.panel.tabs import PanelTab


class ClaimRows(PanelRows):
    """Claims, two lines each: badges, source and disputes; then the content."""

    row_height = 2

    def render_row(self, row: Any, width: int) -> list[Text]:
        """Draw one claim."""
        assert self.index is not None
        verdict = self.verdict(row.claim.id)
        across = self.across.get(row.claim.id, ())
        return draw_claim_lines(row, self.index, self.palette, verdict, across)

    def render_chosen(self, row: Any, width: int) -> list[Text] | None:
        """The claim under the cursor in full: source, disputes and all its text."""
        return self.claim_lines(row, width, 1)

    def row_key(self, row: Any) -> Hashable:
        """Claims by id."""
        return row.claim.id

    def index_of(self, key: Hashable) -> int:
        """Rows are in article order: binary search on the claim's position."""
        index = self.index
        if index is None or not isinstance(key, str) or (target := index.position(key)) < 0:
            return -1
        at = bisect_left(self.rows, target, key=lambda row: index.position(row.claim.id))
        return at if at < len(self.rows) and self.rows[at].claim.id == key else -1


class TagBar(Static):
    """One short chip per tag ("rep sta quo all den opi"); a click toggles it."""

    CHIP = 4
    """Columns per chip: three letters and a space."""

    def show_tags(self, active: set[str], palette: Palette) -> None:
        """Draw the chips, the active ones as coloured badges."""
        text = Text()
        for tag in TAG_ORDER:
            style = palette.badge(tag).style if tag in active else palette.muted_style()
            text.append(tag[:3], style=style)
            text.append(" ")
        self.update(text)

    def tag_at(self, x: int) -> str | None:
        """The tag whose chip is at column `x`, if any."""
        index, within = divmod(x, self.CHIP)
        return TAG_ORDER[index] if index < len(TAG_ORDER) and within < self.CHIP - 1 else None

    def on_click(self, event: events.Click) -> None:
        """Toggle the clicked tag in the claim list's filter."""
        offset = event.get_content_offset(self)
        tag = self.tag_at(offset.x) if offset is not None else None
        if tag is not None:
            event.stop()
            self.query_ancestor(ClaimList).action_toggle_tag(tag)


class ClaimList(Vertical):
    """The tag filter line and the claim rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"toggle_tag('{tag}')", f"Only {tag}", show=False)
            for n, tag in enumerate(TAG_ORDER, 1)
        ),
        Binding("0", "clear_tags", "All tags", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty claim list."""
        super().__init__(id=id)
        self.index: PanelIndex | None = None
        self.tags: set[str] = set()
        self._all: list[ClaimRow] = []

    def compose(self) -> ComposeResult:
        """Filter line and rows."""
        yield Static("", id="claim-filter", classes="panel-hint")
        yield TagBar("", id="tag-bar")
        yield ClaimRows(id="claim-rows")

    @property
    def rows(self) -> ClaimRows:
        """The list widget."""
        return self.query_one(ClaimRows)

    def show(self, index: PanelIndex | None) -> None:
        """Show the claims of a new analysis (None empties the list)."""
        self.index = index
        self.rows.index = index
        self._all = [ClaimRow(c) for c in index.claims] if index else []
        self.rebuild()

    def rebuild(self, keep: str | None = None) -> None:
        """Fill the rows from the index and the tag filter, keeping the cursor's claim."""
        rows = self.rows
        if keep is None and rows.cursor_row is not None:
            keep = rows.cursor_row.claim.id
        wanted = frozenset(self.tags)
        shown = [r for r in self._all if wanted.intersection(r.claim.tags)] if wanted else self._all
        rows.set_rows(shown, keep)
        self._update_filter(len(shown))

    def _update_filter(self, shown: int) -> None:
        palette = self.rows.palette
        total = len(self.index.claims) if self.index else 0
        if not self.tags:
            text = Text(f"{total} claims · keys 1-6 filter by tag")
        else:
            text = Text(f"{shown} of {total} · ")
            text.append_text(palette.badges(t for t in TAG_ORDER if t in self.tags))
            text.append(" · 0 shows all")
        self.query_one("#claim-filter", Static).update(text)
        self.query_one(TagBar).show_tags(self.tags, palette)

    def action_toggle_tag(self, tag: str) -> None:
        """Add or remove one tag from the filter."""
        self.tags ^= {tag}
        self.rebuild()

    def action_clear_tags(self) -> None:
        """Show every claim again."""
        self.tags.clear()
        self.rebuild()

    def reveal(self, claim_id: str) -> bool:
        """Put the cursor on `claim_id`, clearing the filter if it hides it."""
        rows = self.rows
        index = rows.index_of(claim_id)
        if index < 0 and self.tags:
            self.tags.clear()
            self.rebuild(keep=claim_id)
            index = rows.index_of(claim_id)
        if index < 0:
            return False
        rows.move_to(index, post=False)
        return True


class ClaimsTab(PanelTab):
    """The Claims tab: the claim list; its rows take the focus."""

    TITLE = "Claims"
    ID = "claims"

    def compose(self) -> ComposeResult:
        yield ClaimList(id="claim-list")

    def focus_target(self) -> Widget | None:
        return self.query_one(ClaimList).rows
