"""Shared fixtures: every test gets its own data directory (contract 3)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The hand-built analysis and panel demo app (`panel_demo`, `panel_synthetic`) are
# fixtures shared with the benchmarks; they live in benchmarks/, not in the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


@pytest.fixture(autouse=True)
def reader_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point $READER_HOME at a fresh temporary directory for every test."""
    home = tmp_path / "reader-home"
    home.mkdir()
    monkeypatch.setenv("READER_HOME", str(home))
    return home
