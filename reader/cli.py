"""The `reader` command: opens the TUI, or runs a sub-command.

`reader PATH|URL|-` opens an article, `reader` alone the library,
`reader extract ...`, `reader notes ...`, `reader feed ...`, `reader add ...`,
`reader entities ...`, `reader claims ...` and `reader refresh ...` are plain
command-line tools.
Exit codes (public contract): 0 ok, 1 input could not be read, 2 usage error.
Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader import __version__
from reader.errors import ReaderError

if TYPE_CHECKING:
    import argparse

SUBCOMMANDS = ("extract", "notes", "feed", "add", "entities", "claims", "refresh", "search")


def _open_parser() -> argparse.ArgumentParser:
    import argparse  # not for `reader PATH` (see `main`)

    parser = argparse.ArgumentParser(
        prog="reader",
        description=(
            "A terminal reader with annotations. Opens an article (Markdown, text, HTML "
            "or URL) beside the people, organisations and places it names and the claims "
            "it makes. Without an argument, opens the library of articles you have read."
        ),
        epilog=(
            "sub-commands: 'reader extract PATH --json' prints the analysis; "
            "'reader notes list|search|export|import' works with your notes; "
            "'reader search QUERY' searches notes, texts and claims; "
            "'reader feed URL' lists a feed's items, 'reader feed add|list|remove|update' "
            "keeps subscriptions; 'reader add PATH|URL|DIR' adds articles to the library, "
            "'reader entities' and 'reader claims --about NAME' query it across articles, "
            "'reader refresh ARTICLE|--all' fetches articles again and lists what changed. "
            "Run 'reader extract --help' or 'reader notes --help' for more."
        ),
    )
    parser.add_argument("source", nargs="?", help="file path, http(s) URL, or - for stdin")
    parser.add_argument("--db", metavar="PATH", help="use this note store file for this run")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def _subcommand(name: str) -> Callable[[Sequence[str]], int]:
    if name == "extract":
        from reader.extract_cmd import main as extract_main

        return extract_main
    if name == "feed":
        from reader.feed_cmd import main as feed_main

        return feed_main
    if name == "add":
        from reader.add_cmd import main as add_main

        return add_main
    if name == "refresh":
        from reader.refresh_cmd import main as refresh_main

        return refresh_main
    if name in ("entities", "claims"):
        from reader import ledger_cmd

        return ledger_cmd.entities_main if name == "entities" else ledger_cmd.claims_main
    if name == "search":
        from reader.search_cmd import main as search_main

        return search_main
    from reader.notes_cmd import main as notes_main

    return notes_main


def _extract(args: Sequence[str]) -> int:
    """`reader extract`, its imports run from the start cache (a tenth of a short
    article's whole process compiled the same patterns and dataclass code each time);
    what it compiled that the cache lacked is written once the command is done."""
    from reader import start_cache

    start_cache.load("extract")
    try:
        return _subcommand("extract")(args)
    finally:
        writer = start_cache.keep()
        if writer is not None:
            writer.join(timeout=5)


def _launch(source: str | None, db: str | None) -> int:
    """Open the TUI: the start cache first, before the document layer and Textual compile
    what it holds (not for `--version` or `--help`, which never reach here)."""
    from reader import start_cache

    start_cache.load("tui")
    from reader.tui.launch import launch

    return launch(source, db=db)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "extract":
            return _extract(args[1:])
        if args and args[0] in SUBCOMMANDS:
            return _subcommand(args[0])(args[1:])
        if len(args) == 1 and (args[0] == "-" or not args[0].startswith("-")):
            return _launch(args[0], None)  # `reader PATH` as argparse reads it, without it
        options = _open_parser().parse_args(args)  # exits here for --version and --help
        return _launch(options.source, options.db)
    except ReaderError as error:
        from reader.safe_text import one_line

        print(one_line(f"reader: {error}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a bug: one line and a log, never a traceback
        from reader.crash_log import crash_line, write_crash_log  # only a crash needs it

        print(crash_line(error, write_crash_log(error)), file=sys.stderr)
        return 1
