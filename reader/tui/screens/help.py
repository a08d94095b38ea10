"""The help screen: the keys of every pane of a screen, generated from the bindings.

Invariant: nothing here is hand-written per key. `help_sections` walks the screen
that opened the help (every widget, focused or not, shown or not) and lists the
bindings each class declares (leaving out Textual's own widgets' editing and
scrolling keys), under the heading of its pane: a widget or screen names its pane
with a `HELP_TITLE` class attribute; a widget without one belongs to its nearest
titled ancestor; a screen without one is named after its class ("LedgerScreen":
"Ledger"). So the list is the same whatever has the focus, and a new screen or pane
is listed as soon as it declares bindings. The app's own keys come last, under
"Everywhere". Screens showing the side panel also get the panel's `Legend` (see
`reader.tui.panel.legend`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text
from textual.actions import parse
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from reader.tui.screens.dialog import Dialog

EVERYWHERE = "Everywhere"
"""The heading of the app's own keys."""

CHOOSE_ACTIONS = frozenset({"select", "select_cursor"})
"""The one kind of key of Textual's own widgets listed: enter in a list or a table."""


@dataclass
class Section:
    """One pane's keys, in binding order; the keys of one action share a row."""

    title: str
    _keys: dict[tuple[str, str], list[str]] = field(default_factory=dict, repr=False)
    extra: list[tuple[str, str]] = field(default_factory=list)
    """Rows that no binding gives (the palette's ctrl+p)."""

    def add(self, action: str, label: str, key: str) -> None:
        """Add `key` to the row of `action` ("j, ↓")."""
        keys = self._keys.setdefault((action, label), [])
        if key not in keys:
            keys.append(key)

    @property
    def rows(self) -> list[tuple[str, str]]:
        """``[(keys, description), ...]``."""
        rows = [(", ".join(keys), label) for (_, label), keys in self._keys.items()]
        return rows + self.extra


def screen_title(screen: Screen[object]) -> str:
    """A screen's heading: its `HELP_TITLE`, else its class name in words."""
    title = getattr(type(screen), "HELP_TITLE", None)
    if isinstance(title, str):
        return title
    name = type(screen).__name__.removesuffix("Screen") or type(screen).__name__
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).capitalize()


def _title(node: DOMNode, screen: Screen[object]) -> str:
    for each in (node, *node.ancestors_with_self):
        if each is screen:
            break
        title = getattr(type(each), "HELP_TITLE", None)
        if isinstance(title, str):
            return title
    return screen_title(screen)


def _declared(node: DOMNode) -> list[Binding]:
    """The bindings `node`'s classes declare, base classes first, leaving out those of
    Textual's own widgets (their editing and scrolling keys) but not the app's."""
    bindings: dict[tuple[str, str], Binding] = {}  # a subclass's binding of a key wins
    for cls in reversed(type(node).__mro__):
        declared = Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
        if cls.__module__.startswith("textual.") and not isinstance(node, App):
            # but a list's or a table's enter: how an article or a note is chosen
            declared = [b for b in declared if b.action in CHOOSE_ACTIONS]
        for binding in declared:
            bindings[(binding.key, binding.action)] = binding
    return list(bindings.values())


def _add_node(section: Section, node: DOMNode) -> None:
    app = node.app
    for binding in _declared(node):
        if binding.system:
            continue
        _, name, parameters = parse(binding.action)
        if node.check_action(name, parameters) is False:
            continue  # hidden by the node itself (e.g. the article's horizontal scroll)
        label = binding.description or name.replace("_", " ")
        section.add(binding.action.removeprefix("app."), label, app.get_key_display(binding))


def help_sections(screen: Screen[object]) -> list[Section]:
    """Every pane's keys on `screen`, one `Section` per heading, in screen order."""
    sections: dict[str, Section] = {}

    def section(title: str) -> Section:
        return sections.setdefault(title, Section(title))

    section(screen_title(screen))
    _add_node(section(screen_title(screen)), screen)
    for node in screen.walk_children(with_self=False):
        _add_node(section(_title(node, screen)), node)
    _add_node(section(EVERYWHERE), screen.app)
    palette = screen.app.get_key_display(Binding("ctrl+p", "command_palette"))
    section(EVERYWHERE).extra.append((palette, "Command palette: every action by name"))
    return [s for s in sections.values() if s.rows]


def binding_rows(bindings: Mapping[str, ActiveBinding]) -> list[tuple[str, str]]:
    """Group active keys by action: ``[(keys, description), ...]`` in binding order
    (the palette's view: what the focused widget and its ancestors accept now)."""
    grouped = Section("")
    for active in bindings.values():
        binding = active.binding
        if not binding.system:
            label = binding.description or binding.action.replace("_", " ")
            grouped.add(binding.action, label, active.node.app.get_key_display(binding))
    return grouped.rows


class HelpScreen(Dialog[None]):
    """The keys of every pane of a screen, a heading per pane, and the panel legend."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]
    HELP_TITLE = "Help"

    def __init__(
        self, sections: list[Section], legend: list[tuple[Text, Text]] | None = None
    ) -> None:
        """Show `sections` (see `help_sections`) and, when given, the panel `legend`."""
        super().__init__()
        self.sections = sections
        self.legend = legend or []

    @property
    def rows(self) -> list[tuple[str, str]]:
        """Every (keys, description) row, all sections together."""
        return [row for section in self.sections for row in section.rows]

    @property
    def titles(self) -> list[str]:
        """The headings, in order (the legend's last)."""
        return [s.title for s in self.sections] + (["Legend"] if self.legend else [])

    def compose(self) -> ComposeResult:
        parts: list[Static] = []
        for section in self.sections:
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True, min_width=8)
            table.add_column()
            for keys, description in section.rows:
                table.add_row(keys, description)
            parts += [Static(section.title, classes="help-heading"), Static(table)]
        if self.legend:
            table = Table.grid(padding=(0, 2))
            table.add_column(no_wrap=True, min_width=8)
            table.add_column()
            for mark, meaning in self.legend:
                table.add_row(mark, meaning)
            parts += [Static("Legend", classes="help-heading"), Static(table)]
        box = VerticalScroll(*parts, id="help")
        box.border_title = "Keys"
        box.border_subtitle = "↑/↓ scroll · escape to close"
        yield box

    def action_close(self) -> None:
        """Close the help."""
        self.close(None)
