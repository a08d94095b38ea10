"""The texts of articles as they were fetched: one file per version, named by its hash.

Invariant: a snapshot file is `<dir>/<stem>.library.snapshots/<content hash>.txt` and
holds exactly the text whose `reader.notes.model.content_hash` is its name, written
atomically (`reader.notes.storage.write_atomic`: the old file or the new one, never a
torn mix) and only when no whole file of that hash exists yet, so keeping a version
costs one stat and at most one write. `reader add`'s workers keep texts unsynced and
the parent makes each batch durable at once (`settle`) before it stores the batch's
analyses (a worker waiting on two fsyncs per article did not analyse meanwhile); a file
a crash left short is written again by the next `keep` of its text. Names are computed
here from the text, never taken from an article id, a path or a server reply; a name
that is not 64 hex digits is refused, so nothing is ever read or written outside the
folder. A file whose text does
not hash to its name (damaged, hand-edited) is reported and taken as missing, never
trusted. Snapshots are never deleted here: orphaned notes keep the text they were on.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.errors import StoreError
from reader.library.shelf import beside_store
from reader.notes.model import content_hash
from reader.notes.storage import fsync_dir, write_atomic
from reader.safe_text import one_line

HASH = re.compile(r"[0-9a-f]{64}")
"""The only shape a snapshot's name has (a SHA-256 in hex, `content_hash`)."""

Warn = Callable[[str], None]


def snapshot_folder(db: str | os.PathLike[str] | None) -> Path:
    """The snapshot folder beside the note store `db` (default: the data directory)."""
    return beside_store(db, "library.snapshots")


class Snapshots:
    """The kept texts of the library's articles."""

    def __init__(self, folder: Path, warn: Warn | None = None) -> None:
        """Keep texts in `folder` (see `snapshot_folder`)."""
        self.folder = folder
        self.warn = warn

    def path(self, digest: str) -> Path:
        """The file of the version with this content hash; `StoreError` for any other name."""
        if not isinstance(digest, str) or HASH.fullmatch(digest) is None:
            raise StoreError(f"'{one_line(str(digest))}' is not a content hash (64 hex digits)")
        return self.folder / f"{digest}.txt"

    def has(self, digest: str) -> bool:
        """Whether a text of this hash is kept."""
        return self.path(digest).is_file()

    def keep(self, text: str, *, durable: bool = True) -> bool:
        """Keep `text` unless a version of its hash is kept already; True when written.
        With `durable=False` the file is not fsynced: `settle` makes it durable later.

        Raises:
            StoreError: if the file cannot be written (nothing half-written is left).
        """
        data = text.encode("utf-8")
        target = self.path(content_hash(text))
        try:
            if target.stat().st_size == len(data):
                return False
        except OSError:
            pass  # not kept yet (or unreadable: writing says why)
        try:
            write_atomic(target, data, sync=durable)
        except OSError as error:
            reason = one_line(error.strerror or str(error))
            where = one_line(str(self.folder))
            raise StoreError(f"cannot keep the article's text in {where}: {reason}") from error
        return True

    def settle(self, digests: Iterable[str]) -> None:
        """Make the texts of these hashes, kept with `durable=False`, durable: one
        `os.sync` on Linux (where it waits for the disk; 100 files cost one flush, not
        200 fsyncs), else each file and the folder fsynced.

        Raises:
            StoreError: if a file cannot be synced.
        """
        try:
            if sys.platform == "linux":
                os.sync()
                return
            for digest in dict.fromkeys(digests):
                with contextlib.suppress(FileNotFoundError), self.path(digest).open("r+b") as f:
                    os.fsync(f.fileno())
            fsync_dir(self.folder)
        except OSError as error:
            reason = one_line(error.strerror or str(error))
            raise StoreError(
                f"cannot keep the articles' texts in {self.folder}: {reason}"
            ) from error

    def text(self, digest: str) -> str | None:
        """The kept text of this hash, or None (never kept, unreadable or damaged)."""
        target = self.path(digest)
        try:
            raw = target.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            self._warn(f"kept text {one_line(str(target))} unreadable: {error.strerror}")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is None or content_hash(text) != digest:
            self._warn(f"kept text {one_line(str(target))} is damaged (ignored)")
            return None
        return text

    def _warn(self, message: str) -> None:
        if self.warn is not None:
            self.warn(message)
