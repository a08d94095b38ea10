"""The ledger's rows: library entities by kind, then one entity's claims by article.

Invariant: rows are small frozen values built in bulk from library answers (plain
`LibraryEntity` and `Dossier` values, no widget per row) and drawn one line each, only
when on screen (`VirtualList`). A claim is several lines (heading, content, links), of
which only the heading takes the cursor; every string drawn is article text and goes
through `one_line` (the list also strips controls when it paints).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from reader.library.dossier import Dossier, Entry
from reader.library.ledger import ArticleRef, by_article
from reader.library.linking import LibraryEntity
from reader.safe_text import one_line
from reader.tui.panel.across import disputed_in, disputes_in
from reader.tui.panel.index import KIND_LABELS
from reader.tui.panel.looks import KIND_GLYPH, Palette, clip
from reader.tui.panel.verdicts import VERDICT_COMPONENTS, verdict_label
from reader.tui.panel.vlist import VirtualList

KIND_ORDER = ("person", "org", "place", "other")


@dataclass(frozen=True, slots=True)
class Heading:
    """A kind ("PEOPLE · 12") or an article (title, outlet, date)."""

    label: str
    article: ArticleRef | None = None
    tail: str = ""
    """Drawn after the label whatever the width (the label is cut first)."""


@dataclass(frozen=True, slots=True)
class EntityLine:
    """One library entity with its counts."""

    entity: LibraryEntity


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """One line of one claim: `head` takes the cursor, the others follow it."""

    entry: Entry
    part: Literal["head", "content", "link"]
    text: str = ""
    """For a link line: what it says."""
    tail: str = ""
    """For a link line: its date, drawn whatever the width (`text` is cut first)."""


Row = Heading | EntityLine | ClaimLine


def matches(entity: LibraryEntity, needle: str) -> bool:
    """Whether the filter `needle` (case-folded) is in the entity's name or a spelling."""
    if not needle:
        return True
    return needle in entity.name.casefold() or any(needle in a.casefold() for a in entity.aliases)


def entity_rows(entities: Iterable[LibraryEntity], query: str = "") -> list[Row]:
    """Entities matching `query`, grouped by kind (people first), each as the library
    orders them (most articles first)."""
    needle = query.casefold().strip()
    groups: dict[str, list[LibraryEntity]] = {kind: [] for kind in KIND_ORDER}
    for entity in entities:
        if matches(entity, needle):
            groups.setdefault(entity.kind, []).append(entity)
    rows: list[Row] = []
    for kind, group in groups.items():
        if group:
            rows.append(Heading(f"{KIND_LABELS.get(kind, kind.title())} · {len(group)}"))
            rows.extend(EntityLine(e) for e in group)
    return rows


def dossier_rows(dossier: Dossier) -> list[Row]:
    """The dossier's claims under one heading per article."""
    rows: list[Row] = []
    for section in dossier.sections:
        article = section.article
        where = ", ".join(one_line(p) for p in (article.outlet, article.date) if p)
        title = one_line(article.title or article.source) or "(untitled)"
        rows.append(Heading(title, article, f" — {where}" if where else ""))
        for entry in section.entries:
            rows.append(ClaimLine(entry, "head"))
            rows.append(ClaimLine(entry, "content"))
            rows.extend(ClaimLine(entry, "link", text, tail) for text, tail in link_lines(entry))
    return rows


def _title(article: ArticleRef) -> str:
    return one_line(article.title or article.source) or "(untitled)"


def _date(article: ArticleRef) -> str:
    return f", {article.date}" if article.date else ""


def link_lines(entry: Entry) -> list[tuple[str, str]]:
    """What other articles say about this claim, one line per article: (text, date)."""
    lines = [
        (f"⚡ {disputed_in(n)}: {_title(a)}", _date(a)) for a, n in by_article(entry.disputed_in)
    ]
    lines += [
        (f"⚡ {disputes_in(n)}: {_title(a)}", _date(a))
        for a, n in by_article(entry.disputes_elsewhere)
    ]
    if (drift := entry.drift) is not None:
        mine = (entry.claim.article.id, entry.claim.id)
        word = "later" if (drift.before.article_id, drift.before.claim_id) == mine else "earlier"
        lines.append((f"≠ worded differently {word}: {one_line(drift.render())}", ""))
    return lines


