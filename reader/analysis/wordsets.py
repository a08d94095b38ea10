"""Word sets for the claim finder, read once from `reader/data/cues_words.txt`.

Invariant: a set's words are lower case and come only from the data file, so
the grammar the rules rely on (pronouns, prepositions, outlet words...) can be
read and changed without touching code. An unknown set name is a bug and
raises `KeyError`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _sets() -> dict[str, frozenset[str]]:
    """Every set of the data file, by name."""
    text = resources.files("reader.data").joinpath("cues_words.txt").read_text(encoding="utf-8")
    sets: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sets.setdefault(line[1:-1], set())
        elif current is not None:
            current.update(word.lower() for word in line.split())
    return {name: frozenset(words) for name, words in sets.items()}


def word_set(name: str) -> frozenset[str]:
    """The words of the set called `name` in `cues_words.txt`."""
    return _sets()[name]
