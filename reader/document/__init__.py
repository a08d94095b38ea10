"""The document layer: load a path, URL or stdin into one canonical text with spans.

Invariant: no Textual import anywhere below this package; every span is a
half-open range of string indices into `Document.text`.

Layout: `fetch` (files, stdin) and `web` (URLs) read bytes; `formats` holds
the registry of input formats (`formats.REGISTRY`, chosen by content type,
extension, then sniffing); each format parses its own bytes (text formats
decode through `decode`); `loader` turns the result into a `Document`.
To add a format, write `reader/document/formats/<name>.py` with `sniff`,
`parse` and `FORMAT`, and add `<name>.FORMAT` to `REGISTRY` (see
`reader.document.formats`); nothing else changes.
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
