"""`reader refresh [ARTICLE|--all] [--json]`: fetch articles again, say what changed.

Invariant: each article is refreshed on its own (`reader.library.refresh`): one that
cannot be fetched (a dead URL, no network, a file that is gone) is one `reader: ...`
line on stderr and the rest go on; the exit code is 1 if any failed, 0 otherwise, 2
for usage. `--all` refreshes every URL article of the library, and the local files
that changed on disk (marked so; unchanged ones are only counted). Everything shown
goes through `reader.safe_text`; `--json` prints one list with the article texts exact.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from reader.cli_common import parse, run_on_library
from reader.errors import InputError
from reader.library.changes import Change
from reader.library.library import Library
from reader.library.refresh import Refreshed, Refresher, is_local
from reader.notes.model import Article
from reader.safe_text import one_line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader refresh",
        description="Fetch library articles again: keep the old text, move your notes and "
        "verdicts to the new one, store its new analysis, and list what changed "
        "(sentences added, removed, altered; quotes first) and the notes left orphaned.",
    )
    parser.add_argument("article", nargs="?", metavar="ARTICLE", help="article id, path or URL")
    parser.add_argument(
        "--all", action="store_true", help="every URL article, and local files changed on disk"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--db", metavar="PATH", help="note store file")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run `reader refresh ...`; return the exit code."""
    options = parse(_parser(), argv)
    if isinstance(options, int):
        return options
    if bool(options.article) == options.all:
        print("reader refresh: give one ARTICLE or --all", file=sys.stderr)
        return 2
    library = Library(options.db)
    return run_on_library(library, lambda: _refresh(library, options))


def _articles(library: Library, ref: str | None) -> list[tuple[Article, bool]]:
    """The articles to refresh, each with whether only a change is worth saying."""
    store = library.store
    if ref is not None:
        found = store.find_article(ref)
        if found is None:
            raise InputError(f"no article '{one_line(ref)}' in the library")
        return [(found, False)]
    known = {article.id: article for article in store.articles()}
    chosen = []
    for entry in library.articles():
        article = known.get(entry.id) or Article(entry.id, entry.source, entry.title)
        if article.source not in ("", "-"):
            chosen.append((article, is_local(article.source)))
    return chosen


def _refresh(library: Library, options: argparse.Namespace) -> int:
    refresher = Refresher(library)
    results: list[Refreshed] = []
    quiet = 0
    chosen = _articles(library, options.article)
    if not chosen:
        print("reader: no URL or file articles in the library to refresh", file=sys.stderr)
        if options.json:
            print("[]")
        return 0
    try:
        for article, only_if_changed in chosen:
            result = refresher.refresh(article, only_if_changed=only_if_changed)
            if result is None:
                quiet += 1
                continue
            results.append(result)
            if result.status == "error":
                print(one_line(f"reader: {_name(article)}: {result.error}"), file=sys.stderr)
            elif not options.json:
                print(_report(result))
    finally:
        refresher.finish()
    if options.json:
        print(json.dumps([_as_json(r) for r in results], ensure_ascii=False, indent=2))
    elif options.all:
        print(one_line(f"{len(results)} refreshed; {quiet} local file(s) unchanged on disk"))
    return 1 if any(r.status == "error" for r in results) else 0


def _name(article: Article) -> str:
    return article.title or article.source or article.id


def _report(result: Refreshed) -> str:
    """The lines a person reads for one article (terminal-safe)."""
    article = result.article
    where = f"{_name(article)} ({article.source})"
    local = " (local file changed on disk)" if result.local and result.status == "changed" else ""
    lines = [f"{result.status}{local}: {where}"]
    if result.first_kept:
        lines.append("  no earlier text kept; kept this one")
    for change in result.changes:
        lines.append(f"  {_label(change)}: {_words(change)}")
    if result.status == "changed" and not result.changes and not result.first_kept:
        lines.append("  only spacing changed")
    for orphan in result.orphans:
        note = orphan.note
        line = f'  orphaned note {note.id[:8]}: "{note.anchor.exact}"'
        if orphan.sentence and orphan.sentence != " ".join(note.anchor.exact.split()):
            line += f' (in: "{orphan.sentence}")'
        lines.append(f"{line}: {note.body}")
    if result.lost_verdicts:
        lines.append(f"  {result.lost_verdicts} verdict(s) on claims no longer in the text (kept)")
    return "\n".join(one_line(line) for line in lines)


def _label(change: Change) -> str:
    quote = "quote " if change.quoted else ""
    return f"{quote}{change.kind}"


def _words(change: Change) -> str:
    if change.kind == "altered":
        marks = {"equal": "{}", "removed": "-{}-", "added": "+{}+"}
        return " ".join(marks[op.kind].format(op.words) for op in change.ops)
    piece = change.new if change.kind == "added" else change.old
    return f'"{piece.text}"' if piece is not None else ""


def _as_json(result: Refreshed) -> dict[str, Any]:
    article = result.article
    return {
        "article": {"id": article.id, "title": article.title, "source": article.source},
        "status": result.status,
        "local": result.local,
        "first_kept": result.first_kept,
        "added": [c.new.text for c in result.changes if c.kind == "added" and c.new],
        "removed": [c.old.text for c in result.changes if c.kind == "removed" and c.old],
        "altered": [
            {"before": c.old.text, "after": c.new.text, "quote": c.quoted}
            for c in result.changes
            if c.kind == "altered" and c.old and c.new
        ],
        "orphaned_notes": [
            {
                "id": o.note.id,
                "body": o.note.body,
                "text": o.note.anchor.exact,
                "sentence": o.sentence,
            }
            for o in result.orphans
        ],
        "lost_verdicts": result.lost_verdicts,
        "error": result.error,
    }
