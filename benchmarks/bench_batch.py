"""Batch extraction and the fixed cost of `reader extract`, measured side by side in one run.

Rows (issue 13):

1. `reader extract DIR --jsonl` over the 84 PolNeAR dev news articles in one
   command: words per wall second (target >= 100,000), beside the same articles
   with one `reader extract PATH --json` process each (what scripts did before).
2. `reader extract` of a ~500-word article: CPU seconds as a share of
   `reader extract` of War and Peace (target <= 6%).
3. War and Peace, whole `reader extract --json` process: words per CPU-second
   (target >= 250,000) and its peak memory (`wait4`'s maximum RSS, target < 250 MB).

Every figure is a whole `reader` process (Python start-up included), CPU from
`getrusage(RUSAGE_CHILDREN)`. The commands run as an installed reader would: with
compiled bytecode (kept in a temporary `PYTHONPYCACHEPREFIX`, since this tree may be
run with `PYTHONDONTWRITEBYTECODE`) and a warm table cache (a temporary
`READER_HOME`); the cold first run, which builds the cache, is shown too.

    python benchmarks/bench_batch.py [--runs N] [--jobs N] [--no-baseline]

Figures are measured, never asserted: they belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "eval-dev" / "polnear_dev" / "text"
BOOK = SHARED / "corpus" / "war-and-peace.txt"
SMALL_WORDS = 500
"""The small article is the dev article whose length is nearest this many words."""


def _environment(home: Path, pycache: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": str(home)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _run(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run `reader ...`: (wall seconds, CPU seconds, stdout)."""
    wall, cpu, out, _peak = _run_peak(argv, env)
    return wall, cpu, out


def _run_peak(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float, str, float]:
    """Run `reader ...`: (wall seconds, CPU seconds, stdout, peak RSS in MB of the process
    and the children it waited for, from `wait4`)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "reader", *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    out = child.stdout.read()
    child.stdout.close()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, out, usage.ru_maxrss / 1024  # Linux: kilobytes


def _words(path: Path) -> int:
    return len(path.read_text(encoding="utf-8", errors="replace").split())


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def batch_rows(env: dict[str, str], runs: int, jobs: int | None, baseline: bool) -> list[str]:
    """Row 1: the dev articles in one `--jsonl` command, and one process each."""
    articles = sorted(NEWS.glob("*.txt"))
    extra = ["--jobs", str(jobs)] if jobs else []
    walls, cpus, words = [], [], 0
    for _ in range(runs):
        wall, cpu, out = _run(["extract", str(NEWS), "--jsonl", *extra], env)
        lines = [json.loads(line) for line in out.splitlines()]
        words = sum(len(line["document"]["text"].split()) for line in lines if "document" in line)
        walls.append(wall)
        cpus.append(cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    rows = [
        f"| `reader extract DIR --jsonl{' ' + ' '.join(extra) if extra else ''}`, "
        f"{len(articles)} articles, {words:,} words | {wall:.2f} s wall (median of {runs}) "
        f"| **{words / wall:,.0f} words/wall s** | >= 100,000 |",
        f"| same command, CPU of all its processes | {cpu:.2f} CPU-s "
        f"| {words / cpu:,.0f} words/CPU-s; {words / (cpu / (os.cpu_count() or 1)):,.0f} "
        f"words/wall s if the cores were free | |",
    ]
    if baseline:
        started = time.perf_counter()
        for article in articles:
            _run(["extract", str(article), "--json"], env)
        each = time.perf_counter() - started
        rows.append(
            f"| same articles, one `reader extract PATH --json` process each (warm cache) "
            f"| {each:.2f} s wall | {words / each:,.0f} words/wall s | |"
        )
    return rows


def _small_article() -> Path:
    return min(sorted(NEWS.glob("*.txt")), key=lambda p: abs(_words(p) - SMALL_WORDS))


def share_rows(env: dict[str, str], runs: int) -> list[str]:
    """Rows 2 and 3: the small article's CPU against the book's; the book's words per CPU-s."""
    small = _small_article()
    small_cpu = statistics.median(
        _run(["extract", str(small), "--json"], env)[1] for _ in range(max(runs, 5))
    )
    book = [_run_peak(["extract", str(BOOK), "--json"], env) for _ in range(runs)]
    book_cpu = statistics.median(run[1] for run in book)
    book_peak = max(run[3] for run in book)
    base_cpu = statistics.median(_run(["--version"], env)[1] for _ in range(max(runs, 5)))
    book_words = _words(BOOK)
    return [
        f"| `reader extract` of `{small.name}` ({_words(small)} words), CPU vs War and Peace "
        f"| {small_cpu:.3f} CPU-s vs {book_cpu:.2f} CPU-s "
        f"| **{small_cpu / book_cpu:.1%}** | <= 6% |",
        f"| War and Peace `reader extract --json`, {book_words:,} words "
        f"| {book_cpu:.2f} CPU-s (median of {runs}), peak RSS {book_peak:.0f} MB "
        f"| **{book_words / book_cpu:,.0f} words/CPU-s** | >= 250,000, < 250 MB |",
        f"| for scale: `reader --version` (Python start-up and the CLI) | {base_cpu:.3f} CPU-s | "
        f"{base_cpu / book_cpu:.1%} of the book | |",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run every row and print them as one Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--jobs", type=int, help="--jobs for the batch command (default: cores)")
    parser.add_argument("--no-baseline", action="store_true", help="skip one process per article")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        env = _environment(Path(tmp) / "home", Path(tmp) / "pycache")
        print(f"load average before: {_load()}; {os.cpu_count()} cores")
        cold_wall, cold_cpu, _ = _run(["extract", str(_small_article()), "--json"], env)
        print(
            f"cold first run (bytecode compiled, tables cached): {cold_wall:.2f} s wall, "
            f"{cold_cpu:.2f} CPU-s"
        )
        rows = ["| measure | measured | figure | target |", "| --- | --- | --- | --- |"]
        rows += batch_rows(env, max(1, options.runs), options.jobs, not options.no_baseline)
        rows += share_rows(env, max(1, options.runs))
        print("\n".join(rows))
        print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
