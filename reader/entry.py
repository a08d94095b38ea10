"""The `reader` command's entry point: nothing but a guard around start-up.

`ctrl+c` pressed while the reader is still importing (before Textual owns
the terminal) would print a `KeyboardInterrupt` traceback from whichever
import it landed in. Here the whole start, imports included, is inside one
`try`: an interrupt ends the command quietly with the shell's 130.
"""

from __future__ import annotations


def main() -> int:
    """Run `reader.cli.main`; an interrupt during start-up exits 130, silently."""
    try:
        from reader.cli import main as run

        return run()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
