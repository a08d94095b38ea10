"""Instructions to the first paint, counted by Valgrind: a figure the machine's load cannot move.

On a shared machine the wall-clock first paint of `bench_reading.py --issue13` moves by
+-50% from one run to the next; the CPU instructions a process executes up to its first
frame do not (two runs of one tree agree within 0.1%). This runs, each under
`valgrind --tool=callgrind` in a fresh process with compiled bytecode and its own
READER_HOME, a bare Textual app and `reader PATH` (the real `reader.cli.main`, headless at
100x30, as `bench_reading.py` runs it) up to the last row of its first frame, where the
process ends at once (`os._exit`), and prints the instruction counts and their ratios to
the bare app. The reader's runs start from the cache a first, uncounted reader run left
(the parsed stylesheets), as an installed reader's do. Each run takes 20-60 s (Valgrind
is ~50x slower). Nothing here is a test.

Run: ``python benchmarks/bench_paint_instructions.py [--book PATH]`` (needs `valgrind`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_reading import (  # noqa: E402
    BARE_CHILD,
    BOOK,
    PATCH_AND_RUN,
    READER_CHILD,
    issue13_files,
    run_child,
)

AT_PAINT = r"""
import builtins, os, sys
def render_line(self, y, _render=None):
    strip = _render(self, y)
    if y == self.viewport_height - 1:
        os._exit(0)
    return strip
async def pilot_run(pilot):
    pass
"""
READER_TO_PAINT = AT_PAINT + PATCH_AND_RUN.split("R[")[0]
BARE_TO_PAINT = BARE_CHILD.replace(
    'R["paint_cpu"] = time.process_time()', 'R["paint_cpu"] = time.process_time(); os._exit(0)'
).replace("import json,", "import os, json,")


def instructions(code: str, path: Path, pycache: Path, cache: Path | None = None) -> int:
    """Instructions executed by ``python -c code path`` up to its first paint; ``cache``:
    a warm `$READER_HOME/cache` to start from (copied)."""
    with tempfile.TemporaryDirectory() as home:
        if cache is not None and cache.is_dir():
            shutil.copytree(cache, Path(home) / "cache")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(READER_HOME=home, PYTHONPYCACHEPREFIX=str(pycache))
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
        done = subprocess.run(
            [*command, sys.executable, "-c", code, str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count: {done.stderr[-400:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = issue13_files(args.book, Path(folder))
        pycache = Path(folder) / "pycache"
        for code, path in ((BARE_TO_PAINT, files["novel"]), (READER_TO_PAINT, files["markdown"])):
            instructions(code, path, pycache)  # compile the bytecode once, uncounted
        # A reader started once before (not counted): its cache holds what the reader
        # keeps there (parsed stylesheets, tables), as an installed reader's does.
        os.environ["PYTHONPYCACHEPREFIX"] = str(pycache)
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        warm = Path(folder) / "home"
        run_child(READER_CHILD, files["markdown"], 120.0, home=warm)
        cache = warm / "cache"
        instructions(READER_TO_PAINT, files["novel"], pycache, cache)
        bare = instructions(BARE_TO_PAINT, files["novel"], pycache)
        print(f"bare Textual app: {bare / 1e9:.3f} G instructions to the first paint")
        for label in ("novel", "markdown"):
            count = instructions(READER_TO_PAINT, files[label], pycache, cache)
            ratio = count / bare
            print(f"reader {files[label].name}: {count / 1e9:.3f} G = {ratio:.2f}x the bare app")


if __name__ == "__main__":
    main()
