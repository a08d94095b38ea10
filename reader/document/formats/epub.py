"""EPUB e-books: chapters in spine order, headings from the book's table of contents.

Invariant: sniffing claims a zip whose first member is the `mimetype` file
saying `application/epub+zip` (as the EPUB container requires); the bytes are
parsed in memory by `reader.document.epub`, which imports lxml on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.document.formats.base import SNIFF_BYTES, Format, Origin, Parsed

if TYPE_CHECKING:
    from reader.document.epub import Book

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

    return _parsed(read_book(raw, origin.label))


def parse_head(raw: bytes, origin: Origin, chars: int) -> Parsed | None:
    """The first chapters up to ``chars`` characters of text, or None if that is all."""
    from reader.document.epub import read_book

    book = read_book(raw, origin.label, chars=chars)
    return None if book.complete else _parsed(book)


def _parsed(book: Book) -> Parsed:
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
