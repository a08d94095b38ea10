"""The stylesheets are found installed, and from a source checkout run with `python -m`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.tui import stylesheets
from reader.tui.app import style_paths
from reader.tui.stylesheets import style_path

ROOT = Path(__file__).resolve().parents[2]


def test_every_stylesheet_the_app_loads_exists() -> None:
    assert all(path.is_file() for path in style_paths())
    assert style_path("panel.tcss").is_file()


def test_without_the_installed_package_the_checkout_folder_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(name: str) -> None:
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(stylesheets, "import_module", missing)
    assert style_path("panel.tcss") == stylesheets.CHECKOUT_STYLES / "panel.tcss"


def test_python_dash_m_reader_runs_from_the_repository() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("reader ")


def test_a_source_checkout_uses_its_own_styles() -> None:
    # An editable install maps `reader.styles` to one checkout; another worktree run with
    # PYTHONPATH must not show that one's styles. Run as such a worktree would be (the
    # suite itself may import an installed copy of `reader`).
    code = "from reader.tui.stylesheets import style_path; print(style_path('reader.tcss'))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shown = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd="/", capture_output=True, text=True, check=True
    ).stdout.strip()
    assert Path(shown) == ROOT / "styles" / "reader.tcss"
