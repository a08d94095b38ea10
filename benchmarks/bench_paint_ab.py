"""First paint, interleaved: a bare Textual app, another build of the reader, this one.

Each round runs, in fresh processes, `bench_reading.BARE_CHILD` and `READER_CHILD` (the
reader under test, and again with `--old`'s directory first on PYTHONPATH: e.g. a copy of
an older build's installed `reader` package), and prints the medians of the wall time and
the CPU time to the first frame. The analysis is not waited for. Nothing here is a test.

    python benchmarks/bench_paint_ab.py BOOK ROUNDS --old DIR [--cache DIR]
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_reading as b  # noqa: E402


def main() -> None:
    """Print one line per reader: median first paint and its CPU."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("book", type=Path)
    parser.add_argument("rounds", type=int)
    parser.add_argument("--old", required=True, help="a directory holding another `reader`")
    parser.add_argument("--cache", type=Path, help="a warm $READER_HOME/cache to copy")
    args = parser.parse_args()
    os.environ.setdefault("BENCH_ANALYSIS_WAIT", "0.01")
    res: dict[str, list[dict[str, float]]] = {"bare": [], "old": [], "new": []}
    for _ in range(args.rounds):
        for key, runs in res.items():
            if key == "old":
                os.environ["PYTHONPATH"] = args.old
            else:
                os.environ.pop("PYTHONPATH", None)
            code = b.BARE_CHILD if key == "bare" else b.READER_CHILD
            run = b.run_child(code, args.book, 120, args.cache)
            if run is not None:
                runs.append(run)
    for key, runs in res.items():
        paint = statistics.median(r["paint"] for r in runs)
        cpu = statistics.median(r["paint_cpu"] for r in runs)
        print(f"{key}: first paint {paint:.3f}s, CPU {cpu:.3f}s ({len(runs)} runs)")


if __name__ == "__main__":
    main()
