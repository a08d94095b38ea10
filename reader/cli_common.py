"""What the sub-commands share: parsing without exiting, the `--jobs` argument, and
running a command on the library with its errors and warnings said in one line each.

Invariant: a `ReaderError` ends the command with one `reader: ...` line and exit 1, a
closed pipe (`... | head`) with exit 0; the library is closed and every warning it or
its note store met is printed once, terminal-safe, however the command ended.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.safe_text import one_line

if TYPE_CHECKING:
    from reader.library.library import Library


def parse_jobs(value: str) -> int:
    """`--jobs N`: a whole number of at least 1 (argparse's usage error otherwise)."""
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return jobs


def parse(parser: argparse.ArgumentParser, args: Sequence[str]) -> argparse.Namespace | int:
    """`args` parsed by `parser`, or the exit code argparse chose (2 for a usage error, 0 for
    `--help`) once it has printed its message, so a sub-command returns it instead of exiting."""
    try:
        return parser.parse_args(list(args))
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2 if exit_.code else 0


def run_on_library(library: Library, job: Callable[[], int]) -> int:
    """Run `job` (a command's body) on `library`; return its exit code."""
    try:
        return job()
    except ReaderError as error:
        print(f"reader: {one_line(str(error))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    finally:
        library.close()
        warnings = library.warnings + (library.store.warnings if "store" in vars(library) else [])
        for warning in dict.fromkeys(warnings):
            print(f"reader: warning: {one_line(warning)}", file=sys.stderr)
