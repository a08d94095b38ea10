"""Where the `.tcss` stylesheets are: the installed package `reader.styles`.

`styles/` sits at the top of the repository and is installed as
`reader.styles`. Run from a source checkout that shadows the installed
package (`python -m reader` in the repository), that package does not exist,
so the repository's `styles/` folder is used instead. So it is when this `reader`
package is itself a source checkout (`styles/` and `pyproject.toml` beside it): an
editable install points `reader.styles` at one checkout, and another worktree run with
`PYTHONPATH` must show its own styles, not that one's.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

CHECKOUT_STYLES = Path(__file__).resolve().parents[2] / "styles"
"""`styles/` beside the `reader/` package, in a source checkout."""


def style_path(name: str) -> Path:
    """The path of the stylesheet `name` (e.g. "panel.tcss")."""
    if (CHECKOUT_STYLES.parent / "pyproject.toml").is_file() and (CHECKOUT_STYLES / name).is_file():
        return CHECKOUT_STYLES / name
    # The package's own folder, not `importlib.resources.files`: importing that (and
    # `zipfile` with it) cost ~6 ms before the first frame; the styles are plain files.
    try:
        installed = import_module("reader.styles")
    except ModuleNotFoundError:
        return CHECKOUT_STYLES / name
    if installed.__file__ is None:
        return CHECKOUT_STYLES / name
    return Path(installed.__file__).parent / name
