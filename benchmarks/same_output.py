"""Whether two source trees print the same `reader extract --json` bytes.

A speed change must not change what the analysis finds. This runs `reader extract
FILE --json` from each tree on the sample articles, the seeds (`../shared/seeds/`),
War and Peace and the PolNeAR dev texts, and `reader extract DIR --jsonl --jobs 2`
over the dev texts, and lists every input whose output differs.

    git archive <commit> | tar -x -C /tmp/before
    python benchmarks/same_output.py /tmp/before .

Exit 0 when every output is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "eval-dev" / "polnear_dev" / "text"


def inputs() -> list[Path]:
    """Every document compared, one `--json` process each."""
    found = sorted((ROOT / "sample_articles").iterdir())
    found += sorted((SHARED / "seeds").glob("*"))
    found.append(SHARED / "corpus" / "war-and-peace.txt")
    found += sorted(NEWS.glob("*.txt"))
    return [p for p in found if p.is_file() and p.name != "README.md"]


def extract(tree: Path, home: Path, argv: list[str]) -> bytes:
    """stdout of `reader extract ...` run from `tree` (and its exit code, appended)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "READER_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "extract", *argv],
        env=env,
        cwd=tree,
        capture_output=True,
        check=False,
    )
    return done.stdout + f"\nexit {done.returncode}".encode()


def main(argv: list[str] | None = None) -> int:
    """Compare every output; print the differing inputs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs=2, type=Path, help="the two source trees")
    options = parser.parse_args(argv)
    a, b = (tree.resolve() for tree in options.trees)
    differ = []
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp:
        homes = (Path(tmp) / "a", Path(tmp) / "b")
        runs = [[str(path), "--json"] for path in inputs()]
        runs.append([str(NEWS), "--jsonl", "--jobs", "2"])
        for run in runs:
            if extract(a, homes[0], run) != extract(b, homes[1], run):
                differ.append(" ".join(run))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(runs) - len(differ)} of {len(runs)} outputs identical")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
