"""Markdown (CommonMark with YAML front matter), by name, content type or sniffing.

Invariant: sniffing claims only content that makes marks prose does not make
by accident (front matter at the start, ATX headings, fences, task items,
inline links), and never content named `.txt`; markdown-it and YAML are
imported on first parse, not at start-up.
"""

from __future__ import annotations

import re

from reader.document.formats.base import SNIFF_BYTES, Format, Origin, Parsed, decode_text, suffix

MAX_BYTES = 10 * 2**20
"""Markdown layout costs ~0.5 s per MB; larger files are refused (read them as `.txt`)."""
_FRONT_MATTER = re.compile(rb"---[ \t]*\r?\n(?:.*\r?\n)*?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)")
_MARKDOWN_LINE = re.compile(
    rb"^(?:#{1,6}[ \t]+\S|```|~~~|[-*+][ \t]+\[[ xX]\][ \t])|\[[^\]\n]+\]\((?:https?:|/|#)",
    re.MULTILINE,
)


def sniff(raw: bytes, name: str | None) -> bool:
    """Whether content with no telling name or content type reads as Markdown."""
    if suffix(name) in (".txt", ".text"):
        return False
    start = raw[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    if _FRONT_MATTER.match(start):
        return True
    return start.startswith(b"# ") or len(_MARKDOWN_LINE.findall(start)) >= 2


def parse(raw: bytes, origin: Origin) -> Parsed:
    """Decode and render Markdown to canonical text, blocks, styles and front matter."""
    from reader.document.markdown import parse_markdown

    result = parse_markdown(decode_text(raw, origin))
    text = result.builder.text()
    meta = result.meta
    first_line = text.split("\n", 1)[0].strip()[:120]
    return Parsed(
        text,
        result.builder.blocks,
        result.builder.styles,
        title=meta.get("title") or result.first_h1 or first_line,
        source=meta.get("source") or meta.get("url") or "",
        date=meta.get("date", ""),
    )


FORMAT = Format(
    name="markdown",
    sniff=sniff,
    parse=parse,
    extensions=(".md", ".markdown"),
    content_types=("text/markdown",),
    max_bytes=MAX_BYTES,
    label="Markdown",
)
