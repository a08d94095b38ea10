"""HTML pages and files: the main article, extracted with trafilatura.

Invariant: sniffing claims content that starts like a page (`<!doctype html`,
`<html`); trafilatura and lxml are imported on first parse.
"""

from __future__ import annotations

from reader.document.fetch import is_url
from reader.document.formats.base import SNIFF_BYTES, Format, Origin, Parsed, decode_text

MAX_BYTES = 4 * 2**20
"""Extraction costs ~2 s per MB; larger pages are refused."""


def sniff(raw: bytes, name: str | None) -> bool:
    """Whether the content starts like an HTML page."""
    start = raw[:SNIFF_BYTES].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]


def parse(raw: bytes, origin: Origin) -> Parsed:
    """Decode the page and turn its main content into blocks and styles."""
    from reader.document.html import parse_html

    result = parse_html(decode_text(raw, origin), source=origin.source)
    text = result.builder.text()
    meta = result.meta
    source = origin.source
    return Parsed(
        text,
        result.builder.blocks,
        result.builder.styles,
        title=meta.get("title") or text.split("\n", 1)[0][:120],
        source=source if is_url(source) else meta.get("url") or "",
        date=meta.get("date", ""),
    )


FORMAT = Format(
    name="html",
    sniff=sniff,
    parse=parse,
    extensions=(".html", ".htm"),
    content_types=("text/html", "application/xhtml+xml"),
    max_bytes=MAX_BYTES,
    label="HTML",
)
