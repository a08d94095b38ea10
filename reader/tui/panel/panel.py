"""The side panel: status line, then its tabs (`TABS`, then any the host adds).

Invariant: the panel never runs the analysis and never touches the article; it
is told `loading` / `progress` / `failed` / `show(analysis)` and answers with
`EntitySelected` and `ClaimSelected` messages, so any screen can host it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ProgressBar, Static, TabbedContent, TabPane

from reader.analysis.model import Analysis, Claim, Entity
from reader.safe_text import one_line
from reader.tui.panel.index import PanelIndex
from reader.tui.panel.looks import Palette
from reader.tui.panel.rows import ClaimRow, EntityRow
from reader.tui.panel.tabs import PanelTab
from reader.tui.panel.tabs.claims import ClaimList, ClaimsTab
from reader.tui.panel.tabs.entities import EntitiesTab, EntityList, EntityRows
from reader.tui.panel.vlist import VirtualList, focus_now
from reader.tui.stylesheets import style_path

PANEL_CSS = style_path("panel.tcss").read_text(encoding="utf-8")
"""`styles/panel.tcss`: the panel brings its own styles, whatever screen hosts it."""


class SidePanel(Vertical):
    """Entities and claims of the open article, with the analysis' progress."""

    DEFAULT_CSS = PANEL_CSS
    SCOPED_CSS = False

    TABS: ClassVar[tuple[type[PanelTab], ...]] = (EntitiesTab, ClaimsTab)
    """The tabs every panel has, in order (one module each in `reader.tui.panel.tabs`)."""

    HELP_TITLE: ClassVar[str] = "Panel (any tab)"
    """The heading of these keys in the help; each tab has its own (`PanelTab`)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "jump_dispute", "Other side"),
        Binding("w", "next_tab", "Next panel tab"),
    ]

    @dataclass
    class EntitySelected(Message):
        """An entity was chosen: highlight its mentions and go to mention `mention`."""

        entity: Entity
        """The chosen entity."""
        mention: int = 0
        """Which of `entity.mentions` to show (enter again steps to the next)."""

    @dataclass
    class ClaimSelected(Message):
        """A claim was chosen: scroll the article to it and mark it."""

        claim: Claim
        """The chosen claim."""

    def __init__(
        self, *extra_panes: TabPane, id: str | None = "panel", classes: str | None = None
    ) -> None:
        """Create the panel; `extra_panes` (e.g. the Notes tab) follow the `TABS`."""
        super().__init__(id=id, classes=classes)
        self._extra = extra_panes
        self.index: PanelIndex | None = None
        self._mention = 0
        self._verdicts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """Status line, then the tabs."""
        with Vertical(id="panel-status"):
            yield Static("", id="panel-message")
            yield ProgressBar(total=1.0, show_eta=False, id="panel-progress")
        with TabbedContent(id="panel-tabs"):
            for tab in self.TABS:
                yield tab()
            yield from self._extra

    def on_mount(self) -> None:
        """Take colours from the theme, now and whenever it changes."""
        self._apply_theme()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._apply_theme())
        self.query_one("#panel-status").display = False

    def _apply_theme(self) -> None:
        palette = Palette.from_variables(self.app.theme_variables)
        for rows in self.query(VirtualList):
            rows.palette = palette  # type: ignore[attr-defined]
            rows.invalidate()
        if self.index is not None:
            self.claims.rebuild()

    @property
    def closing(self) -> bool:
        """True once the panel is being taken down (the app quit, the screen closed): its
        lists are gone, so there is nothing to fill."""
        return not self.is_attached or not self.query(EntityList)

    @property
    def entities(self) -> EntityList:
        """The Entities tab's list."""
        return self.query_one(EntityList)

    @property
    def claims(self) -> ClaimList:
        """The Claims tab's list."""
        return self.query_one(ClaimList)

    # -- what the host tells the panel ---------------------------------------------

    def loading(self, title: str = "") -> None:
        """A new analysis started: empty the lists, show the progress bar."""
        self.index = None
        self.entities.show(None)
        self.claims.show(None)
        self.show_verdicts({})
        self.show_across({})
        self._status(f"Analysing {title}…" if title else "Analysing…", progress=0.0)

    def progress(self, fraction: float) -> None:
        """Move the progress bar to `fraction` (0..1)."""
        self.query_one(ProgressBar).update(progress=min(max(fraction, 0.0), 1.0))

    def failed(self, message: str) -> None:
        """The analysis failed: say so in one line; the lists stay empty."""
        self.index = None
        self._status(f"Analysis failed: {message}", error=True)

    def show(self, analysis: Analysis) -> None:
        """Fill both tabs from a finished analysis."""
        self.index = PanelIndex(analysis)
        self.entities.show(self.index)
        self.claims.show(self.index)
        if not analysis.entities and not analysis.claims:
            self._status("No entities or claims found in this article.")
        else:
            self.query_one("#panel-status").display = False

    def _status(self, message: str, progress: float | None = None, error: bool = False) -> None:
        status = self.query_one("#panel-status")
        status.display = True
        status.set_class(error, "-error")
        self.query_one("#panel-message", Static).update(Text(one_line(message)))
        bar = self.query_one(ProgressBar)
        bar.display = progress is not None
        if progress is not None:
            bar.update(progress=progress)

    def show_verdicts(self, verdicts: Mapping[str, str]) -> None:
        """Show the reader's verdicts (claim id -> verdict) beside the claims."""
        self._verdicts = dict(verdicts)
        for rows in (self.claims.rows, self.query_one(EntityRows)):
            rows.verdicts = self._verdicts
            rows.invalidate()

    def show_across(self, lines: Mapping[str, tuple[str, ...]]) -> None:
        """Show what other articles say about the claims (claim id -> lines)."""
        self.claims.rows.across = dict(lines)
        self.claims.rows.invalidate()

    def show_verdict(self, claim_id: str, verdict: str | None) -> None:
        """Show (None: clear) the reader's verdict on one claim."""
        verdicts = dict(self._verdicts)
        if verdict is None:
            verdicts.pop(claim_id, None)
        else:
            verdicts[claim_id] = verdict
        self.show_verdicts(verdicts)

    def follow_claim(self, claim_id: str | None) -> None:
        """Show `claim_id` selected in the Claims tab without posting anything."""
        if claim_id is not None and self.index is not None:
            self.claims.reveal(claim_id)

    # -- what the reader does in the panel -----------------------------------------

    @on(VirtualList.Selected)
    def _row_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        row = event.row
        if isinstance(row, EntityRow):
            self._select_entity(row.entity)
        elif isinstance(row, ClaimRow):
            self.post_message(self.ClaimSelected(row.claim))

    def _select_entity(self, entity: Entity) -> None:
        entities = self.entities
        if entities.expanded == entity.id and entity.mentions:
            self._mention = (self._mention + 1) % len(entity.mentions)
        else:
            self._mention = 0
            entities.expand(entity.id)
        if entity.mentions:
            entities.show_mention(entity.name, self._mention, len(entity.mentions))
        self.post_message(self.EntitySelected(entity, self._mention))

    def focused_claim(self, fallback: bool = True) -> Claim | None:
        """The claim under the cursor of the focused list, else (with `fallback`) the
        one under the Claims tab's cursor."""
        for rows in self.query(VirtualList):
            if rows.has_focus and isinstance(rows.cursor_row, ClaimRow):
                return rows.cursor_row.claim
        if not fallback:
            return None
        row = self.claims.rows.cursor_row
        return row.claim if isinstance(row, ClaimRow) else None

    def action_jump_dispute(self) -> None:
        """Jump to the claim this one disputes or is disputed by (cycling)."""
        claim = self.focused_claim()
        if claim is None or self.index is None:
            return
        targets = self.index.related(claim.id)
        if not targets:
            self.app.notify("This claim disputes nothing and nobody disputes it.", timeout=3)
            return
        target = self.index.claim(targets[0])
        assert target is not None
        self.query_one(TabbedContent).active = "claims"
        self.claims.reveal(target.id)
        focus_now(self.claims.rows)
        self.post_message(self.ClaimSelected(target))

    def action_next_tab(self) -> None:
        """Cycle Entities, Claims and any extra tab, focusing its list."""
        tabs = self.query_one(TabbedContent)
        ids = [pane.id for pane in tabs.query(TabPane) if pane.id]
        if ids:
            at = ids.index(tabs.active) if tabs.active in ids else 0  # unsettled: the first
            self.action_show_tab(ids[(at + 1) % len(ids)])

    def action_show_tab(self, tab: str) -> None:
        """Switch to a tab and focus its list (once the tabs have settled: set before,
        Textual shows no pane at all, as `w` pressed at once did)."""
        tabs = self.query_one(TabbedContent)
        if not tabs.active:
            self.call_after_refresh(self.action_show_tab, tab)
            return
        tabs.active = tab
        self.focus_list()

    def focus_list(self) -> None:
        """Focus the list of the active tab (the first one until the tabs have settled)."""
        tabs = self.query_one(TabbedContent)
        pane = tabs.get_pane(tabs.active or self.TABS[0].ID)
        if isinstance(pane, PanelTab):
            target = pane.focus_target()
        else:
            target = next((w for w in pane.query("*") if w.focusable), None)
        if target is not None:
            focus_now(target)

    def select_tags(self, tags: Iterable[str]) -> None:
        """Set the Claims tab's tag filter (for hosts and tests)."""
        self.claims.tags = set(tags)
        self.claims.rebuild()
