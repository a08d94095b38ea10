"""`Library`: the query API over every stored analysis of one note store (the ledger).

Invariant: reading never changes the note store, and changes the library's files only
to heal its own index (see `reader.library.shelf`); every answer is built from the
stored analyses, the reader's links and the note store's verdicts as they are on disk
now (re-read when a file changed). Errors a user can cause (an unknown or ambiguous
name) raise `InputError` with one line saying what to type instead; store trouble is
kept in `warnings` and passed to `on_warning`, never raised from a query.

The entity list is computed once per change of the index or the links and kept, so
asking for an entity's claims costs only reading the articles that hold them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from reader.errors import InputError, StoreError
from reader.library.across import Across, find_disputes
from reader.library.entry import ArticleEntry
from reader.library.ledger import Dispute, LedgerClaim, ledger_claims, with_disputes
from reader.library.linking import LibraryEntity, Link, Node, link
from reader.library.links import LinkBook
from reader.library.model import ANALYSIS_VERSION, StoredAnalysis
from reader.library.names import name_key
from reader.library.shelf import AnalysisShelf
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
        """Store trouble met so far (a damaged file set aside, an index rebuilt)."""
        self.on_warning: Callable[[str], None] | None = None
        """Called with each new warning, if set."""
        self.across = Across(self)
        """Answers across articles (`reader.library.across`), kept between questions."""
        self.cross_disputes: DisputeFinder | None = find_disputes
        """Where disputes across articles come from (default: `reader.library.crossdispute`
        through `across`); None: only those within an article."""
        self.shelf = AnalysisShelf(db, self._warn)
        self.links = LinkBook(db, self._warn)
        if store is not None:
            self.__dict__["store"] = store
        self._linked: tuple[object, tuple[Link, ...], list[LibraryEntity]] | None = None
        self._names: dict[tuple[str, str], str] = {}
        self._by_key: dict[str, list[LibraryEntity]] = {}
        self._by_alias: dict[str, list[LibraryEntity]] | None = None

    @cached_property
    def store(self) -> NoteStore:
        """The note store whose articles these are (verdicts come from it)."""
        from reader.notes.store import NoteStore

        return NoteStore(db=self.db)

    # -- articles ------------------------------------------------------------------

    def articles(self) -> list[ArticleEntry]:
        """Every stored article, newest first (by its date, else when it was added)."""
        entries = self.shelf.entries().values()
        return sorted(entries, key=lambda e: e.newest_key, reverse=True)

    def stored(self, article_id: str) -> StoredAnalysis | None:
        """One article's stored analysis, or None."""
        return self.shelf.analysis(article_id)

    def is_current(self, article_id: str, content_hash: str) -> bool:
        """Whether the article is stored for this text by the current rules (nothing to do)."""
        entry = self.shelf.entries().get(article_id)
        return (
            entry is not None
            and entry.content_hash == content_hash
            and entry.version == ANALYSIS_VERSION
        )

    def save(self, analyses: Iterable[StoredAnalysis]) -> None:
        """Store these analyses, each replacing its article's old one; durable on return."""
        self.shelf.save(analyses)

    # -- entities ------------------------------------------------------------------

    def entities(self, kind: str | None = None) -> list[LibraryEntity]:
        """Library entities (of `kind`, if given), those in most articles first."""
        found = self._entities()
        return found if kind is None else [e for e in found if e.kind == kind]

    def find(self, name: str) -> list[LibraryEntity]:
        """The library entities called `name`: by a name or spelling its articles use
        ("Musk", "Mr Musk"), else by its id (`person:elon musk`)."""
        self._entities()
        key = name_key(name)
        found = self._by_key.get(key, [])
        if not found:
            if self._by_alias is None:
                self._by_alias = {}
                for entity in self._entities():
                    for alias in entity.aliases:
                        self._by_alias.setdefault(name_key(alias), []).append(entity)
            found = list(dict.fromkeys(self._by_alias.get(key, [])))
        if not found:
            found = [e for e in self._entities() if e.id == name.strip()]
        return found

    def _entities(self) -> list[LibraryEntity]:
        entries = self.shelf.entries()
        links = tuple(self.links.all())
        if self._linked is not None and self._linked[0] is entries and self._linked[1] == links:
            return self._linked[2]
        found = link((row for entry in entries.values() for row in entry.entities), links)
        self._linked = (entries, links, found)
        self._names = {(r.article_id, r.entity_id): e.name for e in found for r in e.members}
        self._by_key = {}
        for entity in found:
            for _, key in entity.keys:
                self._by_key.setdefault(key, []).append(entity)
        self._by_alias = None
        return found

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
        entries = self.shelf.entries()
        wanted: dict[str, set[str]] | None = None
        for chosen, side in ((about, "about"), (by, "by")):
            if chosen is not None:
                wanted = _narrow(wanted, self._refs(chosen, side))
        if tag is not None:
            tagged = {aid: set(e.tags.get(tag, ())) for aid, e in entries.items()}
            wanted = _narrow(wanted, {aid: ids for aid, ids in tagged.items() if ids})
        ids: Iterable[str] = entries if wanted is None else wanted
        if verdict is not None and wanted is None:
            ids = [aid for aid in self._with_notes() if aid in entries]
        order = sorted((entries[a] for a in ids if a in entries), key=lambda e: e.newest_key)
        found: list[LedgerClaim] = []
        for entry in reversed(order):
            stored = self.shelf.analysis(entry.id)
            if stored is None:
                continue
            chosen_ids = None if wanted is None else wanted[entry.id]
            found += ledger_claims(entry, stored, chosen_ids, self._name_of, self._verdicts(entry))
        if verdict is not None:
            found = [claim for claim in found if claim.verdict == verdict]
        if self.cross_disputes is not None and found:
            found = with_disputes(found, self.cross_disputes(self, found))
        return found

    def _refs(self, chosen: str | LibraryEntity, side: str) -> dict[str, set[str]]:
        entities = [chosen] if isinstance(chosen, LibraryEntity) else self.find(chosen)
        refs: dict[str, set[str]] = {}
        for entity in entities:
            for row in entity.members:
                ids = row.about if side == "about" else row.by
                if ids:
                    refs.setdefault(row.article_id, set()).update(ids)
        return refs

    def _name_of(self, article_id: str, entity_id: str) -> str | None:
        return self._names.get((article_id, entity_id))

    def _verdicts(self, entry: ArticleEntry) -> list[Verdict]:
        try:
            return self.store.verdicts(entry.id)
        except StoreError as error:
            self._warn(f"verdicts of {one_line(entry.title or entry.id)} not read: {error}")
            return []

    def _with_notes(self) -> list[str]:
        try:
            return self.store.shelf.names()
        except StoreError as error:
            self._warn(str(error))
            return []

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
        return self.one(first.id)

    def split(self, name: str, part: str) -> LibraryEntity:
        """Take the spelling `part` out of the entity called `name` (saved, and applied to
        later articles); returns the entity `part` now is."""
        entity = self.one(name)
        key = name_key(part)
        parts = [node for node in entity.keys if node[1] == key]
        rest = [node for node in entity.keys if node[1] != key]
        if not parts or not rest:
            raise InputError(
                f"'{one_line(part)}' is not a separate name within {one_line(entity.name)}; "
                f"its names are: {one_line(', '.join(_spellings(entity)))}"
            )
        for node in parts:
            for other in rest:
                self.links.add("split", node, other)
        return self.one(f"{parts[0][0]}:{parts[0][1]}")

    def one(self, name: str) -> LibraryEntity:
        """The one entity called `name`; `InputError` when there is none or several."""
        found = self.find(name)
        if not found:
            raise InputError(f"no entity called '{one_line(name)}' in the library")
        if len(found) > 1:
            ids = ", ".join(f"'{e.id}'" for e in found[:5])
            raise InputError(f"'{one_line(name)}' names several entities; use an id: {ids}")
        return found[0]

    def _warn(self, message: str) -> None:
        if message in self.warnings:
            return
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)


def _narrow(wanted: dict[str, set[str]] | None, more: dict[str, set[str]]) -> dict[str, set[str]]:
    if wanted is None:
        return more
    return {aid: ids & more[aid] for aid, ids in wanted.items() if ids & more.get(aid, set())}


def _spellings(entity: LibraryEntity) -> list[str]:
    names: dict[Node, str] = {}
    for row in entity.members:
        names.setdefault((row.kind, name_key(row.name)), row.name)
    return [names.get(node, node[1]) for node in entity.keys]
