"""The big regular expressions, compiled once and read back compiled from the cache directory.

The rules' largest patterns are built from word lists (every reporting verb, every
capital letter a name may start with) and took about 30 ms to compile, paid again by
every `reader extract` of even a short article. `compiled(name, pattern, flags)`
returns the same `re.Pattern` that `re.compile(pattern, flags)` would (they compare
equal): the first time it compiles the pattern and keeps its compiled program in the
cache (`table_cache`, keyed by the pattern's text, its flags and Python's version, so
an edited word list or another Python compiles afresh); later runs rebuild the
pattern from that program without parsing or compiling it again.

`preload()` does the same for the ~100 smaller patterns the rule modules compile
with `re.compile` when they are imported (about 25 ms, a fifth of a short article's
`reader extract`): the first time, it imports the rule modules and keeps the
programs of the patterns their import compiled; later runs put the rebuilt patterns
in `re`'s own cache under the same keys before the import, so each `re.compile`
there is a dictionary look-up. Only patterns compiled by that import are kept (never
one built from a document or a search), keyed by every module file's size and mtime.

Invariant: the result always matches exactly what `re.compile` gives; whenever the
fast path cannot be taken (another Python implementation, a changed `re` internals,
a program the regex engine's validator refuses), the pattern is compiled normally.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from reader.analysis.table_cache import cached
from reader.start_cache import program as _program

RULE_MODULES = ("reader.analysis.entities", "reader.analysis.claims")
"""What `preload` imports: the rule backend's packages (and whatever they import)."""
_preloaded = False


def compiled(name: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, its compiled program kept in the cache as `re-<name>`."""
    try:
        import _sre  # type: ignore[import-not-found]

        program = cached(
            f"re-{name}", [], lambda: _program(pattern, flags), salt=f"{int(flags)}\0{pattern}"
        )
        final_flags, code, groups, groupindex, indexgroup = program
        result: re.Pattern[str] = _sre.compile(
            pattern, final_flags, list(code), groups, groupindex, indexgroup
        )
        return result
    except (ImportError, AttributeError, TypeError, ValueError, RuntimeError):
        return re.compile(pattern, flags)


def _import_patterns() -> tuple[tuple[str, int, tuple[Any, ...]], ...]:
    """Import `RULE_MODULES`; the (pattern, flags, program) of each `re.compile` it ran."""
    import importlib

    cache: dict[tuple[Any, ...], Any] = re._cache  # type: ignore[attr-defined]
    before = set(cache)
    for module in RULE_MODULES:
        importlib.import_module(module)
    return tuple(
        (key[1], key[2], _program(key[1], key[2]))
        for key in list(cache)
        if key not in before and len(key) == 3 and key[0] is str and isinstance(key[2], int)
    )


def _module_files() -> list[Path]:
    """Every module of the analysis layer: editing one rebuilds the preloaded patterns."""
    return sorted(Path(__file__).resolve().parent.rglob("*.py"))


def preload() -> None:
    """Put the rule modules' patterns, compiled, in `re`'s cache before they are imported
    (once per process; a no-op when they are imported already)."""
    global _preloaded
    if _preloaded:
        return
    _preloaded = True
    if any(module in sys.modules for module in RULE_MODULES):
        return  # compiled already; and an import now would find no pattern to keep
    try:
        import _sre

        cache: dict[tuple[Any, ...], Any] = re._cache  # type: ignore[attr-defined]
        if not isinstance(cache, dict):
            return
        table = cached("re-modules", _module_files(), _import_patterns)
        for pattern, flags, program in table:
            key = (str, pattern, flags)
            if key not in cache:
                final_flags, code, groups, groupindex, indexgroup = program
                cache[key] = _sre.compile(
                    pattern, final_flags, list(code), groups, groupindex, indexgroup
                )
    except (ImportError, AttributeError, TypeError, ValueError, RuntimeError):
        return  # the modules compile their patterns themselves
