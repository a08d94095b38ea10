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
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.errors import StoreError
from reader.library.entity import LibraryEntity
from reader.library.entry import ArticleEntry
from reader.library.ledger import ArticleRef, Dispute, LedgerClaim
from reader.library.model import ClaimRef, StoredAnalysis, StoredClaim, StoredEntity
from reader.library.queries import StoredRow as _Row
from reader.safe_text import one_line

if TYPE_CHECKING:
    # Imported when first asked (`reader claims` without denials never needs them):
    # the dispute rules' topic words load the analysis layer.
    from reader.library.drift import Drift
    from reader.library.library import Library
    from reader.library.recall import GivenVerdict, Recalled, RecallIndex

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

    # -- look-ups in the ledger cache (`reader.library.queries`) ----------------------

    def members(self, article_ids: Iterable[str]) -> dict[Key, str]:
        """(article id, article-local entity id) -> library entity id, for these articles."""
        return self.library.cache.members(article_ids)

    def key_of(self, article_id: str, entity_id: str) -> str | None:
        """The library key of one article's entity (the `Link` the algorithms take)."""
        return self.members([article_id]).get((article_id, entity_id))

    def entries(self, article_ids: Iterable[str]) -> dict[str, ArticleEntry]:
        """These articles' entries, newest first (the library's order)."""
        return self.library.cache.entries(article_ids)

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
        `Library.cross_disputes` hook): `links(claims, backward=False)[0]`, found by
        testing each denial against the claims about the rarest entity it requires only,
        so the question reads neither those claims' articles nor their entities' kinds."""
        from reader.library.crossdispute import denial_disputes

        wanted = {(c.article.id, c.id) for c in claims if "denial" in c.tags}
        if not wanted:
            return {}
        mine = self._claims_at(wanted)
        members = self.members({aid for aid, _ in mine})
        kinds = self.library.cache.kinds({aid for aid, _ in mine})
        about: dict[str, list[_Row]] = {}
        chosen: dict[Key, list[_Row]] = {}
        for key, (article_id, claim, _) in mine.items():
            options = []
            for entity in self._required_keys(article_id, claim, kinds, members):
                if entity not in about:
                    about[entity] = self.library.cache.claims_of(entity, False)
                options.append(about[entity])
            if options:
                chosen[key] = min(options, key=len)
        members.update(self.members({r[0] for rows in chosen.values() for r in rows} - {
            aid for aid, _ in mine}))  # fmt: skip
        asked = [(mine[key][0], mine[key][1], kinds.get(mine[key][0], {}),
                  [(r[0], r[1]) for r in rows]) for key, rows in chosen.items()]  # fmt: skip
        answers = denial_disputes(asked, lambda a, e: members.get((a, e)))
        matched: dict[Key, list[_Row]] = {}
        for (key, rows), hits in zip(chosen.items(), answers, strict=True):
            if hits:
                by_claim = {(r[0], r[1].id): r for r in rows}
                matched[key] = [by_claim[(a, c.id)] for a, c in hits]
        entries = self.entries({r[0] for rows in matched.values() for r in rows})
        place = {aid: i for i, aid in enumerate(entries)}  # newest first, as `_partial` adds
        refs = {aid: ArticleRef.of(entry) for aid, entry in entries.items()}
        return {
            key: [Dispute(refs[r[0]], r[1].id, r[1].text)
                  for r in sorted(rows, key=lambda r: (place[r[0]], r[2]))]
            for key, rows in matched.items()
        }  # fmt: skip

    @staticmethod
    def _required_keys(
        article_id: str,
        claim: StoredClaim,
        kinds: Mapping[str, Mapping[str, str]],
        members: Mapping[Key, str],
    ) -> list[str]:
        """The library keys a denial's disputed claims must all be about (`denial_targets`,
        else its source); empty when one of them is not linked (it disputes nothing)."""
        from reader.library.crossdispute import denial_targets

        chosen = denial_targets(claim.entities, kinds.get(article_id, {}))
        chosen = chosen or ([claim.source] if claim.source else [])
        keys = [members.get((article_id, e)) for e in chosen]
        return [k for k in keys if k] if keys and all(keys) else []

    def links(
        self, claims: Sequence[LedgerClaim] | Iterable[Key], *, backward: bool = True
    ) -> tuple[dict[Key, list[Dispute]], dict[Key, list[Dispute]]]:
        """(what each of `claims` disputes in other articles, the denials in other articles
        that dispute it), keyed by (article id, claim id); claims are `LedgerClaim`s or
        such keys. Without `backward`, the second is not looked for (it is empty)."""
        from reader.library.crossdispute import cross_disputes, denial_targets

        items: list[LedgerClaim | Key] = list(claims)
        wanted: set[Key] = {
            (c.article.id, c.id) if isinstance(c, LedgerClaim) else c for c in items
        }
        if not backward:
            tagged = {(c.article.id, c.id) for c in items if isinstance(c, LedgerClaim)
                      and "denial" not in c.tags}  # fmt: skip
            wanted -= tagged  # only denials dispute
        if not wanted:
            return {}, {}
        mine = self._claims_at(wanted)
        members = self.members({aid for aid, _ in mine})
        kinds = self.library.cache.kinds({aid for aid, _ in mine})
        about: dict[tuple[str, str], list[_Row]] = {}

        def claims_of(entity: str, denials: bool) -> list[_Row]:
            if (entity, str(denials)) not in about:
                about[(entity, str(denials))] = self.library.cache.claims_of(entity, denials)
            return about[(entity, str(denials))]

        found = dict(mine)
        for (article_id, _), row in mine.items():
            claim = row[1]
            linked = [members.get((article_id, e)) for e in claim.entities]
            if "denial" in claim.tags:
                # A disputed claim names every entity the denial requires (see
                # `denial_targets`, else its source): it is among those of the rarest.
                chosen = denial_targets(claim.entities, kinds.get(article_id, {}))
                chosen = chosen or ([claim.source] if claim.source else [])
                keys = [members.get((article_id, e)) for e in chosen]
                if keys and all(keys):
                    options = [claims_of(k, False) for k in keys if k]
                    found.update(((r[0], r[1].id), r) for r in min(options, key=len))
            elif backward:
                for entity in {e for e in linked if e}:
                    found.update(((r[0], r[1].id), r) for r in claims_of(entity, True))

        analyses, entries = self._partial(found.values())
        members = self.members(entries)
        links = cross_disputes(analyses, lambda a, e: members.get((a, e)))
        return self._disputes(links, wanted, entries, found)

    def _disputes(
        self,
        links: Mapping[ClaimRef, Sequence[ClaimRef]],
        wanted: set[Key],
        entries: Mapping[str, ArticleEntry],
        claims: Mapping[Key, _Row],
    ) -> tuple[dict[Key, list[Dispute]], dict[Key, list[Dispute]]]:
        refs: dict[str, ArticleRef] = {}

        def dispute(ref: ClaimRef) -> Dispute | None:
            row = claims.get((ref.article_id, ref.claim_id))
            if row is None or ref.article_id not in entries:
                return None
            if ref.article_id not in refs:
                refs[ref.article_id] = ArticleRef.of(entries[ref.article_id])
            return Dispute(refs[ref.article_id], ref.claim_id, row[1].text)

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

    # -- claims as the cache holds them ------------------------------------------------

    def _claims_at(self, keys: Iterable[Key]) -> dict[Key, _Row]:
        """These claims, from the cache."""
        return {(r[0], r[1].id): r for r in self.library.cache.claims_at(keys)}

    def _partial(
        self, rows: Iterable[_Row], *, kinds: bool = True
    ) -> tuple[list[StoredAnalysis], dict[str, ArticleEntry]]:
        """Analyses holding only these claims (in text order) and (with `kinds`) the
        kinds of the entities they name, newest article first: all the cross-article
        rules read."""
        by_article: dict[str, list[_Row]] = {}
        for row in rows:
            by_article.setdefault(row[0], []).append(row)
        entries = self.entries(by_article)
        kind_of = self.library.cache.kinds(entries) if kinds else {}
        analyses = []
        for aid, entry in entries.items():
            claims = tuple(r[1] for r in sorted(by_article[aid], key=lambda r: r[2]))
            local = kind_of.get(aid, {})
            named = dict.fromkeys(e for c in claims for e in c.entities if e in local)
            entities = tuple(StoredEntity(e, "", local[e], (), 0, 0) for e in named)
            analyses.append(
                StoredAnalysis(aid, entry.content_hash, entry.version, entry.title,
                               entry.source, entry.date, entry.outlet, entry.added,
                               entry.words, entities, claims)
            )  # fmt: skip
        return analyses, entries

    # -- verdict recall ----------------------------------------------------------------

    def recall(self, contents: Sequence[str], article_id: str | None) -> list[Recalled | None]:
        """For each content, the closest verdict the reader gave in another article."""
        return self._recall_index().all(contents, article_id=article_id)

    def _recall_index(self) -> RecallIndex:
        from reader.library.recall import RecallIndex

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
        from reader.library.recall import given_verdicts

        try:
            entries = self.entries(self.library.store.shelf.names())
        except StoreError:
            return []
        verdicts = []
        analyses: dict[str, StoredAnalysis] = {}
        for article_id, entry in entries.items():
            try:
                found = self.library.store.verdicts(article_id)
            except StoreError:
                continue
            if found and (stored := self.analysis(entry)) is not None:
                analyses[article_id] = stored
            verdicts += found
        given = given_verdicts(verdicts, analyses)
        titles = {aid: one_line(e.title or e.source) for aid, e in entries.items()}
        return [replace(g, title=titles.get(g.article_id, g.title)) for g in given]

    # -- quote drift -------------------------------------------------------------------

    def drift(self, speaker: LibraryEntity) -> list[Drift]:
        """The drifted quotes of one speaker across the library."""
        from reader.library.drift import drifts

        rows = self.library.cache.quotes_by(speaker.id)
        if len({r[0] for r in rows}) < 2:
            return []
        analyses, entries = self._partial(rows, kinds=False)
        members = self.members(entries)
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
