"""The big regular expressions, compiled once and read back compiled from the cache directory.

The rules' largest patterns are built from word lists (every reporting verb, every
capital letter a name may start with) and took about 30 ms to compile, paid again by
every `reader extract` of even a short article. `compiled(name, pattern, flags)`
returns the same `re.Pattern` that `re.compile(pattern, flags)` would (they compare
equal): the first time it compiles the pattern and keeps its compiled program in the
cache (`table_cache`, keyed by the pattern's text, its flags and Python's version, so
an edited word list or another Python compiles afresh); later runs rebuild the
pattern from that program without parsing or compiling it again.

Invariant: the result always matches exactly what `re.compile` gives; whenever the
fast path cannot be taken (another Python implementation, a changed `re` internals,
a program the regex engine's validator refuses), the pattern is compiled normally.
"""

from __future__ import annotations

import re
from typing import Any

from reader.analysis.table_cache import cached


def _program(pattern: str, flags: int) -> tuple[Any, ...]:
    """What `re._compiler.compile` hands the regex engine, as marshal-able values."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    return (
        int(flags | parsed.state.flags),
        tuple(int(op) for op in code),  # opcodes are int subclasses marshal refuses
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


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
