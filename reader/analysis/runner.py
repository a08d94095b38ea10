"""Run the analysis in a child process, so a long one never holds the UI's GIL.

Invariant: plain Python (no Textual: it lives with the analysis, not the UI); the
child (which may be started before the document is known: `Child`) says it is ready,
gets the `Document` (streamed: `send_document`), sends back progress fractions and
then exactly one outcome (the `Analysis`, a user-facing `ReaderError` message, or the
name of an unexpected exception); the parent can stop it at any time and the child is
always reaped. The parent never holds more than `CHUNK` characters of the text in
transit: the UI process of a 30 MB book must not keep a second copy of it.

A child given the document's path loads it itself, as soon as it has started, and
analyses it without waiting for the parent: it says so with the document's
`fingerprint` in place of "ready". The parent uses that analysis only if its own
document has the same fingerprint (the file may have changed between the two reads);
otherwise it stops that child and sends its document to a new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import queue
import sys
from array import array
from collections.abc import Callable
from dataclasses import fields
from multiprocessing import resource_tracker
from multiprocessing.connection import Connection
from typing import Any

from reader.analysis.model import Analysis, Claim, Entity, ProgressCallback
from reader.document.model import Block, BlockKind, Document, InlineKind, InlineStyle, Sentence
from reader.errors import AnalysisError, ReaderError

POLL = 0.05
"""Seconds between checks for cancellation while waiting on the child."""


class Stopped(Exception):
    """The caller asked the analysis to stop."""


Packed = tuple[str, str, str, str, str, list[tuple[Any, ...]], "array[int]", list[tuple[Any, ...]]]
"""A `Document` as plain tuples and one array: what crosses to the child.

Pickling the dataclasses themselves cost 186 ms for War and Peace (30,848
sentences), holding the interpreter lock in the UI process right after the
first frame, so keys waited; packed, 14 ms. The child sends back the
entities and claims only, never the document again (296 ms less to unpickle).
"""


def pack(document: Document) -> Packed:
    """`document` in the form the child receives."""
    spans = array("q")
    for sentence in document.sentences:
        spans.append(sentence.start)
        spans.append(sentence.end)
    return (
        document.text,
        document.title,
        document.source,
        document.date,
        document.format,
        [(b.kind.value, b.start, b.end, b.level, b.marker) for b in document.blocks],
        spans,
        [(s.kind.value, s.start, s.end, s.href) for s in document.styles],
    )


CHUNK = 1 << 20
"""Characters of the text per message to the child. The whole text in one queue item
was pickled into a buffer that multiprocessing's feeder thread kept until the queue
closed: 74 MB of a 30 MB book's UI process for the whole analysis."""


def send_document(conn: Connection, document: Document) -> None:
    """Send `document` down `conn`: `pack`'s tuple with the text's length in the text's
    place, then the text as UTF-8 in pieces of `CHUNK` characters (`receive_document`).
    Blocks while the reader does not read (call it once the child is waiting)."""
    text, *rest = pack(document)
    conn.send((len(text), *rest))
    for start in range(0, len(text), CHUNK):
        conn.send_bytes(text[start : start + CHUNK].encode("utf-8", "surrogatepass"))


def receive_document(conn: Connection) -> Document:
    """The document `send_document` sent.

    Raises:
        EOFError: The sender closed the pipe first.
    """
    length, *rest = conn.recv()
    parts: list[str] = []
    received = 0
    while received < length:
        part = conn.recv_bytes().decode("utf-8", "surrogatepass")
        parts.append(part)
        received += len(part)
    return unpack(("".join(parts), *rest))


def unpack(packed: Packed) -> Document:
    """The `Document` that `pack` packed."""
    text, title, source, date, fmt, blocks, spans, styles = packed
    return Document(
        text=text,
        title=title,
        source=source,
        date=date,
        format=fmt,
        blocks=tuple(Block(BlockKind(k), s, e, level, marker) for k, s, e, level, marker in blocks),
        sentences=tuple(Sentence(spans[i], spans[i + 1]) for i in range(0, len(spans), 2)),
        styles=tuple(InlineStyle(InlineKind(k), s, e, href) for k, s, e, href in styles),
    )


_ENTITY_FIELDS = tuple(f.name for f in fields(Entity))
_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
Found = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]
"""Entities and claims as tuples of their fields (strings, ints, tuples): what comes back.

Unpickling the dataclasses themselves (1,607 entities, 8,037 claims for War and
Peace) cost 45-90 ms in the UI process, holding the interpreter lock as the
panel was about to fill; these tuples unpickle and rebuild in ~30 ms.
"""


def pack_found(entities: tuple[Entity, ...], claims: tuple[Claim, ...]) -> Found:
    """An analysis's entities and claims in the form the child sends back."""
    return (
        [tuple(getattr(entity, name) for name in _ENTITY_FIELDS) for entity in entities],
        [tuple(getattr(claim, name) for name in _CLAIM_FIELDS) for claim in claims],
    )


def unpack_found(found: Found) -> tuple[tuple[Entity, ...], tuple[Claim, ...]]:
    """The entities and claims that `pack_found` packed."""
    entities, claims = found
    return tuple(Entity(*row) for row in entities), tuple(Claim(*row) for row in claims)


