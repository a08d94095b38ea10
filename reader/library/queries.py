"""The ledger cache's questions: every `SELECT` the library asks of the tables in `tables`.

Invariant: the only module besides `tables` that knows the cache's schema; each function
takes a connection that `LedgerCache.current()` has synced, reads, never writes (but
for the `chosen` temporary table), and returns plain rows or the library's records.
`IN (...)` lists go in batches of `BATCH` parameters, so any number of ids works.

Claims come back as the ledger shows them: their source and the entities they are
about already named by their library entities (resolved in SQL from `members`), so a
question about one entity costs its own claims, not every name in their articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from reader.library.entry import ArticleEntry
from reader.library.model import StoredClaim

BATCH = 900
"""Parameters per `IN (...)` list."""
ENTRY_COLUMNS = "id, content_hash, version, title, source, date, outlet, added, words, claims"
"""An `ArticleEntry`'s fields, in order, from `articles`."""
ShownRow = tuple[str, str, int, int, str, str, str, str | None, str | None, str, str, str]
"""A claim as the ledger lists it: (article, id, start, stop, text, content, `,tags,`,
source's library name, source words, JSON list of the library names it is about, JSON
disputes within its article, sides: "a", "b" or "a,b" (about / by the entity asked))."""
StoredRow = tuple[str, StoredClaim, int]
"""(article id, the claim with its article-local ids, its place in the article's claims)."""

_NAMED = (
    "c.article, c.id, c.start, c.stop, c.text, c.content, c.tags, "
    "(SELECT e.name FROM members n CROSS JOIN entities e ON e.id = n.entity "
    " WHERE n.article = c.article AND n.eid = c.source), c.source_words, "
    # CROSS JOIN keeps json_each first: each name looked up by key, in the claim's order.
    "(SELECT json_group_array(e.name) FROM json_each(c.entities) j CROSS JOIN members n "
    " ON n.article = c.article AND n.eid = j.value CROSS JOIN entities e ON e.id = n.entity), "
    "c.disputes"
)
_STORED = (
    "c.article, c.id, c.ord, c.start, c.stop, c.text, c.content, c.tags, c.source, "
    "c.source_words, c.entities, c.topics"
)
_OF_ENTITY = (
    "FROM members m CROSS JOIN mentions x ON x.article = m.article AND x.eid = m.eid "
    "CROSS JOIN claims c ON c.article = x.article AND c.id = x.claim "
)


def batched(
    conn: sqlite3.Connection, sql: str, ids: Iterable[str], *args: object
) -> list[tuple[Any, ...]]:
    """`sql` (with `{marks}` for an `IN` list of `ids`, before `args`) run in batches."""
    chosen = sorted(set(ids))
    found: list[tuple[Any, ...]] = []
    for first in range(0, len(chosen), BATCH):
        chunk = chosen[first : first + BATCH]
        query = sql.format(marks=",".join("?" * len(chunk)))
        found += conn.execute(query, [*chunk, *args]).fetchall()
    return found


