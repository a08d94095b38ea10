"""Feed figures (issue 12): `reader feed update` of 20 local feeds, target under 3 s.

Run: `python benchmarks/bench_feeds.py [--feeds 20] [--items 50] [--repeat 5]`.
Serves `--feeds` RSS 2.0 feeds of `--items` items each from a threaded
http.server on 127.0.0.1 (port 0), subscribes to them in a temporary
`$READER_HOME`, then times the whole `reader feed update` command (a fresh
process: start-up, 20 fetches, parsing, the merge into feeds.json). Between
runs every feed gains 5 items, so each run reports 5 new per feed. Prints the
median and worst wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from feed_samples import rss

ROOT = Path(__file__).resolve().parents[1]
TARGET = 3.0
STATE = {"items": 50, "start": 0}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        name = self.path.strip("/") or "feed"
        body = rss(name, STATE["items"], start=STATE["start"]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


def reader(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the `reader` command of this checkout with `$READER_HOME` set to `home`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": str(home)}
    command = [sys.executable, "-m", "reader", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    STATE["items"] = options.items
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory() as temp:
            home = Path(temp)
            for n in range(options.feeds):
                added = reader(home, "feed", "add", f"{base}/feed{n:02d}")
                assert added.returncode == 0, added.stderr
            times = []
            for _ in range(options.repeat):
                STATE["start"] += 5
                start = time.perf_counter()
                result = reader(home, "feed", "update")
                times.append(time.perf_counter() - start)
                assert result.returncode == 0, result.stderr
                counts = {line.split()[0] for line in result.stdout.splitlines()}
                assert counts == {"5"}, result.stdout
    finally:
        httpd.shutdown()
        httpd.server_close()
    median, worst = statistics.median(times), max(times)
    verdict = "ok" if worst < TARGET else "OVER TARGET"
    print(
        f"reader feed update, {options.feeds} local feeds of {options.items} items "
        f"(5 new each): median {median:.2f} s, worst {worst:.2f} s "
        f"(target < {TARGET:g} s: {verdict})"
    )


if __name__ == "__main__":
    main()
