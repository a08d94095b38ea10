"""`reader entities [...]` and `reader claims [...]`: the ledger on the command line.

`reader entities [--kind K] [--json]` lists library entities; `reader entities merge A B`
and `reader entities split NAME PART` save the reader's own links (applied to articles
added later too). `reader claims [--about NAME] [--by NAME] [--tag T] [--verdict V]
[--json | --format claimreview]` lists claims across the library, newest article first.

Invariant: reads never change the note store (the library heals only its own index);
an empty library or a name with no claims is a friendly line on stderr with exit 0
(`[]` for `--json`), never an error. Errors a user can cause are one line, exit 1;
usage errors exit 2. Text output goes through `reader.safe_text`; JSON stays exact.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.cli_common import parse, run_on_library
from reader.library.library import KINDS, Library
from reader.notes import VERDICTS
from reader.safe_text import one_line

if TYPE_CHECKING:
    from reader.library.entity import LibraryEntity
    from reader.library.ledger import LedgerClaim

EMPTY = "reader: the library is empty; add articles with 'reader add PATH|URL|DIR'"
TAGS = ("reported", "statement", "quote", "alleged", "denial", "opinion")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="note store file")
    return common


def _entities_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader entities", parents=[_common()],
        description="People, organisations, places and things across every article in the "
        "library, linked by name. 'reader entities merge A B' makes two one; "
        "'reader entities split NAME PART' takes a name out of one.",
    )  # fmt: skip
    parser.add_argument("--kind", choices=KINDS, help="only entities of this kind")
    parser.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _link_parser(action: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"reader entities {action}", parents=[_common()])
    if action == "merge":
        parser.description = "Make two library entities one (the first keeps its name)."
        parser.add_argument("keep", help="name or id of the entity to keep")
        parser.add_argument("other", help="name or id of the entity to merge into it")
    else:
        parser.description = "Take one name out of a library entity (it becomes its own)."
        parser.add_argument("name", help="name or id of the entity")
        parser.add_argument("part", help="the name to take out of it ('Musk')")
    return parser


def _claims_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader claims", parents=[_common()],
        description="Claims across every article in the library, newest article first.",
    )  # fmt: skip
    parser.add_argument("--about", metavar="NAME", help="claims whose content names NAME")
    parser.add_argument("--by", metavar="NAME", help="claims attributed to NAME")
    parser.add_argument("--tag", choices=TAGS, help="claims with this tag")
    parser.add_argument("--verdict", choices=VERDICTS, help="claims you gave this verdict")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument(
        "--format", choices=("text", "json", "claimreview"), default="text",
        help="claimreview: schema.org ClaimReview JSON-LD of the claims with a verdict",
    )  # fmt: skip
    return parser


def entities_main(argv: Sequence[str]) -> int:
    """Run `reader entities ...`; return the exit code."""
    args = list(argv)
    action = args[0] if args and args[0] in ("merge", "split") else None
    parser = _link_parser(action) if action else _entities_parser()
    options = parse(parser, args[1:] if action else args)
    if isinstance(options, int):
        return options
    library = Library(getattr(options, "db", None))
    return run_on_library(
        library, lambda: _link(library, options, action) if action else _list(library, options)
    )


def claims_main(argv: Sequence[str]) -> int:
    """Run `reader claims ...`; return the exit code."""
    options = parse(_claims_parser(), argv)
    if isinstance(options, int):
        return options
    library = Library(getattr(options, "db", None))
    return run_on_library(library, lambda: _claims(library, options))


def _list(library: Library, options: argparse.Namespace) -> int:
    found = library.entities(options.kind)
    if options.json:
        print(json.dumps([_entity_json(e) for e in found], ensure_ascii=False, indent=2))
    if not found:
        kind = f" of kind {options.kind}" if options.kind else ""
        print(EMPTY if not library.articles() else f"reader: no entities{kind}", file=sys.stderr)
    elif not options.json:
        for entity in found:
            print(_entity_line(entity))
    return 0


def _entity_json(entity: LibraryEntity) -> dict[str, object]:
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
        "articles": entity.articles,
        "mentions": entity.mentions,
        "claims_about": entity.claims_about,
        "claims_by": entity.claims_by,
        "possibly": list(entity.possibly),
    }


def _entity_line(entity: LibraryEntity) -> str:
    aliases = f"  aka {', '.join(entity.aliases[:6])}" if entity.aliases else ""
    possibly = f"  possibly {' or '.join(entity.possibly)}" if entity.possibly else ""
    counts = (
        f"{entity.articles} article(s), {entity.mentions} mention(s), "
        f"{entity.claims_about} claim(s) about, {entity.claims_by} by"
    )
    return one_line(f"{entity.name} ({entity.kind}): {counts}{aliases}{possibly}")


def _link(library: Library, options: argparse.Namespace, action: str) -> int:
    if action == "merge":
        entity = library.merge(options.keep, options.other)
        print(one_line(f"merged: {_entity_line(entity)}"))
    else:
        entity = library.split(options.name, options.part)
        print(one_line(f"split off: {_entity_line(entity)}"))
    return 0


def _claims(library: Library, options: argparse.Namespace) -> int:
    form = "json" if options.json else options.format
    found = library.claims(
        about=options.about, by=options.by, tag=options.tag, verdict=options.verdict
    )
    if form == "json":
        print(json.dumps([c.to_json() for c in found], ensure_ascii=False, indent=2))
    elif form == "claimreview":
        from reader.library.claimreview import claim_reviews

        kinds = {e.name: e.kind for e in library.entities()}
        print(json.dumps(claim_reviews(found, kinds.get), ensure_ascii=False, indent=2))
    if not found:
        print(_nothing(library, options), file=sys.stderr)
        return 0
    if form == "text":
        _print_claims(found)
    return 0


def _nothing(library: Library, options: argparse.Namespace) -> str:
    if not library.articles():
        return EMPTY
    for name in (options.about, options.by):
        if name is not None and not library.find(name):
            return f"reader: no entity called '{one_line(name)}' in the library"
    return "reader: no claims match"


def _print_claims(claims: Sequence[LedgerClaim]) -> None:
    """The claims as lines under their articles' titles, written at once (not a `print`
    per line)."""
    lines = []
    article = None
    for claim in claims:
        ref = claim.article
        if ref.id != article:
            article = ref.id
            where = ", ".join(part for part in (ref.outlet, ref.date) if part)
            lines.append(one_line(f"{ref.title or ref.source}" + (f"  ({where})" if where else "")))
        tags = ",".join(claim.tags) or "-"
        source = claim.source or claim.source_words or "-"
        verdict = f"  [{claim.verdict}]" if claim.verdict else ""
        disputes = [d.claim if d.article.id == ref.id else f"{d.claim} in {d.article.title}"
                    for d in claim.disputes]  # fmt: skip
        disputed = f"  (disputes {', '.join(disputes)})" if disputes else ""
        content = " ".join(claim.content.split())
        lines.append(one_line(f"  {claim.id:<4} {tags:<18} {source}: {content}{verdict}{disputed}"))
    sys.stdout.write("".join(line + "\n" for line in lines))
