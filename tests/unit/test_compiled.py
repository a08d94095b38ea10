"""The build compiles the analysis passes with mypyc where it can (`setup.py`).

An installed reader (`pip install .`, as CI runs the suite) on a machine with a C
compiler must carry the entity and claim passes as extension modules: a build that
quietly fell back to pure Python would lose a fifth of a book's speed with no error.
A reader run from this source tree (an editable install, `PYTHONPATH`) is never
compiled, so the tests run the sources as edited.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sysconfig
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import reader

ROOT = Path(__file__).resolve().parents[2]
HOT = (
    "reader.analysis.claims",
    "reader.analysis.claims.phrases",
    "reader.analysis.claims.rules.reporting_verb",
    "reader.analysis.entities.scan",
    "reader.analysis.entities.resolve",
)
"""Modules where a book's analysis spends its time."""


def _from_source_tree() -> bool:
    return Path(reader.__file__).resolve().parents[1] == ROOT


def _has_compiler() -> bool:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    return shutil.which(compiler) is not None


def test_an_installed_reader_runs_the_compiled_passes() -> None:
    if _from_source_tree():
        pytest.skip("running from the source tree: nothing is compiled there")
    if os.environ.get("READER_PURE") == "1" or not _has_compiler():
        pytest.skip("a pure-Python build was asked for, or no C compiler to build with")
    for name in HOT:
        path = importlib.import_module(name).__file__ or ""
        assert path.endswith(tuple(EXTENSION_SUFFIXES)), f"{name} is not compiled: {path}"


def test_the_source_tree_holds_no_compiled_module() -> None:
    """A stray `.so` beside a `.py` would run instead of the source being edited."""
    stray = [p for suffix in EXTENSION_SUFFIXES for p in (ROOT / "reader").rglob(f"*{suffix}")]
    assert stray == []
