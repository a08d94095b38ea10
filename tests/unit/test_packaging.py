"""A non-editable install must carry every package, the styles and the data files."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _listed_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_package_under_reader_is_listed_for_installation() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "reader").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - _listed_packages() == set()


def test_styles_are_installed_as_reader_styles() -> None:
    names = {entry.name for entry in files("reader.styles").iterdir()}
    on_disk = {path.name for path in (ROOT / "styles").glob("*.tcss")}
    assert on_disk and on_disk <= names
