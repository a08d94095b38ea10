"""Plain text: the fallback format; any decodable text reads as plain text.

Invariant: `sniff` is always true, so this format goes last in the registry.
"""

from __future__ import annotations

from reader.document.formats.base import Format, Origin, Parsed, decode_text
from reader.document.plaintext import parse_plain


def sniff(raw: bytes, name: str | None) -> bool:
    """Anything is plain text once no other format claimed it."""
    return True


def parse(raw: bytes, origin: Origin) -> Parsed:
    """Decode and split into header metadata, paragraphs, headings and lists."""
    result = parse_plain(decode_text(raw, origin))
    meta = result.meta
    return Parsed(
        result.text,
        result.blocks,
        title=meta.get("title") or result.title,
        source=meta.get("source") or meta.get("url") or "",
        date=meta.get("date", ""),
    )


FORMAT = Format(name="text", sniff=sniff, parse=parse, label="plain text")
