"""Turn one laid-out row and the styled spans over it into Rich segments.

Invariant: a row is drawn from the canonical text, its control characters
(newlines, tabs) drawn as spaces (same offsets), cut at every span boundary inside
the row; each piece gets the base style plus every span covering it, added
in the order given, so later spans win where they set the same attribute.
Depends on Rich only, not Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style

StyledSpan = tuple[int, int, Style]
"""A half-open range of text offsets and the style drawn over it."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean(text: str) -> str:
    """Replace control characters with spaces (same length, so offsets hold)."""
    return _CONTROL.sub(" ", text)


def text_segments(
    view: str, start: int, end: int, base: Style, spans: Sequence[StyledSpan]
) -> list[Segment]:
    """Segments for ``view[start:end]`` with ``spans`` drawn over ``base``.

    Args:
        view: The document's text (control characters are drawn as spaces).
        start: First offset of the row.
        end: Offset just past the row.
        base: Style of the row's block.
        spans: Styled spans in drawing order (later wins); may reach past the row.

    Returns:
        The row's segments, left to right.
    """
    if start >= end:
        return []
    cuts = {start, end}
    inside: list[StyledSpan] = []
    for s, e, style in spans:
        s, e = max(s, start), min(e, end)
        if s < e:
            cuts.add(s)
            cuts.add(e)
            inside.append((s, e, style))
    points = sorted(cuts)
    text = clean(view[start:end])
    segments: list[Segment] = []
    for a, b in zip(points, points[1:], strict=False):
        style = base
        for s, e, extra in inside:
            if s <= a and b <= e:
                style = style + extra
        segments.append(Segment(text[a - start : b - start], style))
    return segments
