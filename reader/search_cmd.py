"""`reader search QUERY`: notes, article texts and claims, ranked, from the index.

Invariant: a query a user can get wrong (empty, only punctuation, too long) is one
line on stderr and exit 2 (usage); a store or index that cannot be read is one line
and exit 1; a rebuilt index is one warning on stderr. Everything printed for people
goes through `reader.safe_text.one_line` (titles, contexts, sources are outside
text); `--json` prints exact values. Imports are kept to what a query needs (no
TinyDB unless the index must be refreshed), so the command starts quickly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from reader.cli_common import parse
from reader.errors import ReaderError
from reader.safe_text import one_line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader search",
        description="Search your notes, the text of every article read and their claims. "
        'Words must all match; "exact phrase"; #tag; case and accents do not matter.',
    )
    parser.add_argument("query", nargs="+", help='words, "a phrase", #tag')
    parser.add_argument(
        "--in",
        dest="kinds",
        choices=("notes", "text", "claims"),
        action="append",
        help="search only there (repeatable)",
    )
    parser.add_argument("--article", metavar="ID", help="only this article (id or prefix)")
    parser.add_argument("--tag", help="only notes and claims with this tag")
    parser.add_argument("--limit", type=int, default=20, help="results shown (default 20)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--db", metavar="PATH", help="note store file")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run `reader search ...`; return the exit code."""
    options = parse(_parser(), argv)
    if isinstance(options, int):
        return options
    from reader.search import QueryError, search

    if not 1 <= options.limit <= 1000:
        print("reader: --limit must be between 1 and 1000", file=sys.stderr)
        return 2
    try:
        found = search(
            options.db,
            " ".join(options.query),
            kinds=options.kinds,
            article=options.article,
            tag=options.tag,
            limit=options.limit,
        )
    except QueryError as error:
        print(f"reader: {one_line(str(error))}", file=sys.stderr)
        return 2
    except (ReaderError, OSError) as error:
        print(f"reader: cannot search: {one_line(str(error))}", file=sys.stderr)
        return 1
    for warning in found.warnings:
        print(f"reader: warning: {one_line(warning)}", file=sys.stderr)
    if options.json:
        print(json.dumps([hit.to_dict() for hit in found.hits], ensure_ascii=False, indent=2))
        return 0
    if not found.hits:
        print("reader: no matches", file=sys.stderr)  # stdout stays empty for scripts
        return 0
    bold = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for hit in found.hits:
        print(_line(hit, bold))
    return 0


def _line(hit, bold: bool) -> str:  # type: ignore[no-untyped-def]  # rank.Hit, imported late
    """One result: kind, article, where; the context with the match marked; claim source
    and tags."""
    title = one_line(hit.title or hit.source or hit.article_id)
    head = f"{hit.kind:<5}  {hit.article_id[:8]}  {title}"
    if hit.date:
        head += f"  ({one_line(hit.date[:10])})"
    extra = []
    if hit.kind == "claim":
        extra.append(f"source: {one_line(hit.claim_source or 'unattributed')}")
    if hit.tags:
        extra.append("tags: " + " ".join(f"#{one_line(tag)}" for tag in hit.tags))
    tail = f"  [{'; '.join(extra)}]" if extra else ""
    return f"{head}\n    {_marked(hit.context, hit.marks, bold)}{tail}"


def _marked(context: str, marks: Sequence[tuple[int, int]], bold: bool) -> str:
    """The context with its marks shown (bold on a terminal, else «...»), each piece made
    safe on its own so the marks stay where they were."""
    opening, closing = ("\x1b[1m", "\x1b[0m") if bold else ("«", "»")
    pieces, last = [], 0
    for start, end in marks:
        if start < last:
            continue
        pieces += [one_line(context[last:start]), opening, one_line(context[start:end]), closing]
        last = end
    pieces.append(one_line(context[last:]))
    return "".join(pieces)
