"""The one span type: where a piece of a document lies in its text.

A `Span` is `(start, end)`, a half-open character range into `document.text`
(Python string indices, end exclusive), so `text[start:end]` is the piece.
Every offset the analysis returns is one.
"""

from __future__ import annotations

Span = tuple[int, int]
"""(start, end): a half-open character range into `document.text`."""

__all__ = ["Span"]
