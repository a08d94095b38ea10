"""Questions across articles for a `Library`: disputes, verdict recall and quote drift.

Invariant: each answer equals what `crossdispute`, `recall` or `drift` give over the
whole library, but is computed from only the articles that can hold one, found through
the ledger cache (`reader.library.cache`: which article entities are which library
entity, which claims are about or by each, which are denials or quotes): a question
about one entity reads that entity's articles, never every file. Kept between
questions: the analyses read (per content hash) and the index of past verdicts (per
note file stamps and those articles' texts).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from reader.errors import StoreError
from reader.library.cache import BATCH
from reader.library.crossdispute import cross_disputes
from reader.library.drift import Drift, drifts
from reader.library.entry import ArticleEntry
from reader.library.ledger import ArticleRef, Dispute, LedgerClaim
from reader.library.linking import LibraryEntity
from reader.library.model import ClaimRef, StoredAnalysis, StoredClaim
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
        """Answer for `library` (its ledger cache and its stored analyses)."""
        self.library = library
        self._loaded: OrderedDict[str, StoredAnalysis] = OrderedDict()
        self._recall: tuple[object, RecallIndex] | None = None

    # -- look-ups in the ledger cache --------------------------------------------------

    def _rows(self, sql: str, ids: Iterable[str], *args: object) -> list[tuple[Any, ...]]:
        """`sql` (with `{marks}` for an `IN` list) run over `ids` in batches."""
        chosen = sorted(set(ids))
        found: list[tuple[Any, ...]] = []
        with self.library.cache.current() as conn:
            for first in range(0, len(chosen), BATCH):
                chunk = chosen[first : first + BATCH]
                query = sql.format(marks=",".join("?" * len(chunk)))
                found += conn.execute(query, [*chunk, *args]).fetchall()
        return found

    def members(self, article_ids: Iterable[str]) -> dict[Key, str]:
        """(article id, article-local entity id) -> library entity id, for these articles."""
        rows = self._rows(
            "SELECT article, eid, entity FROM members WHERE article IN ({marks})", article_ids
        )
        return {(article, eid): entity for article, eid, entity in rows}

    def key_of(self, article_id: str, entity_id: str) -> str | None:
        """The library key of one article's entity (the `Link` the algorithms take)."""
        return self.members([article_id]).get((article_id, entity_id))

    def _articles_of(self, entity: str, side: str, tag: str | None = None) -> set[str]:
        """Articles with claims about (side "a") or by ("b") the library entity `entity`
        (with `tag`, if given)."""
        sql = (
            "SELECT DISTINCT x.article FROM members m JOIN mentions x ON x.article = m.article "
            "AND x.eid = m.eid JOIN claims c ON c.article = x.article AND c.id = x.claim "
            "WHERE m.entity IN ({marks}) AND x.side = ? AND c.tags LIKE ?"
        )
        return {row[0] for row in self._rows(sql, [entity], side, f"%,{tag},%" if tag else "%")}

    def entries(self, article_ids: Iterable[str]) -> dict[str, ArticleEntry]:
        """These articles' entries, newest first (the library's order)."""
        rows = self._rows(
            "SELECT id, content_hash, version, title, source, date, outlet, added, words, "
            "claims, sort FROM articles WHERE id IN ({marks})",
            article_ids,
        )
        rows.sort(key=lambda row: (row[10] or "", row[7] or ""), reverse=True)
        return {row[0]: ArticleEntry(*row[:10]) for row in rows}

    def analysis(self, entry: ArticleEntry) -> StoredAnalysis | None:
        """One stored analysis, from memory while its article's text is unchanged."""
        kept = self._loaded.get(entry.id)
        if kept is not None and kept.content_hash == entry.content_hash:
            self._loaded.move_to_end(entry.id)
            return kept
        stored = self.library.stored(entry.id)
        if stored is not None:
            self._loaded[entry.id] = stored
            while len(self._loaded) > CACHED_ANALYSES:
                self._loaded.popitem(last=False)
        return stored

    def _analyses(self, entries: Mapping[str, ArticleEntry]) -> dict[str, StoredAnalysis]:
        return {aid: a for aid, entry in entries.items() if (a := self.analysis(entry))}

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
        mine = self.entries({aid for aid, _ in wanted})
        analyses = self._analyses(mine)
        members = self.members(mine)
        articles = set(mine)
        for article_id, claim_id in wanted:
            stored = analyses.get(article_id)
            found = stored.claim(claim_id) if stored is not None else None
            if stored is None or found is None:
                continue
            named = [members.get((article_id, e)) for e in found.entities]
            if "denial" in found.tags:
                articles |= self._denied_in(stored, found, members)
            else:
                articles |= self._denials_about({e for e in named if e}) - {article_id}
        entries = self.entries(articles)
        analyses = self._analyses(entries)
        members = self.members(entries)
        links = cross_disputes(list(analyses.values()), lambda a, e: members.get((a, e)))
        return self._disputes(links, wanted, entries, analyses)

    def _denied_in(
        self, stored: StoredAnalysis, denial: StoredClaim, members: Mapping[Key, str]
    ) -> set[str]:
        """Articles that may hold a claim this denial disputes: a disputed claim names every
        person the denial names (else every entity, else its source), so each article
        holding one has claims about the rarest of them."""
        kinds = {e.id: e.kind for e in stored.entities}
        named = denial.entities
        chosen = [e for e in named if kinds.get(e) == "person"] or list(named)
        if not chosen and denial.source is not None:
            chosen = [denial.source]
        options = []
        for local in chosen:
            entity = members.get((stored.article_id, local))
            if entity is None:
                return set()  # an entity the library cannot link matches nothing
            options.append(self._articles_of(entity, "a"))
        return min(options, key=len) if options else set()

    def _denials_about(self, entities: set[str]) -> set[str]:
        """Articles with a denial about (or by) one of these library entities: a denial
        disputing a claim requires entities the claim names."""
        found: set[str] = set()
        for entity in entities:
            found |= self._articles_of(entity, "a", "denial")
            found |= self._articles_of(entity, "b", "denial")
        return found

    def _disputes(
        self,
        links: Mapping[ClaimRef, Sequence[ClaimRef]],
        wanted: set[Key],
        entries: Mapping[str, ArticleEntry],
        analyses: Mapping[str, StoredAnalysis],
    ) -> tuple[dict[Key, list[Dispute]], dict[Key, list[Dispute]]]:
        def dispute(ref: ClaimRef) -> Dispute | None:
            stored = analyses.get(ref.article_id)
            claim = stored.claim(ref.claim_id) if stored is not None else None
            if claim is None or ref.article_id not in entries:
                return None
            return Dispute(ArticleRef.of(entries[ref.article_id]), claim.id, claim.text)

        forward: dict[Key, list[Dispute]] = {}
        backward: dict[Key, list[Dispute]] = {}
        for denial, targets in links.items():
            denial_key = (denial.article_id, denial.claim_id)
            for target in targets:
                target_key = (target.article_id, target.claim_id)
                if denial_key in wanted and (found := dispute(target)) is not None:
                    forward.setdefault(denial_key, []).append(found)
                if target_key in wanted and (found := dispute(denial)) is not None:
                    backward.setdefault(target_key, []).append(found)
        return forward, backward

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
        """The note files' names, times and sizes, and those articles' texts (None: unknown)."""
        store = self.library.store
        path = getattr(store.shelf, "path", None)
        if path is None:
            return None
        try:
            files = tuple((n, _stat(path(n))) for n in store.shelf.names())
        except StoreError:
            return None
        texts = tuple((e.id, e.content_hash) for e in self.entries(n for n, _ in files).values())
        return (files, texts)

    def _given(self) -> list[GivenVerdict]:
        """Every verdict the reader gave on a library article, with its claim's content."""
        try:
            entries = self.entries(self.library.store.shelf.names())
        except StoreError:
            return []
        given = []
        for article_id, entry in entries.items():
            try:
                verdicts = self.library.store.verdicts(article_id)
            except StoreError:
                continue
            stored = self.analysis(entry) if verdicts else None
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
        entries = self.entries(self._articles_of(speaker.id, "b", "quote"))
        if len(entries) < 2:
            return []
        members = self.members(entries)
        analyses = list(self._analyses(entries).values())
        found = drifts(analyses, lambda a, e: members.get((a, e)))
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
