"""The document layer: load a path, URL or stdin into one canonical text with spans.

Invariant: no Textual import anywhere below this package; every span is a
half-open range of string indices into `Document.text`.
"""

from __future__ import annotations

from reader.document.loader import load, load_text
from reader.document.model import Block, BlockKind, Document, InlineKind, InlineStyle, Sentence
from reader.document.sentences import split_sentences

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "InlineKind",
    "InlineStyle",
    "Sentence",
    "load",
    "load_text",
    "split_sentences",
]
