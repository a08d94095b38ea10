"""Word wrapping of a document into screen rows, with offset <-> row maps.

Invariant: a row is a half-open range ``[start, end)`` of ``Document.text``
(blank separator rows and rules have ``start == end`` or cover their block);
rows are in text order, so ``row_of`` and ``offset_of`` are inverse through a
bisect over row starts. Nothing here imports Textual: it is plain Python that
a unit test can call, and that the view calls again on every width change.

Speed: prose is wrapped with one compiled regular expression per width, run
over a copy of the text whose newlines and tabs are spaces (same length, so
offsets are shared). That wraps 3 MB in a few tens of milliseconds, so the
layout is exact, never estimated. Blocks holding wide (CJK) characters fall
back to a cell-aware Python loop.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

from reader.document.model import Block, BlockKind

QUOTE_BAR = "▎ "
"""Drawn before every row of a block quote, once per nesting level."""
CODE_INDENT = "  "
"""Drawn before every row of a code block."""
SEPARATOR = -1
"""`Row.block` of a blank row between blocks."""


@dataclass(frozen=True, slots=True)
class Row:
    """One screen row of the laid-out document."""

    start: int
    """Offset of the row's first character."""
    end: int
    """Offset just past the row's last character."""
    block: int
    """Index into the blocks, or `SEPARATOR` for a blank row."""
    first: bool
    """True for the first row of its block (where a list marker goes)."""


# Characters whose cell width is not 1: combining marks, zero-width, East Asian
# wide and fullwidth, emoji. A C-speed search for them keeps the fast path exact.
_NOT_ONE_CELL = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
    "\u0e31-\u0e3a\u0e47-\u0e4e\u1100-\u115f\u200b-\u200f\u2e80-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uff60"
    "\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)


@lru_cache(maxsize=64)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    # Longest run of up to `width` characters that ends before whitespace or at
    # the end; failing that (a word longer than the line), a hard cut.
    w = max(1, width) - 1
    return re.compile(rf"\S(?:.{{0,{w}}}(?=\s|\Z)|.{{0,{w}}})")


def wrap_range(view: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Wrap ``view[start:end]`` at ``width`` cells; newlines count as spaces.

    Args:
        view: The text with newlines and tabs already replaced by spaces.
        start: First offset of the range.
        end: Offset just past the range.
        width: Cells available per row (at least 1).

    Returns:
        The (start, end) offsets of each row, trailing spaces excluded.
    """
    if _NOT_ONE_CELL.search(view, start, end):
        return _wrap_cells(view, start, end, max(1, width))
    return [m.span() for m in _wrap_pattern(width).finditer(view, start, end)]


def _wrap_cells(view: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    rows: list[tuple[int, int]] = []
    row_start = row_end = -1
    used = 0
    for match in re.finditer(r"\S+", view[start:end]):
        s, e = match.start() + start, match.end() + start
        size = cell_len(view[s:e])
        if row_start >= 0 and used + 1 + size <= width:
            row_end, used = e, used + 1 + size
            continue
        if row_start >= 0:
            rows.append((row_start, row_end))
        while size > width:  # a word wider than the row: cut it
            cut = s
            taken = 0
            while cut < e and taken + cell_len(view[cut]) <= width:
                taken += cell_len(view[cut])
                cut += 1
            cut = max(cut, s + 1)
            rows.append((s, cut))
            s, size = cut, cell_len(view[cut:e])
        row_start, row_end, used = s, e, size
    if row_start >= 0:
        rows.append((row_start, row_end))
    return rows


def prefix_width(block: Block) -> int:
    """Cells drawn before the text of every row of ``block``."""
    if block.kind is BlockKind.QUOTE:
        return len(QUOTE_BAR) * max(1, block.level)
    if block.kind is BlockKind.LIST_ITEM:
        return 2 * (max(1, block.level) - 1) + cell_len(block.marker or "•") + 1
    if block.kind is BlockKind.CODE:
        return len(CODE_INDENT)
    return 0


def _code_rows(text: str, block: Block, width: int) -> list[tuple[int, int]]:
    rows: list[tuple[int, int]] = []
    line_start = block.start
    while line_start <= block.end:
        newline = text.find("\n", line_start, block.end)
        line_end = block.end if newline < 0 else newline
        cut = line_start
        while True:  # hard-wrap long code lines; never join them
            rows.append((cut, min(line_end, cut + width)))
            cut += width
            if cut >= line_end:
                break
        if newline < 0:
            break
        line_start = newline + 1
    return rows


class Layout:
    """The rows of a document wrapped at one width."""

    def __init__(self, text: str, blocks: tuple[Block, ...], width: int) -> None:
        """Wrap every block of ``text`` at ``width`` cells.

        Args:
            text: The document's canonical text.
            blocks: Its blocks, in text order.
            width: Cells available for text and block prefixes.
        """
        self.width = width
        self.blocks = blocks
        view = text.replace("\n", " ").replace("\t", " ")
        starts: list[int] = []
        ends: list[int] = []
        owners: list[int] = []
        previous: Block | None = None
        for index, block in enumerate(blocks):
            if previous is not None and not _tight(previous, block):
                starts.append(previous.end)
                ends.append(previous.end)
                owners.append(SEPARATOR)
            spans = self._block_rows(text, view, block, width)
            starts.extend(s for s, _ in spans)
            ends.extend(e for _, e in spans)
            owners.extend([index] * len(spans))
            previous = block
        self._starts = starts
        self._ends = ends
        self._owners = owners

    @staticmethod
    def _block_rows(text: str, view: str, block: Block, width: int) -> list[tuple[int, int]]:
        inner = max(1, width - prefix_width(block))
        if block.kind is BlockKind.RULE:
            return [(block.start, block.end)]
        if block.kind is BlockKind.CODE:
            return _code_rows(text, block, inner)
        return wrap_range(view, block.start, block.end, inner) or [(block.start, block.start)]

    def __len__(self) -> int:
        return len(self._starts)

    def row(self, index: int) -> Row:
        """The row at ``index`` (0-based)."""
        owner = self._owners[index]
        first = owner >= 0 and (index == 0 or self._owners[index - 1] != owner)
        return Row(self._starts[index], self._ends[index], owner, first)

    def row_of(self, offset: int) -> int:
        """The row showing ``offset`` (the last row starting at or before it)."""
        if not self._starts:
            return 0
        # bisect_right: of rows sharing a start (a separator and the row after
        # it), the later one, which holds the text.
        return max(0, bisect_right(self._starts, offset) - 1)

    def offset_of(self, row: int) -> int:
        """The text offset at the start of ``row`` (clamped to the rows)."""
        if not self._starts:
            return 0
        return self._starts[min(max(row, 0), len(self._starts) - 1)]


def _tight(previous: Block, block: Block) -> bool:
    """Consecutive list items, or quote lines, need no blank row between them."""
    return previous.kind is block.kind and block.kind is BlockKind.LIST_ITEM