def shown_claims(
    conn: sqlite3.Connection,
    entities: Sequence[str] | None,
    sides: str,
    tag: str | None,
    articles: Sequence[str] | None,
    limit: int | None = None,
) -> tuple[list[ShownRow], dict[str, ArticleEntry]]:
    """Claims about (`sides` "a"), by ("b") or about or by ("ab") the library `entities`
    (None: every claim, with sides ""), with `tag`, in `articles`; newest article first,
    text order within one (the first `limit` only, if given); and their articles' entries."""
    where: list[str] = []
    args: list[Any] = []
    if entities is None:
        sql = f"SELECT {_NAMED}, '' FROM claims c CROSS JOIN articles a ON a.id = c.article"
    else:
        marks, side_marks = ",".join("?" * len(entities)), ",".join("?" * len(sides))
        # One row per claim, with the sides it was found on, before naming anything.
        sql = (
            f"SELECT {_NAMED}, s.sides FROM (SELECT x.article AS article, x.claim AS claim, "
            "group_concat(DISTINCT x.side) AS sides FROM members m CROSS JOIN mentions x "
            f"ON x.article = m.article AND x.eid = m.eid WHERE m.entity IN ({marks}) "
            f"AND x.side IN ({side_marks}) GROUP BY x.article, x.claim) s "
            "CROSS JOIN claims c ON c.article = s.article AND c.id = s.claim "
            "CROSS JOIN articles a ON a.id = c.article"
        )
        args += [*entities, *sides]
    if tag is not None:
        where.append("c.tags LIKE ?")
        args.append(f"%,{tag},%")
    if articles is not None:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS chosen(id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM chosen")
        conn.executemany("INSERT OR IGNORE INTO chosen VALUES (?)", [(a,) for a in articles])
        where.append("c.article IN (SELECT id FROM chosen)")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.sort DESC, a.added DESC, c.ord"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    rows: list[ShownRow] = conn.execute(sql, args).fetchall()
    return rows, entries(conn, {row[0] for row in rows})


def entries(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, ArticleEntry]:
    """These articles' entries, newest first (the library's order)."""
    rows = batched(
        conn, f"SELECT {ENTRY_COLUMNS}, sort FROM articles WHERE id IN ({{marks}})", article_ids
    )
    rows.sort(key=lambda row: (row[10] or "", row[7] or ""), reverse=True)
    return {row[0]: ArticleEntry(*row[:10]) for row in rows}


def members(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[tuple[str, str], str]:
    """(article id, article-local entity id) -> library entity id, for these articles."""
    sql = "SELECT article, eid, entity FROM members WHERE article IN ({marks})"
    return {(a, eid): e for a, eid, e in batched(conn, sql, article_ids)}


def kinds(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """Article id -> its entities' kinds by article-local id."""
    found: dict[str, dict[str, str]] = {}
    for article, blob in batched(
        conn, "SELECT article, entities FROM rows WHERE article IN ({marks})", article_ids
    ):
        # Each entity as `tables.remember` keeps it: [eid, name, kind, aliases, ...].
        found[article] = {row[0]: row[2] for row in json.loads(blob)}
    return found


def claims_at(conn: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> list[StoredRow]:
    """These claims ((article id, claim id) pairs), with article-local ids."""
    chosen = sorted(set(keys))
    found: list[StoredRow] = []
    for first in range(0, len(chosen), BATCH // 2):
        chunk = chosen[first : first + BATCH // 2]
        pairs = ",".join(["(?,?)"] * len(chunk))
        sql = (f"SELECT {_STORED} FROM (VALUES {pairs}) v CROSS JOIN claims c "
               "ON c.article = v.column1 AND c.id = v.column2")  # fmt: skip
        found += map(stored_row, conn.execute(sql, [part for key in chunk for part in key]))
    return found


def claims_of(conn: sqlite3.Connection, entity: str, denials: bool) -> list[StoredRow]:
    """Denials about or by the library entity `entity` (`denials`), else the other
    claims about it."""
    sides = "x.side IN ('a', 'b')" if denials else "x.side = 'a'"
    test = "LIKE" if denials else "NOT LIKE"
    sql = (f"SELECT DISTINCT {_STORED} {_OF_ENTITY} WHERE m.entity = ? AND {sides} "
           f"AND c.tags {test} '%,denial,%'")  # fmt: skip
    return [stored_row(row) for row in conn.execute(sql, (entity,))]


def quotes_by(conn: sqlite3.Connection, entity: str) -> list[StoredRow]:
    """The quotes attributed to the library entity `entity`."""
    sql = (f"SELECT DISTINCT {_STORED} {_OF_ENTITY} WHERE m.entity = ? AND x.side = 'b' "
           "AND c.tags LIKE '%,quote,%'")  # fmt: skip
    return [stored_row(row) for row in conn.execute(sql, (entity,))]


def stored_row(row: tuple[Any, ...]) -> StoredRow:
    """A `_STORED` row as the cross-article rules read a claim (no cue, no disputes)."""
    article, cid, order, start, end, text, content, tags, source, words, entities, topics = row
    claim = StoredClaim(
        id=cid, start=start, end=end, text=text, content=content, cue=None,
        source_words=words, source=source, source_via=None,
        tags=tuple(t for t in tags.split(",") if t), entities=tuple(json.loads(entities)),
        disputes=(), topics=tuple(topics.split()),
    )  # fmt: skip
    return article, claim, order
