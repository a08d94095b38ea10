"""Plain text: metadata header, paragraphs and headings as spans over the text.

Invariant: the canonical text is the decoded file as written, minus a leading
metadata header (`date 2024-10-26 ...`, `Title: ...` lines); it is never
re-flowed, so a paragraph block may contain the file's hard-wrap `\\n`s.
Blocks are the runs of non-blank lines, without surrounding whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.document.model import Block, BlockKind

# The seed form: "date 2024-10-26" with the body on the same line after it.
_DATE_LINE = re.compile(r"[ \t\n]*date[ \t]*:?[ \t]*(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.I)
_HEADER_LINE = re.compile(
    r"[ \t]*(title|date|source|url|author|by)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*(?:\n|$)", re.I
)
# A paragraph: from a visible character through every following line that has
# one; a line of only spaces or tabs ends it.
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*")
_CHAPTER = re.compile(
    r"(?:(?:CHAPTER|Chapter)\s+(?:[IVXLCDM]+|\d+|[A-Z][a-z]+)\b[.:]?"
    r"|(?:BOOK|Book|PART|Part|VOLUME|Volume)\s+(?:[IVXLCDM]+|\d+|[A-Z][A-Za-z]+)\b"
    r"|(?:(?:FIRST|SECOND|THIRD)\s+)?(?:EPILOGUE|PROLOGUE)\b)"
    r"[^\n.!?]{0,60}"
)
_TOP_LEVEL = re.compile(r"BOOK|Book|PART|Part|VOLUME|Volume|[A-Z ]*(?:EPILOGUE|PROLOGUE)")
_MAX_TITLE = 100
_MAX_HEADING = 120
_NO_TITLE_END = ".,;:!?\"'”’)]—-"


@dataclass
class PlainResult:
    """The canonical text, its blocks and what the header said."""

    text: str
    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)
    title: str = ""


def parse_plain(raw: str) -> PlainResult:
    """Split normalised plain text into metadata, blocks and a title."""
    meta, text = strip_header(raw)
    blocks = _blocks(text)
    title = ""
    if blocks and blocks[0].kind is BlockKind.HEADING:
        title = text[blocks[0].start : blocks[0].end]
    return PlainResult(text, blocks, meta, title)


def strip_header(text: str) -> tuple[dict[str, str], str]:
    """Remove a leading metadata line or header lines; return (metadata, rest)."""
    meta: dict[str, str] = {}
    pos = 0
    while True:
        if match := _HEADER_LINE.match(text, pos):
            meta.setdefault(match.group(1).lower(), match.group(2))
        elif match := _DATE_LINE.match(text, pos):
            meta.setdefault("date", match.group(1))
            if not match.group(0).endswith("\n"):
                pos = match.end()
                break  # the seed form: the body follows on the same line
        else:
            break
        pos = match.end()
    if not meta:
        return meta, text
    return meta, text[pos:].lstrip("\n")


def _blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph = BlockKind.PARAGRAPH
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while text[end - 1].isspace():
            end -= 1
        if end - start <= _MAX_HEADING and text.find("\n", start, end) < 0:
            blocks.append(_one_line(text, start, end, first=not blocks))
        else:
            blocks.append(Block(paragraph, start, end))
    return blocks


def _one_line(text: str, start: int, end: int, *, first: bool) -> Block:
    """A one-line block: a chapter heading, the title, or a short paragraph."""
    line = text[start:end]
    if _CHAPTER.fullmatch(line):
        level = 1 if _TOP_LEVEL.match(line) else 2
        return Block(BlockKind.HEADING, start, end, level)
    if first and _looks_like_title(line) and end < len(text):
        return Block(BlockKind.HEADING, start, end, 1)
    return Block(BlockKind.PARAGRAPH, start, end)


def _looks_like_title(line: str) -> bool:
    return len(line) <= _MAX_TITLE and line[-1] not in _NO_TITLE_END
