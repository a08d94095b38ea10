"""Shared fixtures: every test gets its own data directory (contract 3)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def reader_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point $READER_HOME at a fresh temporary directory for every test."""
    home = tmp_path / "reader-home"
    home.mkdir()
    monkeypatch.setenv("READER_HOME", str(home))
    return home
