"""Plain text: metadata header, paragraphs and headings as spans over the text.

Invariant: the canonical text is the decoded file as written, minus a leading
metadata header (`date 2024-10-26 ...`, `Title: ...` lines); it is never
re-flowed, so a paragraph block may contain the file's hard-wrap `\\n`s.
Blocks are the runs of non-blank lines, without surrounding whitespace; a run
whose lines start with "- ", "* " or "1. " is a list, one block per item; a
line of one repeated symbol ("* * *", "----") is a rule, its text as written.
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
_RULE_CHARS = frozenset("-*_=~•#")
# A scene break or rule: three or more of one symbol, optionally spaced ("* * *").
_RULE = re.compile(r"([-*_=~•#])(?:[ \t]*\1){2,}")
_LIST_FIRST_CHARS = frozenset("-*•0123456789")
_MARK = r"(?:[-*•]|(?P<number>\d{1,3})[.)])[ \t]+(?=\S)"
_ITEM_MARK = re.compile(_MARK)
_NEXT_ITEM_MARK = re.compile(r"\n([ \t]*)" + _MARK)
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
        if text[start] in _RULE_CHARS and _RULE.fullmatch(text, start, end):
            blocks.append(Block(BlockKind.RULE, start, end))
        elif text[start] in _LIST_FIRST_CHARS and (items := _list_items(text, start, end)):
            blocks.extend(items)
        elif end - start <= _MAX_HEADING and text.find("\n", start, end) < 0:
            blocks.append(_one_line(text, start, end, first=not blocks))
        else:
            blocks.append(Block(paragraph, start, end))
    return blocks


def _list_items(text: str, start: int, end: int) -> list[Block]:
    """Split a paragraph that starts with "- ", "* ", "• " or "3. " into list items.

    The marker stays in the text (it is the file as written) but outside the
    item's span; `Block.marker` carries it for the view. Lines without a marker
    continue the item above; deeper indentation means a deeper level.
    """
    first = _ITEM_MARK.match(text, start, end)
    if first is None:
        return []
    indent = start - (text.rfind("\n", 0, start) + 1)
    marks = [(start, indent, first)]
    for line in _NEXT_ITEM_MARK.finditer(text, start, end):
        marks.append((line.start() + 1, len(line.group(1)), line))
    indents = sorted({indent for _, indent, _ in marks})
    items: list[Block] = []
    for index, (_, indent, mark) in enumerate(marks):
        item_end = marks[index + 1][0] if index + 1 < len(marks) else end
        while text[item_end - 1].isspace():
            item_end -= 1
        number = mark.group("number")
        items.append(
            Block(
                BlockKind.LIST_ITEM,
                mark.end(),
                item_end,
                indents.index(indent) + 1,
                f"{number}." if number else "•",
            )
        )
    return items


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
