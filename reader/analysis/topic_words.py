"""Topic words of a claim: the stems two claims are compared by, in an article and across
the library.

Invariant: `topic_stems(text)` depends only on `text` and the word lists
(`stopwords`, `cues_topics.txt`): the library (`reader.library.crossdispute`) and the
analysis (`reader.analysis.claims.disputes`) compare claims by the same stems. Kept
out of the `claims` package so the library's commands (`reader claims`) do not import
and compile every claim rule to read them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.analysis.wordlists import lines, word_group

READ_CHARS = 1000
"""How much of a claim's content the dispute tests read."""
SUFFIXES = ("ing", "ed", "es", "s")
"""Endings dropped before comparing content words ("contacts" ~ "contact")."""

_WORD = re.compile(r"[a-z](?<!\w.)[a-z]{3,}")
"""Lower-case words only: names are compared as entities, not as topic words. The same
matches as `\b[a-z]{4,}`, written to start with a class (the look-behind checks the
character before the first letter) so the engine skips to lower-case letters instead of
trying the pattern at every position."""
STOPWORDS = word_group("stopwords")


def topic_stems(text: str) -> frozenset[str]:
    """Stems of the content words of `text`."""
    return frozenset(_stem(w) for w in _WORD.findall(text) if w not in STOPWORDS)


@lru_cache(maxsize=1)
def _topic_groups() -> dict[str, str]:
    """Word -> the name of its topic group, from `cues_topics.txt`."""
    groups: dict[str, str] = {}
    for line in lines("cues_topics.txt"):
        words = line.split()
        groups.update((w, words[0]) for w in words)
    return groups


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """`word` as its topic group, or without one common inflection ending."""
    group = _topic_groups().get(word)
    if group is not None:
        return group
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
