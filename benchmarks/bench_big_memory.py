"""Peak memory of the reader's UI process on issue 13's 30 MB text, over time.

Runs `reader PATH` on ten War and Peaces in one file (as `bench_reading.py --issue13`
does: headless, `G`, then waits for the side panel's analysis, up to ``--wait`` seconds,
so the result and what the reader does with it count), while a thread in the child
samples `/proc/self/status` (VmRSS, VmHWM) every 20 ms. Prints, per run, the peak
(ru_maxrss), whether the analysis landed, and the samples where the resident size moved
by 40 MB or the peak by 20 MB, with the seconds since the child started.

Run: ``python benchmarks/bench_big_memory.py [--runs N] [--wait SECONDS]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_reading as br  # noqa: E402

SAMPLER = r"""
import os, threading
T0 = time.time()
SAMPLES = []
def _sample():
    while True:
        with open("/proc/self/status") as f:
            d = dict(l.split(":", 1) for l in f if l.startswith(("VmRSS", "VmHWM")))
        rss, hwm = (int(d[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM"))
        SAMPLES.append((time.time() - T0, rss, hwm))
        time.sleep(0.02)
threading.Thread(target=_sample, daemon=True).start()
import atexit
atexit.register(lambda: open(os.environ["BENCH_SAMPLES"], "w").write(json.dumps(SAMPLES)))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=br.BOOK)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--wait", type=float, default=150.0, help="seconds to wait for the panel")
    args = parser.parse_args()
    code = br.READER_CHILD.replace("R = {}\n", "R = {}\n" + SAMPLER, 1)
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        files = br.issue13_files(args.book, Path(folder))
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        os.environ["BENCH_ANALYSIS_WAIT"] = str(args.wait)
        os.environ["BENCH_SAMPLES"] = str(Path(folder) / "samples.json")
        warm = Path(folder) / "home"
        br.extract_wall(files["novel"], 120, warm)
        br.run_child(br.READER_CHILD, files["markdown"], 120, home=warm)
        for _ in range(args.runs):
            run = br.run_child(code, files["big"], args.wait + 300, warm / "cache")
            if run is None:
                print("timed out")
                continue
            landed = "landed" if run["analysed"] else "not landed"
            full = (
                f", panel full {run['full']:.1f} s after the first paint" if "full" in run else ""
            )
            print(f"peak {run['maxrss_mb']:.0f} MB; analysis {landed}{full}")
            last = None
            samples = json.loads(Path(os.environ["BENCH_SAMPLES"]).read_text())
            for at, rss, hwm in samples:
                if last is None or abs(rss - last[0]) >= 40 or hwm - last[1] >= 20:
                    print(f"  {at:6.2f} s  resident {rss:5d} MB  peak {hwm:5d} MB")
                    last = (rss, hwm)
            print(f"  {samples[-1][0]:6.2f} s  resident {samples[-1][1]:5d} MB (last sample)")


if __name__ == "__main__":
    main()