def fingerprint(document: Document) -> bytes:
    """A digest of everything a loaded document is built from: its text and header.

    The same loader given the same text and format builds the same blocks and
    sentences, so two documents with equal fingerprints analyse the same."""
    digest = hashlib.blake2b(digest_size=20)
    header = (document.title, document.source, document.date, document.format)
    counts = (len(document.text), len(document.blocks), len(document.sentences))
    digest.update(repr((header, counts)).encode("utf-8", "surrogatepass"))
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def _own_copy(path: str | None) -> Document | None:
    """The document at `path`, loaded in the child; None if there is none to load."""
    if path is None:
        return None
    from reader.document import load

    try:
        return load(path)
    except Exception:  # noqa: BLE001 - then the parent sends the document it loaded
        return None


def _child(inbox: Connection, backend: str, out: Any, path: str | None = None) -> None:
    """Child process (a fresh interpreter): warm up; load the document at `path` and
    say so with its fingerprint, or say it is ready and receive the document; analyse
    it and report."""
    from reader.analysis import analyze
    from reader.analysis.heap import paused, tune_for_analysis
    from reader.analysis.workers import warm_up

    # Background work: on a small machine the reader's own process (keys, drawing,
    # wrapping the rest of the text) must win a contended core.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)
    warm_up((backend, None))  # the tables, while the parent may still be loading the text
    tune_for_analysis()
    document = _own_copy(path)
    if document is not None:
        out.put(("loaded", fingerprint(document)))
        inbox.close()
    else:
        out.put(("ready", None))
        try:
            document = receive_document(inbox)
        except (EOFError, OSError):
            return  # the parent closed the pipe: no document is coming
        finally:
            inbox.close()
    try:
        with paused(backend == "rules"):
            analysis = analyze(
                document, backend=backend, progress=lambda f: out.put(("progress", f))
            )
    except ReaderError as error:
        out.put(("error", str(error)))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which shows one line
        out.put(("bug", type(error).__name__))
    else:
        out.put(("done", pack_found(analysis.entities, analysis.claims)))


def ensure_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr.

    Inside Textual `sys.stderr` is a capture object whose `fileno()` is not a
    real descriptor, and spawning the tracker with it fails ("bad value(s) in
    fds_to_keep"); the tracker is started once, so swap stderr just for that.
    """
    real = sys.__stderr__
    if real is None or sys.stderr is real:
        return
    captured, sys.stderr = sys.stderr, real
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


class Child:
    """A child process started before its document is known: its interpreter, imports
    and tables load meanwhile (a long book's whole text is still being read). Given the
    document's `path` (a local file), it loads and analyses the document on its own.
    Give it to `analyse_in_process`, or `close` it."""

    def __init__(self, backend: str = "rules", path: str | None = None) -> None:
        ensure_resource_tracker()
        context = multiprocessing.get_context("spawn")
        self.backend = backend
        receiving, self.inbox = context.Pipe(duplex=False)
        self.out: Any = context.Queue()
        self.process = context.Process(
            target=_child, args=(receiving, backend, self.out, path), daemon=True
        )
        self.process.start()
        receiving.close()  # the child's end: the parent keeps only the sending one

    def close(self) -> None:
        """Stop the child (if it still runs) and reap it."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=2)
        self.inbox.close()
        self.out.close()


def analyse_in_process(
    document: Document,
    progress: ProgressCallback | None = None,
    stopped: Callable[[], bool] = lambda: False,
    backend: str = "rules",
    child: Child | None = None,
) -> Analysis:
    """Analyse `document` in a child process (`child`, started ahead, else a new one),
    reporting progress; raise `Stopped` on request. The child is always closed.

    Raises:
        Stopped: `stopped()` became true; the child was terminated.
        ReaderError: The analysis failed with a message for the user.
        AnalysisError: The child failed unexpectedly (its exception's name is given).
    """
    runner = child if child is not None and child.backend == backend else Child(backend)
    if runner is not child and child is not None:
        child.close()
    try:
        while True:
            if stopped():
                raise Stopped
            try:
                kind, payload = runner.out.get(timeout=POLL)
            except queue.Empty:
                if not runner.process.is_alive() and runner.out.empty():
                    code = runner.process.exitcode
                    raise AnalysisError(
                        f"the analysis process ended unexpectedly (exit code {code})"
                    ) from None
                continue
            if kind == "loaded" and payload != fingerprint(document):  # another text
                runner.close()
                runner = Child(backend)  # it will say "ready" and be sent `document`
            elif kind == "ready":  # it waits on the pipe now: the send never blocks for long
                try:
                    send_document(runner.inbox, document)
                except OSError:
                    continue  # the child died: the next turn says so
            elif kind == "progress" and progress is not None:
                progress(payload)
            elif kind == "done":
                entities, claims = unpack_found(payload)
                return Analysis(document, entities, claims)
            elif kind == "error":
                raise ReaderError(payload)
            elif kind == "bug":
                raise AnalysisError(f"internal error in the analysis ({payload})")
    finally:
        runner.close()
