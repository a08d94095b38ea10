"""Search everything read: note bodies, article texts and claims, in one index.

Invariant: the index is a cache of the note store and of what it was given; a query
never answers from an index older than the note store's files (`index.SearchIndex`
checks each article file's signature first), and a missing or damaged index is
rebuilt with one warning. Layers: imports notes and document, never the library or
the TUI.

The API, plain data (the library calls `index_article` for each article it stores;
the TUI for each article it opens):

- `index_article(db, *, article_id, title, source, date, text, claims=None)`: index
  an article's text (None leaves the text indexed before), and its claims (a
  sequence of `ClaimDoc`; None leaves the claims indexed before as they are, `()`
  removes them). Cheap when nothing changed.
- `index_articles(db, docs)`: the same for many `ArticleDoc`s at once (one delta,
  one `os.sync`), for `reader add`.
- `search(db, text, *, kinds=None, article=None, tag=None, limit=20) -> Found`:
  `kinds` a subset of `{"notes", "text", "claims"}`; `Found.hits` are `Hit`s, best
  first; raises `QueryError` (a usage error) for an empty or unusable query.
- `watch()`: keep the index current on every note-store write of this process
  (`reader.notes.observe`); other processes' writes are caught by the signature check.
- `matches_in(text, query)`: the spans of the query's words and phrases in a text,
  as the index folds them (the reading screen steps through them with `n`/`N`).

Modules: `fold` (tokens, case/accent folding), `query` (the query language), `docs`
(documents and postings), `segments` (the files), `sources` (the note store, the
article records), `index` (kept current, merged, rebuilt), `rank` (results).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reader.search.docs import KINDS, ClaimDoc
from reader.search.query import Query, QueryError, parse

if TYPE_CHECKING:
    from reader.search.rank import Hit

__all__ = [
    "ArticleDoc",
    "ClaimDoc",
    "Found",
    "QueryError",
    "index_article",
    "index_articles",
    "matches_in",
    "search",
    "watch",
]

Db = str | os.PathLike[str] | None


class Found:
    """A query's results (`hits`: `rank.Hit`s, best first) and any warning the index gave
    (it was rebuilt...)."""

    def __init__(self, query: Query, hits: list[Hit], warnings: list[str]) -> None:
        self.query, self.hits, self.warnings = query, hits, warnings


def index_article(
    db: Db,
    *,
    article_id: str,
    title: str,
    source: str,
    date: str | None,
    text: str | None,
    claims: Sequence[ClaimDoc] | None = None,
) -> bool:
    """Index an article's text (and claims); True if the index changed. `text=None`
    leaves the text indexed before as it is (`reader add`'s workers keep no text).

    Raises:
        ValueError: `article_id` is not a note-store article id (16 hex digits).
        OSError: the index folder cannot be written.
    """
    from reader.search.index import SearchIndex
    from reader.search.segments import Entry
    from reader.search.sources import claims_sig, is_article_id, text_sig

    if not is_article_id(article_id):
        raise ValueError("not a note-store article id (16 hex digits)")
    given = list(claims) if claims is not None else None
    entry = Entry(
        article_id,
        title,
        source,
        date or "",
        text=text,
        text_sig=text_sig(text) if text is not None else "",
        claims=given,
        claims_sig=claims_sig(given) if given is not None else "",
    )
    return SearchIndex(db).put_article(entry)


class ArticleDoc(NamedTuple):
    """One article for `index_articles`: the arguments of `index_article`."""

    article_id: str
    title: str
    source: str
    date: str | None
    text: str | None
    claims: Sequence[ClaimDoc] | None = None


def index_articles(db: Db, docs: Sequence[ArticleDoc]) -> int:
    """`index_article` for many articles at once (`reader add`): one delta and one
    `os.sync` for the batch instead of one fsync each; returns how many changed.

    Raises:
        ValueError: an `article_id` is not a note-store article id (16 hex digits).
        OSError: the index folder cannot be written.
    """
    from reader.search.index import SearchIndex
    from reader.search.segments import Entry
    from reader.search.sources import claims_sig, is_article_id, text_sig

    entries = []
    for doc in docs:
        if not is_article_id(doc.article_id):
            raise ValueError("not a note-store article id (16 hex digits)")
        given = list(doc.claims) if doc.claims is not None else None
        entries.append(
            Entry(
                doc.article_id,
                doc.title,
                doc.source,
                doc.date or "",
                text=doc.text,
                text_sig=text_sig(doc.text) if doc.text is not None else "",
                claims=given,
                claims_sig=claims_sig(given) if given is not None else "",
            )
        )
    return SearchIndex(db).put_articles(entries) if entries else 0


def search(
    db: Db,
    text: str | Query,
    *,
    kinds: Iterable[str] | None = None,
    article: str | None = None,
    tag: str | None = None,
    limit: int = 20,
    fresh: bool = True,
) -> Found:
    """Run a query over the index of the store at `db` (see the module doc).

    `article` is an article id or a prefix of one (no match: no results). `fresh=False`
    skips the check against the note store's files (tests of the write hook).
    """
    from reader.errors import StoreError
    from reader.safe_text import one_line
    from reader.search.index import SearchIndex
    from reader.search.rank import find
    from reader.search.segments import Damaged
    from reader.search.sources import read_record

    query = parse(text) if isinstance(text, str) else text
    if tag:
        query = query.with_tag(tag)
    codes = [KINDS[kind] for kind in kinds] if kinds is not None else None
    index = SearchIndex(db)
    for attempt in range(2):
        try:
            view = index.view(fresh=fresh)
            articles = None
            if article is not None:
                known = {aid for segment in view.segments for aid in segment.articles}
                articles = {a for a in known if a.startswith(article)} if article else set()
            hits = find(
                view, query, lambda aid: read_record(index.root, aid), codes, articles, limit
            )
        except (Damaged, FileNotFoundError, KeyError, IndexError, TypeError, ValueError) as error:
            if attempt:
                where = one_line(str(index.root))
                raise StoreError(
                    f"the search index {where} cannot be read ({type(error).__name__}) even "
                    "after a rebuild; remove that folder to start it afresh"
                ) from error
            if not isinstance(error, FileNotFoundError):
                index._rebuild(reason=f"{type(error).__name__} in a shard")
            continue
        return Found(query, hits, index.warnings)
    raise AssertionError("unreachable")


def matches_in(text: str, query: str | Query) -> list[tuple[int, int]]:
    """Where the query's words and phrases are in `text`, in order (see the module doc)."""
    from reader.search.fold import tokens

    parsed = parse(query) if isinstance(query, str) else query
    words = set(parsed.words)
    found = list(tokens(text))
    spans: list[tuple[int, int]] = []
    for number, (word, start, end) in enumerate(found):
        if word in words:
            spans.append((start, end))
        for phrase in parsed.phrases:
            size = len(phrase)
            if (
                word == phrase[0]
                and tuple(w for w, _, _ in found[number : number + size]) == phrase
            ):
                spans.append((start, found[number + size - 1][2]))
    return sorted(set(spans))


def _notes_changed(db: Path, article_ids: Sequence[str]) -> None:
    """The note-store listener: re-index the notes of the articles just written."""
    from reader.errors import ReaderError
    from reader.search.index import SearchIndex
    from reader.search.segments import Damaged

    # The index is a cache: after trouble the next query sees the signature and re-indexes.
    with contextlib.suppress(OSError, ReaderError, Damaged):
        SearchIndex(db).update_notes(article_ids, fold=False)


def watch() -> None:
    """Keep the index current on this process's note-store writes (see the module doc)."""
    from reader.notes import observe

    observe.subscribe(_notes_changed)
