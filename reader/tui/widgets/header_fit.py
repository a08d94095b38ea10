"""What the header shows in a given width (issue 14): the title first, then the date,
then the source; a part that does not fit is left out whole, not cut mid-word.

Plain Python: widths are terminal cells (`rich.cells.cell_len`).
"""

from __future__ import annotations

from rich.cells import cell_len

SEPARATOR = " — "
"""Between the title and the sub-title, as Textual's `Header` draws it."""

HEADER_CHROME = 20
"""Cells of a header line not given to the title: the icon (8), the clock space (10),
and a cell each side to keep the centred text off them."""


def cut_at_word(text: str, width: int) -> str:
    """``text`` in ``width`` cells: whole, else up to a word end and an ellipsis."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    room = width - 1  # the ellipsis
    kept = ""
    for word in text.split(" "):
        longer = f"{kept} {word}" if kept else word
        if cell_len(longer) > room:
            break
        kept = longer
    if not kept:  # one long word (a URL): cut it, it is all there is
        while cell_len(text) > room:
            text = text[:-1]
        kept = text
    return kept.rstrip(" ,;:—-·") + "…"


def fit_header(title: str, parts: list[str], width: int) -> tuple[str, str]:
    """``(title, sub_title)`` for a header of ``width`` cells: ``parts`` (date, source:
    most wanted first) joined by " · ", dropped from the end until all fits."""
    room = max(1, width - HEADER_CHROME)
    parts = [part for part in parts if part]
    for count in range(len(parts), 0, -1):
        sub_title = " · ".join(parts[:count])
        if cell_len(title) + cell_len(SEPARATOR) + cell_len(sub_title) <= room:
            return title, sub_title
    return cut_at_word(title, room), ""
