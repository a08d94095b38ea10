"""`reader extract PATH... [--jobs N] [--jsonl]`: many documents in one command.

Invariant: stdout gets one entry per input, in input order (with `--jsonl`, one
JSON line: the `--json` contract object plus `"path"`, the input as given, or
`{"path", "error"}` for a document that failed; without it, the readable summaries
one after another); each failure is also one `reader: ...` line on stderr, the rest
go on, and the exit code is 1 at the end if any failed. The progress bar draws on
stderr only when it is a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable

from reader.analysis.batch import Outcome, analyse_many, expand
from reader.analysis.model import Analysis
from reader.errors import InputError
from reader.progress import ProgressBar
from reader.safe_text import one_line


def json_line(analysis: Analysis) -> str:
    """The `--json` object as one line (run in the worker, so only the string crosses)."""
    return analysis.to_json_text()


def with_path(line: str, path: str) -> str:
    """`line` (a JSON object) with `"path": path` added as its last member."""
    return f"{line[:-1]}, {json.dumps('path')}: {json.dumps(path, ensure_ascii=False)}}}"


def _entry(outcome: Outcome[str], jsonl: bool, first: bool) -> str:
    """What stdout gets for one outcome."""
    if jsonl:
        if outcome.error is not None:
            return json.dumps({"path": outcome.source, "error": outcome.error}, ensure_ascii=False)
        return with_path(outcome.result or "{}", outcome.source)
    if outcome.error is not None:
        return ""
    return ("" if first else "\n") + (outcome.result or "")


def run_many(options: argparse.Namespace, summary: Callable[[Analysis], str]) -> int:
    """Analyse every source (directories expanded) and print each entry as soon as it is in.

    `summary` makes the readable summary of one analysis (without `--jsonl`); like
    `json_line` it runs in the worker, so it is a module-level function.
    """
    sources = expand(options.source)
    if not sources:
        names = ", ".join(options.source)
        raise InputError(f"no readable files (Markdown, text, HTML, EPUB, PDF) in {names}")
    finish = json_line if options.jsonl else summary
    bar = ProgressBar("extracting", sys.stderr)
    failed = 0
    first = True
    outcomes = analyse_many(
        sources,
        jobs=options.jobs,
        backend=options.backend,
        model=options.model,
        finish=finish,
        progress=lambda done, total: bar(done / total),
    )
    # closing: a closed pipe or Ctrl+C stops the workers here, not whenever this is collected
    try:
        with contextlib.closing(outcomes):
            for outcome in outcomes:
                if outcome.error is not None:
                    failed += 1
                    bar.close()  # the error line starts on a clean line; the bar redraws after
                    print(one_line(f"reader: {outcome.error}"), file=sys.stderr)
                entry = _entry(outcome, options.jsonl, first)
                if entry or options.jsonl:
                    sys.stdout.write(entry + "\n")
                    first = False
    finally:
        bar.close()
    return 1 if failed else 0
