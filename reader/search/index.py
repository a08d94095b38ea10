"""The search index of one note store: its segments, kept current, rebuilt when lost.

Invariant: what a query sees is never older than the note store's files. The
index folder (`<store stem>.search/` beside the store's index file) holds the
base (`CURRENT` names it), the deltas and the article records; every file is
written whole to a temporary name and renamed into place, so a reader sees an old
file or a new one, never a torn one. Before answering, `view()` compares each
note-store article file's signature (inode, mtime_ns, size) with the one the
index saw and re-indexes the articles that differ, so a change made by any
process, hooked or not (an old reader, a killed writer), is found.

Why deltas are not fsynced: a durable rename costs ~11 ms on this disk, over the
5 ms a note save may add; the index is a cache, and a delta lost in a power cut
leaves a signature that no longer matches, so the next query re-indexes that
article. The article records (texts a URL may not give again) are fsynced.

Kept small: after a delta is written, more than `MAX_DELTAS` deltas are merged
into one, and more than `FOLD_BYTES` of deltas are folded into a new base (under
the index lock, taken without waiting: a busy lock means another process does it).
Missing or damaged files: the index is rebuilt from the note store and the records
(local sources re-read when they changed), with one warning.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.paths import store_path
from reader.search.segments import (
    Base,
    Damaged,
    Delta,
    Entry,
    Segment,
    SegmentData,
    base_files,
    build,
    dump,
    merge,
    owners,
)
from reader.search.sources import (
    local_sig,
    notes_dir,
    read_notes,
    read_record,
    record_ids,
    reread,
    search_dir,
    signatures,
    write_record,
    write_unsynced,
)

MAX_DELTAS = 16
"""Deltas kept before they are merged into one."""
FOLD_BYTES = 1 << 20
"""Bytes of deltas kept before they are folded into the base."""
OLD_BASE_AGE = 30.0
"""Seconds a replaced base is kept for queries that were reading it."""
LOCK_WAIT = 60.0
SETTLED = 50_000_000
"""Nanoseconds a folder's mtime must be older than a check for the check to be remembered."""


class View:
    """The segments a query reads (the base, then the deltas, oldest first) and who owns
    each scope: the newest delta holding it, else the base if it has it."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.later = owners(segments[1:], first=1)
        """Scopes some delta owns, to that delta's index (the base owns the rest it has)."""

    def owner(self, article_id: str, scope: str) -> int | None:
        """The index of the segment owning a scope (None: not indexed)."""
        number = self.later.get((article_id, scope))
        if number is None and scope in self.segments[0].scopes.get(article_id, ()):
            return 0
        return number

    def scopes(self) -> Iterator[tuple[str, str]]:
        """Every scope indexed."""
        yield from self.later
        for aid, scopes in self.segments[0].scopes.items():
            for scope in scopes:
                if (aid, scope) not in self.later:
                    yield aid, scope

    def sig(self, article_id: str, scope: str) -> Any:
        """The signature of a scope as indexed (None if not indexed)."""
        number = self.owner(article_id, scope)
        return None if number is None else self.segments[number].scopes[article_id][scope]


