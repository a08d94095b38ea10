"""`reader notes list|search|export|import`: your notes on the command line.

Exports: `md` and `json` (Web Annotation, re-importable) and `readwise` (CSV) print to
stdout; `obsidian DIR` writes one Markdown file per article into DIR and nowhere else.

Invariant: reads never change the store (damage is reported, and moved aside
by the next write); `import` checks the whole file first and then adds all of
it or nothing (records whose id is already present are skipped, so importing
twice is harmless). Exit codes follow contract 4: 0 ok, 1 a one-line error on
stderr, 2 usage. Store warnings (a damaged file, a bad article file skipped)
are printed to stderr, never swallowed. Everything printed for people (lists,
Markdown, errors, warnings) goes through `reader.safe_text`, so a note body or
title cannot send escape sequences to the terminal; JSON output stays exact.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.cli_common import parse
from reader.errors import InputError, ReaderError, StoreError
from reader.notes.export import to_jsonld, to_markdown
from reader.notes.export_obsidian import export_obsidian
from reader.notes.export_readwise import to_readwise_csv
from reader.notes.importer import import_export
from reader.notes.model import Article, Note
from reader.notes.store import NoteStore
from reader.notes.validate import MAX_BYTES
from reader.progress import ProgressBar
from reader.safe_text import for_terminal, one_line

EXPORT_FORMATS = ("md", "json", "obsidian", "readwise")
"""md and json print the store; readwise prints a CSV; obsidian writes files into DIR."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a sub-command without --db must not reset a --db given before it.
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="note store file")
    parser = argparse.ArgumentParser(
        prog="reader notes", description="List, search, export and import your notes.",
        parents=[common],
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    listing = commands.add_parser("list", parents=[common], help="list notes")
    listing.add_argument("--article", metavar="PATH|ID", help="only this article's notes")
    listing.add_argument("--tag", help="only notes with this tag")
    listing.add_argument("--json", action="store_true", help="print JSON")
    search = commands.add_parser("search", parents=[common], help="find notes by text or tag")
    search.add_argument("text", help="words to find in notes, quotes or tags")
    search.add_argument("--json", action="store_true", help="print JSON")
    export = commands.add_parser("export", parents=[common], help="export notes")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="md")
    export.add_argument("--article", metavar="PATH|ID", help="only this article's notes")
    export.add_argument("dest", nargs="?", metavar="DIR", help="folder for --format obsidian")
    importing = commands.add_parser("import", parents=[common], help="import a JSON export")
    importing.add_argument("file", help="a file written by 'reader notes export --format json'")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run `reader notes ...`; return the exit code."""
    options = parse(_parser(), argv)
    if isinstance(options, int):
        return options
    problem = _usage_problem(options)
    if problem:
        print(f"reader notes: {problem}", file=sys.stderr)
        return 2
    store = NoteStore(db=getattr(options, "db", None))
    try:
        return _COMMANDS[options.command](store, options)
    except ReaderError as error:
        print(f"reader: {one_line(str(error))}", file=sys.stderr)
        return 1
    finally:
        for warning in store.warnings:
            print(f"reader: warning: {one_line(warning)}", file=sys.stderr)


def _usage_problem(options: argparse.Namespace) -> str | None:
    """What is wrong with an export's DIR argument, if anything."""
    if options.command != "export":
        return None
    if options.format == "obsidian" and not options.dest:
        return "--format obsidian needs a folder: reader notes export --format obsidian DIR"
    if options.format != "obsidian" and options.dest:
        return f"--format {options.format} prints to stdout and takes no DIR"
    return None


def _selected(store: NoteStore, ref: str | None) -> tuple[list[Article], list[Note]]:
    articles = store.articles()
    if ref is not None:
        found = store.find_article(ref)
        if found is None:
            raise StoreError(f"no article '{one_line(ref)}' in the note store")
        articles = [found]
    return articles, [note for a in articles for note in store.notes(a.id)]


def _print_notes(store: NoteStore, notes: list[Note], as_json: bool) -> None:
    if as_json:
        print(json.dumps([n.to_dict() for n in notes], ensure_ascii=False, indent=2))
        return
    if not notes:
        print("reader: no notes", file=sys.stderr)  # stdout stays empty for scripts
        return
    titles = {a.id: a.title or a.source for a in store.articles()}
    for note in notes:
        quote = " ".join(note.anchor.exact.split())
        quote = quote if len(quote) <= 60 else quote[:57] + "..."
        body = " ".join(note.body.split())
        title = titles.get(note.article_id) or note.article_id
        mark = "[orphan] " if note.orphan else ""
        page = f"p. {note.anchor.page}  " if note.anchor.page is not None else ""
        print(one_line(f'{note.id[:8]}  {title}  {page}{mark}"{quote}"  {body}'))


def _list(store: NoteStore, options: argparse.Namespace) -> int:
    _, notes = _selected(store, options.article)
    if options.tag:
        tag = options.tag.lstrip("#").lower()
        notes = [note for note in notes if tag in note.tags]
    _print_notes(store, notes, options.json)
    return 0


def _search(store: NoteStore, options: argparse.Namespace) -> int:
    _print_notes(store, store.search(options.text), options.json)
    return 0


def _export(store: NoteStore, options: argparse.Namespace) -> int:
    articles, notes = _selected(store, options.article)
    verdicts = [v for a in articles for v in store.verdicts(a.id)]
    if options.format == "md":
        sys.stdout.write(for_terminal(to_markdown(articles, notes, verdicts)))
        return 0
    if options.format == "readwise":
        sys.stdout.write(to_readwise_csv(articles, notes, verdicts))  # cells made safe
        return 0
    if options.format == "obsidian":
        done = export_obsidian(Path(options.dest), articles, notes, verdicts)
        where = one_line(options.dest)
        files = f"{len(done.files)} file{'' if len(done.files) == 1 else 's'}"
        print(f"exported {done.notes} notes and {done.verdicts} verdicts in {files} to {where}")
        return 0
    print(json.dumps(to_jsonld(articles, notes, verdicts), ensure_ascii=False, indent=2))
    return 0


def _import(store: NoteStore, options: argparse.Namespace) -> int:
    name = one_line(options.file)
    path = Path(options.file)
    try:
        if path.is_file() and path.stat().st_size > MAX_BYTES:
            raise InputError(f"cannot import {name}: larger than {MAX_BYTES >> 20} MB")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise StoreError(f"cannot read {name}: {error.strerror}") from error
    if len(raw) > MAX_BYTES:
        raise InputError(f"cannot import {name}: larger than {MAX_BYTES >> 20} MB")
    from reader.search import watch

    watch()  # the imported notes go into the search index as they are committed
    bar = ProgressBar("importing")
    try:
        report = import_export(store, raw, progress=bar)
    except InputError as error:
        raise InputError(f"cannot import {name}: {error}; nothing was imported") from error
    finally:
        bar.close()
    print(
        f"imported {report.notes} notes, {report.verdicts} verdicts, {report.articles} "
        f"articles; skipped {report.skipped} already present"
    )
    return 0


_COMMANDS = {"list": _list, "search": _search, "export": _export, "import": _import}
