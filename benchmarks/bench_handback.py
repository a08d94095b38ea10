"""What the child analysis hands back: unpickling dataclasses against tuples of fields.

Analyses War and Peace once in process, then times, `--repeat` times each, what the
UI process pays when the child's result arrives: `pickle.loads` of the entities and
claims as dataclasses (the old hand-back) and `pickle.loads` plus `unpack_found` of
`pack_found`'s tuples (the new one). Checks both give the same objects.

    python benchmarks/bench_handback.py [--book PATH] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import time
from pathlib import Path

from reader.analysis import analyze
from reader.analysis.runner import pack_found, unpack_found
from reader.document import load

BOOK = Path("/work/shared/corpus/war-and-peace.txt")


def timed(job: object, repeat: int) -> float:
    """Median seconds of ``job()`` over ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()  # type: ignore[operator]
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    """Print both figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    analysis = analyze(load(str(args.book)))
    found = (analysis.entities, analysis.claims)
    old = pickle.dumps(found)
    new = pickle.dumps(pack_found(*found))
    assert unpack_found(pickle.loads(new)) == pickle.loads(old) == found
    counts = f"{len(found[0])} entities, {len(found[1])} claims"
    print(f"load average {os.getloadavg()[0]:.2f}; {counts}")
    old_s = timed(lambda: pickle.loads(old), args.repeat)
    new_s = timed(lambda: unpack_found(pickle.loads(new)), args.repeat)
    print(f"dataclasses: {len(old):,} bytes, unpickled in {old_s * 1000:.0f} ms")
    print(f"tuples:      {len(new):,} bytes, unpickled and rebuilt in {new_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
