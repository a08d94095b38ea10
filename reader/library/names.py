"""How the library compares names across articles: one key per spelling of a name.

Invariant: `name_key` is a pure function of the text: honorifics and titles at the
front are dropped ("Mr Musk", "President Anatoly Verin"), a possessive "'s" and full
stops are dropped, case and spacing are folded, so "Mr. Musk" and "musk" share the key
`musk`. A name made only of titles keeps its words ("the President" is not empty).
Keys are compared whole or by their last words (`is_tail`), never by substring.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

_POSSESSIVE = re.compile(r"['\u2019]s$")
_DROP = re.compile(r"[.\u200b]")


@cache
def _titles() -> frozenset[tuple[str, ...]]:
    """Title phrases from `titles.txt` as folded word tuples ("vice", "president")."""
    # Read here, not through `reader.analysis.wordlists`: a ledger query stays clear of
    # the analysis layer's imports (a `reader claims` run is mostly start-up).
    text = resources.files("reader.data").joinpath("titles.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    found = set()
    for line in lines:
        words = tuple(_DROP.sub("", line).casefold().split())
        if words:
            found.add(words)
    return frozenset(found)


@cache
def _longest_title() -> int:
    return max((len(title) for title in _titles()), default=1)


def words_of(name: str) -> tuple[str, ...]:
    """The folded words of `name`: full stops and a trailing possessive dropped."""
    words = _DROP.sub("", name).casefold().split()
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return tuple(word for word in words if word)


def strip_titles(words: tuple[str, ...]) -> tuple[str, ...]:
    """`words` without leading titles ("sir", "julian") -> ("julian",); never empty
    when `words` is not (a name that is all titles is kept as it is)."""
    titles = _titles()
    rest = words
    while rest:
        size = next(
            (n for n in range(min(_longest_title(), len(rest)), 0, -1) if rest[:n] in titles),
            0,
        )
        if not size or size == len(rest):
            break
        rest = rest[size:]
    return rest


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The key names are compared by: folded words without leading titles."""
    return " ".join(strip_titles(words_of(name)))


def is_tail(short: str, full: str) -> bool:
    """Whether key `short` is the last whole words of the longer key `full`
    ("musk" of "elon musk", "de vries" of "camilla de vries")."""
    return len(full) > len(short) and full.endswith(" " + short)