def _fit(text: str, tail: str, width: int, style: Style) -> Text:
    """`text` cut (in cells, with an ellipsis) so that `tail` still fits after it."""
    line = Text(text, style=style)
    line.truncate(max(width - cell_len(tail), 8), overflow="ellipsis")
    line.append(tail)
    return line


class LedgerRows(VirtualList):
    """The ledger's list: entities, or one entity's claims (see `entity_rows`)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"vlist--cursor", *VERDICT_COMPONENTS}
    DEFAULT_CSS = """
    LedgerRows > .verdict--supported { color: $text-success; text-style: bold; }
    LedgerRows > .verdict--disputed { color: $text-warning; text-style: bold; }
    LedgerRows > .verdict--false { color: $text-error; text-style: bold; }
    LedgerRows > .verdict--needs-checking { color: $text-accent; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty list."""
        super().__init__(id=id)
        self.palette = Palette.from_variables({})

    def on_mount(self) -> None:
        """Take colours from the theme, now and whenever it changes."""
        self._theme()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._theme())

    def _theme(self) -> None:
        self.palette = Palette.from_variables(self.app.theme_variables)
        self.invalidate()

    def row_enabled(self, row: Any) -> bool:
        """Entities and claim headings take the cursor."""
        return isinstance(row, EntityLine) or (isinstance(row, ClaimLine) and row.part == "head")

    def row_key(self, row: Any) -> Hashable:
        """Entities by id, claims by article and id."""
        if isinstance(row, EntityLine):
            return row.entity.id
        if isinstance(row, ClaimLine):
            return (row.entry.claim.article.id, row.entry.claim.id, row.part, row.text)
        return ("heading", row.label)

    def render_row(self, row: Any, width: int) -> list[Text]:
        """Draw one line."""
        muted = self.palette.muted_style()
        if isinstance(row, Heading):
            style = muted + Style(bold=True)
            label = row.label if row.article else row.label.upper()
            return [_fit(label, row.tail, width, style)]
        if isinstance(row, EntityLine):
            return [self._entity(row.entity, width)]
        claim = row.entry.claim
        if row.part == "content":
            return [Text("    " + one_line(claim.content), style=muted)]
        if row.part == "link":
            return [_fit("    " + row.text, row.tail, width, self.palette.tag_style("denial"))]
        return [self._heading(row.entry)]

    def _entity(self, entity: LibraryEntity, width: int) -> Text:
        counts = f"{entity.articles} art · {entity.claims_about} about · {entity.claims_by} by"
        text = Text(" ")
        text.append(
            KIND_GLYPH.get(entity.kind, "◆") + " ", style=self.palette.kind_style(entity.kind)
        )
        room = max(width - len(counts) - 5, 8)
        name = one_line(entity.name)
        if entity.possibly:
            name += f" (possibly {' or '.join(one_line(p) for p in entity.possibly)})"
        name = clip(name, room)
        text.append(name, style="bold" if not entity.possibly else "italic")
        text.append(" " * max(room - len(name), 0) + " ")
        text.append(counts, style=self.palette.muted_style())
        return text

    def _heading(self, entry: Entry) -> Text:
        claim = entry.claim
        text = Text("  ")
        text.append_text(self.palette.badges(claim.tags))
        if claim.verdict:
            style = self.get_component_rich_style(f"verdict--{claim.verdict}", partial=True)
            text.append(" ")
            text.append(verdict_label(claim.verdict), style=style)
        source = claim.source or claim.source_words
        role = "by" if entry.by and not entry.about else "about" if not entry.by else "by, about"
        text.append(f" {one_line(source)}" if source else " (no source)", style="bold")
        text.append(f" · {role}", style=self.palette.muted_style())
        return text
