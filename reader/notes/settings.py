"""The reader's settings (theme, panel width): a small JSON object beside the store.

Invariant: `settings.json` sits beside the store's index file and is replaced
atomically and durably (`write_atomic`) under the store's lock, so a crash
leaves the old settings or the new, and two readers changing different keys
both keep theirs. A missing or damaged file reads as no settings (they are
preferences: nothing else depends on them); the next write replaces it.
Reading imports nothing but `json`, so the app can read its settings before
its first frame without loading the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

Value = str | int | float | bool | None
"""What a setting may hold."""

SETTINGS_FILE = "settings.json"
"""File name of the settings, beside the store's index file."""


def settings_path(index: Path) -> Path:
    """Where the settings of the store whose index file is `index` are kept."""
    return index.with_name(SETTINGS_FILE)


def read_settings(path: Path) -> dict[str, Value]:
    """The settings at `path`: {} when the file is missing, unreadable or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(key): value
        for key, value in data.items()
        if value is None or isinstance(value, (str, int, float, bool))
    }


class Settings:
    """Settings kept in a file (or only in memory when `path` is None)."""

    def __init__(
        self, path: Path | None, locked: Callable[[], AbstractContextManager[None]]
    ) -> None:
        """Keep settings at `path`, changing them while holding `locked()`."""
        self.path = path
        self._locked = locked
        self._memory: dict[str, Value] = {}

    def all(self) -> dict[str, Value]:
        """Every setting."""
        return dict(self._memory) if self.path is None else read_settings(self.path)

    def get(self, key: str, default: Value = None) -> Value:
        """The setting `key`, else `default`."""
        return self.all().get(key, default)

    def set(self, key: str, value: Value) -> None:
        """Save `key` (None removes it), durably, before returning.

        Raises:
            OSError: if the file cannot be written; the old settings are then kept.
        """
        from reader.notes.storage import write_atomic

        with self._locked():
            current = self.all()
            if value is None:
                current.pop(key, None)
            else:
                current[key] = value
            if self.path is None:
                self._memory = current
                return
            payload = json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True)
            write_atomic(self.path, payload.encode("utf-8"))
