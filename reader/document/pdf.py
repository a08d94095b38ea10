"""PDF: the text layer, in content order, joined into headings and paragraphs with pypdf.

Invariant: lines are rebuilt from pypdf's text fragments (position and font
size); a line set larger than the body text is a heading, a vertical gap, a
short line ending a sentence or a page ending one ends a paragraph. Line-end
hyphens before a lower-case letter are removed, lines repeated at the top or
bottom of most pages (running headers, footers) and page numbers are dropped.
`Pdf.pages` holds where each page's text starts. A scan (no text), a
password and a broken file are one `InputError` line each; cost is bounded
by the page count. pypdf is imported on first use.
"""

from __future__ import annotations

import logging
import re
import statistics
import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reader.document.builder import SEPARATOR
from reader.document.model import Block, BlockKind
from reader.errors import InputError

MAX_PAGES = 3000
"""More pages than this is refused (extraction costs some milliseconds a page)."""
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-–(\[]?\s*\d{1,5}\s*[-–)\]]?(?:\s*(?:of|/)\s*\d{1,5})?", re.I
)
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]]$")
_HEADING_RATIO = 1.15
"""A line this much larger than the body size is a heading."""


@dataclass
class Line:
    """One line of a page: its text, baseline height and font size."""

    text: str
    y: float
    size: float


@dataclass
class Pdf:
    """The document's text, blocks, page start offsets and title."""

    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    title: str = ""
    date: str = ""
    page_count: int = 0
    """The pages in the file (more than `len(pages)` when only the first were read)."""


def read_pdf(raw: bytes, label: str, *, first: int | None = None) -> Pdf:
    """Extract the text layer of the PDF in `raw`; `InputError` (one line) if there is none.

    ``first``: read only the first pages (the head of a long PDF,
    `reader.document.paged_head`), by the same rules as the whole file; running
    headers are then those most of these pages repeat.
    """
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages, meta, count = _extract(raw, label, first)
    finally:
        logger.setLevel(level)
    if not any(pages):
        raise InputError(f"{label}: no text layer: this PDF is scanned images")
    kept = _drop_running(pages)
    pdf = _assemble(kept if any(kept) else pages)
    info_title = " ".join(str(meta.get("/Title") or "").split())
    pdf.title = info_title or _first_heading(pdf) or pdf.text.split("\n", 1)[0][:120]
    date = str(meta.get("/CreationDate") or "")
    match = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", date)
    pdf.date = "-".join(match.groups()) if match else ""
    pdf.page_count = count
    return pdf


def _extract(
    raw: bytes, label: str, first: int | None
) -> tuple[list[list[Line]], dict[str, Any], int]:
    import io

    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{label}: this PDF is encrypted and needs a password")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise InputError(f"{label}: {count} pages is too many (the limit is {MAX_PAGES})")
        read = reader.pages if first is None or first >= count else reader.pages[:first]
        pages = [_lines(page) for page in read]
        meta = dict(reader.metadata or {})
    except InputError:
        raise
    except pypdf.errors.FileNotDecryptedError as error:
        raise InputError(f"{label}: this PDF is encrypted and needs a password") from error
    except pypdf.errors.DependencyError as error:
        raise InputError(f"{label}: this PDF is encrypted ({error})") from error
    except Exception as error:  # pypdf raises many kinds on hostile input
        reason = " ".join(str(error).split())[:120] or type(error).__name__
        raise InputError(f"{label}: not a valid PDF: {reason}") from error
    return pages, meta, count


