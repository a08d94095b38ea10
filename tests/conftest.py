"""Shared fixtures: every test gets its own data directory (contract 3)."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# Importing the analysis compiles its big patterns into the cache directory, and test
# modules import it while they are collected, before any fixture runs: point
# $READER_HOME at a scratch directory for the whole session too, so nothing a test run
# does reaches the user's own data or cache directory.
_SESSION_HOME = tempfile.mkdtemp(prefix="reader-tests-")
atexit.register(shutil.rmtree, _SESSION_HOME, ignore_errors=True)
os.environ["READER_HOME"] = _SESSION_HOME

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
