"""Extracted PDF text kept by content hash, so a PDF opened again skips pypdf.

pypdf is pure Python: a 300-page PDF takes seconds to extract, every time it
is opened, added (`reader add`) or extracted (`reader extract`). The result
(text, blocks, page offsets, title, date) is written once to
`<cache dir>/pdf/<sha256 of the bytes>.json` and read back in milliseconds.

Invariant: a cached entry is used only if its `key` names the same bytes, the
same reader and pypdf versions and the same layout `FORMAT`, and every field
validates (offsets inside the text and in order, known block kinds); anything
else (stale, truncated, corrupt, hand-edited) is ignored and replaced on the
next extraction. Entries are written whole to a temporary name and moved into
place with `os.replace`, so a reader never sees half of one; a cache that
cannot be written or read is not an error, only a slower opening. At most
`KEEP` entries are kept (the oldest by modification time go first).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader import __version__
from reader.document.formats.base import Parsed
from reader.document.model import Block, BlockKind
from reader.paths import cache_dir

FORMAT = 1
"""Bump when the layout of a cached entry changes."""
KEEP = 64
"""Entries kept; a 300-page PDF's entry is about 1 MB."""
_KINDS = {kind.value: kind for kind in BlockKind}


def cached_parse(raw: bytes, extract: Callable[[], Parsed]) -> Parsed:
    """`extract()`'s result for these bytes: from the cache when it holds them, else
    extracted now and written there for the next time."""
    digest = hashlib.sha256(raw).hexdigest()
    path, key = _entry(digest), _key(digest)
    found = read_entry(path, key)
    if found is not None:
        return found
    parsed = extract()
    write_entry(path, key, parsed)
    return parsed


def lookup(raw: bytes) -> Parsed | None:
    """These bytes' cached extraction, or None if the cache holds no valid entry for them."""
    digest = hashlib.sha256(raw).hexdigest()
    return read_entry(_entry(digest), _key(digest))


def holds(raw: bytes) -> bool:
    """Whether the cache has an entry for these bytes (not read: `cached_parse` checks it,
    and extracts afresh if it is bad)."""
    return _entry(hashlib.sha256(raw).hexdigest()).is_file()


def _entry(digest: str) -> Path:
    return cache_dir() / "pdf" / f"{digest}.json"


def _key(digest: str) -> str:
    from importlib.metadata import version

    return f"{FORMAT}/{__version__}/pypdf-{version('pypdf')}/{digest}"


def read_entry(path: Path, key: str) -> Parsed | None:
    """The entry at `path` if it carries `key` and validates, else None."""
    try:
        data = json.loads(path.read_bytes())
        return _parsed(data, key)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _parsed(data: Any, key: str) -> Parsed | None:
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    text, title, date = data["text"], data["title"], data["date"]
    if not all(isinstance(value, str) for value in (text, title, date)):
        return None
    blocks = [_block(row, len(text)) for row in data["blocks"]]
    pages = tuple(data["pages"])
    if not all(type(page) is int and 0 <= page <= len(text) for page in pages):
        return None
    if list(pages) != sorted(pages) or any(b.start < a.end for a, b in itertools.pairwise(blocks)):
        return None
    return Parsed(text, blocks, title=title, date=date, pages=pages)


def _block(row: Any, length: int) -> Block:
    kind, start, end, level, marker = row
    ok = type(start) is int and type(end) is int and 0 <= start <= end <= length
    if not ok or type(level) is not int or not isinstance(marker, str):
        raise ValueError("bad block")
    return Block(_KINDS[kind], start, end, level, marker)


def write_entry(path: Path, key: str, parsed: Parsed) -> None:
    """Write `parsed` as the entry at `path`, whole or not at all; then prune old entries."""
    entry = {
        "key": key,
        "text": parsed.text,
        "title": parsed.title,
        "date": parsed.date,
        "pages": list(parsed.pages),
        "blocks": [[b.kind.value, b.start, b.end, b.level, b.marker] for b in parsed.blocks],
    }
    with contextlib.suppress(OSError, ValueError):  # ValueError: a lone surrogate in the text
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".part-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _prune(path.parent)


def _prune(folder: Path) -> None:
    entries = []
    for entry in folder.glob("*.json"):
        with contextlib.suppress(OSError):
            entries.append((entry.stat().st_mtime_ns, entry))
    for _, old in sorted(entries)[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
