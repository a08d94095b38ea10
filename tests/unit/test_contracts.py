"""The architecture's contracts, enforced: import rules and strict typing of the core.

`lint-imports` checks the contracts in pyproject.toml (the core never imports
Textual or the TUI; tui above analysis and notes, above document; the entity
and claim pipelines independent). `mypy --strict` checks the core layers.
Both read the source tree of this checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
CORE = [
    "reader/document",
    "reader/analysis",
    "reader/notes",
    "reader/feeds",
    "reader/search",
    "reader/library",
    "reader/span.py",
    "reader/safe_text.py",
    "reader/paths.py",
    "reader/errors.py",
    "reader/crash_log.py",
    "reader/start_cache.py",
]


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


def test_import_contracts_are_kept() -> None:
    lint = shutil.which("lint-imports")
    if lint is None:
        pytest.fail("lint-imports is missing: pip install '.[test]'")
    result = _run([lint])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_core_is_strictly_typed(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), *CORE])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
