"""Assemble canonical text from rendered blocks (used by Markdown and HTML).

Invariant: blocks are appended in order and joined by one blank line
("\\n\\n"); each block's span is exactly its text with no surrounding
whitespace, and each inline style is clipped to the block it was found in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.document.model import Block, BlockKind, InlineKind, InlineStyle

SEPARATOR = "\n\n"
RULE_TEXT = "───"
"""A thematic break is three box-drawing characters; the view may widen it."""


@dataclass
class Inline:
    """Text of one block being rendered, with styles relative to its start."""

    parts: list[str] = field(default_factory=list)
    """Pieces of text, joined at the end."""
    length: int = 0
    """Characters appended so far."""
    styles: list[InlineStyle] = field(default_factory=list)
    """Styles with offsets relative to the block's text."""

    def append(self, text: str) -> None:
        """Add text at the end."""
        if text:
            self.parts.append(text)
            self.length += len(text)

    def style(self, kind: InlineKind, start: int, href: str | None = None) -> None:
        """Style `[start, current end)` if it is not empty."""
        if self.length > start:
            self.styles.append(InlineStyle(kind, start, self.length, href))

    def text(self) -> str:
        """The block text so far."""
        return "".join(self.parts)


@dataclass
class TextBuilder:
    """Collects blocks and styles into one canonical text."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    blocks: list[Block] = field(default_factory=list)
    styles: list[InlineStyle] = field(default_factory=list)

    def add(
        self,
        kind: BlockKind,
        inline: Inline | str,
        *,
        level: int = 0,
        marker: str = "",
        strip: bool = True,
    ) -> None:
        """Append one block; empty or whitespace-only blocks are dropped."""
        if isinstance(inline, str):
            text, styles = inline, []
        else:
            text, styles = inline.text(), inline.styles
        edge = None if strip else "\n"
        body = text.strip(edge)
        lead = len(text) - len(text.lstrip(edge))
        if not body.strip():
            return
        if self.blocks:
            self.parts.append(SEPARATOR)
            self.pos += len(SEPARATOR)
        start = self.pos
        self.parts.append(body)
        self.pos += len(body)
        self.blocks.append(Block(kind, start, self.pos, level, marker))
        for style in styles:
            s = min(max(style.start - lead, 0), len(body))
            e = min(max(style.end - lead, 0), len(body))
            if s < e:
                self.styles.append(InlineStyle(style.kind, start + s, start + e, style.href))

    def text(self) -> str:
        """The canonical text."""
        return "".join(self.parts)
