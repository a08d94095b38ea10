"""Build `Document` objects by hand for the UI tests.

Invariant: independent of the document layer's parsers, so a UI test fails
only for a UI reason. The fixture format is a tiny Markdown subset: blocks
separated by blank lines; ``#`` headings, ``>`` quotes, ``- `` list items,
4-space code, ``---`` rules; ``*em*``, ``**strong**`` and ``[text](url)``.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.document.model import (
    Block,
    BlockKind,
    Document,
    InlineKind,
    InlineStyle,
    Sentence,
)

FIXTURES = Path(__file__).parent / "fixtures"
_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|\[(.+?)\]\((.+?)\)")
_SENTENCE = re.compile(r"\S.*?(?:[.!?][\"”]?(?=\s|$)|$)", re.S)


def _block(raw: str) -> tuple[BlockKind, str, int, str]:
    if raw.startswith("#"):
        hashes = len(raw) - len(raw.lstrip("#"))
        return BlockKind.HEADING, raw[hashes:].strip(), hashes, ""
    if raw.startswith("> "):
        return BlockKind.QUOTE, re.sub(r"^> ?", "", raw, flags=re.M), 1, ""
    if raw.startswith("- "):
        return BlockKind.LIST_ITEM, raw[2:], 1, "•"
    if raw.startswith("    "):
        return BlockKind.CODE, re.sub(r"^    ", "", raw, flags=re.M), 0, ""
    if raw.strip() == "---":
        return BlockKind.RULE, "", 0, ""
    return BlockKind.PARAGRAPH, raw, 0, ""


def _parts(source: str) -> list[str]:
    parts: list[str] = []
    for chunk in re.split(r"\n\s*\n", source.strip("\n")):
        lines = chunk.split("\n")
        if all(line.startswith("- ") for line in lines):
            parts.extend(lines)
        else:
            parts.append(chunk)
    return parts


def build(source: str, title: str = "", date: str = "", where: str = "") -> Document:
    """A `Document` for the Markdown subset in ``source``."""
    text, blocks, styles, sentences = "", [], [], []
    for raw in _parts(source):
        kind, body, level, marker = _block(raw)
        if text:
            text += "\n\n"
        start = len(text)
        while kind not in (BlockKind.CODE,) and (m := _INLINE.search(body)):
            inner = m.group(1) or m.group(2) or m.group(3)
            ikind = (
                InlineKind.STRONG
                if m.group(1)
                else InlineKind.EMPHASIS
                if m.group(2)
                else InlineKind.LINK
            )
            s = start + m.start()
            styles.append(InlineStyle(ikind, s, s + len(inner), m.group(4)))
            body = body[: m.start()] + inner + body[m.end() :]
        text += body
        blocks.append(Block(kind, start, len(text), level, marker))
        if kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM, BlockKind.HEADING):
            sentences.extend(
                Sentence(start + m.start(), start + m.end()) for m in _SENTENCE.finditer(body)
            )
    return Document(
        text=text,
        title=title,
        source=where,
        date=date,
        format="markdown",
        blocks=tuple(blocks),
        sentences=tuple(sentences),
        styles=tuple(sorted(styles, key=lambda s: s.start)),
    )


def fixture(name: str = "article.md") -> Document:
    """The fixture file ``name`` as a `Document`."""
    return build(
        (FIXTURES / name).read_text(encoding="utf-8"),
        title="Harbour council delays the bridge vote",
        date="2026-11-24",
        where=f"tests/ui/fixtures/{name}",
    )