class SearchIndex:
    """The index beside the note store at `db` (the default store when None)."""

    def __init__(self, db: str | os.PathLike[str] | None = None) -> None:
        self.store = store_path(db).expanduser()
        self.root = search_dir(self.store)
        self.warnings: list[str] = []
        """Messages for the reader (the index was rebuilt)."""
        self.on_warning: Callable[[str], None] | None = None

    # -- reading -----------------------------------------------------------------

    def view(self, fresh: bool = True) -> View:
        """The index as it is now; with `fresh`, first re-index what the store changed."""
        for _attempt in range(3):
            try:
                view = View(self._load())
            except FileNotFoundError:
                if (self.root / "CURRENT").exists():
                    continue  # a merge replaced a file as we read: read again
                self._rebuild(missing=True)
                continue
            except Damaged as error:
                self._rebuild(reason=str(error))
                continue
            if fresh and self._refresh(view):
                continue
            if len(view.segments) > MAX_DELTAS + 1 or self._delta_bytes(view) > FOLD_BYTES:
                self._compact()
                continue
            return view
        return View(self._load())

    def _load(self) -> list[Segment]:
        current = self._current()
        base = Base(self.root / current)
        folder = self.root / "deltas"
        names = sorted(n for n in os.listdir(folder) if n.startswith("d-") and n.endswith(".json"))
        deltas = [Delta(folder / name) for name in names]
        if self._current() != current:
            raise FileNotFoundError(current)
        return [base, *deltas]

    @staticmethod
    def _delta_bytes(view: View) -> int:
        return sum(s.size for s in view.segments[1:] if isinstance(s, Delta))

    def _current(self) -> str:
        name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        if not name.startswith("base-") or "/" in name or "\\" in name:
            raise Damaged("CURRENT does not name a base")
        return name

    def _refresh(self, view: View) -> bool:
        """Re-index the articles whose note-store file is not what the index saw.

        Stat'ing 2,000 files costs ~10 ms, so a clean check is remembered (`checked.json`)
        with the articles folder's mtime and the index's segment names: while neither
        changed, no file did (every store write renames a file into that folder). It is
        remembered only when the folder's mtime is `SETTLED` older than the check, so a
        rename in the same clock tick as the check cannot hide behind it.
        """
        folder = notes_dir(self.store)
        started = time.time_ns()
        try:
            folder_mtime: int | None = os.stat(folder).st_mtime_ns
        except OSError:
            folder_mtime = None
        state = [folder_mtime, *(getattr(s, "folder", Path()).name or s.name
                                 for s in view.segments)]  # fmt: skip
        checked = self.root / "checked.json"
        with contextlib.suppress(OSError, ValueError):
            if json.loads(checked.read_bytes()) == state:
                return False
        now = signatures(folder)
        stale = [aid for aid, sig in now.items() if view.sig(aid, "notes") != sig]
        stale += [
            aid
            for (aid, scope) in view.scopes()
            if scope == "notes" and aid not in now and view.sig(aid, "notes") is not None
        ]
        if stale:
            self.update_notes(stale)
        elif folder_mtime is not None and folder_mtime < started - SETTLED:
            with contextlib.suppress(OSError):
                write_unsynced(checked, json.dumps(state).encode())
        return bool(stale)

    # -- writing -----------------------------------------------------------------

    def update_notes(self, article_ids: Iterable[str], fold: bool = True) -> None:
        """Re-index these articles' notes from their note-store files (one delta).

        `fold=False` (the note-store hook, which runs holding the store lock) never folds
        the deltas into the base, which takes a second in a large library: the next query
        or article does it, outside the store's lock.
        """
        entries = [read_notes(self.store, aid) for aid in dict.fromkeys(article_ids)]
        if entries:
            self._add(build(entries), fold)

    def put_article(self, entry: Entry) -> bool:
        """Index an article's text and/or claims (the scopes `entry` gives) and keep its
        record; False (nothing written) when the index has them already.

        With no index yet only the record is written: building the index reads the whole
        store, a job for the first query, not for a reader opening an article.
        """
        if not (self.root / "CURRENT").exists():
            write_record(self.root, entry, local_sig(entry.source))
            return True
        view = self.view(fresh=False)
        aid = entry.article_id
        same_text = entry.text is None or view.sig(aid, "text") == entry.text_sig
        same_claims = entry.claims is None or view.sig(aid, "claims") == entry.claims_sig
        if same_text and same_claims:
            return False
        write_record(self.root, entry, local_sig(entry.source))
        self._add(build([entry]))
        return True

    def put_articles(self, entries: Sequence[Entry]) -> int:
        """`put_article` for many articles at once (`reader add`): their records made
        durable by one `os.sync` and their postings in one delta; returns how many
        changed. With no index yet only the records are written, as `put_article` does
        (the first query builds the index from them)."""
        exists = (self.root / "CURRENT").exists()
        if not exists:
            changed = list(entries)
        else:
            view = self.view(fresh=False)
            changed = [
                e
                for e in entries
                if not (
                    (e.text is None or view.sig(e.article_id, "text") == e.text_sig)
                    and (e.claims is None or view.sig(e.article_id, "claims") == e.claims_sig)
                )
            ]
        for entry in changed:
            write_record(self.root, entry, local_sig(entry.source), durable=False)
        if changed:
            os.sync()
            if exists:  # else `_add` would drop the postings just built
                self._add(build(changed))
        return len(changed)

    def _add(self, data: SegmentData, fold: bool = True) -> None:
        folder = self.root / "deltas"
        if not (self.root / "CURRENT").exists():
            return  # no index yet: the first query builds it from the same sources
        name = f"d-{time.time_ns():020d}-{os.getpid()}-{os.urandom(4).hex()}.json"
        write_unsynced(folder / name, dump(data))
        self._compact(fold)

    def _compact(self, fold: bool = True) -> None:
        folder = self.root / "deltas"
        names = sorted(n for n in os.listdir(folder) if n.startswith("d-") and n.endswith(".json"))
        sizes = [_size(folder / n) for n in names]
        if len(names) <= MAX_DELTAS and (sum(sizes) <= FOLD_BYTES or not fold):
            return
        with self._locked(wait=False) as held:
            if not held:
                return  # another process is merging
            try:
                segments = self._load()
            except (FileNotFoundError, Damaged):
                return  # the next query rebuilds
            if sum(sizes) > FOLD_BYTES and fold:
                self._fold(segments)
            else:
                self._merge_deltas([s for s in segments if isinstance(s, Delta)])

    def _merge_deltas(self, deltas: list[Delta]) -> None:
        if len(deltas) < 2:
            return
        merged = merge([(d, d.data()) for d in deltas])
        last = deltas[-1].path
        write_unsynced(last.with_name(f"{last.stem}~.json"), dump(merged))  # sorts right after it
        for delta in deltas:
            delta.path.unlink(missing_ok=True)

    def _fold(self, segments: list[Segment]) -> None:
        base = segments[0]
        assert isinstance(base, Base)
        parts = [(s, s.data()) for s in segments if isinstance(s, Base | Delta)]
        self._write_base(merge(parts))
        for delta in segments[1:]:
            if isinstance(delta, Delta):
                delta.path.unlink(missing_ok=True)

    def _write_base(self, data: SegmentData) -> None:
        name = f"base-{os.urandom(6).hex()}"
        folder = self.root / name
        folder.mkdir(parents=True)
        for file, payload in base_files(data).items():
            (folder / file).write_bytes(payload)
        write_unsynced(self.root / "CURRENT", name.encode("ascii"))
        self._sweep(keep=name)

    def _sweep(self, keep: str) -> None:
        cutoff = time.time() - OLD_BASE_AGE
        for old in self.root.glob("base-*"):
            with contextlib.suppress(OSError):
                if old.name != keep and old.stat().st_mtime < cutoff:
                    shutil.rmtree(old)
        for temp in self.root.glob("**/.*.tmp"):
            with contextlib.suppress(OSError):
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()

    @contextlib.contextmanager
    def _locked(self, wait: bool) -> Iterator[bool]:
        from filelock import FileLock, Timeout

        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / "lock"), timeout=LOCK_WAIT if wait else 0)
        try:
            lock.acquire()
        except Timeout:
            yield False
            return
        try:
            yield True
        finally:
            lock.release()

    # -- rebuilding ----------------------------------------------------------------

    def rebuild(self) -> None:
        """Rebuild the index from the note store and the records (no warning)."""
        self._rebuild(reason=None, quiet=True)

    def _rebuild(
        self, reason: str | None = None, missing: bool = False, quiet: bool = False
    ) -> None:
        started = time.time()
        with self._locked(wait=True):
            current = self.root / "CURRENT"
            if not quiet and current.exists() and current.stat().st_mtime >= started:
                return  # another process rebuilt it while we waited
            entries = self._gather()
            (self.root / "deltas").mkdir(parents=True, exist_ok=True)
            old = list((self.root / "deltas").glob("d-*.json"))
            self._write_base(build(entries))
            for delta in old:
                delta.unlink(missing_ok=True)
        if quiet or (missing and not entries):
            return
        why = "was missing" if missing else f"was damaged ({reason})"
        self._warn(f"the search index {why}; rebuilt it from the note store")

    def _gather(self) -> list[Entry]:
        """Every article's notes, text and claims, from the store, records and sources."""
        from reader.errors import ReaderError
        from reader.notes.store import NoteStore

        entries: dict[str, Entry] = {}
        for aid in signatures(notes_dir(self.store)):
            entries[aid] = read_notes(self.store, aid)
        try:
            known = {a.id: a for a in NoteStore(db=self.store).articles()}
        except ReaderError:
            known = {}
        for aid in sorted(set(known) | set(record_ids(self.root))):
            record = read_record(self.root, aid)
            article = known.get(aid)
            source = record.source if record else article.source if article else ""
            entry = entries.setdefault(aid, Entry(aid))
            given = record.entry() if record else None
            if record is None or (record.source_sig != local_sig(source) and local_sig(source)):
                fresh = reread(aid, source, given)
                if fresh is not None:
                    with contextlib.suppress(OSError):
                        write_record(self.root, fresh, local_sig(source))
                    given = fresh
            if given is not None:
                entry.text, entry.text_sig = given.text, given.text_sig
                entry.claims, entry.claims_sig = given.claims, given.claims_sig
                entry.title = given.title or entry.title
                entry.source, entry.date = given.source or entry.source, given.date or entry.date
            elif article is not None:
                entry.title, entry.source = entry.title or article.title, article.source
        return [entries[aid] for aid in sorted(entries)]

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
            if self.on_warning is not None:
                self.on_warning(message)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
