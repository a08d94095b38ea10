"""What a format is: how to recognise its bytes and how to parse them into a `Parsed`.

Invariant: a format's `parse` gets the raw bytes exactly as read (text
formats decode for themselves through `decode_text`, binary formats never
see text), raises only `InputError` for bad input, and returns spans that
index `Parsed.text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from reader.document.decode import decode
from reader.document.fetch import url_path
from reader.document.model import Block, InlineStyle
from reader.errors import InputError
from reader.safe_text import without_colours

SNIFF_BYTES = 4096
"""How much of the start of the content sniffers look at."""


@dataclass(frozen=True)
class Origin:
    """Where content came from and what the transport said about it."""

    source: str
    """The path, `-` or final URL (for the document's source and messages)."""
    name: str = ""
    """What the user asked for, for messages (the URL before redirects); `source` when empty."""
    charset: str | None = None
    """The charset the HTTP header declared, if any."""
    text: str | None = None
    """The content already decoded, when the caller had text rather than bytes."""

    @property
    def label(self) -> str:
        """The name to use in messages."""
        return self.name or self.source


@dataclass(frozen=True)
class Parsed:
    """A format's result: the canonical text, its structure and the metadata it found."""

    text: str
    blocks: list[Block]
    styles: list[InlineStyle] = field(default_factory=list)
    title: str = ""
    """The best title the content offers; empty: the loader uses the file name."""
    source: str = ""
    """A source the content names (metadata); empty: where it was read from."""
    date: str = ""
    pages: tuple[int, ...] = ()
    """Paged formats (PDF): the offset in `text` where each page starts; else empty."""


@dataclass(frozen=True)
class Format:
    """One input format, as registered in `reader.document.formats.REGISTRY`."""

    name: str
    """The `Document.format` value and the `fmt=` name (`markdown`, `text`, `html`)."""
    sniff: Callable[[bytes, str | None], bool]
    """Whether content whose name and content type did not decide looks like this format."""
    parse: Callable[[bytes, Origin], Parsed]
    """Parse the raw bytes; `InputError` when they are not readable as this format."""
    extensions: tuple[str, ...] = ()
    """Lower-case file name suffixes (`.md`) that choose this format outright."""
    content_types: tuple[str, ...] = ()
    """HTTP content types (`text/html`) that choose this format outright."""
    max_bytes: int | None = None
    """Larger inputs are refused before parsing (layout cost); None: only the read limit."""
    label: str = ""
    """The name in messages ("Markdown"); `name` when empty."""


def suffix(name: str | None) -> str:
    """The lower-case extension of a path or URL path (`.md`), or empty."""
    return PurePosixPath(url_path(name)).suffix.lower() if name else ""


def decode_text(raw: bytes, origin: Origin) -> str:
    """The content as normalised text, refusing binary and empty content (for text formats)."""
    if origin.text is not None:
        text = origin.text
    else:
        text = decode(raw, source=origin.source, declared=origin.charset)
    text = without_colours(text)
    if not text.strip():
        raise InputError(f"{origin.label} is empty" + (" (only whitespace)" if text else ""))
    return text
