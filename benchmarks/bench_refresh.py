"""`reader refresh --all` over a library of URL articles, and what keeping texts costs.

Rows (issue 11, stealth edits):

1. `reader refresh --all` over the 84 PolNeAR dev news articles served from a local
   server (127.0.0.1), none changed: whole command, wall and CPU seconds.
2. The same with one article in ten edited on the server (a sentence removed, one
   added, a word in another changed): each edited article is re-analysed, its notes
   re-anchored and its changes listed.
3. Keeping one article version's text (`Snapshots.keep`: one stat and one atomic,
   fsynced write), as `reader add` pays it once per new text, in ms per article; and
   the stat alone for a text already kept.

Every command is a whole `reader` process (Python start-up included), with compiled
bytecode in a temporary `PYTHONPYCACHEPREFIX` and a temporary `READER_HOME` (warmed by
the `reader add` that builds the library, which is not timed).

    python benchmarks/bench_refresh.py [--runs N]

Figures are measured, never asserted: they belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "eval-dev" / "polnear_dev" / "text"
PAGES: dict[str, bytes] = {}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        body = PAGES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "reader", *argv], env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout + done.stderr


def _edit(text: str) -> str:
    """Remove the second paragraph's first line, add one, change a word."""
    lines = text.split("\n")
    lines = [line for i, line in enumerate(lines) if i != 3]
    lines.append("A spokesman denied on Tuesday that the figures had been changed.")
    return "\n".join(lines).replace(" the ", " that ", 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    texts = sorted(NEWS.glob("*.txt"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for path in texts:
        PAGES[f"/{path.stem}"] = path.read_bytes()
    urls = [f"{base}/{path.stem}" for path in texts]
    words = sum(len(path.read_text().split()) for path in texts)
    print(f"load average {os.getloadavg()[0]:.2f}; {len(texts)} articles, {words:,} words")
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache
        print("reader add:", _run(["add", *urls], env)[2].strip().splitlines()[-1])
        rows = []
        for _ in range(runs):
            wall, cpu, out = _run(["refresh", "--all"], env)
            unchanged = out.count("unchanged: ")
            rows.append(
                f"| refresh --all, {unchanged} unchanged | {wall:.2f} s wall | {cpu:.2f} CPU-s |"
            )
        for run in range(runs):
            for i, path in enumerate(texts):
                if i % 10 == run % 10:
                    PAGES[f"/{path.stem}"] = _edit(PAGES[f"/{path.stem}"].decode()).encode()
            wall, cpu, out = _run(["refresh", "--all"], env)
            changed = sum(line.startswith("changed: ") for line in out.splitlines())
            rows.append(
                f"| refresh --all, {changed} changed | {wall:.2f} s wall | {cpu:.2f} CPU-s |"
            )
        sys.path.insert(0, str(ROOT))
        from reader.library.snapshots import Snapshots

        snaps = Snapshots(Path(home) / "bench-snapshots")
        bodies = [path.read_text() for path in texts]
        start = time.perf_counter()
        for body in bodies:
            snaps.keep(body)
        new = (time.perf_counter() - start) / len(bodies) * 1000
        start = time.perf_counter()
        for body in bodies:
            snaps.keep(body)
        known = (time.perf_counter() - start) / len(bodies) * 1000
        rows.append(f"| keep a new text | {new:.2f} ms per article | |")
        rows.append(f"| keep a text already kept | {known:.3f} ms per article | |")
    server.shutdown()
    print("| measure | wall | CPU |\n| --- | --- | --- |")
    print("\n".join(rows))
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
