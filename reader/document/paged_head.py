"""`load_paged_head()`: the first pages of a long PDF, the first chapters of a long EPUB.

The reading view paints a long PDF or EPUB from its head while `load()` reads
the whole file in a thread (`reader.tui.launch`, as `reader.document.head`
does for long text and Markdown files): extracting 300 PDF pages takes
seconds, the first few take some tens of milliseconds.

Invariant: `load_paged_head` returns None (load eagerly) unless `source` is a
regular local file of at least `MIN_BYTES[format]`, chosen as PDF or EPUB,
within every size limit, readable by that format, and longer than its head
(an EPUB whose one chapter holds most of the book loads whole: its head would
cost nearly as much as the book, parsed twice).
The head is read by the same code as the whole file, stopped early (the first
`HEAD_PAGES` pages; the chapters up to `HEAD_CHARS` characters): an EPUB
head's text is a prefix of the whole text; a PDF head's is too, but for its
last paragraph when that runs on past the last page read, and for a line
the whole file's other pages show to be a running header (the head judges
from its own pages). The place is kept by offset across the swap
(`reader.tui.widgets.late_text`). Any error is left for `load()` to say.

`whole_loader` says how to load the rest: a PDF in a child process at a lower
priority (`load_in_child`: pypdf is pure Python and would hold the interpreter
lock for seconds, so every key would wait for it) unless its text is cached
(`reader.document.pdf_cache`), anything else with `load()`.
"""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reader.document import formats
from reader.document.fetch import MAX_BYTES, is_url
from reader.document.formats import Origin, Parsed, epub, pdf
from reader.document.formats.base import SNIFF_BYTES
from reader.document.loader import build, load
from reader.document.model import Document
from reader.errors import InputError

HEAD_PAGES = 6
"""PDF pages read for the first paint (~9 ms a page of text): several screens."""
HEAD_CHARS = 48_000
"""EPUB text read for the first paint: whole chapters until there is this much."""
MIN_BYTES = {"pdf": 64 * 1024, "epub": 64 * 1024}
"""Smaller files load whole before the first paint (~15 PDF pages, ~0.15 s; an EPUB's
text is some 3x its compressed size, ~0.1 s)."""
_HEADS: dict[str, Callable[[bytes, Origin], Parsed | None]] = {
    "pdf": lambda raw, origin: pdf.parse_head(raw, origin, HEAD_PAGES),
    "epub": lambda raw, origin: epub.parse_head(raw, origin, HEAD_CHARS),
}


def _one_big_chapter(raw: bytes) -> bool:
    """Whether one (X)HTML member holds most of the EPUB's (as the zip declares: a guess,
    for choosing only; `reader.document.epub` reads under its own budget)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            sizes = [
                info.file_size
                for info in book.infolist()
                if info.filename.lower().endswith((".xhtml", ".html", ".htm"))
            ]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return True  # `load()` names the problem
    return not sizes or max(sizes) * 2 > sum(sizes)


class _AllOfIt(Exception):
    """The head would be the whole document: load it eagerly instead."""


def load_paged_head(source: str) -> Document | None:
    """The first pages or chapters of ``source`` as a document, or None to load it whole."""
    if source == "-" or is_url(source):
        return None
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not info.st_size <= MAX_BYTES:
                return None
            sniff = handle.read(SNIFF_BYTES)
            fmt = formats.choose(sniff, source)
            if fmt.name not in _HEADS or info.st_size < MIN_BYTES[fmt.name]:
                return None
            raw = sniff + handle.read()
    except OSError:
        return None  # `load()` says what is wrong, in its own words
    if fmt.name == "epub" and _one_big_chapter(raw):
        return None  # its head would be most of the book: parse it once, whole
    head_of = _HEADS[fmt.name]

    def parse(data: bytes, origin: Origin) -> Parsed:
        parsed = head_of(data, origin)
        if parsed is None:
            raise _AllOfIt
        return parsed

    try:
        return build(replace(fmt, parse=parse), raw, Origin(source, name=source))
    except (InputError, _AllOfIt):
        return None


def whole_loader(head: Document) -> Callable[[str], Document]:
    """How to load the whole document ``head`` is the head of (see the module doc)."""
    return load_pdf if head.format == "pdf" else load


def load_pdf(source: str) -> Document:
    """A PDF whose text is cached loads here (no pypdf to hold the lock), else in a child."""
    from reader.document.pdf_cache import holds

    try:
        cached = holds(Path(source).read_bytes())
    except OSError:
        cached = False
    return load(source) if cached else load_in_child(source)


_CHILD = """
import os, pickle, sys
try:
    os.nice(10)
except (OSError, AttributeError):
    pass
from reader.document import load
from reader.errors import InputError
try:
    out = ("document", load(sys.argv[1]))
except InputError as error:
    out = ("error", str(error))
sys.stdout.buffer.write(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
"""


def load_in_child(source: str) -> Document:
    """`load(source)` in a child Python process at a lower priority (nice 10).

    Raises:
        InputError: The source could not be read (the child's own message), or the
            child failed.
    """
    package_root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, path) if p)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, source],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        check=False,
    )
    try:  # our own child's output, never outside data
        kind, value = pickle.loads(done.stdout)
    except Exception as error:  # noqa: BLE001 - a dead child: say so in one line
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise InputError(f"loading {source} failed in a child process ({last[0][:120]})") from error
    if kind == "error":
        raise InputError(str(value))
    if not isinstance(value, Document):
        raise InputError(f"loading {source} failed in a child process")
    return value
