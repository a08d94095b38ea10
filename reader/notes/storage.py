"""A TinyDB storage that writes through, atomically and durably.

Invariant: the file on disk is always a complete JSON document, the old one or
the new one, never a torn mix, even after `kill -9` or a power cut: every
write goes to a temporary file beside the store, is flushed and fsynced, then
`os.replace`d over the store, and the directory is fsynced so the rename
itself survives. A file that is empty, does not parse, or is not a JSON object
of tables, is never overwritten: a writer's `read()` moves it aside with a
timestamp, tells `on_damage`, and answers as if the store were empty; a
reader's (`set_aside=False`) raises `DamagedFile` and changes nothing, so
read-only commands never touch the store.

Locking is not this module's job (see `reader.notes.shelf`): TinyDB reads
the whole file before every write, so a caller holding a lock around one
TinyDB operation gets a re-read before write for free.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from reader.errors import StoreError
from reader.safe_text import one_line

DamageHandler = Callable[[Path, Path], None]
"""Called with (damaged store path, where it was moved) when a store is set aside."""


class DamagedFile(StoreError):
    """A store file that is there but is not a store: empty, not JSON, not tables."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"note store file {one_line(str(path))} is damaged ({reason})")
        self.path = path
        """The damaged file."""


class AtomicJSONStorage(Storage):
    """TinyDB storage: whole-file JSON, replaced atomically on each write."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        on_damage: DamageHandler | None = None,
        set_aside: bool = True,
    ):
        """Use the JSON file at `path` (created on first write).

        Args:
            path: The store file.
            on_damage: Told where a damaged store was moved.
            set_aside: Move a damaged file aside (writers, holding the lock); when
                False, raise `DamagedFile` instead and leave it (readers).
        """
        self.path = Path(path)
        self.on_damage = on_damage
        self.set_aside = set_aside

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the tables, or `None` for a missing file (or a damaged one, set aside).

        Raises:
            DamagedFile: for a damaged file when not setting it aside.
            StoreError: if the file cannot be read (a directory in its place...).
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            reason = one_line(error.strerror or str(error))
            raise StoreError(
                f"cannot read note store file {one_line(str(self.path))}: {reason}"
            ) from error
        data: object = None
        reason = "empty file" if not raw.strip() else "not a JSON object of tables"
        if raw.strip():
            try:
                data = json.loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError):
                reason = "not valid JSON, perhaps cut short"
        if not _is_tables(data):
            if not self.set_aside:
                raise DamagedFile(self.path, reason)
            self._set_aside()
            return None
        return data  # type: ignore[return-value]  # checked by _is_tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with `data`, durably; raise `StoreError` on failure."""
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            write_atomic(self.path, payload)
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError(f"cannot save to note store {self.path}: {reason}") from error

    def _set_aside(self) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        counter = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{counter}")
            counter += 1
        try:
            os.replace(self.path, target)
        except FileNotFoundError:
            return  # another process set it aside first and told its reader
        except OSError as error:
            raise StoreError(
                f"note store {self.path} is damaged and cannot be moved aside: {error.strerror}"
            ) from error
        if self.on_damage is not None:
            self.on_damage(self.path, target)


def write_atomic(path: Path, payload: bytes | list[bytes], *, sync: bool = True) -> None:
    """Write `payload` (or its parts, in order) to `path` via a fsynced temporary file
    and a rename. With `sync=False` nothing is fsynced (readers still see the old file or
    the new one whole): the caller makes a batch of such files durable at once.

    Raises:
        OSError: if any step fails; the old file is then untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines([payload] if isinstance(payload, bytes) else payload)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        _remove_quietly(Path(temp))
        raise
    if sync:
        fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op where directories cannot be synced)."""
    # The rename is only durable once the directory entry is on disk.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # platforms without directory handles (Windows)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on directories; the data is already synced
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _is_tables(data: object) -> bool:
    """A TinyDB document: an object of tables, each an object of documents."""
    if not isinstance(data, dict):
        return False
    return all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    )
