"""The query language: words (all must match), "exact phrases", #tags.

Invariant: a parsed `Query` is never empty and bounded in size: `parse` refuses
an empty query, one of only punctuation and one longer than `MAX_CHARS` or with
more than `MAX_TERMS` terms, with a `QueryError` whose message is one line
(the command exits 2 with it, a usage error). Everything in a `Query` is folded
like the index (`reader.search.fold`), so matching is case- and accent-blind.

Grammar: `"..."` is a phrase (an unclosed quote runs to the end); `#word` is a
tag; any other run of non-space characters is a word, and one that holds
several tokens ("don't", "e-mail") is matched as the phrase of its tokens.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.errors import ReaderError
from reader.search.fold import fold_tag, terms

MAX_CHARS = 1000
"""Longest query accepted, in characters."""
MAX_TERMS = 32
"""Most words, phrase words and tags one query may hold."""

_PIECE = re.compile(r'"([^"]*)"?|([^\s"]+)')
_TAG = re.compile(r"#(\w+(?:-\w+)*)[^\w#]*")


class QueryError(ReaderError):
    """A query that cannot be searched for (empty, only punctuation, too long)."""


class Query(NamedTuple):
    """A parsed query: what every result must contain."""

    text: str
    """The query as typed (shown back to the reader)."""
    words: tuple[str, ...] = ()
    """Single folded words, each required somewhere in the result."""
    phrases: tuple[tuple[str, ...], ...] = ()
    """Folded word sequences, each required in this order, adjacent."""
    tags: tuple[str, ...] = ()
    """Folded tags (no `#`), each required on the result (notes and claims)."""

    @property
    def terms(self) -> tuple[str, ...]:
        """Every distinct folded word the query needs, words and phrase words."""
        seen: dict[str, None] = {}
        for word in (*self.words, *(w for phrase in self.phrases for w in phrase)):
            seen.setdefault(word, None)
        return tuple(seen)

    def with_tag(self, tag: str) -> Query:
        """This query with one more required tag (`--tag`)."""
        folded = fold_tag(tag)
        if not folded:
            raise QueryError(f"'{tag[:40]}' is not a tag (use letters or digits)")
        if folded in self.tags:
            return self
        return Query(self.text, self.words, self.phrases, (*self.tags, folded))


def parse(text: str) -> Query:
    """Parse what the reader typed; `QueryError` if there is nothing to search for."""
    if len(text) > MAX_CHARS:
        raise QueryError(f"the query is too long ({len(text)} characters; at most {MAX_CHARS})")
    if not text.strip():
        raise QueryError('the query is empty: give a word, a "phrase" or a #tag')
    words: dict[str, None] = {}
    phrases: dict[tuple[str, ...], None] = {}
    tags: dict[str, None] = {}
    for match in _PIECE.finditer(text):
        quoted, bare = match.group(1), match.group(2)
        tag = _TAG.fullmatch(bare) if bare is not None else None
        if tag is not None:  # `#audit`, `#needs-checking,`; `#a.b` is words, not a tag
            tags.setdefault(fold_tag(tag.group(1)), None)
            continue
        found = tuple(terms(quoted if quoted is not None else bare))
        if len(found) == 1:
            words.setdefault(found[0], None)
        elif found:
            phrases.setdefault(found, None)
    query = Query(text, tuple(words), tuple(phrases), tuple(tags))
    count = len(query.terms) + len(query.tags)
    if count == 0:
        raise QueryError("the query has no words to search for (only punctuation)")
    if count > MAX_TERMS:
        raise QueryError(f"the query has too many words ({count}; at most {MAX_TERMS})")
    return query
