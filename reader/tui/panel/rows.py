"""The rows the panel's lists show, and how each is drawn as Rich `Text`.

Invariant: rows are small frozen dataclasses holding model objects, built in
bulk by plain functions (no widget per row); drawing a row reads only the row,
the `PanelIndex` and the `Palette`, so it can happen lazily, line by line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rich.style import Style
from rich.text import Text

from reader.analysis.model import Claim, Entity
from reader.tui.panel.index import KIND_LABELS, PanelIndex, by_kind, by_mentions
from reader.tui.panel.looks import KIND_GLYPH, Palette, clip


@dataclass(frozen=True, slots=True)
class HeaderRow:
    """A group heading ("People · 12") or a sub-heading under an entity."""

    label: str
    """What the heading says."""
    indent: int = 0
    """Leading spaces."""


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One entity."""

    entity: Entity
    """The entity shown."""
    expanded: bool = False
    """Whether its claims are listed under it."""


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim: in the claims tab, or under an entity (`role` says how it relates)."""

    claim: Claim
    """The claim shown."""
    role: Literal["list", "about", "source"] = "list"
    """`list` in the claims tab; `about` / `source` under an entity."""


Row = HeaderRow | EntityRow | ClaimRow


def entity_rows(
    index: PanelIndex, entities: list[Entity], grouped: bool, expanded: str | None
) -> list[Row]:
    """Rows for the entity list: grouped by kind or flat by mentions, one entity expanded."""
    rows: list[Row] = []
    if grouped:
        for kind, group in by_kind(entities):
            rows.append(HeaderRow(f"{KIND_LABELS[kind]} · {len(group)}"))
            for entity in group:
                _add_entity(rows, index, entity, expanded)
    else:
        for entity in by_mentions(entities):
            _add_entity(rows, index, entity, expanded)
    return rows


def _add_entity(rows: list[Row], index: PanelIndex, entity: Entity, expanded: str | None) -> None:
    is_open = entity.id == expanded
    rows.append(EntityRow(entity, is_open))
    if not is_open:
        return
    sourced = index.claims_sourced_by(entity.id)
    about = [c for c in index.claims_about(entity.id) if c.source != entity.id]
    if sourced:
        rows.append(HeaderRow(f"Source of · {len(sourced)}", indent=3))
        rows.extend(ClaimRow(c, "source") for c in sourced)
    if about:
        rows.append(HeaderRow(f"Claims about · {len(about)}", indent=3))
        rows.extend(ClaimRow(c, "about") for c in about)
    if not sourced and not about:
        rows.append(HeaderRow("No claims", indent=3))


def draw_header(row: HeaderRow, palette: Palette) -> Text:
    """A heading: bold at the top level, muted under an entity."""
    if row.indent:
        return Text(" " * row.indent + row.label, style=palette.muted_style() + Style(italic=True))
    return Text(row.label.upper(), style=palette.muted_style() + Style(bold=True))


def draw_entity(row: EntityRow, palette: Palette, width: int) -> Text:
    """`▾ ● Elon Musk ....... 12`: glyph and name in the kind's colour, count at the right."""
    entity = row.entity
    count = str(len(entity.mentions))
    arrow = "▾" if row.expanded else "▸"
    name_width = max(width - len(count) - 6, 4)
    name = clip(entity.name, name_width)
    text = Text()
    text.append(f" {arrow} ", style=palette.muted_style())
    text.append(KIND_GLYPH.get(entity.kind, "◆") + " ", style=palette.kind_style(entity.kind))
    text.append(name, style="bold" if row.expanded else "")
    text.append(" " * max(name_width - len(name), 0) + " ")
    text.append(count, style=palette.muted_style())
    return text


def claim_heading(
    row: ClaimRow, index: PanelIndex, palette: Palette, verdict: Text | None = None
) -> Text:
    """Badges, the reader's verdict (if any) and the source's name."""
    text = palette.badges(row.claim.tags)
    if verdict is not None:
        text.append(" ")
        text.append_text(verdict)
    source = index.source_name(row.claim)
    if source and row.role != "source":
        text.append(" " + source, style="bold")
        _append_evidence(text, row.claim, index, palette)
    return text


def _append_evidence(text: Text, claim: Claim, index: PanelIndex, palette: Palette) -> None:
    """` · via "she"`, dimmed, after a source resolved from a pronoun or a description."""
    if evidence := index.source_evidence(claim):
        text.append(f" · via “{evidence}”", style=palette.muted_style())


def dispute_note(claim: Claim, index: PanelIndex) -> str:
    """`disputes The Gazette` / `disputed by Piet Osterhout`, or "" when neither."""
    parts = []
    if claim.disputes:
        parts.append("disputes " + _sources_of(index, claim.disputes))
    if disputed := index.disputed_by(claim.id):
        parts.append("disputed by " + _sources_of(index, disputed))
    return "; ".join(parts)


def _sources_of(index: PanelIndex, claim_ids: Iterable[str]) -> str:
    """The sources of these claims, each named once, in order."""
    return ", ".join(dict.fromkeys(_source_of(index, c) for c in claim_ids))


def _source_of(index: PanelIndex, claim_id: str) -> str:
    claim = index.claim(claim_id)
    if claim is None:
        return claim_id
    return index.source_name(claim) or "another claim"


def _notes(claim: Claim, index: PanelIndex, across: tuple[str, ...]) -> list[str]:
    """`⚡ disputes ...` within the article, then the lines about other articles."""
    note = dispute_note(claim, index)
    return [f"⚡ {note}", *across] if note else list(across)


def draw_claim_lines(
    row: ClaimRow,
    index: PanelIndex,
    palette: Palette,
    verdict: Text | None = None,
    across: tuple[str, ...] = (),
) -> list[Text]:
    """Two lines: heading (badges, verdict, source) and disputes (here and in other
    articles, `across`), then the content."""
    content = Text("   ")
    if notes := _notes(row.claim, index, across):
        content.append(" · ".join(notes) + " · ", style=palette.dispute_style())
    content.append(index.content_text(row.claim), style=palette.muted_style())
    return [Text(" ") + claim_heading(row, index, palette, verdict), content]


def draw_claim_ref(
    row: ClaimRow, index: PanelIndex, palette: Palette, verdict: Text | None = None
) -> Text:
    """One line under an entity: badges, the reader's verdict (if any), then the content."""
    text = Text("   ")
    text.append_text(palette.badges(row.claim.tags))
    if verdict is not None:
        text.append(" ")
        text.append_text(verdict)
    if row.role == "about" and (source := index.source_name(row.claim)):
        text.append(f" {source}", style="bold")
        _append_evidence(text, row.claim, index, palette)
        text.append(":", style="bold")
    if row.claim.disputes or index.disputed_by(row.claim.id):
        text.append(" ⚡", style=palette.dispute_style())
    text.append(" " + index.content_text(row.claim), style=palette.muted_style())
    return text


def claim_in_full(
    row: ClaimRow,
    index: PanelIndex,
    palette: Palette,
    verdict: Text | None = None,
    across: tuple[str, ...] = (),
) -> Text:
    """The claim's heading, disputes and whole content, to be wrapped (not one row each)."""
    text = claim_heading(row, index, palette, verdict)
    for note in _notes(row.claim, index, across):
        text.append(f"\n{note}", style=palette.dispute_style())
    text.append("\n" + index.content_text(row.claim))
    return text