def _lines(page: Any) -> list[Line]:
    """The page's lines from pypdf's fragments, in content order."""
    lines: list[Line] = []
    current: list[Line] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if "\n" in text and current:
            lines.append(current.pop())
        text = text.replace("\n", " ")
        if not text.strip():
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * ((cm[2] ** 2 + cm[3] ** 2) ** 0.5 or 1.0)
        height = abs(size * scale) or abs(size) or 1.0
        if current and abs(current[0].y - y) <= height * 0.5:
            current[0].text += text
        else:
            if current:
                lines.append(current.pop())
            current.append(Line(text, y, height))

    page.extract_text(visitor_text=visit)
    lines.extend(current)
    for line in lines:
        line.text = " ".join(line.text.split())
    return [line for line in lines if line.text]


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _drop_running(pages: list[list[Line]]) -> list[list[Line]]:
    """Without page numbers and the lines most pages repeat at their top or bottom."""
    edges = Counter(
        key for lines in pages for key in {_key(x.text) for x in (*lines[:2], *lines[-2:])}
    )
    threshold = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in edges.items() if n >= threshold}
    kept: list[list[Line]] = []
    for lines in pages:
        edge = {id(x) for x in (*lines[:2], *lines[-2:])}
        kept.append(
            [
                x
                for x in lines
                if id(x) not in edge
                or (_key(x.text) not in running and not _PAGE_NUMBER.fullmatch(x.text))
            ]
        )
    return kept


def _assemble(pages: list[list[Line]]) -> Pdf:
    body_lines = [x for lines in pages for x in lines]
    sizes = Counter(round(x.size, 1) for x in body_lines for _ in range(len(x.text)))
    body = sizes.most_common(1)[0][0]
    gaps = [
        a.y - b.y
        for lines in pages
        for a, b in zip(lines, lines[1:], strict=False)
        if abs(a.size - body) < 0.5 and abs(b.size - body) < 0.5 and 0 < a.y - b.y < body * 3
    ]
    leading = statistics.median(gaps) if gaps else body * 1.2
    lengths = sorted(len(x.text) for x in body_lines if abs(x.size - body) < 0.5)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 0
    pdf = Pdf()
    parts: list[str] = []
    pos = 0
    block: list[str] = []
    kind = BlockKind.PARAGRAPH
    prev: Line | None = None

    def flush() -> None:
        nonlocal pos, block
        if not block:
            return
        text = _join(block)
        if pdf.blocks:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        start = pos
        parts.append(text)
        pos += len(text)
        level = 1 if kind is BlockKind.HEADING else 0
        pdf.blocks.append(Block(kind, start, pos, level))
        block = []

    for lines in pages:
        pdf.pages.append(-1)
        for i, line in enumerate(lines):
            heading = line.size >= body * _HEADING_RATIO
            this = BlockKind.HEADING if heading else BlockKind.PARAGRAPH
            if prev is not None and (
                this is not kind or _breaks(prev, line, i == 0, leading, full, heading)
            ):
                flush()
            kind = this
            block.append(line.text)
            if pdf.pages[-1] < 0:
                start = pos + (len(SEPARATOR) if pdf.blocks else 0)
                pdf.pages[-1] = start + len(_join(block)) - len(line.text)
            prev = line
    flush()
    pdf.text = "".join(parts)
    ends = list(pdf.pages)
    for i in range(len(ends) - 1, -1, -1):  # a page without text starts where the next does
        if ends[i] < 0:
            ends[i] = ends[i + 1] if i + 1 < len(ends) else len(pdf.text)
    pdf.pages = [min(max(p, 0), len(pdf.text)) for p in ends]
    return pdf


def _breaks(
    prev: Line, line: Line, new_page: bool, leading: float, full: int, heading: bool
) -> bool:
    """Whether `line` starts a new block after `prev`."""
    if heading:
        gap = prev.y - line.y
        return abs(prev.size - line.size) > 0.5 or new_page or gap > line.size * 1.6 or gap < 0
    ends = bool(_ENDS_SENTENCE.search(prev.text))
    if new_page:
        return ends and len(prev.text) < full * 0.8
    gap = prev.y - line.y
    return gap > leading * 1.4 or gap < 0 or (ends and len(prev.text) < full * 0.75)


def _join(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if len(out) > 1 and out.endswith("-") and out[-2].isalpha() and line[:1].islower():
            out = out[:-1] + line
        else:
            out = out + " " + line
    return out


def _first_heading(pdf: Pdf) -> str:
    for block in pdf.blocks[:3]:
        if block.kind is BlockKind.HEADING:
            return pdf.text[block.start : block.end][:120]
    return ""
