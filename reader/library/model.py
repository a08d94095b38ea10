"""The records the library stores for one analysed article, and their JSON form.

Invariant: a `StoredAnalysis` is self-contained: it needs neither the article file
nor the analysis backend to answer a question (the claim's text, content and source
words are copied out of the document), and `from_dict(to_dict(x)) == x` (a claim's
`topics`, derived, are carried from the analysis to the cache but not compared or
written to the file). Ids inside
it (`e1`, `c1`) are the analysis' own, valid only within that article; across the
library an article-local id is qualified by its article id (`ClaimRef`).

Untrusted input: a stored file may be damaged or hand-edited, so `from_dict` checks
every field's type and raises `ValueError` (never `KeyError`/`TypeError` deep inside).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the ledger's queries never load the analysis (or document) layer
    from reader.analysis.model import Analysis

WORD_CHUNK = 1 << 16
"""Characters split at a time by `count_words`."""
_SPACE = re.compile(r"\s")


def count_words(text: str) -> int:
    """``len(text.split())`` without the list of every word (5.6 million strings, about
    400 MB, for a 30 MB book: that list was the UI process's peak): the text is split
    a piece at a time, each piece ending at a whitespace character, so no word is cut."""
    count, start, size = 0, 0, len(text)
    while start < size:
        end = start + WORD_CHUNK
        if end < size:
            space = _SPACE.search(text, end)
            end = size if space is None else space.start()
        count += len(text[start:end].split())
        start = end
    return count


ANALYSIS_VERSION = 1
"""Bump when the rules change what they find: stored analyses of an older version are
redone in the background (the rule backend's version, not the store's schema)."""


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """One claim in one article: the library-wide name of a claim."""

    article_id: str
    claim_id: str


@dataclass(frozen=True, slots=True)
class StoredEntity:
    """An entity as one article names it."""

    id: str
    """The analysis' id within the article (`e1`)."""
    name: str
    kind: str
    """person, org, place or other."""
    aliases: tuple[str, ...]
    mentions: int
    """How many times the article mentions it."""
    first: int
    """Offset of its first mention (to open the article there)."""

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        # Pickled by its fields and rebuilt by the constructor (a worker hands thousands
        # to `reader add`: slotted dataclasses' own state setting was a tenth of it).
        return _rebuild(self)


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim as one article makes it, with the words it needs copied out."""

    id: str
    """The analysis' id within the article (`c1`)."""
    start: int
    end: int
    text: str
    """The highlighted text (`document.text[start:end]`)."""
    content: str
    """What is claimed (the content span's text)."""
    cue: str | None
    """The reporting words, if any."""
    source_words: str | None
    """The words naming the source at this place ("she", "The Post"), if any."""
    source: str | None
    """Article-local id of the entity the source resolves to."""
    source_via: str | None
    tags: tuple[str, ...]
    entities: tuple[str, ...]
    """Article-local ids of the entities the content mentions."""
    disputes: tuple[str, ...]
    """Article-local ids of the claims this one disputes (within the article)."""
    topics: tuple[str, ...] | None = field(default=None, compare=False)
    """The topic stems the cross-article dispute rule compares it by
    (`reader.library.topics`), sorted, when known: worked out where
    the analysis ran and carried to the ledger cache, which keeps them, so a question
    never loads the analysis layer to compare claims. Not written to the article file
    (None when read back from it: the cache works them out then)."""

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        # Pickled by its fields and rebuilt by the constructor (a worker hands thousands
        # to `reader add`: slotted dataclasses' own state setting was a tenth of it).
        return _rebuild(self)


@dataclass(frozen=True, slots=True)
class StoredAnalysis:
    """One article's analysis as the library keeps it."""

    article_id: str
    """The notes store's article id (`reader.notes.model.article_id_for`)."""
    content_hash: str
    """`reader.notes.model.content_hash` of the analysed text: a different hash means
    the article changed and must be re-analysed."""
    version: int
    """`ANALYSIS_VERSION` when analysed."""
    title: str
    source: str
    """Normalised source (path or URL)."""
    date: str | None
    """The article's date (ISO `YYYY-MM-DD` when known)."""
    outlet: str | None
    """Who published it (the document's source line or the URL's host), if known."""
    added: str
    """When it was stored (ISO timestamp, UTC)."""
    words: int
    entities: tuple[StoredEntity, ...]
    claims: tuple[StoredClaim, ...]

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        # Pickled by its fields and rebuilt by the constructor (a worker hands thousands
        # to `reader add`: slotted dataclasses' own state setting was a tenth of it).
        return _rebuild(self)

    def entity(self, entity_id: str) -> StoredEntity | None:
        """The entity with this article-local id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def claim(self, claim_id: str) -> StoredClaim | None:
        """The claim with this article-local id, or None."""
        return next((c for c in self.claims if c.id == claim_id), None)

    @classmethod
    def from_analysis(
        cls,
        analysis: Analysis,
        *,
        article_id: str,
        content_hash: str,
        source: str,
        outlet: str | None,
        added: str,
    ) -> StoredAnalysis:
        """Copy what the library needs out of `analysis` (its document is not kept)."""
        text = analysis.document.text

        def words(span: tuple[int, int] | None) -> str | None:
            return None if span is None else " ".join(text[span[0] : span[1]].split())

        from reader.library.topics import claim_topics  # the analysis is loaded here

        entities = tuple(
            StoredEntity(
                id=e.id,
                name=e.name,
                kind=e.kind,
                aliases=e.aliases,
                mentions=len(e.mentions),
                first=e.mentions[0][0] if e.mentions else 0,
            )
            for e in analysis.entities
        )
        claims = tuple(
            StoredClaim(
                id=c.id,
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                content=(content := text[c.content[0] : c.content[1]]),
                cue=words(c.cue),
                source_words=(source_words := words(c.source_span)),
                source=c.source,
                source_via=c.source_via,
                tags=tuple(c.tags),
                entities=c.entities,
                disputes=c.disputes,
                topics=claim_topics(content, source_words),
            )
            for c in analysis.claims
        )
        doc = analysis.document
        return cls(
            article_id=article_id,
            content_hash=content_hash,
            version=ANALYSIS_VERSION,
            title=doc.title,
            source=source,
            date=doc.date or None,
            outlet=outlet,
            added=added,
            words=count_words(text),
            entities=entities,
            claims=claims,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (tuples become lists)."""
        return {
            "article_id": self.article_id,
            "content_hash": self.content_hash,
            "version": self.version,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "outlet": self.outlet,
            "added": self.added,
            "words": self.words,
            "entities": [
                [e.id, e.name, e.kind, list(e.aliases), e.mentions, e.first] for e in self.entities
            ],
            "claims": [
                {
                    "id": c.id,
                    "start": c.start,
                    "end": c.end,
                    "text": c.text,
                    "content": c.content,
                    "cue": c.cue,
                    "source_words": c.source_words,
                    "source": c.source,
                    "source_via": c.source_via,
                    "tags": list(c.tags),
                    "entities": list(c.entities),
                    "disputes": list(c.disputes),
                }
                for c in self.claims
            ],
        }

    @classmethod
    def from_dict(cls, data: object) -> StoredAnalysis:
        """Inverse of `to_dict`; raises `ValueError` on anything malformed."""
        record = _mapping(data, "analysis")
        entities = tuple(_entity(item) for item in _list(record.get("entities"), "entities"))
        claims = tuple(_claim(item) for item in _list(record.get("claims"), "claims"))
        return cls(
            article_id=_str(record.get("article_id"), "article_id"),
            content_hash=_str(record.get("content_hash"), "content_hash"),
            version=_int(record.get("version"), "version"),
            title=_str(record.get("title"), "title"),
            source=_str(record.get("source"), "source"),
            date=_opt_str(record.get("date"), "date"),
            outlet=_opt_str(record.get("outlet"), "outlet"),
            added=_str(record.get("added"), "added"),
            words=_int(record.get("words"), "words"),
            entities=entities,
            claims=claims,
        )


def _entity(item: object) -> StoredEntity:
    row = _list(item, "entity")
    if len(row) != 6:
        raise ValueError("an entity record has the wrong length")
    return StoredEntity(
        id=_str(row[0], "entity id"),
        name=_str(row[1], "entity name"),
        kind=_str(row[2], "entity kind"),
        aliases=_strs(row[3], "entity aliases"),
        mentions=_int(row[4], "entity mentions"),
        first=_int(row[5], "entity first mention"),
    )


def _claim(item: object) -> StoredClaim:
    record = _mapping(item, "claim")
    return StoredClaim(
        id=_str(record.get("id"), "claim id"),
        start=_int(record.get("start"), "claim start"),
        end=_int(record.get("end"), "claim end"),
        text=_str(record.get("text"), "claim text"),
        content=_str(record.get("content"), "claim content"),
        cue=_opt_str(record.get("cue"), "claim cue"),
        source_words=_opt_str(record.get("source_words"), "claim source words"),
        source=_opt_str(record.get("source"), "claim source"),
        source_via=_opt_str(record.get("source_via"), "claim source_via"),
        tags=_strs(record.get("tags"), "claim tags"),
        entities=_strs(record.get("entities"), "claim entities"),
        disputes=_strs(record.get("disputes"), "claim disputes"),
    )


def _mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not an object")
    return value


def _list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{what} is not a list")
    return value


def _str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} is not text")
    return value


def _opt_str(value: object, what: str) -> str | None:
    return None if value is None else _str(value, what)


def _int(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{what} is not a whole number")
    return value


def _strs(value: object, what: str) -> tuple[str, ...]:
    return tuple(_str(item, what) for item in _list(value, what))


def _rebuild(record: Any) -> tuple[type[Any], tuple[Any, ...]]:
    """`(type, fields)`: what `__reduce__` gives for a slotted record."""
    return type(record), tuple(getattr(record, name) for name in record.__slots__)
