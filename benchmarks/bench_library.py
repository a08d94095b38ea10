"""Library figures (issue 11): `reader add` speed, `reader claims --about` and the ledger
queries in process, on a generated library of 2,000 articles (~1.5 million words).

Run: `python benchmarks/bench_library.py [--articles 2000] [--add 500] [--jobs 2]
[--repeat 3] [--keep DIR]`.

1. `make_library.py` writes the articles (once; `--keep DIR` reuses them).
2. `reader add` of the first `--add` articles into an empty `$READER_HOME`, timed as a
   whole command (start-up, worker processes, analysis, both stores, linking), best and
   median of `--repeat`; words per second from the words it reports. Target >= 100,000.
   Each run's home starts with the compiled patterns a first run leaves in
   `$READER_HOME/cache/` (as every run but a user's very first has them; `--cold`
   leaves them out), and the CPU seconds of the `reader` process and of its workers
   are printed beside the wall clock.
3. `reader add` of all the articles into another home: the library for the queries.
4. `reader claims --about NAME` as a whole command, for the person in most articles and
   one in a median number, median of 7 (target < 200 ms).
5. In one process: the entity list (the ledger screen's first question, target
   < 300 ms) and one entity's claims (target < 100 ms), median of 20.
6. What a worker waits for to keep 200 of the texts for `reader refresh`: each written
   durably (two fsyncs), as the workers did, against unsynced with one `settle` for the
   batch, as they do now (`reader.library.snapshots`).

Every command is this checkout's (`PYTHONPATH`), run with this interpreter, so no
launcher script's start-up is counted. Prints the load average with the figures: the
machine is shared, so quote them with it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_library import make  # noqa: E402

USAGE = (
    "import resource, sys\n"
    "from reader.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "finally:\n"
    "    me = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    workers = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "    print(f'cpu {me.ru_utime + me.ru_stime:.2f} {workers.ru_utime + workers.ru_stime:.2f}',"
    " file=sys.stderr)\n"
    "raise SystemExit(code)\n"
)
"""`python -m reader` that also prints its own and its workers' CPU seconds on stderr."""


