"""`load_head()`: the first screens of a big local file, parsed in milliseconds.

The reading view paints a long book from its head while `load()` reads the
whole file in the background (see `reader.tui.launch`). The head is a preview,
never the document: it is replaced by `load()`'s result, which is the same as
an eager load, and every position is a text offset kept across the swap.

Invariant: `load_head` returns None (load eagerly) unless `source` is a
regular local file bigger than `LAZY_BYTES`, read as plain text or Markdown (the formats
whose head parses like the whole file; paged and tree formats do not),
within every size limit (so a file `load()` would refuse is refused before the
app starts, as before). The head is the file's first `head_bytes(format, cells)`, cut
at a blank line, parsed by the same format as the whole file: for plain text its
text is a prefix of the whole document's text wherever the charset guess on
the head agrees with the guess on the whole file. Where it does not (UTF-8 up
to the head, a stray Windows-1252 byte later) the head shows its own reading
for a moment and the view keeps the place by offset, which is then near, not
exact; a file with NUL bytes (UTF-16) is never cut.
"""

from __future__ import annotations

import os
import stat

from reader.document import formats
from reader.document.fetch import MAX_BYTES, is_url
from reader.document.formats import Origin
from reader.document.loader import build
from reader.document.model import Document
from reader.errors import InputError

LAZY_BYTES = 512 * 1024
"""Files up to this size load whole before the first paint (it costs < 0.1 s)."""
HEAD_BYTES = {"text": 24 * 1024, "markdown": 12 * 1024}
"""Least bytes parsed for the first paint, by format: a few screens of an ordinary
terminal (Markdown parses ~10x slower than plain text, so it gets fewer). Each KB
parsed, laid out and drawn is ~0.25 ms (text) or ~0.7 ms (Markdown) of the first frame."""
SCREENS = 4
"""A bigger terminal gets this many of its screens' cells in bytes (at most `MAX_HEAD`)."""
MAX_HEAD = 96 * 1024


def head_bytes(fmt: str, cells: int) -> int:
    """Bytes of the head for format ``fmt`` on a terminal of ``cells`` (columns x rows)."""
    return min(MAX_HEAD, max(HEAD_BYTES[fmt], SCREENS * cells))


def load_head(source: str, cells: int = 0) -> Document | None:
    """The first blocks of ``source`` as a document, or None to load it whole first;
    ``cells``: the terminal's columns x rows, if known (the head fills a few screens)."""
    if source == "-" or is_url(source):
        return None
    try:
        info = os.stat(source)
        if not stat.S_ISREG(info.st_mode) or not LAZY_BYTES < info.st_size <= MAX_BYTES:
            return None
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            data = handle.read(MAX_HEAD)
    except OSError:
        return None  # `load()` says what is wrong, in its own words
    if b"\x00" in data:
        return None  # UTF-16 (or binary): a byte cut is no character cut; `load()` decides
    fmt = formats.choose(data, source)
    if fmt.name not in HEAD_BYTES or (fmt.max_bytes and info.st_size > fmt.max_bytes):
        return None
    cut = data.rfind(b"\n\n", 0, head_bytes(fmt.name, cells))
    if cut <= 0:
        return None
    head = data[:cut]
    try:
        return build(fmt, head, Origin(source, name=source), size=len(head))
    except InputError:
        return None
