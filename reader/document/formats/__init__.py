"""The input formats and how one is chosen for some bytes.

`REGISTRY` lists every format; `choose()` picks one for content that has
been read (from a file, stdin or a URL) but not decoded:

1. the content type the server declared (`Format.content_types`);
2. the name's extension (`Format.extensions`);
3. sniffing: the first format in registry order whose `sniff(raw, name)`
   is true (plain text, last, always is).

Adding a format (say EPUB) is one module and one line:

- `reader/document/formats/epub.py` defines `sniff(raw: bytes, name: str |
  None) -> bool` and `parse(raw: bytes, origin: Origin) -> Parsed`, and
  exports `FORMAT = Format(name="epub", sniff=sniff, parse=parse,
  extensions=(".epub",), content_types=("application/epub+zip",))`. A text
  format calls `decode_text(raw, origin)`; a binary one reads the bytes.
  Import heavy libraries inside `parse`, not at the top (start-up time).
- add `epub.FORMAT` to `REGISTRY` below, before `plaintext.FORMAT`.

The loader then builds the `Document` (sentences, control cleaning, title
fallback, "no readable text" check) the same way for every format.
"""

from __future__ import annotations

from reader.document.formats import epub, html, markdown, pdf, plaintext
from reader.document.formats.base import Format, Origin, Parsed, decode_text, suffix

REGISTRY: tuple[Format, ...] = (
    epub.FORMAT,
    pdf.FORMAT,
    html.FORMAT,
    markdown.FORMAT,
    plaintext.FORMAT,
)
"""Every format, in sniffing order; plain text (sniff always true) comes last."""

__all__ = ["REGISTRY", "Format", "Origin", "Parsed", "by_name", "choose", "decode_text", "names"]


def names() -> tuple[str, ...]:
    """The registered format names (`fmt=` values)."""
    return tuple(fmt.name for fmt in REGISTRY)


def by_name(name: str) -> Format:
    """The format called `name`; `ValueError` for an unknown name (a programming error)."""
    for fmt in REGISTRY:
        if fmt.name == name:
            return fmt
    raise ValueError(f"unknown format {name!r}; expected one of {names()}")


def choose(raw: bytes, name: str | None, content_type: str = "") -> Format:
    """The format for `raw` read from `name`: by content type, then extension, then sniffing."""
    if content_type:
        for fmt in REGISTRY:
            if content_type in fmt.content_types:
                return fmt
    ext = suffix(name)
    if ext:
        for fmt in REGISTRY:
            if ext in fmt.extensions:
                return fmt
    for fmt in REGISTRY:
        if fmt.sniff(raw, name):
            return fmt
    return REGISTRY[-1]
