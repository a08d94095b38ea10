"""The analysis model: entities and claims as spans over `Document.text`.

Invariant: every offset is a Python string index into the analysed
`Document.text`, end exclusive, and `text[start:end]` is the mention or claim
text. `to_json` produces the public `reader extract --json` contract.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from reader.analysis.quick_init import quick_init
from reader.document.model import Document
from reader.span import Span

EntityKind = Literal["person", "org", "place", "other"]
ClaimTag = Literal["reported", "statement", "quote", "alleged", "denial", "opinion"]
SourceVia = Literal["name", "pronoun", "description", "speaker-label"]
"""How a claim's source words reached its entity: they name it ("Ana Ruiz", "Ruiz"),
are a pronoun ("she", "who"), describe it ("the mayor", "the daily"), or are a
transcript's speaker label ("RUIZ:")."""
ProgressCallback = Callable[[float], None]
"""Called with the fraction done (0.0 to 1.0) while an analysis runs."""


@quick_init
@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or other named thing, with every mention."""

    id: str
    """Stable within one analysis: `e1`, `e2`, ..."""
    name: str
    """Canonical name: the fullest form the document uses."""
    kind: EntityKind
    """person, org, place or other."""
    aliases: tuple[str, ...]
    """Other forms the document uses for it ("Musk", "Mr Musk")."""
    mentions: tuple[Span, ...]
    """Every mention as (start, end), in text order."""


@quick_init
@dataclass(frozen=True, slots=True)
class Claim:
    """Something the article attributes to a source or hedges."""

    id: str
    """Stable within one analysis: `c1`, `c2`, ..."""
    start: int
    """Start of what the reader highlights (usually the sentence(s) holding the claim)."""
    end: int
    """End of the highlighted span (exclusive)."""
    content: Span
    """What is claimed."""
    cue: Span | None
    """The reporting words ("reported", "said", "according to", "allegedly")."""
    source_span: Span | None
    """The words naming the source at this place ("The Post", "she")."""
    source: str | None
    """Id of the entity the source resolves to, if any."""
    tags: tuple[ClaimTag, ...]
    """Contract tags, in a fixed order."""
    entities: tuple[str, ...]
    """Ids of the entities the content mentions."""
    disputes: tuple[str, ...] = ()
    """Ids of earlier claims this one disputes."""
    source_via: SourceVia | None = None
    """How `source_span` was resolved to `source`; None when no entity was linked.
    The evidence is the text at `source_span` ("she", "the spokesman")."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analysing one document."""

    document: Document
    """The analysed document."""
    entities: tuple[Entity, ...]
    """Entities, most mentioned first."""
    claims: tuple[Claim, ...]
    """Claims in text order."""

    def entity(self, entity_id: str) -> Entity | None:
        """Return the entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def disputed_by(self, claim_id: str) -> tuple[str, ...]:
        """Ids of the claims that dispute `claim_id` (the reverse of `Claim.disputes`)."""
        return tuple(c.id for c in self.claims if claim_id in c.disputes)

    def to_json(self) -> dict[str, Any]:
        """The public `reader extract --json` object."""
        doc = self.document
        return {
            "document": {
                "title": doc.title,
                "source": doc.source,
                "date": doc.date,
                "text": doc.text,
            },
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "kind": e.kind,
                    "aliases": list(e.aliases),
                    "mentions": [list(m) for m in e.mentions],
                }
                for e in self.entities
            ],
            "claims": [
                {
                    "id": c.id,
                    "start": c.start,
                    "end": c.end,
                    "text": doc.text[c.start : c.end],
                    "content": list(c.content),
                    "cue": list(c.cue) if c.cue else None,
                    "source_span": list(c.source_span) if c.source_span else None,
                    "source": c.source,
                    "source_via": c.source_via,
                    "tags": list(c.tags),
                    "entities": list(c.entities),
                    "disputes": list(c.disputes),
                }
                for c in self.claims
            ],
        }

    def to_json_text(self) -> str:
        """`json.dumps(self.to_json(), ensure_ascii=False)`, about a fifth faster on a book:
        the spans and id tuples go to the encoder as they are (JSON writes a tuple as the
        list `to_json` copies it into) and nothing here can hold a cycle to check for."""
        doc = self.document
        text = doc.text
        data = {
            "document": {"title": doc.title, "source": doc.source, "date": doc.date, "text": text},
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "kind": e.kind,
                    "aliases": e.aliases,
                    "mentions": e.mentions,
                }
                for e in self.entities
            ],
            "claims": [
                {
                    "id": c.id,
                    "start": c.start,
                    "end": c.end,
                    "text": text[c.start : c.end],
                    "content": c.content,
                    "cue": c.cue or None,
                    "source_span": c.source_span or None,
                    "source": c.source,
                    "source_via": c.source_via,
                    "tags": c.tags,
                    "entities": c.entities,
                    "disputes": c.disputes,
                }
                for c in self.claims
            ],
        }
        return json.dumps(data, ensure_ascii=False, check_circular=False)


class Backend(Protocol):
    """An analysis backend: turns a document into entities and claims."""

    name: str
    """Short name used by `--backend`."""

    def analyze(self, document: Document, progress: ProgressCallback | None = None) -> Analysis:
        """Analyse `document`, calling `progress(fraction)` now and then."""
        ...
