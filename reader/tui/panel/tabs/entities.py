"""The Entities tab: a filter box over a virtual list of entities and their claims.

Invariant: the list is rebuilt from `PanelIndex` rows only when the analysis,
the (debounced) filter, the grouping or the expanded entity changes, never per
line drawn; the cursor stays on the same entity across rebuilds.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from reader.analysis.model import Entity
from reader.safe_text import one_line
from reader.tui.panel.index import PanelIndex
from reader.tui.panel.panel_rows import PanelRows
from reader.tui.panel.rows import (
    ClaimRow,
    EntityRow,
    HeaderRow,
    draw_claim_ref,
    draw_entity,
    draw_header,
    entity_rows,
)
from reader.tui.panel.tabs import PanelTab
from reader.tui.panel.vlist import focus_now

FILTER_DELAY = 0.12
"""Seconds of quiet typing before the list is filtered again."""


class EntityRows(PanelRows):
    """Entity rows, group headings and the claims of the expanded entity."""

    def render_row(self, row: Any, width: int) -> list[Text]:
        """Draw one row."""
        if isinstance(row, HeaderRow):
            return [draw_header(row, self.palette)]
        if isinstance(row, EntityRow):
            return [draw_entity(row, self.palette, width)]
        assert self.index is not None
        verdict = self.verdict(row.claim.id)
        return [draw_claim_ref(row, self.index, self.palette, verdict)]

    def render_chosen(self, row: Any, width: int) -> list[Text] | None:
        """A claim under the cursor is shown in full, wrapped under its entity."""
        return self.claim_lines(row, width, 3) if isinstance(row, ClaimRow) else None

    def row_enabled(self, row: Any) -> bool:
        """Headings are skipped by the cursor."""
        return not isinstance(row, HeaderRow)

    def row_key(self, row: Any) -> Hashable:
        """Entities by id, claims by (role, id)."""
        if isinstance(row, EntityRow):
            return row.entity.id
        if isinstance(row, ClaimRow):
            return (row.role, row.claim.id)
        return ("header", row.label)


class EntityList(Vertical):
    """Filter box, grouping line and the entity rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_grouping", "Group/sort"),
        Binding("slash", "focus_filter", "Filter"),
        Binding("left,h", "collapse", "Collapse", show=False),
        Binding("l", "ledger", "Ledger"),
    ]

    @dataclass
    class LedgerWanted(Message):
        """`l` on an entity: show it in the ledger, across every article (the host opens it)."""

        entity: Entity

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty entity list."""
        super().__init__(id=id)
        self.index: PanelIndex | None = None
        self.grouped = True
        self.expanded: str | None = None
        self._query = ""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Filter box, mode line, rows."""
        yield Input(placeholder="Filter entities  ( / )", id="entity-filter")
        yield Static("", id="entity-mode", classes="panel-hint")
        yield EntityRows(id="entity-rows")

    @property
    def rows(self) -> EntityRows:
        """The list widget."""
        return self.query_one(EntityRows)

    def show(self, index: PanelIndex | None) -> None:
        """Show the entities of a new analysis (None empties the list)."""
        self.index = index
        self.expanded = None
        self.rows.index = index
        self.rebuild()

    def rebuild(self, keep: Hashable | None = None) -> None:
        """Build the rows again from the index, filter, grouping and expanded entity."""
        rows = self.rows
        if keep is None and isinstance(rows.cursor_row, EntityRow):
            keep = rows.cursor_row.entity.id
        if self.index is None:
            rows.set_rows([])
            self._update_mode(0)
            return
        entities = self.index.matching_entities(self._query)
        rows.set_rows(entity_rows(self.index, entities, self.grouped, self.expanded), keep)
        self._update_mode(len(entities))

    def _update_mode(self, shown: int) -> None:
        mode = "by kind" if self.grouped else "by mentions"
        if self.index is None:  # not "0 entities" while the analysis runs
            self.query_one("#entity-mode", Static).update(f"entities · {mode} (s)")
            return
        total = len(self.index.entities)
        count = f"{shown} of {total}" if shown != total else f"{total}"
        self.query_one("#entity-mode", Static).update(f"{count} entities · {mode} (s)")

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """Debounce: filter once typing pauses, so keys never wait on a rebuild."""
        event.stop()
        self._query = event.value
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(FILTER_DELAY, self.rebuild)

    def apply_filter_now(self) -> None:
        """Filter at once (used by enter in the box and by tests)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._query = self.query_one("#entity-filter", Input).value
        self.rebuild()

    @on(Input.Submitted, "#entity-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply_filter_now()
        focus_now(self.rows)

    def on_key(self, event: Any) -> None:
        """Down or escape in the filter box goes to the list."""
        if self.query_one("#entity-filter", Input).has_focus and event.key in ("down", "escape"):
            event.stop()
            focus_now(self.rows)

    def show_mention(self, entity_name: str, mention: int, total: int) -> None:
        """Say which mention the article shows ("mention 3 of 8 · enter: next")."""
        hint = f"{one_line(entity_name)}: mention {mention + 1} of {total} · enter: next"
        self.query_one("#entity-mode", Static).update(Text(hint))

    def action_toggle_grouping(self) -> None:
        """Switch between grouped by kind and sorted by mentions."""
        self.grouped = not self.grouped
        self.rebuild()

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        focus_now(self.query_one("#entity-filter", Input))

    def expand(self, entity_id: str | None) -> None:
        """Show the claims of `entity_id` under it (None collapses)."""
        if entity_id == self.expanded:
            return
        previous, self.expanded = self.expanded, entity_id
        self.rebuild(keep=entity_id or previous)

    def action_ledger(self) -> None:
        """Ask for the ledger of the entity under the cursor (or the one expanded)."""
        row = self.rows.cursor_row
        entity = row.entity if isinstance(row, EntityRow) else None
        if entity is None and self.index is not None and self.expanded is not None:
            entity = self.index.entity(self.expanded)
        if entity is None:
            self.app.notify("Choose an entity first: l shows it across the library.", timeout=3)
            return
        self.post_message(self.LedgerWanted(entity))

    def action_collapse(self) -> None:
        """Fold the expanded entity and put the cursor on it."""
        if self.expanded is not None:
            self.expand(None)


class EntitiesTab(PanelTab):
    """The Entities tab: the entity list; its rows take the focus."""

    TITLE = "Entities"
    ID = "entities"

    def compose(self) -> ComposeResult:
        yield EntityList(id="entity-list")

    def focus_target(self) -> Widget | None:
        return self.query_one(EntityRows)
