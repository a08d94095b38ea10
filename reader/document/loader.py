"""`load()` and `load_text()`: from a source to a `Document`.

`load()` reads the bytes once (file, stdin or URL), `formats.choose()` picks
the format from them (content type, extension, sniffing), the format parses
its own bytes, and `build()` makes the `Document` the same way for all.

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

from pathlib import PurePosixPath

from reader.document import formats
from reader.document.decode import normalise_newlines
from reader.document.fetch import RawInput, read_source, url_path
from reader.document.formats import Format, Origin, Parsed
from reader.document.formats.base import SNIFF_BYTES
from reader.document.model import Block, BlockKind, Document, Sentence
from reader.document.sentences import split_lines, split_sentences
from reader.errors import InputError
from reader.safe_text import one_line, same_length

FORMATS = formats.names()
"""The format names `load_text(fmt=...)` accepts."""


def load(source: str) -> Document:
    """Load a document from a file path, `-` (stdin) or an http(s) URL.

    Args:
        source: Where to read from.

    Returns:
        The parsed document.

    Raises:
        InputError: The source cannot be read, decoded or understood (one-line message).
    """
    return load_raw(read_source(source), source)


def load_raw(raw: RawInput, name: str) -> Document:
    """Parse bytes already read by `read_source` (for a caller that looked at them first)."""
    fmt = formats.choose(raw.data, raw.source, raw.content_type)
    return build(fmt, raw.data, Origin(raw.source, name=name, charset=raw.charset))


def load_text(raw: bytes | str, *, source: str, fmt: str | None = None) -> Document:
    """Parse in-memory content as if it had been read from `source`.

    Args:
        raw: The content, as bytes (decoded like a file) or text.
        source: The path, URL or `-` it stands for (format guess, messages, title).
        fmt: A registered format name (`markdown`, `text`, `html`); chosen from
            `source` and the content when None.

    Returns:
        The parsed document.

    Raises:
        InputError: The content is binary, empty or has no readable text.
        ValueError: `fmt` names no registered format.
    """
    chosen = formats.by_name(fmt) if fmt is not None else None
    if isinstance(raw, str):
        text = normalise_newlines(raw)
        data, origin = b"", Origin(source, text=text)
        head = raw[:SNIFF_BYTES].encode("utf-8", "replace")
    else:
        data, origin, head = raw, Origin(source), raw
    chosen = chosen or formats.choose(head, source)
    return build(chosen, data, origin, size=len(raw))


def build(fmt: Format, raw: bytes, origin: Origin, *, size: int | None = None) -> Document:
    """Parse `raw` with `fmt` and make the document (size limit, cleaning, sentences)."""
    size = len(raw) if size is None else size
    if fmt.max_bytes is not None and size > fmt.max_bytes:
        raise InputError(
            f"{origin.label} is too large to lay out as {fmt.label or fmt.name} "
            f"({size / 2**20:.0f} MB; the limit is {fmt.max_bytes // 2**20} MB); "
            "as a .txt file it is read as plain text"
        )
    parsed = fmt.parse(raw, origin)
    if not parsed.blocks:
        raise InputError(f"no readable text found in {origin.label}")
    return _document(parsed, fmt.name, origin.source)


def _document(parsed: Parsed, fmt: str, source: str) -> Document:
    text = same_length(parsed.text)
    return Document(
        text=text,
        title=clean_meta(parsed.title or _stem(source)),
        source=clean_meta(parsed.source or source),
        date=clean_meta(parsed.date),
        format=fmt,
        blocks=tuple(parsed.blocks),
        sentences=tuple(block_sentences(text, parsed.blocks)),
        styles=tuple(sorted(parsed.styles, key=lambda s: (s.start, -s.end))),
        pages=parsed.pages,
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
