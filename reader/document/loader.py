"""`load()` and `load_text()`: from a source to a `Document`.

Invariant: whatever the format, the returned document's blocks and sentences
are sorted, do not overlap, and index `Document.text` (`0 <= start < end <=
len(text)`); every sentence lies inside one block. Code blocks get one
sentence per line and a rule one sentence, so every visible character
belongs to exactly one sentence. The text holds no C0 or C1 control but
`\\n` and `\\t` (each replaced one-for-one, so offsets hold), and the title,
source and date are one line each with no control at all: an escape sequence
in a title must not reach the terminal's title bar or clipboard.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from reader.document.decode import decode, normalise_newlines
from reader.document.fetch import RawInput, is_url, read_source, url_path
from reader.document.model import Block, BlockKind, Document, InlineStyle, Sentence
from reader.document.plaintext import parse_plain
from reader.document.sentences import split_lines, split_sentences
from reader.errors import InputError
from reader.safe_text import one_line, same_length

FORMATS = ("markdown", "text", "html")
MAX_CHARS = {"markdown": 10 * 2**20, "html": 4 * 2**20}
"""Laying out Markup costs far more per character than plain text (64 MB, `fetch.MAX_BYTES`):
these limits keep a load within a few seconds and a few hundred MB."""
_FORMAT_NAMES = {"markdown": "Markdown", "html": "HTML"}
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/markdown": "markdown"}
_FRONT_MATTER = re.compile(rb"---[ \t]*\r?\n(?:.*\r?\n)*?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)")
_MARKDOWN_LINE = re.compile(
    rb"^(?:#{1,6}[ \t]+\S|```|~~~|[-*+][ \t]+\[[ xX]\][ \t])|\[[^\]\n]+\]\((?:https?:|/|#)",
    re.MULTILINE,
)


def load(source: str) -> Document:
    """Load a document from a file path, `-` (stdin) or an http(s) URL.

    Args:
        source: Where to read from.

    Returns:
        The parsed document.

    Raises:
        InputError: The source cannot be read, decoded or understood (one-line message).
    """
    raw = read_source(source)
    fmt = _CONTENT_TYPES.get(raw.content_type) or guess_format(raw.source, raw.data)
    return _parse(_decode(raw), source=raw.source, fmt=fmt, name=source)


def load_text(raw: bytes | str, *, source: str, fmt: str | None = None) -> Document:
    """Parse in-memory content as if it had been read from `source`.

    Args:
        raw: The content, as bytes (decoded like a file) or text.
        source: The path, URL or `-` it stands for (format guess, messages, title).
        fmt: `markdown`, `text` or `html`; guessed from `source` and content when None.

    Returns:
        The parsed document.

    Raises:
        InputError: The content is binary, empty or has no readable text.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    text = decode(raw, source=source) if isinstance(raw, bytes) else normalise_newlines(raw)
    head = raw[:4096] if isinstance(raw, bytes) else raw[:4096].encode("utf-8", "replace")
    return _parse(text, source=source, fmt=fmt or guess_format(source, head), name=source)


def guess_format(source: str, head: bytes) -> str:
    """The format from the extension, else sniffed from the content (HTML, Markdown, text)."""
    fmt = _EXTENSIONS.get(PurePosixPath(url_path(source)).suffix.lower())
    if fmt:
        return fmt
    start = head[:2048].lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]:
        return "html"
    if looks_like_markdown(head) and not _has_text_extension(source):
        return "markdown"
    return "text"


def looks_like_markdown(head: bytes) -> bool:
    """Whether content with no telling name reads as Markdown.

    YAML front matter at the very start, or ATX headings, code fences,
    task items or inline links in the first few KB: marks that plain prose
    does not make by accident.
    """
    start = head[:4096].lstrip(b"\xef\xbb\xbf")
    if _FRONT_MATTER.match(start):
        return True
    return len(_MARKDOWN_LINE.findall(start)) >= 2 or start.startswith(b"# ")


def _has_text_extension(source: str) -> bool:
    return PurePosixPath(url_path(source)).suffix.lower() in (".txt", ".text")


def _decode(raw: RawInput) -> str:
    return decode(raw.data, source=raw.source, declared=raw.charset)


def _parse(text: str, *, source: str, fmt: str, name: str) -> Document:
    if not text.strip():
        raise InputError(f"{name} is empty" + (" (only whitespace)" if text else ""))
    limit = MAX_CHARS.get(fmt)
    if limit is not None and len(text) > limit:
        raise InputError(
            f"{name} is too large to lay out as {_FORMAT_NAMES[fmt]} ({len(text) / 2**20:.0f} MB; "
            f"the limit is {limit // 2**20} MB); as a .txt file it is read as plain text"
        )
    if fmt == "markdown":
        doc = _from_markdown(text, source)
    elif fmt == "html":
        doc = _from_html(text, source)
    else:
        doc = _from_plain(text, source)
    if not doc.blocks:
        raise InputError(f"no readable text found in {name}")
    return doc


def _from_plain(raw: str, source: str) -> Document:
    result = parse_plain(raw)
    meta = result.meta
    return _document(
        result.text,
        result.blocks,
        title=meta.get("title") or result.title or _stem(source),
        source=meta.get("source") or meta.get("url") or source,
        date=meta.get("date", ""),
        fmt="text",
    )


def _from_markdown(raw: str, source: str) -> Document:
    # Imported on demand: markdown-it and yaml cost start-up time plain text never needs.
    from reader.document.markdown import parse_markdown

    result = parse_markdown(raw)
    text = result.builder.text()
    meta = result.meta
    first_line = text.split("\n", 1)[0].strip()[:120]
    return _document(
        text,
        result.builder.blocks,
        title=meta.get("title") or result.first_h1 or first_line or _stem(source),
        source=meta.get("source") or meta.get("url") or source,
        date=meta.get("date", ""),
        fmt="markdown",
        styles=result.builder.styles,
    )


def _from_html(raw: str, source: str) -> Document:
    from reader.document.html import parse_html

    result = parse_html(raw, source=source)
    text = result.builder.text()
    meta = result.meta
    return _document(
        text,
        result.builder.blocks,
        title=meta.get("title") or text.split("\n", 1)[0][:120],
        source=source if is_url(source) else meta.get("url") or source,
        date=meta.get("date", ""),
        fmt="html",
        styles=result.builder.styles,
    )


def _document(
    text: str,
    blocks: list[Block],
    *,
    title: str,
    source: str,
    date: str,
    fmt: str,
    styles: list[InlineStyle] | None = None,
) -> Document:
    return Document(
        text=same_length(text),
        title=clean_meta(title),
        source=clean_meta(source),
        date=clean_meta(date),
        format=fmt,
        blocks=tuple(blocks),
        sentences=tuple(block_sentences(text, blocks)),
        styles=tuple(sorted(styles or [], key=lambda s: (s.start, -s.end))),
    )


def clean_meta(value: str) -> str:
    """A metadata value as one line without controls (shown as pictures) or runs of spaces."""
    return " ".join(one_line(value).split())


def block_sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    """Sentences of every block, in order; code per line, a rule as one sentence."""
    sentences: list[Sentence] = []
    for block in blocks:
        if block.kind is BlockKind.CODE:
            sentences.extend(split_lines(text, block.start, block.end))
        elif block.kind is BlockKind.RULE:
            sentences.append(Sentence(block.start, block.end))
        else:
            sentences.extend(split_sentences(text, block.start, block.end))
    return sentences


def _stem(source: str) -> str:
    if source == "-":
        return "standard input"
    return PurePosixPath(url_path(source)).stem or source
