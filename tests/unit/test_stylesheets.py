"""The stylesheets are found installed, and from a source checkout run with `python -m`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.tui.app import style_paths
from reader.tui.stylesheets import CHECKOUT_STYLES, style_path

ROOT = Path(__file__).resolve().parents[2]


def test_every_stylesheet_the_app_loads_exists() -> None:
    assert all(path.is_file() for path in style_paths())
    assert style_path("panel.tcss").is_file()


def test_checkout_styles_is_the_repository_folder() -> None:
    assert CHECKOUT_STYLES == ROOT / "styles"


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
