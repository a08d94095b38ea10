"""Look-up tables over one `Analysis`, built once so the panel never scans.

Invariant: pure Python, no Textual import; every table is derived from the
`Analysis` given to `PanelIndex` and never mutated afterwards, so widgets may
share one index freely. Offsets are `Document.text` indices, as everywhere.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence

from reader.analysis.model import Analysis, Claim, ClaimTag, Entity

KIND_ORDER: tuple[str, ...] = ("person", "org", "place", "other")
"""The order entity groups appear in."""

KIND_LABELS: dict[str, str] = {
    "person": "People",
    "org": "Organisations",
    "place": "Places",
    "other": "Other",
}
"""Group headings for each entity kind."""


def fold(text: str) -> str:
    """`text` for matching: case and accents dropped ("Bolkónski" -> "bolkonski")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class PanelIndex:
    """Entities and claims of one analysis, indexed for the side panel."""

    def __init__(self, analysis: Analysis) -> None:
        """Index `analysis`: O(entities + claims) once, O(1) or O(log n) per look-up."""
        self.analysis = analysis
        self.entities: tuple[Entity, ...] = analysis.entities
        self.claims: tuple[Claim, ...] = analysis.claims
        self._entity = {e.id: e for e in analysis.entities}
        self._claim = {c.id: c for c in analysis.claims}
        self._position = {c.id: i for i, c in enumerate(analysis.claims)}
        self._about: dict[str, list[Claim]] = defaultdict(list)
        self._sourced: dict[str, list[Claim]] = defaultdict(list)
        self._disputed_by: dict[str, list[str]] = defaultdict(list)
        for claim in analysis.claims:
            for entity_id in dict.fromkeys(claim.entities):
                self._about[entity_id].append(claim)
            if claim.source is not None:
                self._sourced[claim.source].append(claim)
            for other in claim.disputes:
                self._disputed_by[other].append(claim.id)
        self._starts = [c.start for c in analysis.claims]
        self._haystack = {e.id: fold("\n".join((e.name, *e.aliases))) for e in analysis.entities}

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        return self._entity.get(entity_id) if entity_id is not None else None

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, or None."""
        return self._claim.get(claim_id)

    def position(self, claim_id: str) -> int:
        """The claim's index in article order (-1 if unknown)."""
        return self._position.get(claim_id, -1)

    def claims_about(self, entity_id: str) -> Sequence[Claim]:
        """Claims whose content mentions the entity, in article order."""
        return self._about.get(entity_id, ())

    def claims_sourced_by(self, entity_id: str) -> Sequence[Claim]:
        """Claims the entity is the source of, in article order."""
        return self._sourced.get(entity_id, ())

    def disputed_by(self, claim_id: str) -> Sequence[str]:
        """Ids of claims that dispute this one."""
        return self._disputed_by.get(claim_id, ())

    def related(self, claim_id: str) -> list[str]:
        """Claims this one disputes, then claims disputing it: the dispute jump targets."""
        claim = self._claim.get(claim_id)
        own = list(claim.disputes) if claim else []
        return [c for c in (*own, *self.disputed_by(claim_id)) if c in self._claim]

    def source_name(self, claim: Claim) -> str:
        """The claim's source as a reader would name it ("" when unknown)."""
        entity = self.entity(claim.source)
        if entity is not None:
            return entity.name
        if claim.source_span is not None:
            start, end = claim.source_span
            return " ".join(self.analysis.document.text[start:end].split())  # one line
        return ""

    def source_evidence(self, claim: Claim) -> str:
        """The words a source was resolved from when they are not its name ("she",
        "the spokesman"), so the reader can check the link; "" otherwise."""
        entity = self.entity(claim.source)
        indirect = claim.source_via in ("pronoun", "description")
        if not indirect or claim.source_span is None or entity is None:
            return ""
        start, end = claim.source_span
        words = " ".join(self.analysis.document.text[start:end].split())
        if any(name in words for name in (entity.name, *entity.aliases)):
            return ""  # "Its director, Dr Élise Marchand": the name is there already
        return words

    def content_text(self, claim: Claim) -> str:
        """What the claim says, on one line."""
        start, end = claim.content
        if end <= start:
            start, end = claim.start, claim.end
        return " ".join(self.analysis.document.text[start:end].split())

    def claim_at(self, offset: int) -> Claim | None:
        """The claim whose highlighted span holds `offset`, or None."""
        index = bisect_right(self._starts, offset) - 1
        while index >= 0:
            claim = self.claims[index]
            if claim.start <= offset < claim.end:
                return claim
            if offset - claim.start > 5000:
                return None
            index -= 1
        return None

    def neighbour(self, offset: int, step: int) -> Claim | None:
        """The first claim starting after (`step` 1) or before (-1) `offset`."""
        if not self.claims:
            return None
        if step > 0:
            index = bisect_right(self._starts, offset)
            return self.claims[index] if index < len(self.claims) else None
        index = bisect_right(self._starts, offset - 1) - 1
        while index >= 0 and self.claims[index].start >= offset:
            index -= 1
        return self.claims[index] if index >= 0 else None

    def matching_entities(self, query: str) -> list[Entity]:
        """Entities whose name or an alias contains `query` (ignoring case and accents)."""
        needle = fold(query.strip())
        if not needle:
            return list(self.entities)
        return [e for e in self.entities if needle in self._haystack[e.id]]

    def claims_tagged(self, tags: Iterable[ClaimTag]) -> list[Claim]:
        """Claims carrying any of `tags` (all claims when `tags` is empty)."""
        wanted = frozenset(tags)
        if not wanted:
            return list(self.claims)
        return [c for c in self.claims if wanted.intersection(c.tags)]


def by_mentions(entities: Iterable[Entity]) -> list[Entity]:
    """Entities most mentioned first, ties by name."""
    return sorted(entities, key=lambda e: (-len(e.mentions), e.name.casefold()))


def by_kind(entities: Iterable[Entity]) -> list[tuple[str, list[Entity]]]:
    """(kind, entities most mentioned first) for each kind that has any, in `KIND_ORDER`."""
    groups: dict[str, list[Entity]] = {kind: [] for kind in KIND_ORDER}
    for entity in entities:
        groups.get(entity.kind, groups["other"]).append(entity)
    return [(kind, by_mentions(group)) for kind, group in groups.items() if group]
