"""`reader extract SOURCE... [--json|--jsonl] [--jobs N] [--backend rules|spacy] [--model M]`.

Prints the analysis of one article: with `--json` the public contract object
(ARCHITECTURE.md, contract 1) as a single line of JSON on stdout; without it a short
summary, entities grouped by kind with their claims. Several sources (or a
directory) run in worker processes (`extract_batch`): `--jsonl` prints one contract
object plus `"path"` a line, without it the summaries follow one another; `--json`
takes exactly one file. Errors a user can cause end as one line on stderr and exit 1;
usage errors exit 2 (argparse).
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from typing import TextIO

from reader.analysis import BACKENDS, Analysis, Claim, Entity, analyze
from reader.cli_common import parse_jobs
from reader.errors import ReaderError
from reader.progress import ProgressBar
from reader.safe_text import one_line

LONG_DOCUMENT = 50_000
"""Documents with more characters than this get a progress bar (on a tty)."""

KIND_HEADINGS = (
    ("person", "People"),
    ("org", "Organisations"),
    ("place", "Places"),
    ("other", "Other"),
)
BOLD = ("\033[1m", "\033[0m")
"""ANSI bold on and off."""
SNIPPET_WIDTH = 72
TAGS_WIDTH = 20


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader extract",
        description="Print the people, organisations and places an article names "
        "and the claims it makes about them.",
    )
    parser.add_argument(
        "source", nargs="+", help="file paths, directories, http(s) URLs, or - for stdin"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the analysis as JSON")
    output.add_argument(
        "--jsonl",
        action="store_true",
        help='one JSON object a line per document, in input order, with its "path"',
    )
    parser.add_argument(
        "--jobs",
        type=parse_jobs,
        metavar="N",
        help="worker processes for several documents (default: the number of cores)",
    )
    parser.add_argument("--backend", choices=BACKENDS, default="rules", help="analysis backend")
    parser.add_argument("--model", metavar="NAME", help="spaCy model name or path (spacy only)")
    return parser


def _colour(stream: TextIO) -> bool:
    """Whether bold would help rather than be noise on `stream`."""
    return stream.isatty() and "NO_COLOR" not in os.environ


def _style(stream: TextIO) -> tuple[str, str]:
    """ANSI bold on/off codes, or empty strings when colour would be noise."""
    return BOLD if _colour(stream) else ("", "")


def _shorten(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" ...")


def source_label(analysis: Analysis, claim: Claim) -> str:
    """Who a claim is attributed to: the resolved entity, else the source words, else '-'."""
    entity = analysis.entity(claim.source) if claim.source else None
    if entity is not None:
        return entity.name
    if claim.source_span is not None:
        start, end = claim.source_span
        return " ".join(analysis.document.text[start:end].split())
    return "-"


def _claim_line(analysis: Analysis, claim: Claim) -> str:
    tags = ",".join(claim.tags) or "-"
    start, end = claim.content
    content = _shorten(analysis.document.text[start:end], SNIPPET_WIDTH)
    disputes = f"  (disputes {', '.join(claim.disputes)})" if claim.disputes else ""
    return one_line(
        f"    {claim.id:<4} {tags:<{TAGS_WIDTH}} {source_label(analysis, claim)}: "
        f"{content}{disputes}"
    )


def _entity_line(entity: Entity, bold: tuple[str, str]) -> str:
    count = len(entity.mentions)
    noun = "mention" if count == 1 else "mentions"
    aliases = f"  aka {', '.join(entity.aliases)}" if entity.aliases else ""
    # Names and claims quote the article: shown, never obeyed by the terminal.
    return f"  {bold[0]}{one_line(entity.name)}{bold[1]} ({count} {noun}){one_line(aliases)}"


def summary_lines(analysis: Analysis, bold: tuple[str, str] = ("", "")) -> list[str]:
    """The readable summary: header, entities by kind with their claims, unattached claims."""
    doc = analysis.document
    header = " - ".join(part for part in (doc.title, doc.date, doc.source) if part)
    lines = [one_line(header), f"{len(analysis.entities)} entities, {len(analysis.claims)} claims"]
    placed: set[str] = set()
    for kind, heading in KIND_HEADINGS:
        entities = [e for e in analysis.entities if e.kind == kind]
        if not entities:
            continue
        lines += ["", f"{bold[0]}{heading}{bold[1]}"]
        for entity in entities:
            lines.append(_entity_line(entity, bold))
            for claim in analysis.claims:
                if entity.id in claim.entities:
                    lines.append(_claim_line(analysis, claim))
                    placed.add(claim.id)
    rest = [c for c in analysis.claims if c.id not in placed]
    if rest:
        lines += ["", f"{bold[0]}Claims about no named entity{bold[1]}"]
        lines += [_claim_line(analysis, claim) for claim in rest]
    return lines


def plain_summary(analysis: Analysis) -> str:
    """The readable summary as one string, without colour (run in a batch worker)."""
    return "\n".join(summary_lines(analysis))


def bold_summary(analysis: Analysis) -> str:
    """The readable summary, headings and names in bold (stdout is a colour terminal)."""
    return "\n".join(summary_lines(analysis, BOLD))


def _run(options: argparse.Namespace) -> int:
    from reader.analysis.heap import paused, tune_for_analysis
    from reader.document import load

    tune_for_analysis()  # this process only analyses one document and prints it
    document = load(options.source[0])
    bar = ProgressBar("analysing", sys.stderr)
    bar.enabled = bar.enabled and len(document.text) > LONG_DOCUMENT
    try:
        with paused(options.backend == "rules"):
            analysis = analyze(document, backend=options.backend, model=options.model, progress=bar)
    finally:
        bar.close()
    if options.json:
        sys.stdout.write(analysis.to_json_text())
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n".join(summary_lines(analysis, _style(sys.stdout))) + "\n")
    return 0


def main(argv: Sequence[str]) -> int:
    """Run `reader extract` with `argv` (the arguments after `extract`); return the exit code."""
    parser = _parser()
    options = parser.parse_args(list(argv))
    if options.model and options.backend != "spacy":
        parser.error("--model only applies to --backend spacy")
    many = len(options.source) > 1 or os.path.isdir(options.source[0])
    if options.json and many:
        parser.error("--json prints one document; use --jsonl for several")
    try:
        if many or options.jsonl:
            from reader.extract_batch import run_many

            return run_many(options, bold_summary if _colour(sys.stdout) else plain_summary)
        return _run(options)
    except ReaderError as error:
        print(one_line(f"reader: {error}"), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `reader extract ... | head` closed the pipe: not an error worth a traceback.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