def reader(
    home: Path, *args: str, usage: bool = False
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run this checkout's `reader` with `$READER_HOME` at `home`; (seconds, result)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": str(home)}
    start = time.perf_counter()
    run = ["-c", USAGE] if usage else ["-m", "reader"]
    done = subprocess.run([sys.executable, *run, *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"reader {' '.join(args)} failed: {done.stderr.strip()}")
    return seconds, done


def words_added(output: str) -> int:
    """The words `reader add` reports in its summary line."""
    match = re.search(r"\(([\d,]+) words\)", output)
    return int(match[1].replace(",", "")) if match else 0


def load() -> str:
    """The load average, for quoting."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def bench_add(folder: Path, work: Path, count: int, jobs: int, repeat: int, cold: bool) -> None:
    subset = work / f"add-{count}"
    subset.mkdir()
    for path in sorted(folder.glob("*.md"))[:count]:
        shutil.copy(path, subset / path.name)
    warm = work / "home-warm"
    if not cold:  # what a first run leaves behind: the compiled patterns
        reader(warm, "add", str(sorted(folder.glob("*.md"))[-1]))
    times = []
    words = 0
    for run in range(repeat):
        home = work / f"home-add-{run}"
        if not cold:
            shutil.copytree(warm / "cache", home / "cache")
        seconds, done = reader(home, "add", str(subset), "--jobs", str(jobs), usage=True)
        words = words_added(done.stdout)
        times.append(seconds)
        used = re.findall(r"^cpu ([\d.]+) ([\d.]+)$", done.stderr, re.M)
        cpu = f"; CPU s: reader {used[-1][0]}, workers {used[-1][1]}" if used else ""
        print(f"  run {run + 1}: {seconds:.2f} s, {words / seconds:,.0f} words/s{cpu}  "
              f"(load {load()})")  # fmt: skip
    best, median = min(times), statistics.median(times)
    print(f"reader add of {count} articles ({words:,} words), --jobs {jobs}: best {best:.2f} s "
          f"= {words / best:,.0f} words/s; median {median:.2f} s = {words / median:,.0f} "
          "words/s (target >= 100,000)")  # fmt: skip


def people(home: Path) -> tuple[str, str, int, int]:
    """The full-named person in most articles and the median one of those in ten or more."""
    env_home = os.environ.get("READER_HOME")
    os.environ["READER_HOME"] = str(home)
    try:
        from reader.library.library import Library

        found = [e for e in Library().entities("person") if len(e.name.split()) >= 2]
    finally:
        if env_home is None:
            del os.environ["READER_HOME"]
        else:
            os.environ["READER_HOME"] = env_home
    regular = [e for e in found if e.articles >= 10]  # people in the news, not passers-by
    top, middle = found[0], regular[len(regular) // 2]
    return top.name, middle.name, top.articles, middle.articles


def bench_queries(home: Path) -> None:
    top, middle, top_articles, middle_articles = people(home)
    for name, articles in ((top, top_articles), (middle, middle_articles)):
        times, cpu, lines = [], [], 0
        for _ in range(7):
            seconds, done = reader(home, "claims", "--about", name, usage=True)
            times.append(seconds)
            lines = len(done.stdout.splitlines())
            found = re.findall(r"^cpu ([\d.]+) ([\d.]+)$", done.stderr, re.M)
            cpu += [float(me) for me, _ in found]
        print(f"reader claims --about '{name}' ({articles} articles, {lines} lines): median "
              f"{statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms, "
              f"CPU median {statistics.median(cpu) * 1000:.0f} ms "
              f"(target < 200 ms; load {load()})")  # fmt: skip
    bare = [reader(home, "--version")[0] for _ in range(5)]
    print(f"baseline: reader --version median {statistics.median(bare) * 1000:.0f} ms")
    script = (
        "import statistics, sys, time\n"
        "t = time.perf_counter()\n"
        "from reader.library.library import Library\n"
        "library = Library()\n"
        "entities = library.entities()\n"
        "first = time.perf_counter() - t\n"
        "person = next(e for e in entities if e.kind == 'person' and ' ' in e.name)\n"
        "times = []\n"
        "for _ in range(20):\n"
        "    s = time.perf_counter(); claims = library.claims(about=person)\n"
        "    times.append(time.perf_counter() - s)\n"
        "print(f'{len(entities)} {first * 1000:.0f} {person.name!r} {len(claims)} '\n"
        "      f'{statistics.median(times) * 1000:.1f}')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": str(home)}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, check=True).stdout.split(" ", 2)  # fmt: skip
    count, first, rest = out
    name, claims, median = rest.rsplit(" ", 2)
    print(f"in process: entity list ({count} entities, imports included) {first} ms "
          f"(target < 300 ms); claims about {name} ({claims}) median {median.strip()} ms "
          "(target < 100 ms)")  # fmt: skip


def bench_snapshots(folder: Path, work: Path) -> None:
    from reader.library.snapshots import Snapshots

    texts = [path.read_text("utf-8") for path in sorted(folder.glob("*.md"))[:200]]
    durable = Snapshots(work / "snapshots-durable")
    start = time.perf_counter()
    for text in texts:
        durable.keep(text)
    one_by_one = time.perf_counter() - start
    batched = Snapshots(work / "snapshots-batched")
    start = time.perf_counter()
    for text in texts:
        batched.keep(text, durable=False)
    unsynced = time.perf_counter() - start
    start = time.perf_counter()
    batched.settle([])
    settle = time.perf_counter() - start
    print(f"keeping {len(texts)} texts: durable one by one {one_by_one * 1000 / len(texts):.2f} "
          f"ms each; unsynced {unsynced * 1000 / len(texts):.3f} ms each, then one settle "
          f"{settle * 1000:.0f} ms (load {load()})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--add", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write (or reuse) the articles here")
    parser.add_argument("--cold", action="store_true", help="no compiled patterns in the homes")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-bench-library-") as temp:
        work = Path(temp)
        folder = options.keep or work / "articles"
        if not folder.is_dir() or len(list(folder.glob("*.md"))) < options.articles:
            written = make(folder, options.articles, 1_500_000 * options.articles // 2000, 11)
            print(f"wrote {options.articles} articles, {written:,} words")
        print(f"load average {load()}, {os.cpu_count()} cores")
        bench_snapshots(folder, work)
        bench_add(folder, work, options.add, options.jobs, options.repeat, options.cold)
        home = work / "home-library"
        seconds, done = reader(home, "add", str(folder), "--jobs", str(options.jobs))
        print(f"reader add of all {options.articles} articles: {seconds:.1f} s "
              f"({words_added(done.stdout) / seconds:,.0f} words/s)")  # fmt: skip
        bench_queries(home)


if __name__ == "__main__":
    main()
