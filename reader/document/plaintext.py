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
_BLANK = re.compile(r"\n[ \t]*\n\s*")
_CHAPTER = re.compile(
    r"(?:(?:CHAPTER|Chapter)\s+(?:[IVXLCDM]+|\d+|[A-Z][a-z]+)\b[.:]?"
    r"|(?:BOOK|Book|PART|Part|VOLUME|Volume)\s+(?:[IVXLCDM]+|\d+|[A-Z][A-Za-z]+)\b"
    r"|(?:(?:FIRST|SECOND|THIRD)\s+)?(?:EPILOGUE|PROLOGUE)\b)"
    r"[^\n.!?]{0,60}"
)
_TOP_LEVEL = re.compile(r"BOOK|Book|PART|Part|VOLUME|Volume|[A-Z ]*(?:EPILOGUE|PROLOGUE)")
_MAX_TITLE = 100
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
    blocks = [_classify(text, start, end, i) for i, (start, end) in enumerate(_spans(text))]
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


def _spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = 0
    for gap in _BLANK.finditer(text):
        spans.append((begin, gap.start()))
        begin = gap.end()
    spans.append((begin, len(text)))
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _classify(text: str, start: int, end: int, index: int) -> Block:
    if "\n" not in text[start:end]:
        line = text[start:end]
        if _CHAPTER.fullmatch(line):
            level = 1 if _TOP_LEVEL.match(line) else 2
            return Block(BlockKind.HEADING, start, end, level)
        if index == 0 and _looks_like_title(line) and end < len(text):
            return Block(BlockKind.HEADING, start, end, 1)
    return Block(BlockKind.PARAGRAPH, start, end)


def _looks_like_title(line: str) -> bool:
    return len(line) <= _MAX_TITLE and line[-1] not in _NO_TITLE_END
