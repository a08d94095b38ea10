"""One article as the ledger lists it, and its entities as the linker reads them.

Invariant: both are derived from a `StoredAnalysis` alone (`ArticleEntry.of`,
`entity_rows`), so the ledger cache can always be rebuilt from the per-article files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.library.model import StoredAnalysis

if TYPE_CHECKING:  # the linker's records load when an article is stored or relinked
    from reader.library.linking import EntityRow


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """A stored article's metadata."""

    id: str
    """The note store's article id."""
    content_hash: str
    version: int
    """The `ANALYSIS_VERSION` it was analysed with."""
    title: str
    source: str
    """Where it was read from (path or URL)."""
    date: str | None
    outlet: str | None
    added: str
    words: int
    claims: int

    @property
    def newest_key(self) -> tuple[str, str]:
        """Sort key, newest first when reversed: the article's date, else when added."""
        return (self.date or self.added[:10], self.added)

    @classmethod
    def of(cls, stored: StoredAnalysis) -> ArticleEntry:
        """The entry of a stored analysis."""
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
        )


def entity_rows(stored: StoredAnalysis) -> list[EntityRow]:
    """The article's entities with the ids of the claims about them and by them."""
    from reader.library.linking import EntityRow

    about: dict[str, list[str]] = {}
    by: dict[str, list[str]] = {}
    for claim in stored.claims:
        for entity in dict.fromkeys(claim.entities):
            about.setdefault(entity, []).append(claim.id)
        if claim.source is not None:
            by.setdefault(claim.source, []).append(claim.id)
    return [
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
    ]
