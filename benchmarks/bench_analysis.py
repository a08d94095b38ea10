"""Analysis speed: words per second of an analysis backend on a whole book.

Prints words per second with the load excluded (analysis alone) and included
(load + analysis, what `reader extract` costs), and the peak resident memory
of this process (`ru_maxrss`). Targets for the rule backend on War and Peace:
at least 200,000 words/s and under 500 MB.

    python benchmarks/bench_analysis.py [PATH] [--backend rules|spacy] [--repeat N]

Figures are measured, never asserted: they belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

from reader.analysis import analyze
from reader.document import load

DEFAULT_BOOK = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "war-and-peace.txt"
TARGET_WORDS_PER_SECOND = 200_000
TARGET_PEAK_MB = 500


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss is KB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run(path: Path, backend: str, repeat: int) -> dict[str, float]:
    """Load and analyse `path` `repeat` times; return the best timings and counts."""
    best_load = best_analysis = float("inf")
    words = entities = claims = 0
    for _ in range(repeat):
        started = time.perf_counter()
        document = load(str(path))
        loaded = time.perf_counter()
        analysis = analyze(document, backend=backend)
        done = time.perf_counter()
        best_load = min(best_load, loaded - started)
        best_analysis = min(best_analysis, done - loaded)
        words = len(document.text.split())
        entities, claims = len(analysis.entities), len(analysis.claims)
    return {
        "words": words,
        "load_s": best_load,
        "analysis_s": best_analysis,
        "entities": entities,
        "claims": claims,
    }


def report(path: Path, backend: str, figures: dict[str, float]) -> list[str]:
    """The figures as Markdown lines, ready to append to `benchmarks/README.md`."""
    words = figures["words"]
    alone = words / figures["analysis_s"]
    total = words / (figures["load_s"] + figures["analysis_s"])
    memory = peak_mb()
    return [
        f"- text: `{path.name}`, {words:,.0f} words; backend `{backend}`; "
        f"{platform.python_implementation()} {platform.python_version()}",
        f"- found: {figures['entities']:,.0f} entities, {figures['claims']:,.0f} claims",
        f"- load {figures['load_s']:.2f} s, analysis {figures['analysis_s']:.2f} s",
        f"- words/s, load excluded: {alone:,.0f} (target >= {TARGET_WORDS_PER_SECOND:,})",
        f"- words/s, load included: {total:,.0f}",
        f"- peak memory (ru_maxrss): {memory:.0f} MB (target < {TARGET_PEAK_MB} MB)",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_BOOK)
    parser.add_argument("--backend", default="rules", choices=("rules", "spacy"))
    parser.add_argument("--repeat", type=int, default=1, help="runs; the best is reported")
    options = parser.parse_args(argv)
    figures = run(options.path, options.backend, max(1, options.repeat))
    print("\n".join(report(options.path, options.backend, figures)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
