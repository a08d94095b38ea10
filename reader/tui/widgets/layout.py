"""Word wrapping of a document into screen rows, with offset <-> row maps.

Invariant: a row is a half-open range ``[start, end)`` of ``Document.text``
(blank separator rows and rules have ``start == end`` or cover their block);
rows are in text order, so ``row_of`` and ``offset_of`` are inverse through a
bisect over row starts. Nothing here imports Textual: it is plain Python that
a unit test can call, and that the view calls again on every width change.

Speed: prose is wrapped with one compiled regular expression per width, run
over the document's own text (`.` matches a newline, and a newline or a tab is
whitespace like a space, so hard-wrapped lines join as they would in a copy with
spaces for them; no such copy is made: it was 64 MB more for a 30 MB book). That
wraps 3 MB in a few tens of milliseconds, so the layout is exact, never
estimated. Row starts and owners are kept in arrays of machine integers (a
Python int per row was 36 bytes: 23 MB for the 640,000 rows of a 30 MB book).
Blocks holding wide (CJK) characters fall back to a cell-aware Python loop.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat

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
# Compiling that class costs ~10 ms (`re` fills a 64K-entry map from its BMP
# ranges), more than wrapping a first screen: it is compiled only for a text in
# which `_MAYBE_WIDE` finds something. That class holds every character of it and
# is cheap to build: all but Latin-1 and its extensions, and general punctuation
# to arrows (the em dash and curly quotes of Western text are one cell wide).
_NOT_ONE_CELL_CLASS = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
    "\u0e31-\u0e3a\u0e47-\u0e4e\u1100-\u115f\u200b-\u200f\u2e80-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uff60"
    "\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)
_MAYBE_WIDE = re.compile("[^\x00-\u02ff\u2010-\u2e7f]")


@lru_cache(maxsize=1)
def _not_one_cell() -> re.Pattern[str]:
    return re.compile(_NOT_ONE_CELL_CLASS)


def wide_offsets(view: str) -> list[int]:
    """Offsets of the characters of ``view`` that are not one cell wide."""
    if _MAYBE_WIDE.search(view) is None:
        return []
    return [m.start() for m in _not_one_cell().finditer(view)]


def _has_wide(view: str, start: int, end: int) -> bool:
    return (
        _MAYBE_WIDE.search(view, start, end) is not None
        and _not_one_cell().search(view, start, end) is not None
    )


@lru_cache(maxsize=64)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    # Longest run of up to `width` characters that ends before whitespace or at
    # the end; failing that (a word longer than the line), a hard cut. The
    # trailing whitespace is part of the match, so matches tile the range and
    # their lengths alone give the row starts.
    # DOTALL: a newline inside a paragraph is a character of the row, like a space.
    w = max(1, width) - 1
    return re.compile(rf"\S(?:.{{0,{w}}}(?=\s|\Z)|.{{0,{w}}})\s*", re.DOTALL)


_LEADING_SPACE = re.compile(r"\s*")


def wrap_starts(
    view: str, start: int, end: int, width: int, *, narrow: bool | None = None
) -> list[int]:
    """Row start offsets of ``view[start:end]`` wrapped at ``width`` cells.

    Args:
        view: The text (a newline or a tab counts as a space, one cell).
        start: First offset of the range.
        end: Offset just past the range.
        width: Cells available per row (at least 1).
        narrow: True if the caller knows every character in the range is one
            cell wide (skips the check), None to check.

    Returns:
        The offset where each row starts (rows end before the next start's
        whitespace); empty when the range is blank.
    """
    if not narrow and _has_wide(view, start, end):
        return [s for s, _ in _wrap_cells(view, start, end, max(1, width))]
    first = _LEADING_SPACE.match(view, start, end).end()  # type: ignore[union-attr]
    if first >= end:
        return []
    lengths = list(map(len, _wrap_pattern(width).findall(view, first, end)))
    lengths.pop()
    return list(accumulate(lengths, initial=first))


def wrap_range(view: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Like `wrap_starts`, as (start, end) pairs with trailing spaces excluded."""
    starts = wrap_starts(view, start, end, width)
    if not starts:
        return []
    bounds = [*starts[1:], end]
    return [(s, s + len(view[s:e].rstrip())) for s, e in zip(starts, bounds, strict=True)]


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
        if s >= e:
            row_start = -1
            continue
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

    def __init__(
        self,
        text: str,
        blocks: tuple[Block, ...],
        width: int,
        *,
        max_rows: int | None = None,
    ) -> None:
        """Wrap the blocks of ``text`` at ``width`` cells.

        Args:
            text: The document's canonical text (kept, never copied).
            blocks: Its blocks, in text order.
            width: Cells available for text and block prefixes.
            max_rows: Stop after the block that reaches this many rows (a quick
                first screen); `complete` tells whether every block was wrapped.
        """
        self.width = width
        self.blocks = blocks
        self.view = text
        """The text the rows index (the document's own string)."""
        # Offsets of characters that are not one cell wide, found in one pass
        # (a partial layout checks block by block instead).
        self._wide: list[int] | None = None
        if max_rows is None:
            self._wide = wide_offsets(self.view)
        starts = array("q")
        owners = array("i")
        previous: Block | None = None
        done = 0
        for index, block in enumerate(blocks):
            if max_rows is not None and len(starts) >= max_rows:
                break
            if previous is not None and not _tight(previous, block):
                starts.append(previous.end)
                owners.append(SEPARATOR)
            rows = self._block_starts(text, block, width)
            starts.extend(rows)
            owners.extend(repeat(index, len(rows)))
            previous = block
            done = index + 1
        self._starts = starts
        self._owners = owners
        self.complete = done == len(blocks)
        """True when every block is wrapped (else the rows are a prefix)."""
        rest = blocks[done:]
        self.estimated_rows = len(starts) + sum(
            2 + (block.end - block.start) // max(1, width - 8) for block in rest
        )
        """Row count, exact when `complete`, else an estimate for the unwrapped blocks."""

    def _block_starts(self, text: str, block: Block, width: int) -> list[int]:
        inner = max(1, width - prefix_width(block))
        if block.kind is BlockKind.RULE:
            return [block.start]
        if block.kind is BlockKind.CODE:
            return [s for s, _ in _code_rows(text, block, inner)]
        wide = self._wide
        narrow = None
        if wide is not None:
            narrow = not wide or bisect_left(wide, block.start) == bisect_left(wide, block.end)
        rows = wrap_starts(self.view, block.start, block.end, inner, narrow=narrow)
        return rows or [block.start]

    def __len__(self) -> int:
        return len(self._starts)

    def row(self, index: int) -> Row:
        """The row at ``index`` (0-based)."""
        owner = self._owners[index]
        start = self._starts[index]
        if owner == SEPARATOR:
            return Row(start, start, owner, False)
        first = index == 0 or self._owners[index - 1] != owner
        following = index + 1 < len(self._starts) and self._owners[index + 1] == owner
        bound = self._starts[index + 1] if following else self.blocks[owner].end
        return Row(start, start + len(self.view[start:bound].rstrip()), owner, first)

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
