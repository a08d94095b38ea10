"""One article's line in the library index: what the ledger needs without its file.

Invariant: an `ArticleEntry` is derived from a `StoredAnalysis` (`ArticleEntry.of`) and
holds nothing else, so the index can always be rebuilt from the per-article files;
`from_row(to_row(x)) == x`, and `from_row` raises `ValueError` on anything malformed
(the index is a file on disk, possibly damaged or edited).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.library.linking import EntityRow
from reader.library.model import StoredAnalysis


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """An article's summary: its metadata, entities with their claim ids, claim tags."""

    id: str
    content_hash: str
    version: int
    title: str
    source: str
    date: str | None
    outlet: str | None
    added: str
    words: int
    claims: int
    entities: tuple[EntityRow, ...]
    tags: dict[str, tuple[str, ...]]
    """Claim ids by tag (to read only the articles that have a tag)."""

    @property
    def newest_key(self) -> tuple[str, str]:
        """Sort key, newest first when reversed: the article's date, else when added."""
        return (self.date or self.added[:10], self.added)

    @classmethod
    def of(cls, stored: StoredAnalysis) -> ArticleEntry:
        """The entry of a stored analysis."""
        about: dict[str, list[str]] = {}
        by: dict[str, list[str]] = {}
        tags: dict[str, list[str]] = {}
        for claim in stored.claims:
            for entity in dict.fromkeys(claim.entities):
                about.setdefault(entity, []).append(claim.id)
            if claim.source is not None:
                by.setdefault(claim.source, []).append(claim.id)
            for tag in claim.tags:
                tags.setdefault(tag, []).append(claim.id)
        rows = tuple(
            EntityRow(
                article_id=stored.article_id,
                entity_id=e.id,
                name=e.name,
                kind=e.kind,
                aliases=e.aliases,
                mentions=e.mentions,
                about=tuple(about.get(e.id, ())),
                by=tuple(by.get(e.id, ())),
            )
            for e in stored.entities
        )
        return cls(
            id=stored.article_id,
            content_hash=stored.content_hash,
            version=stored.version,
            title=stored.title,
            source=stored.source,
            date=stored.date,
            outlet=stored.outlet,
            added=stored.added,
            words=stored.words,
            claims=len(stored.claims),
            entities=rows,
            tags={tag: tuple(ids) for tag, ids in tags.items()},
        )

    def to_row(self) -> dict[str, Any]:
        """JSON-ready dict (entities as compact lists)."""
        return {
            "id": self.id,
            "content_hash": self.content_hash,
            "version": self.version,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "outlet": self.outlet,
            "added": self.added,
            "words": self.words,
            "claims": self.claims,
            "entities": [
                [
                    r.entity_id,
                    r.name,
                    r.kind,
                    list(r.aliases),
                    r.mentions,
                    list(r.about),
                    list(r.by),
                ]
                for r in self.entities
            ],  # fmt: skip
            "tags": {tag: list(ids) for tag, ids in self.tags.items()},
        }

    @classmethod
    def from_row(cls, row: object) -> ArticleEntry:
        """Inverse of `to_row`; `ValueError` on anything malformed."""
        if not isinstance(row, dict):
            raise ValueError("an index row is not an object")
        article_id = _str(row.get("id"))
        entities = row.get("entities")
        tags = row.get("tags")
        if not isinstance(entities, list) or not isinstance(tags, dict):
            raise ValueError("an index row has no entity list or tag map")
        return cls(
            id=article_id,
            content_hash=_str(row.get("content_hash")),
            version=_int(row.get("version")),
            title=_str(row.get("title")),
            source=_str(row.get("source")),
            date=_opt(row.get("date")),
            outlet=_opt(row.get("outlet")),
            added=_str(row.get("added")),
            words=_int(row.get("words")),
            claims=_int(row.get("claims")),
            entities=tuple(_row(article_id, item) for item in entities),
            tags={_str(tag): _strs(ids) for tag, ids in tags.items()},
        )


def _row(article_id: str, item: object) -> EntityRow:
    if not isinstance(item, list) or len(item) != 7:
        raise ValueError("an index entity is not a list of 7")
    entity_id, name, kind, aliases, mentions, about, by = item
    return EntityRow(
        article_id, _str(entity_id), _str(name), _str(kind), _strs(aliases), _int(mentions),
        _strs(about), _strs(by),
    )  # fmt: skip


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("an index field is not text")
    return value


def _opt(value: object) -> str | None:
    return None if value is None else _str(value)


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("an index field is not a whole number")
    return value


def _strs(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("an index field is not a list of text")
    return tuple(value)
