"""What crosses between the reader and its analysis child: the document, packed and
streamed, the entities and claims as tuples, and the document's fingerprint.

Invariant: plain data only (tuples, strings, ints, one array, bytes); `unpack(pack(d))
== d` and `unpack_found(pack_found(e, c)) == (e, c)` for every document and analysis.
The sender never holds more than `CHUNK` characters of the text in transit.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import fields
from multiprocessing.connection import Connection
from typing import Any

from reader.analysis.model import Claim, Entity
from reader.document.model import Block, BlockKind, Document, InlineKind, InlineStyle, Sentence

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
