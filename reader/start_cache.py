"""What every start of the reader's TUI compiles the same way, kept compiled in the cache.

Before its first frame a reader process compiles about 200 regular expressions (Textual's
CSS tokenizer and markup, rich, argparse, the document layer, the layout) and `exec`s
about 300 small functions that `dataclasses` writes as source text (Textual's records and
ours): parsing and compiling them was about a fifth of the instructions to the first paint,
the same in every process. `load(name)`, called before those imports, puts the patterns a
start before compiled into `re`'s own cache (each `re.compile` is then a dictionary look-up)
and gives `dataclasses` an `exec` that runs the code object kept for a source it has seen;
`keep()`, after the first frame, writes what this start compiled that the file did not hold
(`<cache dir>/start-<name>.marshal`).

Invariant: the result is exactly what the uncached path gives. A pattern is kept under
`re`'s own key (its type, exact text and flags) with the program `re._compiler.compile`
hands the regex engine; a code object under its exact source text, compiled as `exec`
compiles a string (file name ``<string>``, no inherited `__future__` flags: `dataclasses`
has none). The file is used only by the same Python build (`sys.version`, the regex
engine's magic number, `-O`) and only if this user owns it and no one else may write it
(marshal'd code runs when executed, as a `.pyc` does); anything missing, stale, corrupt,
foreign or refused by the regex engine's validator is compiled as usual, never an error.
Nothing is installed unless `load` was called (the TUI start of `reader PATH`, and
`reader extract`), so other commands and the tests' apps compile as Python does.
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import os
import re
import sys
import threading
import zlib
from typing import Any

FORMAT = 1
"""Bump when the file's layout changes."""
MAGIC = b"reader-start\n"
MAX_PATTERNS = 600
"""At most this many patterns are kept (`re` itself keeps 512)."""
FEW_NEW = 4
"""New patterns (and no new code) that do not make a kept table worth writing again: some
libraries build a pattern's text from a set (markdown-it's character classes), so each
process may compile a variant of it the table does not hold; rewriting the table for
those made every start write it."""

Program = tuple[int, tuple[int, ...], int, dict[str, int], tuple[str | None, ...]]
"""What `_sre.compile` takes after the pattern: final flags, code, groups, their names."""
Entry = tuple[str | bytes, int, Program]


class _Start:
    """What `load` read and what this process compiled since."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.patterns: list[Entry] = []
        self.keys: set[tuple[Any, ...]] = set()
        self.codes: dict[str, Any] = {}
        self.new_codes = 0
        self.read = False
        """Whether a table was read (a first start writes whatever it compiled)."""


_start: _Start | None = None


def _build_key() -> bytes:
    import _sre  # type: ignore[import-not-found]

    return f"{FORMAT}\0{sys.version}\0{_sre.MAGIC}\0{sys.flags.optimize}".encode()


def _path(name: str) -> Any:
    from reader.paths import cache_dir

    return cache_dir() / f"start-{name}.marshal"


def _read(name: str) -> dict[str, Any] | None:
    """The table kept for `name`, if this build wrote it and this user owns it."""
    try:
        with _path(name).open("rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return None
            raw = handle.read()
        key = _build_key()
        head = MAGIC + len(key).to_bytes(4, "big") + key
        if not raw.startswith(head):
            return None
        check, payload = raw[len(head) : len(head) + 4], raw[len(head) + 4 :]
        if zlib.crc32(payload).to_bytes(4, "big") != check:
            return None
        table = marshal.loads(payload)
    except Exception:  # noqa: BLE001 - missing, unreadable or corrupt: compile as usual
        return None
    return table if isinstance(table, dict) else None


def load(name: str) -> None:
    """Put the patterns kept for `name` into `re`'s cache and let `dataclasses` run the
    kept code objects (once per process; every later call is a no-op)."""
    global _start
    if _start is not None:
        return
    start = _start = _Start(name)
    table = _read(name) or {}
    start.read = bool(table)
    try:
        import _sre

        cache: dict[tuple[Any, ...], Any] = re._cache  # type: ignore[attr-defined]
        for pattern, flags, program in table.get("re", ()):
            key = (type(pattern), pattern, flags)
            start.keys.add(key)
            if key not in cache:
                final, code, groups, groupindex, indexgroup = program
                cache[key] = _sre.compile(
                    pattern, final, list(code), groups, groupindex, indexgroup
                )
            start.patterns.append((pattern, flags, program))
    except Exception:  # noqa: BLE001 - another engine or a refused program: compile as usual
        start.keys.clear()
        start.patterns.clear()
    codes = table.get("code")
    if isinstance(codes, dict):
        start.codes.update(codes)
    import dataclasses

    if "exec" not in vars(dataclasses):  # its functions' `exec` is the builtin: ours first
        dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:  # noqa: A002
    """`exec` for `dataclasses`: a source text runs the code object kept for it."""
    start = _start
    if start is None or not isinstance(source, str):
        return builtins.exec(source, globals, locals)  # noqa: S102
    code = start.codes.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        start.codes[source] = code
        start.new_codes += 1
    return builtins.exec(code, globals, locals)  # noqa: S102


def program(pattern: str | bytes, flags: int) -> Program:
    """What `re._compiler.compile` hands the regex engine, as marshal-able values (also
    what `reader.analysis.regex_cache` keeps)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    return (
        int(flags | parsed.state.flags),
        tuple(int(op) for op in code),  # opcodes are int subclasses marshal refuses
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _new_patterns(start: _Start) -> list[tuple[str | bytes, int]]:
    """Patterns in `re`'s cache that the table did not hold."""
    cache: dict[tuple[Any, ...], Any] = re._cache  # type: ignore[attr-defined]
    found = []
    for key in list(cache):
        if key in start.keys or len(key) != 3:
            continue
        kind, pattern, flags = key
        if kind in (str, bytes) and type(flags) is int and not flags & 1:  # 1: re.TEMPLATE
            found.append((pattern, flags))
    return found


def keep() -> threading.Thread | None:
    """After the first frame: write, in the thread returned, what this start compiled that
    the table did not hold (nothing when `load` was not called or nothing is new)."""
    start = _start
    if start is None:
        return None
    fresh = _new_patterns(start)
    if not start.new_codes and (not fresh or (start.read and len(fresh) <= FEW_NEW)):
        return None
    codes = dict(start.codes)
    writer = threading.Thread(
        target=_write, args=(start, fresh, codes), name="start-cache", daemon=True
    )
    writer.start()
    return writer


def _write(start: _Start, fresh: list[tuple[str | bytes, int]], codes: dict[str, Any]) -> None:
    with contextlib.suppress(Exception):  # a cache: the next start compiles again
        patterns = list(start.patterns)
        for pattern, flags in fresh:
            with contextlib.suppress(Exception):
                patterns.append((pattern, flags, program(pattern, flags)))
        payload = marshal.dumps({"re": patterns[-MAX_PATTERNS:], "code": codes})
        key = _build_key()
        data = MAGIC + len(key).to_bytes(4, "big") + key
        data += zlib.crc32(payload).to_bytes(4, "big") + payload
        _write_atomic(_path(start.name), data)


def _write_atomic(path: Any, data: bytes) -> None:
    """`path` written whole (a temporary file, mode 0600, then `os.replace`)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
