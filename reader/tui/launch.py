"""Start the reader on a source: load first, then run the app.

Invariant: the document is loaded before Textual starts, so a bad input
raises `InputError` to the CLI (one line on stderr, exit 1) and the terminal
is never switched to the app for a file that cannot be read. A long local
book is the exception in part: its head (`reader.document.head`, which
checks the same size limits) is loaded before, the whole text after the
first frame.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from typing import TYPE_CHECKING

from reader.crash_log import crash_line
from reader.errors import InputError

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp
    from reader.tui.panel.early_child import EarlyChild

USAGE = "usage: reader [-h] [--version] [--db PATH] PATH|URL|-"


def launch(source: str | None, *, db: str | None = None) -> int:
    """Open ``source`` in the reader and return the exit code.

    Args:
        source: A file path, an http(s) URL, ``-`` for stdin, or None.
        db: A note store path for this run, or None for the default.

    Returns:
        0 when the reader was closed normally (without a source: the library).

    Raises:
        InputError: The source could not be read or understood.
    """
    if source is None:  # the library of articles read before (issue 5)
        from reader.tui.app import ReaderApp

        return _run(ReaderApp(None, db=db))
    # Start-up allocates ~100k long-lived objects (modules, the document's
    # spans); the collector would scan them again and again for nothing.
    # Paused until the first frame is shown (ReaderApp.on_ready): ~40 ms on 3 MB.
    gc.disable()
    try:
        app = prepare(source, db=db)
        if source == "-":
            _keys_from_terminal()
        gc.freeze()  # what start-up built lives as long as the process
        return _run(app)
    finally:
        gc.enable()


def _run(app: ReaderApp) -> int:
    """Run ``app``; after a crash (logged by the app) say so in one line and return 1."""
    app.run()
    if app.crash is not None:
        error, log = app.crash
        print(crash_line(error, log), file=sys.stderr)
        return 1
    return app.return_code or 0


def _keys_from_terminal() -> None:
    """The article came through a pipe on stdin: read the keys from the terminal.

    Textual reads keys from file descriptor 0, which is the drained pipe now.

    Raises:
        InputError: There is no terminal to read keys from.
    """
    if os.isatty(0):
        return
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError as error:
        raise InputError("standard input was read, but there is no terminal for keys") from error
    os.dup2(terminal, 0)
    os.close(terminal)


def prepare(source: str, *, db: str | None = None) -> ReaderApp:
    """Load ``source`` and build the app for it, without running it.

    Raises:
        InputError: The source could not be read or understood.
    """
    from functools import partial

    from reader.document.feed_sniff import file_looks_like_feed, looks_like_feed
    from reader.document.fetch import read_source
    from reader.document.head import load_head
    from reader.document.loader import load_raw
    from reader.document.paged_head import load_paged_head, whole_loader
    from reader.notes.peek import saved_position

    # A long local book (text, Markdown; PDF, EPUB) paints from its head; the whole text
    # loads in a thread after the first frame. A saved place past the head: load first.
    columns, rows = shutil.get_terminal_size()
    head = None
    if not file_looks_like_feed(source):
        head = load_head(source, columns * rows) or load_paged_head(source)
    if head is not None:
        position = saved_position(db, source, head.text, length=2**62)
        if position < len(head.text):
            early = _analysis_child(source, head.format)
            from reader.tui.app import ReaderApp

            whole = partial(whole_loader(head), source)
            return ReaderApp(
                head, db=db, origin=source, position=position, whole=whole, early=early
            )
    raw = read_source(source)
    if source != "-" and looks_like_feed(raw.data, raw.content_type):
        # A feed is a list of articles, never one: its own screen (items, read marks).
        from reader.feeds.parse import parse_feed
        from reader.tui.app import ReaderApp

        return ReaderApp(None, db=db, feed=parse_feed(raw.data, raw.source), origin=source)
    document = load_raw(raw, source)
    from reader.tui.app import ReaderApp

    position = saved_position(db, source, document.text)
    return ReaderApp(document, db=db, origin=source, position=position)


def _analysis_child(source: str, fmt: str) -> EarlyChild | None:
    """The analysis child of a long local book, given its path and started at the
    first frame (`ReaderApp.on_ready`): it loads and analyses the book on its own while
    the UI reads the rest (the panel then fills about when `reader extract` would have
    ended). Not for a PDF: its text comes from a cache or a child of its own
    (`paged_head.load_pdf`)."""
    if fmt == "pdf":
        return None
    from reader.tui.panel.early_child import EarlyChild

    return EarlyChild(source)
