"""Zero-width characters inside names: read past them, report the original offsets.

"Vla<U+200B>dimir Putin" is one name, though a zero-width space cuts it for
any regular expression. The entity finder runs on the text without those
characters and maps every mention back.

Invariant: `Stripped.text` is the original text without `ZERO_WIDTH`
characters; `original(start, end)` of a span of it is the span of the
original text running from its first to its last kept character, so the
slice holds the same visible characters (and any zero-width ones between).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from reader.span import Span

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
"""Zero-width space, non-joiner, joiner, word joiner, zero-width no-break space."""
_DELETE = str.maketrans("", "", ZERO_WIDTH)


def has_zero_width(text: str) -> bool:
    """Whether `text` holds any `ZERO_WIDTH` character."""
    return any(ch in text for ch in ZERO_WIDTH)


@dataclass(frozen=True, slots=True)
class Stripped:
    """A text without its zero-width characters, and the way back to the original."""

    text: str
    """The text with every `ZERO_WIDTH` character removed."""
    removed: tuple[int, ...]
    """Offsets, in the original, of the removed characters, ascending."""
    shifted: tuple[int, ...]
    """For each removed character, the offset in `text` of the character after it."""

    def stripped(self, pos: int) -> int:
        """The offset in `text` of original offset `pos` (a removed character: the next kept)."""
        return pos - bisect_left(self.removed, pos)

    def _original(self, pos: int) -> int:
        """The original offset of the character at `pos` of `text`."""
        return pos + bisect_right(self.shifted, pos)

    def original(self, start: int, end: int) -> Span:
        """The original span of the non-empty span `start..end` of `text`."""
        return self._original(start), self._original(end - 1) + 1


def strip_zero_width(text: str) -> Stripped:
    """`text` without zero-width characters, with the offsets to map spans back."""
    removed = tuple(i for i, ch in enumerate(text) if ch in ZERO_WIDTH)
    shifted = tuple(r - j for j, r in enumerate(removed))
    return Stripped(text.translate(_DELETE), removed, shifted)
