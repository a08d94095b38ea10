"""EPUB e-books: chapters in spine order, headings from the book's table of contents.

Invariant: sniffing claims a zip whose first member is the `mimetype` file
saying `application/epub+zip` (as the EPUB container requires); the bytes are
parsed in memory by `reader.document.epub`, which imports lxml on first use.
"""

from __future__ import annotations

from reader.document.formats.base import SNIFF_BYTES, Format, Origin, Parsed

MEDIA_TYPE = b"application/epub+zip"


def sniff(raw: bytes, name: str | None) -> bool:
    """Whether the content is a zip whose first member names the EPUB media type."""
    head = raw[:SNIFF_BYTES]
    return (
        head.startswith(b"PK\x03\x04") and b"mimetype" in head[30:80] and MEDIA_TYPE in head[:200]
    )


def parse(raw: bytes, origin: Origin) -> Parsed:
    """Read the book's chapters, table of contents and OPF metadata."""
    from reader.document.epub import read_book

    book = read_book(raw, origin.label)
    text = book.builder.text()
    return Parsed(
        text,
        book.builder.blocks,
        book.builder.styles,
        title=book.title or text.split("\n", 1)[0][:120],
        date=book.date,
    )


FORMAT = Format(
    name="epub",
    sniff=sniff,
    parse=parse,
    extensions=(".epub",),
    content_types=("application/epub+zip",),
    label="EPUB",
)
