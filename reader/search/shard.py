"""A postings shard on disk: a small JSON header and one flat array of 64-bit integers.

Invariant: a query decodes only the terms it asks for. The header maps each term to
`[start, rows, count]` in the array, where its rows' lengths come first, then the
rows one after another as `ref, p1 ... pn` (so writing is two C-level `extend`s);
nothing else in the file is parsed (a common word's hundred
thousand positions in JSON took 10 ms to parse, wanted or not). A `Row` is
`(ref, data, lo, hi)`: the document's positions are `data[lo:hi]`, sorted, never
copied out. Integers are little-endian on disk whatever the machine.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Sequence
from itertools import accumulate, chain, repeat
from typing import Any

Row = tuple[int, Sequence[int], int, int]
"""A document's row of one term: `(ref, data, lo, hi)`, positions `data[lo:hi]`."""


class ShardError(ValueError):
    """A shard file that does not hold what its header says."""


def encode(postings: dict[str, list[list[int]]]) -> bytes:
    """The bytes of a shard holding these posting lists (`[[ref, p1, ...], ...]` each)."""
    header: dict[str, list[int]] = {}
    body = array("q")
    for term, rows in postings.items():
        start = len(body)
        body.extend(map(len, rows))
        body.extend(chain.from_iterable(rows))
        header[term] = [start, len(rows), len(body) - start]
    if sys.byteorder == "big":
        body.byteswap()
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return len(head).to_bytes(4, "little") + head + body.tobytes()


class Shard:
    """A shard read from its bytes; terms decoded when asked for."""

    def __init__(self, raw: bytes) -> None:
        size = int.from_bytes(raw[:4], "little")
        try:
            header: Any = json.loads(raw[4 : 4 + size])
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise ShardError("the shard's header does not parse") from error
        body = memoryview(raw)[4 + size :]
        if not isinstance(header, dict) or len(raw) < 4 + size or len(body) % 8:
            raise ShardError("the shard is cut short")
        self.header: dict[str, Any] = header
        self.body = body

    def rows(self, term: str) -> list[Row]:
        """The rows of `term` (none if the shard lacks it)."""
        where = self.header.get(term)
        if where is None:
            return []
        start, rows, count = where
        if not all(isinstance(n, int) for n in where) or start < 0 or not 0 <= rows <= count:
            raise ShardError("the shard's header is wrong")
        if (start + count) * 8 > len(self.body):
            raise ShardError("the shard is cut short")
        data = array("q")
        data.frombytes(self.body[start * 8 : (start + count) * 8])
        if sys.byteorder == "big":
            data.byteswap()
        lengths = data[:rows]
        if rows and (min(lengths) < 1 or sum(lengths) != count - rows):
            raise ShardError("the shard's rows are wrong")
        # The rows' bounds by running sums, built with C-level iterators (a common word
        # has thousands of rows; a Python loop over them was most of a query).
        bounds = list(accumulate(lengths, initial=rows))
        starts = bounds[:-1]
        return list(
            zip(map(data.__getitem__, starts), repeat(data), map((1).__add__, starts), bounds[1:])
        )

    def all(self) -> dict[str, list[list[int]]]:
        """Every term's rows as lists (for a merge)."""
        return {
            term: [[ref, *data[lo:hi]] for ref, data, lo, hi in self.rows(term)]
            for term in self.header
        }


def list_rows(rows: list[list[int]]) -> list[Row]:
    """JSON rows (`[ref, p1, ...]`, as deltas hold them) as `Row`s."""
    return [(row[0], row, 1, len(row)) for row in rows]
