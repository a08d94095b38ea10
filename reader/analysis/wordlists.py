"""The one loader of the word lists shipped in `reader.data`, read lazily once.

Two shapes of file: a plain list (one entry a line: `first_names.txt`,
`org_words.txt`, ...) and a file of named groups (`cues_words.txt`, where a
`[name]` line starts a group whose words follow). In both, blank lines and
lines starting with `#` are skipped.

Invariant: each file is read at most once per process; `word_list` keeps case,
`word_group` lower-cases; an unknown group name is a bug and raises
`KeyError`. The grammar the rules rely on (pronouns, prepositions, outlet
words...) can be read and changed without touching code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from reader.analysis.table_cache import cached

GROUPS_FILE = "cues_words.txt"
"""The file of named word groups the claim rules read."""
GENDERS_FILE = "given_name_genders.txt"
"""Given names and the gender they are read as, one `name m|f` a line."""


@cache
def lines(filename: str) -> tuple[str, ...]:
    """The non-comment, non-blank lines of `filename` in `reader.data`, stripped."""
    text = resources.files("reader.data").joinpath(filename).read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@cache
def word_list(filename: str) -> frozenset[str]:
    """The entries of a one-entry-a-line list, case kept ("org_words.txt")."""
    return frozenset(lines(filename))


@cache
def _groups(filename: str) -> dict[str, frozenset[str]]:
    """Every `[name]` group of a groups file, its words lower-cased."""
    groups: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in lines(filename):
        if line.startswith("[") and line.endswith("]"):
            current = groups.setdefault(line[1:-1], set())
        elif current is not None:
            current.update(word.lower() for word in line.split())
    return {name: frozenset(members) for name, members in groups.items()}


def word_group(name: str) -> frozenset[str]:
    """The words of the group called `name` in `cues_words.txt` ("pronouns", "nouns")."""
    return _groups(GROUPS_FILE)[name]


def data_file(filename: str) -> Path:
    """The path of `filename` in `reader.data` (for a cache key: its size and time)."""
    return Path(str(resources.files("reader.data").joinpath(filename)))


@cache
def given_name_genders() -> dict[str, str]:
    """Given names (lower case) read as a man's ("m") or a woman's ("f").

    25,000 names: read back compiled from the cache once built (`table_cache`)."""
    sources = [Path(__file__), data_file(GENDERS_FILE)]
    return cached("given-name-genders", sources, _build_given_name_genders)


def _build_given_name_genders() -> dict[str, str]:
    return dict(line.split() for line in lines(GENDERS_FILE))


@cache
def role_words() -> dict[str, tuple[str, str | None]]:
    """Each role word (lower case) to its role and gender: "congresswoman" -> ("rep", "f").

    `roles.txt` holds one role a line: the words naming it, the first being the role's
    name, a word ending in `:m` or `:f` naming a man or a woman in it.
    """
    out: dict[str, tuple[str, str | None]] = {}
    for line in lines("roles.txt"):
        words = line.lower().split()
        role = words[0].split(":")[0]
        for word in words:
            name, _, gender = word.partition(":")
            out[name] = (role, gender or None)
    return out
