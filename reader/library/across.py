"""Questions across articles for a `Library`: disputes, verdict recall and quote drift.

Invariant: each answer equals what `crossdispute`, `recall` or `drift` give over the
whole library, but is computed from only the articles that can hold one, found through
the library index (which article entities have claims about them or by them, and which
claims are denials): a question about one entity reads that entity's articles, never
every file. What is kept between questions is dropped when the index, the links or the
note store's files change: the entity keys (per `Library.entities()` list), the loaded
analyses (per content hash) and the index of past verdicts (per note file stamps).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from reader.errors import StoreError
from reader.library.crossdispute import cross_disputes
from reader.library.drift import Drift, drifts
from reader.library.ledger import ArticleRef, Dispute, LedgerClaim
from reader.library.linking import LibraryEntity
from reader.library.model import ClaimRef, StoredAnalysis
from reader.library.recall import GivenVerdict, Recalled, RecallIndex
from reader.safe_text import one_line

if TYPE_CHECKING:
    from reader.library.library import Library

CACHED_ANALYSES = 512
"""Stored analyses kept in memory between questions (the most recently used)."""

Key = tuple[str, str]
"""(article id, claim id)."""


class Across:
    """The cross-article answers of one `Library`, with what they keep between calls."""

    def __init__(self, library: Library) -> None:
        """Answer for `library` (read through its public methods only)."""
        self.library = library
        self._entities: list[LibraryEntity] | None = None
        self._of: dict[Key, LibraryEntity] = {}
        self._loaded: OrderedDict[str, StoredAnalysis] = OrderedDict()
        self._recall: tuple[object, RecallIndex] | None = None

    # -- what every answer needs -----------------------------------------------------

    def entity_of(self, article_id: str, entity_id: str) -> LibraryEntity | None:
        """The library entity an article's entity belongs to, if any."""
        entities = self.library.entities()
        if entities is not self._entities:
            self._of = {(r.article_id, r.entity_id): e for e in entities for r in e.members}
            self._entities = entities
        return self._of.get((article_id, entity_id))

    def key_of(self, article_id: str, entity_id: str) -> str | None:
        """The library key of an article's entity (the `Link` the algorithms take)."""
        entity = self.entity_of(article_id, entity_id)
        return None if entity is None else entity.id

    def analysis(self, article_id: str) -> StoredAnalysis | None:
        """One stored analysis, from memory while its article's text is unchanged."""
        entry = self.library.shelf.entries().get(article_id)
        if entry is None:
            return None
        kept = self._loaded.get(article_id)
        if kept is not None and kept.content_hash == entry.content_hash:
            self._loaded.move_to_end(article_id)
            return kept
        stored = self.library.stored(article_id)
        if stored is not None:
            self._loaded[article_id] = stored
            while len(self._loaded) > CACHED_ANALYSES:
                self._loaded.popitem(last=False)
        return stored

    def _analyses(self, article_ids: Iterable[str]) -> list[StoredAnalysis]:
        """These articles' analyses in library order (newest first)."""
        wanted = set(article_ids)
        order = [e.id for e in self.library.articles() if e.id in wanted]
        return [a for aid in order if (a := self.analysis(aid)) is not None]

    def _ref(self, article_id: str) -> ArticleRef | None:
        entry = self.library.shelf.entries().get(article_id)
        return None if entry is None else ArticleRef.of(entry)

    # -- disputes ----------------------------------------------------------------------

    def disputes(self, claims: Sequence[LedgerClaim]) -> dict[Key, list[Dispute]]:
        """For each denial among `claims`, the claims of other articles it disputes (the
        `Library.cross_disputes` hook)."""
        return self.links(claims)[0]

    def links(
        self, claims: Sequence[LedgerClaim] | Iterable[Key]
    ) -> tuple[dict[Key, list[Dispute]], dict[Key, list[Dispute]]]:
        """(what each of `claims` disputes in other articles, the denials in other articles
        that dispute it), keyed by (article id, claim id); claims are `LedgerClaim`s or
        such keys."""
        wanted = {(c.article.id, c.id) if isinstance(c, LedgerClaim) else c for c in claims}
        if not wanted:
            return {}, {}
        articles = {aid for aid, _ in wanted}
        for article_id, claim_id in wanted:
            stored = self.analysis(article_id)
            found = stored.claim(claim_id) if stored is not None else None
            if stored is None or found is None:
                continue
            if "denial" in found.tags:
                articles |= self._denied_in(stored, found.entities, found.source)
            else:
                articles |= self._denials_about(article_id, found.entities)
        links = cross_disputes(self._analyses(articles), self.key_of)
        return self._disputes(links, wanted)

    def _denied_in(
        self, stored: StoredAnalysis, named: Sequence[str], source: str | None
    ) -> set[str]:
        """Articles that may hold a claim this denial disputes: a disputed claim names every
        person the denial names (else every entity, else its source), so each article
        holding one has claims about the rarest of them."""
        kinds = {e.id: e.kind for e in stored.entities}
        chosen = [e for e in named if kinds.get(e) == "person"] or list(named)
        if not chosen and source is not None:
            chosen = [source]
        options = []
        for local in chosen:
            entity = self.entity_of(stored.article_id, local)
            if entity is None:
                return set()  # an entity the library cannot link matches nothing
            options.append({row.article_id for row in entity.members if row.about})
        return min(options, key=len) if options else set()

    def _denials_about(self, article_id: str, named: Sequence[str]) -> set[str]:
        """Articles with a denial about (or by) one of these entities: a denial disputing a
        claim requires entities the claim names."""
        entries = self.library.shelf.entries()
        found: set[str] = set()
        for local in named:
            entity = self.entity_of(article_id, local)
            for row in entity.members if entity is not None else ():
                entry = entries.get(row.article_id)
                denials = set(entry.tags.get("denial", ())) if entry is not None else set()
                if denials and (denials.intersection(row.about) or denials.intersection(row.by)):
                    found.add(row.article_id)
        found.discard(article_id)
        return found

    def _disputes(
        self, links: Mapping[ClaimRef, Sequence[ClaimRef]], wanted: set[Key]
    ) -> tuple[dict[Key, list[Dispute]], dict[Key, list[Dispute]]]:
        forward: dict[Key, list[Dispute]] = {}
        backward: dict[Key, list[Dispute]] = {}
        for denial, targets in links.items():
            denial_key = (denial.article_id, denial.claim_id)
            for target in targets:
                target_key = (target.article_id, target.claim_id)
                if denial_key in wanted and (found := self._dispute(target)) is not None:
                    forward.setdefault(denial_key, []).append(found)
                if target_key in wanted and (found := self._dispute(denial)) is not None:
                    backward.setdefault(target_key, []).append(found)
        return forward, backward

    def _dispute(self, ref: ClaimRef) -> Dispute | None:
        article, stored = self._ref(ref.article_id), self.analysis(ref.article_id)
        claim = stored.claim(ref.claim_id) if stored is not None else None
        if article is None or claim is None:
            return None
        return Dispute(article, claim.id, claim.text)

    # -- verdict recall ----------------------------------------------------------------

    def recall(self, contents: Sequence[str], article_id: str | None) -> list[Recalled | None]:
        """For each content, the closest verdict the reader gave in another article."""
        return self._recall_index().all(contents, article_id=article_id)

    def _recall_index(self) -> RecallIndex:
        stamp = self._notes_stamp()
        if self._recall is not None and stamp is not None and self._recall[0] == stamp:
            return self._recall[1]
        index = RecallIndex(self._given())
        self._recall = (stamp, index)
        return index

    def _notes_stamp(self) -> object | None:
        """The note files' names, times and sizes, with the library index's (None: unknown)."""
        store = self.library.store
        path = getattr(store.shelf, "path", None)
        if path is None:
            return None
        try:
            names = store.shelf.names()
            files = tuple((n, _stat(path(n))) for n in names)
        except StoreError:
            return None
        return (id(self.library.shelf.entries()), files)

    def _given(self) -> list[GivenVerdict]:
        """Every verdict the reader gave on a library article, with its claim's content."""
        entries = self.library.shelf.entries()
        try:
            names = [n for n in self.library.store.shelf.names() if n in entries]
        except StoreError:
            return []
        given = []
        for article_id in names:
            try:
                verdicts = self.library.store.verdicts(article_id)
            except StoreError:
                continue
            if not verdicts:
                continue
            entry, stored = entries[article_id], self.analysis(article_id)
            for verdict in verdicts:
                claim = None
                if stored is not None:
                    same = [c for c in stored.claims if c.text == verdict.anchor.exact]
                    claim = next((c for c in same if c.id == verdict.claim_id), None) or (
                        same[0] if same else None
                    )
                given.append(
                    GivenVerdict(
                        verdict=verdict.verdict,
                        content=claim.content if claim else verdict.anchor.exact,
                        article_id=article_id,
                        title=one_line(entry.title or entry.source),
                        date=entry.date,
                        claim_id=claim.id if claim else verdict.claim_id,
                        given_at=verdict.updated or verdict.created,
                    )
                )
        return given

    # -- quote drift -------------------------------------------------------------------

    def drift(self, speaker: LibraryEntity) -> list[Drift]:
        """The drifted quotes of one speaker across the library."""
        articles = {row.article_id for row in speaker.members if row.by}
        if len(articles) < 2:
            return []
        found = drifts(self._analyses(articles), self.key_of)
        return [d for d in found if d.speaker == speaker.id]


def find_disputes(library: Library, claims: Sequence[LedgerClaim]) -> dict[Key, list[Dispute]]:
    """The `Library.cross_disputes` hook: `Across.disputes` of the library's own `across`."""
    return library.across.disputes(claims)


def _stat(path: object) -> tuple[int, int]:
    try:
        info = path.stat()  # type: ignore[attr-defined]
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)
