"""`Library`: the query API over every stored analysis of one note store (the ledger).

Invariant: reading never changes the note store, and changes the library's files only
to bring its cache up to date (`reader.library.cache`); every answer reflects the
stored analyses, the reader's links and the note store's verdicts as they are on disk
now. Errors a user can cause (an unknown or ambiguous name) raise `InputError` with one
line saying what to type instead; store trouble is kept in `warnings` and passed to
`on_warning` (a damaged file set aside, a cache rebuilt), and only a cache that cannot
be used at all (locked by another writer for 30 s, unwritable) raises `StoreError`.

Cost: a query is a few indexed look-ups in the cache plus reading the verdicts of the
articles it returns that have notes; linking across articles happens when articles or
links change (`save`, `merge`, `split`), not when asking.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from reader.errors import InputError, StoreError
from reader.library import model
from reader.library.across import Across, find_disputes
from reader.library.cache import LedgerCache
from reader.library.entity import LibraryEntity
from reader.library.entry import ArticleEntry
from reader.library.ledger import ArticleRef, Dispute, LedgerClaim, verdict_on, with_disputes
from reader.library.links import LinkBook
from reader.library.model import StoredAnalysis
from reader.library.names import name_key
from reader.library.queries import ShownRow
from reader.library.shelf import ARTICLE_FILE, AnalysisShelf, beside_store
from reader.paths import store_path
from reader.safe_text import one_line

if TYPE_CHECKING:
    from reader.library.drift import Drift
    from reader.library.recall import Recalled
    from reader.notes.model import Verdict
    from reader.notes.store import NoteStore

DisputeFinder = Callable[
    ["Library", Sequence[LedgerClaim]], Mapping[tuple[str, str], Sequence[Dispute]]
]
"""Finds disputes across articles for these claims, keyed by (article id, claim id)."""
KINDS = ("person", "org", "place", "other")
"""The kinds an entity can have."""


class Library:
    """Every stored article's analysis, its entities linked across articles, and claims."""

    def __init__(
        self, db: str | os.PathLike[str] | None = None, *, store: NoteStore | None = None
    ) -> None:
        """The library beside the note store `db` (`--db`; default: the data directory).

        Args:
            db: The note store's index file, as `NoteStore(db=...)` takes it.
            store: The note store to read verdicts from (default: opened on first use).
        """
        self.db = db
        self.warnings: list[str] = []
        """Store trouble met so far (a damaged file set aside, a cache rebuilt)."""
        self.on_warning: Callable[[str], None] | None = None
        """Called with each new warning, if set."""
        self.across = Across(self)
        """Answers across articles (`reader.library.across`), kept between questions."""
        self.cross_disputes: DisputeFinder | None = find_disputes
        """Where disputes across articles come from (default: `reader.library.crossdispute`
        through `across`); None: only those within an article."""
        self.shelf = AnalysisShelf(db, self._warn)
        self.links = LinkBook(db, self._warn)
        self.cache = LedgerCache(
            beside_store(db, "ledger.sqlite"), self.shelf, self.links, self._warn
        )
        if store is not None:
            self.__dict__["store"] = store

    @cached_property
    def store(self) -> NoteStore:
        """The note store whose articles these are (verdicts come from it)."""
        from reader.notes.store import NoteStore

        return NoteStore(db=self.db)

    # -- articles ------------------------------------------------------------------

    def articles(self) -> list[ArticleEntry]:
        """Every stored article, newest first (by its date, else when it was added)."""
        return self.cache.articles()

    def stored(self, article_id: str) -> StoredAnalysis | None:
        """One article's stored analysis (from its own file), or None."""
        return self.shelf.analysis(article_id)

    def is_current(self, article_id: str, content_hash: str) -> bool:
        """Whether the article is stored for this text by the current rules (nothing to do)."""
        entry = next((a for a in self.articles() if a.id == article_id), None)
        return (
            entry is not None
            and entry.content_hash == content_hash
            and entry.version == model.ANALYSIS_VERSION
        )

    def save(self, analyses: Iterable[StoredAnalysis], *, link: bool = True) -> None:
        """Store these analyses, each replacing its article's old one; durable on return,
        and (with `link`) the cache brought up to date, the entities linked again."""
        saved = list(analyses)
        self.shelf.save(saved)
        self.cache.put(saved)
        if link:
            self.sync()

    def sync(self) -> None:
        """Bring the cache up to date with the files now (after a change made here)."""
        with self.cache.current(force=True):
            pass

    # -- entities ------------------------------------------------------------------

    def entities(self, kind: str | None = None) -> list[LibraryEntity]:
        """Library entities (of `kind`, if given), those in most articles first."""
        return self.cache.entities(kind)

    def find(self, name: str) -> list[LibraryEntity]:
        """The library entities called `name`: by one of their names ("Musk" for the
        articles' own "Musk"), else by a spelling ("Mr Musk"), else by id
        (`person:elon musk`)."""
        return self.cache.find(name)

    def entity_of(self, article_id: str, entity_id: str) -> LibraryEntity | None:
        """The library entity that an article's own entity (`e3` of that article, as the
        reading screen's panel has it) belongs to; None if the article is not stored."""
        return self.cache.entity_of(article_id, entity_id)

    def one(self, name: str) -> LibraryEntity:
        """The one entity called `name`; `InputError` when there is none or several."""
        found = self.find(name)
        if not found:
            raise InputError(f"no entity called '{one_line(name)}' in the library")
        if len(found) > 1:
            ids = ", ".join(f"'{e.id}'" for e in found[:5])
            raise InputError(f"'{one_line(name)}' names several entities; use an id: {ids}")
        return found[0]

    # -- claims --------------------------------------------------------------------

    def claims(
        self,
        about: str | LibraryEntity | None = None,
        by: str | LibraryEntity | None = None,
        tag: str | None = None,
        verdict: str | None = None,
    ) -> list[LedgerClaim]:
        """Claims across the library, newest article first, in text order within one.

        Args:
            about: Only claims whose content names this entity (a name or an entity).
            by: Only claims attributed to this entity.
            tag: Only claims with this tag (`denial`, `quote`, ...).
            verdict: Only claims the reader gave this verdict.
        """
        with self.cache.question():
            return self._claims_about(about, by, tag, verdict)

    def _claims_about(
        self,
        about: str | LibraryEntity | None,
        by: str | LibraryEntity | None,
        tag: str | None,
        verdict: str | None,
    ) -> list[LedgerClaim]:
        noted = self._with_notes()
        found: list[LedgerClaim] | None = None
        for chosen, side in ((about, "a"), (by, "b")):
            if chosen is None:
                continue
            entities = [chosen] if isinstance(chosen, LibraryEntity) else self.find(chosen)
            ids = [e.id for e in entities]
            some = [c for c, _ in self._claims(ids, side, tag, noted if verdict else None, noted)]
            if found is not None:
                keep = {(c.article.id, c.id) for c in some}
                some = [c for c in found if (c.article.id, c.id) in keep]
            found = some
        if found is None:
            found = [c for c, _ in self._claims(None, "", tag, noted if verdict else None, noted)]
        if verdict is not None:
            found = [claim for claim in found if claim.verdict == verdict]
        if self.cross_disputes is not None and found:
            found = with_disputes(found, self.cross_disputes(self, found))
        return found

    def entity_claims(
        self, entity: LibraryEntity, limit: int | None = None
    ) -> list[tuple[LedgerClaim, bool, bool]]:
        """Every claim about or by `entity` once (the first `limit`, if given), with
        whether it is (about it, by it): newest article first, in text order within one;
        disputes within their article only (`across.links` has those across articles).
        One query for both sides."""
        found = self._claims([entity.id], "ab", None, None, self._with_notes(), limit)
        return [(claim, "a" in sides, "b" in sides) for claim, sides in found]

    def _claims(
        self,
        entities: list[str] | None,
        sides: str,
        tag: str | None,
        articles: Sequence[str] | None,
        noted: Sequence[str],
        limit: int | None = None,
    ) -> list[tuple[LedgerClaim, str]]:
        """Claims as `LedgerCache.claims` finds them, each with the sides it was found on."""
        if entities == []:
            return []
        rows, entries = self.cache.claims(entities, sides, tag, articles, limit)
        with_notes = set(noted)
        verdicts: dict[str, list[Verdict]] = {}
        refs = {aid: ArticleRef.of(entry) for aid, entry in entries.items()}
        claims = []
        for row in rows:
            article = row[0]
            if article in with_notes and article not in verdicts:
                verdicts[article] = self._verdicts(entries[article])
            claims.append((_claim(row, refs[article], verdicts.get(article, [])), row[11]))
        return claims

    def _verdicts(self, entry: ArticleEntry) -> list[Verdict]:
        try:
            return self.store.verdicts(entry.id)
        except StoreError as error:
            self._warn(f"verdicts of {one_line(entry.title or entry.id)} not read: {error}")
            return []

    def _with_notes(self) -> list[str]:
        """Articles that have a notes file (only they can have verdicts): one directory
        scan, so a library without verdicts never opens the note store."""
        store = store_path(self.db).expanduser()
        try:
            names = [entry.name for entry in os.scandir(store.with_name(f"{store.stem}.articles"))]
        except OSError:
            return []
        return [match[1] for name in names if (match := ARTICLE_FILE.fullmatch(name))]

    # -- across articles -------------------------------------------------------------

    def disputed_in(self, claims: Sequence[LedgerClaim]) -> dict[tuple[str, str], list[Dispute]]:
        """For each of `claims`, the denials in other articles that dispute it, keyed by
        (article id, claim id) (the other direction of `LedgerClaim.disputes`)."""
        return self.across.links(claims)[1]

    def recall(
        self, contents: Sequence[str], article_id: str | None = None
    ) -> list[Recalled | None]:
        """For each claim content, the closest verdict the reader gave on a claim saying
        the same thing in another article than `article_id` (`reader.library.recall`)."""
        return self.across.recall(contents, article_id)

    def drift(self, speaker: str | LibraryEntity) -> list[Drift]:
        """Quotes of one speaker (a name or an entity) worded differently in different
        articles, with their word differences (`reader.library.drift`)."""
        entity = speaker if isinstance(speaker, LibraryEntity) else self.one(speaker)
        return self.across.drift(entity)

    # -- the reader's links --------------------------------------------------------

    def merge(self, keep: str, other: str) -> LibraryEntity:
        """Make the entities called `keep` and `other` one (named as `keep` is), saved and
        applied to articles added later. Returns the merged entity."""
        first, second = self.one(keep), self.one(other)
        if first.id == second.id:
            raise InputError(f"'{one_line(keep)}' and '{one_line(other)}' are one entity already")
        self.links.add("merge", first.keys[0], second.keys[0])
        self.sync()
        return self.one(first.id)

    def split(self, name: str, part: str) -> LibraryEntity:
        """Take the name `part` out of the entity called `name` (saved, and applied to
        later articles); returns the entity `part` now is."""
        entity = self.one(name)
        key = name_key(part)
        parts = [node for node in entity.keys if node[1] == key]
        rest = [node for node in entity.keys if node[1] != key]
        if not parts or not rest:
            raise InputError(
                f"'{one_line(part)}' is not a separate name within {one_line(entity.name)}; "
                f"its names are: {one_line(', '.join(entity.spellings))}"
            )
        for node in parts:
            for other in rest:
                self.links.add("split", node, other)
        self.sync()
        return self.one(f"{parts[0][0]}:{parts[0][1]}")

    def close(self) -> None:
        """Close the cache's connection (a later question opens it again)."""
        self.cache.close()

    def _warn(self, message: str) -> None:
        if message in self.warnings:
            return
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)


def _claim(row: ShownRow, ref: ArticleRef, verdicts: Sequence[Verdict]) -> LedgerClaim:
    article, cid, start, end, text, content, tags, source, words, about, disputes, _ = row
    return LedgerClaim(
        article=ref,
        id=cid,
        start=start,
        end=end,
        text=text,
        content=content,
        tags=tuple(tag for tag in tags.split(",") if tag),
        source=source,
        source_words=words,
        about=tuple(dict.fromkeys(json.loads(about))),
        verdict=verdict_on(text, start, cid, verdicts) if verdicts else None,
        disputes=tuple(Dispute(ref, d, t) for d, t in json.loads(disputes))
        if disputes != "[]"
        else (),
    )
