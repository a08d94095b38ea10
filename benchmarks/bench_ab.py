"""War and Peace `reader extract --json`, two source trees side by side, runs alternating.

On a machine shared with other jobs the CPU seconds of one command move by 20-40%
from minute to minute, so a figure from one tree and a figure from another taken ten
minutes apart compare the load, not the code. This runs the same command from each
tree in turn (A, B, A, B, ...), each as an installed reader runs (compiled bytecode in
its own `PYTHONPYCACHEPREFIX`, a warm table cache in its own `READER_HOME`, one warm-up
run each first), and prints per tree the median and best CPU seconds, words per CPU-s
and the peak RSS (`wait4`).

    git archive <commit> | tar -x -C /tmp/before
    python benchmarks/bench_ab.py /tmp/before . [--runs 5] [--file PATH] [--built [b]]

`--built` runs what `pip install .` installs instead of the source: each tree's wheel
is built (`pip wheel`, so the analysis is compiled with mypyc, see `setup.py`) and
unpacked into a temporary directory, which then stands for the tree; `--built b` does
that for B only, so `bench_ab.py . . --built b` sets one checkout's source beside its build.

Figures are measured, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT.parent / "shared" / "corpus" / "war-and-peace.txt"


def run(tree: Path, work: Path, path: Path) -> tuple[float, float]:
    """One `reader extract --json path` from `tree`: (CPU seconds, peak RSS in MB)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "READER_HOME": str(work / "home")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    child = subprocess.Popen(
        [sys.executable, "-m", "reader", "extract", str(path), "--json"],
        env=env,
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"bench_ab: {tree}: reader extract exited {child.returncode}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def built(tree: Path, folder: Path) -> Path:
    """`tree`'s wheel, built and unpacked in `folder`: the package as installed."""
    wheels = folder / "wheel"
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels)]
    subprocess.run([*command, str(tree)], check=True, stdout=subprocess.DEVNULL)
    unpacked = folder / "installed"
    for wheel in wheels.glob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(unpacked)
    return unpacked


def main(argv: list[str] | None = None) -> int:
    """Alternate the trees, then print one Markdown row per tree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs=2, type=Path, help="two source trees (A, then B)")
    parser.add_argument("--runs", type=int, default=5, help="runs per tree")
    parser.add_argument("--file", type=Path, default=BOOK, help="the document (War and Peace)")
    parser.add_argument(
        "--built", nargs="?", const="both", choices=["both", "b"], help="run built wheels"
    )
    options = parser.parse_args(argv)
    trees = [tree.resolve() for tree in options.trees]
    names = {tree: str(tree) for tree in trees}
    words = len(options.file.read_text(encoding="utf-8", errors="replace").split())
    cpu: dict[Path, list[float]] = {tree: [] for tree in trees}
    peak: dict[Path, list[float]] = {tree: [] for tree in trees}
    with tempfile.TemporaryDirectory(prefix="bench-ab-") as tmp:
        if options.built:
            sources = trees
            trees = [
                built(t, Path(tmp) / f"b{i}") if options.built == "both" or i == 1 else t
                for i, t in enumerate(sources)
            ]
            names = {
                tree: f"{source}{' (built)' if tree != source else ''}"
                for source, tree in zip(sources, trees, strict=True)
            }
            cpu = {tree: [] for tree in trees}
            peak = {tree: [] for tree in trees}
        works = {tree: Path(tmp) / str(i) for i, tree in enumerate(trees)}
        for tree in trees:
            run(tree, works[tree], options.file)  # bytecode and table cache
        load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
        for _ in range(max(1, options.runs)):
            for tree in trees:
                seconds, mb = run(tree, works[tree], options.file)
                cpu[tree].append(seconds)
                peak[tree].append(mb)
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before: {load_before}; after: {load_after}; {options.runs} runs each")
    print("| tree | CPU-s median | best | words/CPU-s (median) | peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for tree in trees:
        median = statistics.median(cpu[tree])
        print(
            f"| {names[tree]} | {median:.2f} | {min(cpu[tree]):.2f} | {words / median:,.0f} "
            f"| {max(peak[tree]):.0f} MB |"
        )
    ratio = statistics.median(cpu[trees[1]]) / statistics.median(cpu[trees[0]])
    print(f"B / A, CPU medians: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
