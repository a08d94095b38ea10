"""The subscribed feeds, kept in `feeds.json` in the data directory.

File shape: `{"version": 1, "feeds": [{"url", "title", "seen": [ids], "read": [ids]}]}`,
where `url` is an http(s) URL or an absolute file path, `seen` the ids
(else links) of the items already reported, newest last, at most `MAX_SEEN`, and
`read` the ids of the items opened in the feed screen (as many at most).
Every write is atomic and durable (a temporary file beside it, fsync, rename,
fsync of the directory) under a lock, so a crash leaves the old file or the
new one. A damaged file is one `StoreError` line naming it; it is never
overwritten silently.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from reader.document.fetch import is_url
from reader.errors import StoreError
from reader.paths import data_dir
from reader.safe_text import one_line

FEEDS_FILE = "feeds.json"
MAX_SEEN = 2000
"""Item ids remembered per feed (the oldest are forgotten first)."""
LOCK_TIMEOUT = 10.0


def feeds_path() -> Path:
    """`feeds.json` in the data directory."""
    return data_dir() / FEEDS_FILE


def normal_source(source: str) -> str:
    """A URL as given; a file path made absolute, so it names the same file from anywhere."""
    return source if is_url(source) else str(Path(source).expanduser().resolve())


@dataclass
class Subscription:
    """One subscribed feed."""

    url: str
    title: str = ""
    seen: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)

    def unread(self) -> int:
        """Items reported (seen) but not opened yet."""
        return len(set(self.seen) - set(self.read))

    def mark_read(self, ident: str) -> None:
        """Remember that the item `ident` was opened."""
        if ident not in self.read:
            self.read = (self.read + [ident])[-MAX_SEEN:]

    def remember(self, ids: list[str]) -> int:
        """Add the ids not seen before; return how many were new."""
        known = set(self.seen)
        new = [ident for ident in dict.fromkeys(ids) if ident not in known]
        self.seen = (self.seen + new)[-MAX_SEEN:]
        return len(new)

    def forget(self, ids: list[str]) -> None:
        """Count the items `ids` as not seen, so the next update reports them again."""
        gone = set(ids)
        self.seen = [ident for ident in self.seen if ident not in gone]


class Subscriptions:
    """Read and change `feeds.json` (see the module docstring)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or feeds_path()
        self._lock = FileLock(str(self.path) + ".lock")

    def load(self) -> list[Subscription]:
        """The subscriptions in file order; none when the file does not exist yet."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise StoreError(f"cannot read {self._name()}: {error.strerror or error}") from error
        try:
            data = json.loads(raw.decode("utf-8"))
            return [_subscription(entry) for entry in data["feeds"]]
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise StoreError(
                f"{self._name()} is damaged ({type(error).__name__}); fix or remove it"
            ) from error

    @contextlib.contextmanager
    def editing(self) -> Iterator[list[Subscription]]:
        """Hold the lock, yield the subscriptions to change in place, then save them."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock.acquire(timeout=LOCK_TIMEOUT):
                feeds = self.load()
                yield feeds
                self._save(feeds)
        except Timeout as error:
            raise StoreError(f"{self._name()} is locked by another reader; try again") from error
        except OSError as error:
            raise StoreError(f"cannot write {self._name()}: {error.strerror or error}") from error

    def _save(self, feeds: list[Subscription]) -> None:
        body = {
            "version": 1,
            "feeds": [
                {"url": s.url, "title": s.title, "seen": s.seen, "read": s.read} for s in feeds
            ],
        }
        text = json.dumps(body, ensure_ascii=False, indent=1)
        fd, temp = tempfile.mkstemp(prefix=".feeds.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _fsync_dir(self.path.parent)

    def _name(self) -> str:
        return one_line(str(self.path))


def find(feeds: list[Subscription], source: str) -> Subscription | None:
    """The subscription for `source` (a URL, or a path in any spelling), if any."""
    wanted = normal_source(source)
    return next((feed for feed in feeds if feed.url in (source, wanted)), None)


def _subscription(entry: object) -> Subscription:
    if not isinstance(entry, dict):
        raise TypeError("a feed entry is not an object")
    url, title, seen = entry["url"], entry.get("title", ""), entry.get("seen", [])
    read = entry.get("read", [])
    if not isinstance(url, str) or not isinstance(title, str) or not isinstance(seen, list):
        raise TypeError("a feed entry has the wrong types")
    if not isinstance(read, list):
        raise TypeError("a feed entry has the wrong types")
    return Subscription(url, title, [str(i) for i in seen], [str(i) for i in read])


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot sync a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
