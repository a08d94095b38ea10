"""Our stylesheets parsed once, not in every process (~20 ms of parsing each start).

Textual tokenizes and parses every stylesheet in every process, and ours (`styles/`,
with the theme's and the reader's variables substituted) were the biggest part of that.
`seed` hands the app's stylesheet the rules a run before parsed, before Textual reads
the files; `keep` writes them after the first frame when there were none. The widgets'
`DEFAULT_CSS` that Textual parsed by the first frame (the app's, the header's, the
footer's...: ~40 M instructions of the first paint) is kept beside them the same way.

Invariant: cached rules are used only for exactly the stylesheet texts, paths and
variables they were parsed from, with the same Textual and Python: the whole key is
stored in the file and compared, so a file name collision, an edited stylesheet, another
theme or an upgrade parse as Textual would. A missing, unreadable, corrupt or foreign
file is parsed around, never an error, and written anew (atomically, so two readers
starting at once each read a whole file or none). The rules are Textual's own objects, so
the file is a pickle (the table cache's `marshal` cannot hold them): it is read only if
this user owns it and no one else may write it, as the reader writes it (mode 0600).
The rules go straight into Textual's own parse cache, which Textual clears whenever the
variables change (a theme switch), so a seeded entry never outlives its variables.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
import weakref
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

import textual
from textual.css.stylesheet import Stylesheet

from reader.paths import cache_dir

Key = tuple[Any, ...]
"""Textual's key for one parse: (css, (path, ""), is_default, tie_breaker, scope)."""


def _parse_keys(paths: Sequence[PurePath]) -> list[Key] | None:
    """Textual's parse-cache keys for the stylesheet files `paths`, as `Stylesheet.read`
    will make them (None if one cannot be read: Textual reports that itself)."""
    keys: list[Key] = []
    for path in paths:
        try:
            css = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        keys.append((css, (os.path.abspath(os.path.expanduser(path)), ""), False, 0, ""))
    return keys


MAX_EXTRA = 48
"""At most this many parses besides our files' are kept (Textual's parse cache holds 64)."""
_seeded: weakref.WeakKeyDictionary[Stylesheet, tuple[list[tuple[Key, Any]], frozenset[Key]]] = (
    weakref.WeakKeyDictionary()
)
"""The other parses (`DEFAULT_CSS`) each stylesheet was seeded with, and every key seeded."""

TEXTUAL_FILES = ("css/model.py", "css/parse.py", "css/styles.py", "css/types.py")
"""The modules of Textual whose objects the rules are: a new Textual rewrites them."""


def _textual_build() -> tuple[object, ...]:
    """This Textual, by its files' sizes and times (its `__version__` reads the package
    metadata: `importlib.metadata` and `email`, 40 ms, more than the parse it saves)."""
    root = Path(textual.__file__).parent
    build: list[object] = [str(root), sys.version_info[:2]]
    for name in TEXTUAL_FILES:
        info = (root / name).stat()
        build += [info.st_size, info.st_mtime_ns]
    return tuple(build)


def _file_key(keys: Sequence[Key], variables: Mapping[str, str]) -> Key:
    return (_textual_build(), tuple(keys), tuple(sorted(variables.items())))


def _cache_file(key: Key) -> Path:
    return cache_dir() / f"styles-{zlib.crc32(repr(key).encode()):08x}.pickle"


def seed(stylesheet: Stylesheet, paths: Sequence[PurePath], variables: Mapping[str, str]) -> bool:
    """Put the rules cached for `paths` parsed with `variables` (the stylesheet's own)
    into `stylesheet`'s parse cache; True if there were any."""
    parse_cache = getattr(stylesheet, "_parse_cache", None)
    keys = _parse_keys(paths)
    if parse_cache is None or keys is None:
        return False
    try:
        key = _file_key(keys, variables)
        stored_key, rules, extra = pickle.loads(_own_bytes(_cache_file(key)))
    except Exception:  # noqa: BLE001 - missing, unreadable, corrupt or foreign: parse instead
        return False
    if stored_key != key or not isinstance(rules, list) or len(rules) != len(keys):
        return False
    if not isinstance(extra, list) or not all(_is_parse(entry) for entry in extra):
        return False
    for parse_key, parsed in zip(keys, rules, strict=True):
        parse_cache[parse_key] = parsed
    for parse_key, parsed in extra:  # each under its own CSS text: used only for that text
        parse_cache[parse_key] = parsed
    _seeded[stylesheet] = (extra, frozenset(parse_cache.keys()))
    return True


def _is_parse(entry: object) -> bool:
    """Whether `entry` is one (key, rules) pair of Textual's parse cache."""
    return (
        isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], tuple)
        and len(entry[0]) == 5
        and isinstance(entry[0][0], str)
        and isinstance(entry[1], list)
    )


def _own_bytes(path: Path) -> bytes:
    """The bytes of `path` if this user owns it and no one else may write it (a pickle
    runs what it names: only a file this reader wrote is read back), else OSError."""
    with path.open("rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            raise PermissionError(f"{path}: not this user's own file")
        return handle.read()


def keep(
    stylesheet: Stylesheet, paths: Sequence[PurePath], variables: Mapping[str, str]
) -> threading.Thread | None:
    """Write the rules `stylesheet` parsed for `paths` to the cache, in the thread returned
    (pickling takes ~10 ms), if it parsed them with `variables` (no theme change since)
    and parsed anything it was not seeded with (else None)."""
    parse_cache = getattr(stylesheet, "_parse_cache", None)
    if parse_cache is None:
        return None
    seeded, seeded_keys = _seeded.get(stylesheet, ([], frozenset()))
    if seeded_keys and set(parse_cache.keys()) <= seeded_keys:
        return None  # nothing parsed since the seeding
    keys = _parse_keys(paths)
    if keys is None:
        return None
    rules = [parse_cache.get(parse_key) for parse_key in keys]
    if any(parsed is None for parsed in rules):
        return None  # not parsed (yet), or the variables changed and Textual dropped them
    try:
        key = _file_key(keys, variables)
    except OSError:  # Textual's own files unreadable: nothing to key the rules by
        return None
    ours = set(keys)
    extra = dict(seeded)  # seeded ones Textual's cache may have let go
    extra.update((k, parse_cache.get(k)) for k in parse_cache.keys() if k not in ours)  # noqa: SIM118 - an LRUCache, no __iter__
    kept = [(k, v) for k, v in extra.items() if v is not None][-MAX_EXTRA:]
    writer = threading.Thread(
        target=_write, args=(key, rules, kept), name="style-cache", daemon=True
    )
    writer.start()
    return writer


def _write(key: Key, rules: list[Any], extra: list[tuple[Key, Any]]) -> None:
    from reader.notes.storage import write_atomic

    with contextlib.suppress(Exception):  # a cache: the next run parses again
        data = pickle.dumps((key, rules, extra), protocol=5)
        write_atomic(_cache_file(key), data, sync=False)
