"""Feeding the library's articles to search, so `reader search --in claims|text` finds
what `reader add` and the TUI stored.

Invariant: search is a cache of the library here; feeding it never fails a library
write: trouble (an unwritable index folder) becomes one warning, and the next
rebuild of the index (`reader.search`) finds what is missing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from reader.library.model import StoredAnalysis
from reader.safe_text import one_line

Warn = Callable[[str], None]
Texts = Callable[[str], str | None]
"""The text of an article by its content hash, if kept (`Snapshots.text`)."""


def feed(
    db: str | os.PathLike[str] | None,
    analyses: Sequence[StoredAnalysis],
    texts: Texts,
    warn: Warn,
) -> None:
    """Index these stored analyses' claims, and their texts where `texts` has them."""
    if not analyses:
        return
    from reader.search import ArticleDoc, ClaimDoc, index_articles

    docs = []
    for stored in analyses:
        names = {e.id: e.name for e in stored.entities}
        claims = [
            ClaimDoc(
                c.id,
                c.start,
                c.end,
                c.text,
                c.content,
                names.get(c.source or "") or c.source_words,
                c.tags,
            )
            for c in stored.claims
        ]
        text = texts(stored.content_hash)
        docs.append(
            ArticleDoc(stored.article_id, stored.title, stored.source, stored.date, text, claims)
        )
    try:
        index_articles(db, docs)
    except (OSError, ValueError) as error:
        warn(f"search index not updated: {one_line(str(error))}")
