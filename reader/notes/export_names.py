"""File names for exported notes, made from titles anyone could have written.

Invariant: `safe_stem` returns a non-empty name of one path component: no path
separators, no `.` or `..`, no leading dot (no hidden files), no control, bidi or
reserved characters (Windows' `<>:"|?*`, Obsidian's link characters `#^[]`), not a
Windows device name (`CON`, `NUL`, ...), at most `MAX_BYTES` bytes of UTF-8. `Namer`
numbers collisions ("Title (2).md"), comparing names case-folded, as macOS and Windows
do, so two exports never land on one file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import count

from reader.safe_text import BIDI_CONTROLS

MAX_BYTES = 120
"""Bytes of UTF-8 a stem may take: file systems allow 255, and " (999).md" must fit."""
_UNSAFE = re.compile(f'[\\x00-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}/\\\\<>:"|?*#^\\[\\]]+')
_DEVICES = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


def safe_stem(title: str, fallback: str = "untitled") -> str:
    """`title` as a file name without extension (`fallback` when nothing usable is left)."""
    text = unicodedata.normalize("NFKC", title)
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.split()).strip(" .")
    text = _cap(text).rstrip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].rstrip().casefold() in _DEVICES:
        text = f"_{text}"
    return text


def _cap(text: str) -> str:
    """The longest prefix of `text` within `MAX_BYTES`, cut at a word where it can be."""
    if len(text.encode("utf-8")) <= MAX_BYTES:
        return text
    cut = text.encode("utf-8")[:MAX_BYTES].decode("utf-8", "ignore")
    word_end = cut.rfind(" ")
    return cut[:word_end] if word_end > MAX_BYTES // 2 else cut


class Namer:
    """Hands out distinct file names in one directory."""

    def __init__(self, suffix: str = ".md") -> None:
        """Names ending in `suffix`."""
        self.suffix = suffix
        self._taken: set[str] = set()

    def candidates(self, stem: str) -> Iterator[str]:
        """`stem` + suffix, then "stem (2)" + suffix, ...: the ones not taken yet."""
        for number in count(1):
            name = stem + self.suffix if number == 1 else f"{stem} ({number}){self.suffix}"
            if name.casefold() not in self._taken:
                yield name

    def take(self, name: str) -> str:
        """Mark `name` as used by this export; return it."""
        self._taken.add(name.casefold())
        return name
