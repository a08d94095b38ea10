"""One entity's dossier: every claim about it and by it, grouped by article, with links.

Invariant: a `Dossier` is built only from `Library` answers (`entity_claims`,
`across.links`, `drift`): each claim appears once (a claim both about and by the entity
is listed once, as both), articles come newest first and claims in text order within
one, and a claim's links name other articles only (disputes within one article stay in
`claim.disputes`).
Plain frozen values, so the ledger screen can draw them from any thread's result.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.library.drift import Drift
from reader.library.entity import LibraryEntity
from reader.library.ledger import ArticleRef, Dispute, LedgerClaim
from reader.library.library import Library


@dataclass(frozen=True, slots=True)
class Entry:
    """One claim in the dossier, with what other articles say about it."""

    claim: LedgerClaim
    about: bool
    """Whether its content names the entity."""
    by: bool
    """Whether the entity is its source."""
    disputed_in: tuple[Dispute, ...] = ()
    """Denials in other articles that dispute it."""
    disputes_elsewhere: tuple[Dispute, ...] = ()
    """Claims in other articles this denial disputes."""
    drift: Drift | None = None
    """When it is a quote worded differently in another article: the pair."""


@dataclass(frozen=True, slots=True)
class Section:
    """The dossier's claims from one article."""

    article: ArticleRef
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Dossier:
    """Every claim about and by one library entity."""

    entity: LibraryEntity
    sections: tuple[Section, ...]
    linked: bool
    """Whether the links to other articles (disputes, drift) were looked for."""
    complete: bool = True
    """Whether every claim is listed (else only the first ones, newest first)."""

    @property
    def claims(self) -> int:
        """How many claims it lists."""
        return sum(len(s.entries) for s in self.sections)


def dossier(
    library: Library, entity: LibraryEntity, *, links: bool = True, first: int | None = None
) -> Dossier:
    """The dossier of `entity` (an entity of `library.entities()`); without `links`, only
    the claims (one query: what to show first while the links are found); with `first`,
    only the first that many claims (and no links): a screenful for an entity in
    hundreds of articles, while the rest are read."""
    found = library.entity_claims(entity, first)
    complete = first is None or len(found) < first
    links = links and complete
    claims = [claim for claim, _, _ in found]
    forward: dict[tuple[str, str], list[Dispute]] = {}
    backward: dict[tuple[str, str], list[Dispute]] = {}
    drifted: dict[tuple[str, str], Drift] = {}
    if links:
        forward, backward = library.across.links(claims)
        for speaker in _speakers(library, claims):
            for drift in library.drift(speaker):
                for ref in (drift.before, drift.after):
                    drifted.setdefault((ref.article_id, ref.claim_id), drift)
    grouped: dict[str, list[Entry]] = {}
    refs: dict[str, ArticleRef] = {}
    for claim, about, by in found:
        key = (claim.article.id, claim.id)
        entry = Entry(
            claim,
            about=about,
            by=by,
            disputed_in=tuple(backward.get(key, ())),
            disputes_elsewhere=tuple(forward.get(key, ())),
            drift=drifted.get(key),
        )
        refs.setdefault(claim.article.id, claim.article)
        grouped.setdefault(claim.article.id, []).append(entry)
    sections = tuple(Section(refs[aid], tuple(entries)) for aid, entries in grouped.items())
    return Dossier(entity, sections, linked=links, complete=complete)


def _speakers(library: Library, claims: list[LedgerClaim]) -> list[LibraryEntity]:
    """The library entities who are the source of a quote among `claims` (the entity
    itself, or whoever is quoted about it)."""
    names = dict.fromkeys(c.source for c in claims if c.source and "quote" in c.tags)
    found: dict[str, LibraryEntity] = {}
    for name in names:
        for entity in library.find(name):
            if entity.name == name:
                found.setdefault(entity.id, entity)
    return list(found.values())
