"""Words as the search index sees them: tokens with positions, folded for matching.

Invariant: one tokenizer for indexing and for queries, so a query word matches
exactly the words it folds like. A token is a run of word characters (`\\w+`);
its position is its index among the text's tokens, its span the characters it
covers in the original text (never the folded one, whose length may differ).
Folding is case- and accent-insensitive: NFKD, combining marks dropped, then
casefold ("Élan", "ELAN" and "élan" all fold to "elan"; "ﬁ" to "fi").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

WORD = re.compile(r"\w+")
"""What a token is: a run of letters, digits or underscores (any script)."""
MAX_TERM = 64
"""Characters of a folded token kept; longer ones are cut (a hostile 1 MB "word")."""


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """`word` without case or accents (see the module doc); cached, words repeat."""
    if word.isascii():
        return word.lower()[:MAX_TERM]
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold()[:MAX_TERM]


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Each token of `text` as `(folded, start, end)`, in order (position = index)."""
    for match in WORD.finditer(text):
        start, end = match.span()
        yield fold(match.group()), start, end


def terms(text: str) -> list[str]:
    """The folded tokens of `text`, in order (what the index stores for it)."""
    return list(map(fold, WORD.findall(text)))


def fold_tag(tag: str) -> str:
    """A tag as the index keys it: without `#`, case or accents (`#Audit` -> `audit`)."""
    return fold(tag.strip().lstrip("#"))


def span_of(text: str, position: int, start_at: int = 0, first: int = 0) -> tuple[int, int] | None:
    """The character span of token number `position` of `text`.

    `start_at` / `first` let a caller resume from a known token: the token whose
    span starts at character `start_at` is token number `first` (see `checkpoints`).
    None if the text has fewer tokens (it changed since it was indexed).
    """
    if position < first:
        return None
    for index, match in enumerate(WORD.finditer(text, start_at), start=first):
        if index == position:
            return match.span()
    return None


CHECKPOINT = 512
"""Every how many tokens `checkpoints` remembers a character offset."""


def checkpoints(text: str) -> list[int]:
    """Character offsets of tokens 0, 512, 1024, ...: where `span_of` can resume, so a
    match deep in a book is found without re-reading the book from its start."""
    # islice steps through the matches in C (every word of every added article passes here)
    return [match.start() for match in islice(WORD.finditer(text), 0, None, CHECKPOINT)]
