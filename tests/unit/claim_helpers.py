"""What the table-driven claim tests compare: each claim as the words a reader sees."""

from __future__ import annotations

from reader.analysis.claims import find_claims
from reader.document import load_text

Shown = tuple[str, str | None, str | None]
"""A claim's content, source words and cue words (None: no source, no cue)."""


def claims_shown(text: str) -> list[Shown]:
    """(content, source words, cue) of each claim of `text`, with no entities."""
    document = load_text(text, source="x.txt")
    assert document.text == text

    def part(span: tuple[int, int] | None) -> str | None:
        return text[span[0] : span[1]] if span else None

    return [
        (text[c.content[0] : c.content[1]], part(c.source_span), part(c.cue))
        for c in find_claims(document, ())
    ]
