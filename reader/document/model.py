"""The document model: one canonical plain text and spans over it.

Invariant: every span (block, sentence, inline style) is a half-open range of
Python string indices into `Document.text`, so `text[start:end]` is exactly the
spanned text. Line numbers do not exist here; wrapping is the view's concern.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum

from reader.quick_init import quick_init


class BlockKind(StrEnum):
    """What kind of block a range of the text is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    CODE = "code"
    RULE = "rule"


class InlineKind(StrEnum):
    """Inline styling the view draws."""

    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"


@quick_init
@dataclass(frozen=True, slots=True)
class Block:
    """A block of the document."""

    kind: BlockKind
    """Heading, paragraph, quote, list item, code or rule."""
    start: int
    """Offset of the block's first character in `Document.text`."""
    end: int
    """Offset just past the block's last character (exclusive)."""
    level: int = 0
    """Heading level (1-6) for headings; nesting depth (1-based) for list items and quotes."""
    marker: str = ""
    """For list items, the bullet or number the view draws ("•", "3."); else empty."""


@quick_init
@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: a half-open range of `Document.text`."""

    start: int
    """Offset of the sentence's first character."""
    end: int
    """Offset just past the sentence's last character (exclusive)."""


@quick_init
@dataclass(frozen=True, slots=True)
class InlineStyle:
    """Emphasis, strong, code or a link over a range of the text."""

    kind: InlineKind
    """What styling applies."""
    start: int
    """First styled character."""
    end: int
    """Just past the last styled character."""
    href: str | None = None
    """Link target, for links."""


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded article: its canonical text and the structure over it."""

    text: str
    """The canonical plain text every offset indexes."""
    title: str = ""
    """Title from metadata or the first heading; may be empty."""
    source: str = ""
    """Where it came from: a path, a URL, `-` for stdin, or a source named in metadata."""
    date: str = ""
    """Publication date as written in the metadata (ISO when known); may be empty."""
    format: str = "text"
    """The input format: `markdown`, `text`, `html`, `epub` or `pdf`."""
    blocks: tuple[Block, ...] = ()
    """The blocks, in text order, not overlapping."""
    sentences: tuple[Sentence, ...] = ()
    """The sentences, in text order, not overlapping, each inside one block."""
    styles: tuple[InlineStyle, ...] = field(default=())
    """Inline styles, sorted by start."""
    pages: tuple[int, ...] = ()
    """For paged formats (PDF), the offset where each page starts (non-decreasing, the
    first 0 when page 1 has text); the page of offset `o` is `bisect_right(pages, o)`.
    Empty for other formats."""

    def page_at(self, offset: int) -> int | None:
        """The page (from 1) that `offset` falls on, or None for a format without pages."""
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, offset))
