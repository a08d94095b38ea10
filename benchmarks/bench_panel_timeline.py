"""Where a long book's time goes between the first paint and the full panel.

Runs `reader BOOK` as `bench_reading.py` does (headless, `G` pressed, waits for the
panel), with the analysis hand-over patched to note the time: the child's start, the
document sent, the first progress, the result's arrival, the panel's fill and frame.
Prints one line per run, seconds after the first paint. Nothing here is a test.

    python benchmarks/bench_panel_timeline.py BOOK [RUNS]
    WARM=$READER_HOME/cache python benchmarks/bench_panel_timeline.py BOOK 3

(`WARM`: a cache directory to start each run from, as a reader's second start would.)
Run it with the python of the build to measure, from outside the source tree.
"""

# ruff: noqa: E501 - the patch is the child's code, one string
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_reading as b  # noqa: E402

PATCH = r"""
import builtins as _b, sys as _s, time as _t
S = {}
_b._S = S
_imp0 = _b.__import__
def _imp(name, *a, **k):
    m = _imp0(name, *a, **k)
    r = _s.modules.get("reader.analysis.runner")
    if hasattr(r, "analyse_in_process") and not hasattr(r, "_st"):
        r._st = True
        sd, uf, aip = r.send_document, r.unpack_found, r.analyse_in_process
        def send_document(conn, doc):
            S.setdefault("send0", _t.time()); sd(conn, doc); S.setdefault("send1", _t.time())
        def unpack_found(f):
            S.setdefault("done_recv", _t.time()); x = uf(f); S.setdefault("unpacked", _t.time()); return x
        def analyse_in_process(doc, progress=None, *a, **k):
            S["aip"] = _t.time()
            def p(f):
                S.setdefault("prog_first", _t.time())
                if f >= 0.5: S.setdefault("prog_half", _t.time())
                if progress: progress(f)
            return aip(doc, p, *a, **k)
        r.send_document, r.unpack_found, r.analyse_in_process = send_document, unpack_found, analyse_in_process
    w = _s.modules.get("reader.tui.panel.wiring")
    if hasattr(w, "ReadingBody") and not hasattr(w, "_st"):
        w._st = True
        f0 = w.ReadingBody._fill
        def _fill(self, panel, an):
            S["fill0"] = _t.time(); f0(self, panel, an); S["fill1"] = _t.time()
        w.ReadingBody._fill = _fill
        a0 = w.ReadingBody._analysed
        def _analysed(self, an):
            S.setdefault("analysed_ui", _t.time()); a0(self, an)
        w.ReadingBody._analysed = _analysed
        sa = w.ReadingBody.start_analysis
        def start_analysis(self, d):
            S.setdefault("start_analysis_first", _t.time()); S["start_analysis_last"] = _t.time(); sa(self, d)
        w.ReadingBody.start_analysis = start_analysis
        ec = w.EarlyChild.start
        def ecs(self, *a):
            S.setdefault("early_child", _t.time()); ec(self, *a)
        w.EarlyChild.start = ecs
    return m
_b.__import__ = _imp
"""
CODE = PATCH + b.READER_CHILD.replace(
    "print(json.dumps(R))", "R.update(_b._S); print(json.dumps(R))"
)


def main() -> None:
    """Run the book `RUNS` times (default 1) and print each timeline."""
    book = sys.argv[1]
    for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 1):
        with tempfile.TemporaryDirectory() as home:
            cache = os.environ.get("WARM")
            if cache:
                shutil.copytree(cache, home + "/cache")
            start = time.time()
            out = subprocess.run(
                [sys.executable, "-c", CODE, book],
                capture_output=True,
                text=True,
                env={**os.environ, "READER_HOME": home},
            )
            try:
                R = json.loads(out.stdout.strip().splitlines()[-1])
            except Exception:
                print(out.stdout[-2000:], out.stderr[-3000:])
                raise
            p = R["paint"]
            keys = sorted((v, k) for k, v in R.items() if isinstance(v, float) and v > 1e9)
            print("  ".join(f"{k}={v - p:+.3f}" for v, k in keys), f" start->paint={p - start:.3f}")


if __name__ == "__main__":
    main()
