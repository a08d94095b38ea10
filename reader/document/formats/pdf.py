"""PDF files: the text layer as headings and paragraphs, with where each page starts.

Invariant: sniffing claims content starting with `%PDF-`; `reader.document.pdf`
(and pypdf) are imported on first parse; a PDF extracted before is read back from
`reader.document.pdf_cache` (same bytes, same versions) without pypdf.
"""

from __future__ import annotations

from reader.document.formats.base import Format, Origin, Parsed

MAX_BYTES = 48 * 2**20
"""Larger PDFs are refused before parsing (pypdf reads the whole file)."""


def sniff(raw: bytes, name: str | None) -> bool:
    """Whether the content starts like a PDF (a few bytes of junk before it are allowed)."""
    return b"%PDF-" in raw[:1024]


def parse(raw: bytes, origin: Origin) -> Parsed:
    """Extract the text layer into blocks; the page offsets go with it. A PDF read before
    comes from `reader.document.pdf_cache` instead."""
    from reader.document.pdf_cache import cached_parse

    return cached_parse(raw, lambda: _extract(raw, origin))


def _extract(raw: bytes, origin: Origin) -> Parsed:
    from reader.document.pdf import read_pdf

    pdf = read_pdf(raw, origin.label)
    return Parsed(pdf.text, pdf.blocks, title=pdf.title, date=pdf.date, pages=tuple(pdf.pages))


def parse_head(raw: bytes, origin: Origin, pages: int) -> Parsed | None:
    """The first ``pages`` pages as `parse` reads them, or None if that is the whole file.
    A cached PDF's head is cut from the cached whole: its blocks that end on those pages."""
    from reader.document.pdf import read_pdf
    from reader.document.pdf_cache import lookup

    whole = lookup(raw)
    if whole is not None:
        return _head_of(whole, pages)
    pdf = read_pdf(raw, origin.label, first=pages)
    if pdf.page_count <= pages:
        return None
    return Parsed(pdf.text, pdf.blocks, title=pdf.title, date=pdf.date, pages=tuple(pdf.pages))


def _head_of(whole: Parsed, pages: int) -> Parsed | None:
    if len(whole.pages) <= pages:
        return None
    cut = whole.pages[pages]
    blocks = [block for block in whole.blocks if block.end <= cut]
    if not blocks:
        return None
    end = blocks[-1].end
    return Parsed(
        whole.text[:end], blocks, title=whole.title, date=whole.date, pages=whole.pages[:pages]
    )


FORMAT = Format(
    name="pdf",
    sniff=sniff,
    parse=parse,
    extensions=(".pdf",),
    content_types=("application/pdf",),
    max_bytes=MAX_BYTES,
    label="PDF",
)
