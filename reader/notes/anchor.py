"""Anchors: where a note sits in an article's text, and finding it again.

Invariant: an `Anchor` is a W3C Web Annotation pair of selectors over the
canonical `Document.text` (half-open Python string offsets): a position
selector (`start`, `end`) and a quote selector (`exact` plus up to
`CONTEXT` characters of `prefix` and `suffix`), and for a paged document (PDF)
the `page` its start falls on, from the document's page map at the time the
anchor was made (exports say "p. 12"). `place()` never invents text:
it returns a span of the current text, or `None` for an orphan, and the caller
keeps the anchor unchanged either way, so a note is never dropped.

Re-anchoring follows Hypothesis' order: the old position if the text there
still matches, else the exact quote (the occurrence whose context matches
best, then the nearest), else a fuzzy match scored on quote, prefix, suffix
and distance, else orphan.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.notes.fuzzy import fuzzy_find

CONTEXT = 32
"""Characters of prefix and suffix kept in a quote selector."""
MAX_OCCURRENCES = 2000
"""Exact occurrences examined at most (a very common quote stops there)."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Position and quote selectors for one span of an article."""

    start: int
    """Offset of the first character when the note was made."""
    end: int
    """Offset just past the last character (exclusive)."""
    exact: str
    """The text that was noted: `text[start:end]` at that time."""
    prefix: str = ""
    """Up to `CONTEXT` characters just before `exact`."""
    suffix: str = ""
    """Up to `CONTEXT` characters just after `exact`."""
    page: int | None = None
    """The page (from 1) `start` is on, for a paged document; else None."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the selectors (`page` only when there is one)."""
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
        }
        if self.page is not None:
            out["page"] = self.page
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Anchor:
        """Build an anchor from `to_dict()` output.

        Raises:
            TypeError, ValueError: if a selector has the wrong type or the span is
                backwards (the store skips and reports such a row).
        """
        start, end = data["start"], data["end"]
        texts = (data["exact"], data.get("prefix", ""), data.get("suffix", ""))
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
            raise TypeError("anchor offsets must be whole numbers")
        if not all(isinstance(t, str) for t in texts):
            raise TypeError("anchor quote, prefix and suffix must be text")
        if not 0 <= start <= end:
            raise ValueError(f"anchor span {start}..{end} is backwards or negative")
        return cls(start, end, *texts, page=checked_page(data.get("page")))


def checked_page(page: object) -> int | None:
    """``page`` if it is None or a page number (a whole number from 1).

    Raises:
        TypeError, ValueError: otherwise.
    """
    if page is None:
        return None
    if not isinstance(page, int) or isinstance(page, bool):
        raise TypeError("an anchor's page must be a whole number")
    if page < 1:
        raise ValueError(f"an anchor's page must be 1 or more, not {page}")
    return page


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an anchor lands in the current text."""

    start: int
    """First character of the placed span."""
    end: int
    """Just past the last character (exclusive)."""
    method: str
    """How it was found: `position`, `quote` or `fuzzy`."""
    score: float = 1.0
    """Confidence in 0..1 (1 for position and exact quote)."""


def anchor_for(text: str, start: int, end: int, pages: Sequence[int] = ()) -> Anchor:
    """Make the anchor of `text[start:end]`; ``pages``: the document's page map
    (`Document.pages`: where each page starts), empty when it has none.

    Raises:
        ValueError: if the span is empty or outside the text.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}..{end} is not inside a text of {len(text)} characters")
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        page=max(1, bisect_right(pages, start)) if pages else None,
    )


def place(anchor: Anchor, text: str) -> Placement | None:
    """Find `anchor` in `text`; `None` means the note is an orphan."""
    if not anchor.exact:
        return None
    if text[anchor.start : anchor.end] == anchor.exact:
        return Placement(anchor.start, anchor.end, "position")
    found = _exact(anchor, text)
    if found is not None:
        return Placement(found, found + len(anchor.exact), "quote")
    fuzzy = fuzzy_find(text, anchor.exact, anchor.prefix, anchor.suffix, anchor.start)
    if fuzzy is None:
        return None
    start, end, score = fuzzy
    return Placement(start, end, "fuzzy", score)


def _exact(anchor: Anchor, text: str) -> int | None:
    """Best exact occurrence: most matching context, then nearest the old start."""
    best: tuple[int, int, int] | None = None
    index = text.find(anchor.exact)
    seen = 0
    while index != -1 and seen < MAX_OCCURRENCES:
        key = (-_context(anchor, text, index), abs(index - anchor.start), index)
        if best is None or key < best:
            best = key
        seen += 1
        index = text.find(anchor.exact, index + 1)
    return None if best is None else best[2]


def _context(anchor: Anchor, text: str, index: int) -> int:
    """How many characters of prefix and suffix match around an occurrence."""
    before = text[max(0, index - len(anchor.prefix)) : index]
    after_start = index + len(anchor.exact)
    after = text[after_start : after_start + len(anchor.suffix)]
    return _common_suffix(before, anchor.prefix) + _common_prefix(after, anchor.suffix)


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
