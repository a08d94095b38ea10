"""Note store figures (issue 5): save, open-and-place, search, and their scaling.

Run: `python benchmarks/bench_notes.py [--sizes 100,1000,10000] [--repeat 40]`.
Builds a store of N notes over N/20 articles (20 notes each, 500 articles at
10,000) in a temporary directory, then measures with the real file storage
(fsync on every save):

- save: `NoteStore.add_note` on a random article, durable write included;
- open: `open_article` (updates last-opened in the index) + `notes()` + `place()`
  of every note, on the unchanged text and on a text edited at the top;
- search: `NoteStore.search` in process, and `reader notes search` as a command;
- then, if the shared corpus is there, re-anchoring 20 notes on War and Peace
  (3 MB) unchanged and with every quote edited (the fuzzy path);
- import (issue 8): `reader notes import` of an export of 100,000 annotations
  (`--import-notes`, 100 notes per article) into an empty store, as a command;
- contention (issue 8): 8 processes adding 400 notes each to one article at once
  (`--contention 8x400`), counting the adds that failed.

`--only import,contention` runs just those.

The store is seeded by writing the article files directly (same format), so
seeding 10,000 notes does not take 10,000 fsyncs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.notes.anchor import anchor_for, place
from reader.notes.export import to_jsonld
from reader.notes.model import Article, Note, article_id_for, content_hash, new_id, now
from reader.notes.shelf import SCHEMA_VERSION
from reader.notes.storage import write_atomic
from reader.notes.store import NoteStore

WORDS = [
    "council", "budget", "report", "minister", "agency", "review",
    "audit", "figure", "claim", "source", "vote",
]  # fmt: skip
NOTES_PER_ARTICLE = 20


def article_text(seed: int, sentences: int = 120) -> str:
    """A synthetic article of numbered sentences (no copied text)."""
    pick = random.Random(seed)
    lines = []
    for i in range(sentences):
        words = " ".join(pick.choice(WORDS) for _ in range(pick.randint(8, 20)))
        lines.append(f"Sentence {i} says the {words}.")
    return " ".join(lines)


def seed_store(db: Path, notes: int) -> list[tuple[Article, str]]:
    """Write N notes over N/20 articles straight into the store's files."""
    articles: list[tuple[Article, str]] = []
    index: dict[str, dict] = {}
    for number in range(max(1, notes // NOTES_PER_ARTICLE)):
        text = article_text(number)
        source = f"/bench/article-{number}.md"
        stamp = now()
        article = Article(article_id_for(source, text), source, f"Article {number}",
                          content_hash(text), stamp, stamp)  # fmt: skip
        index[str(number + 1)] = article.to_dict()
        ends = [i + 1 for i, c in enumerate(text) if c == "."][:NOTES_PER_ARTICLE]
        starts = [0] + [e + 1 for e in ends[:-1]]
        rows = {
            str(i + 1): Note(
                new_id(),
                article.id,
                anchor_for(text, s, e),
                f"note {i} #t{i % 7}",
                (f"t{i % 7}",),
                stamp,
                stamp,
            ).to_dict()  # fmt: skip
            for i, (s, e) in enumerate(zip(starts, ends, strict=True))
        }
        meta = {"1": {"schema": SCHEMA_VERSION}}
        own = {"1": article.to_dict()}  # each article file holds its own index entry
        payload = json.dumps({"meta": meta, "notes": rows, "article": own}).encode()
        write_atomic(db.with_name(f"{db.stem}.articles") / f"{article.id}.json", payload)
        articles.append((article, text))
    meta = {"1": {"schema": SCHEMA_VERSION}}
    write_atomic(db, json.dumps({"meta": meta, "articles": index}).encode())
    return articles


def timed(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Median wall time of `function()` in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(notes: int, repeat: int) -> dict[str, float]:
    """All figures for a store of `notes` notes."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "notes.json"
        articles = seed_store(db, notes)
        store = NoteStore(db=db)
        pick = random.Random(7)

        def save() -> None:
            article, text = pick.choice(articles)
            store.add_note(article.id, anchor_for(text, 10, 60), "a new note #bench")

        def open_place(edit: bool) -> None:
            article, text = pick.choice(articles)
            text = ("A new first paragraph. " + text) if edit else text
            store.open_article(article.source, text)
            placed = [place(n.anchor, text) for n in store.notes(article.id)]
            assert all(placed)

        command = [sys.executable, "-m", "reader", "notes", "--db", str(db), "search", "audit"]
        return {
            "notes": notes,
            "articles": len(articles),
            "save_ms": timed(save, repeat),
            "open_ms": timed(lambda: open_place(False), repeat),
            "open_edited_ms": timed(lambda: open_place(True), repeat),
            "search_ms": timed(lambda: store.search("#t3"), max(3, repeat // 8)),
            "search_cli_ms": timed(
                lambda: subprocess.run(command, check=True, capture_output=True), 3
            ),
        }


BOOK = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "war-and-peace.txt"


def measure_book(path: Path, notes: int = 20) -> dict[str, float]:
    """Re-anchoring on a long text: unchanged, and with every quote edited inside."""
    text = path.read_text(encoding="utf-8")
    pick = random.Random(1)
    starts = sorted(pick.randrange(0, len(text) - 300) for _ in range(notes))
    anchors = [anchor_for(text, start, start + 150) for start in starts]
    edited = text
    for anchor in reversed(anchors):
        middle = anchor.start + 70
        edited = edited[:middle] + " (some edited words) " + edited[middle + 5 :]
    edited = "A new preface.\n" + edited
    results = {}
    for label, current in (("unchanged", text), ("edited", edited)):
        start = time.perf_counter()
        placed = [place(anchor, current) for anchor in anchors]
        results[label] = (time.perf_counter() - start) * 1000
        results[f"{label}_found"] = sum(p is not None for p in placed)
    return results


def measure_import(notes: int, per_article: int = 100) -> dict[str, float]:
    """`reader notes import` of an export of `notes` annotations into an empty store."""
    articles, all_notes = [], []
    stamp = now()
    for number in range(max(1, notes // per_article)):
        text = article_text(number, sentences=40)
        source = f"/bench/import-{number}.md"
        article = Article(article_id_for(source, text), source, f"Article {number}",
                          content_hash(text), stamp, stamp)  # fmt: skip
        articles.append(article)
        for i in range(per_article):
            start = (i * 37) % (len(text) - 60)
            anchor = anchor_for(text, start, start + 50)
            all_notes.append(Note(new_id(), article.id, anchor, f"note {i} #t{i % 7}",
                                  (f"t{i % 7}",), stamp, stamp))  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.json"
        export.write_text(json.dumps(to_jsonld(articles, all_notes[:notes], [])))
        db = Path(tmp) / "store" / "notes.json"
        command = [sys.executable, "-m", "reader", "notes", "--db", str(db), "import", str(export)]
        start = time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        stored = sum(NoteStore(db=db).note_counts().values())
    return {"notes": notes, "articles": len(articles), "seconds": seconds, "stored": stored,
            "summary": done.stdout.strip()}  # type: ignore[dict-item]  # fmt: skip


ADDER = """
import sys, time
from reader.errors import StoreError
from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore
db, article_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = NoteStore(db=db)
text = sys.stdin.read()
failed, waits = 0, []
for number in range(count):
    start = time.perf_counter()
    try:
        store.add_note(article_id, anchor_for(text, 0, 40), f"note {number} #load")
    except StoreError as error:
        failed += 1
        print(error, file=sys.stderr)
    waits.append(time.perf_counter() - start)
print(failed, max(waits), sorted(waits)[len(waits) // 2])
"""


def measure_contention(processes: int, adds: int) -> dict[str, float]:
    """`processes` processes adding `adds` notes each to one article at the same time."""
    text = article_text(1)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "notes.json"
        article = NoteStore(db=db).open_article("/bench/shared.md", text, "Shared")
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        start = time.perf_counter()
        workers = [
            subprocess.Popen([sys.executable, "-c", ADDER, str(db), article.id, str(adds)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
            for _ in range(processes)
        ]  # fmt: skip
        results = [worker.communicate(text)[0].split() for worker in workers]
        seconds = time.perf_counter() - start
        stored = len(NoteStore(db=db).notes(article.id))
    return {
        "adds": processes * adds,
        "failed": sum(int(r[0]) for r in results),
        "stored": stored,
        "seconds": seconds,
        "max_wait": max(float(r[1]) for r in results),
        "median": statistics.median(float(r[2]) for r in results),
    }


def main() -> None:
    """Print a Markdown table of the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--import-notes", type=int, default=100_000)
    parser.add_argument("--import-per-article", type=int, default=100)
    parser.add_argument("--contention", default="8x400", help="PROCESSESxADDS")
    parser.add_argument("--only", default="save,book,import,contention")
    options = parser.parse_args()
    only = set(options.only.split(","))
    if "save" in only:
        run_sizes(options)
    if "book" in only and BOOK.exists():
        r = measure_book(BOOK)
        print(f"\nPlacing 20 notes on {BOOK.name} ({BOOK.stat().st_size // 1_000_000} MB): "
              f"unchanged {r['unchanged']:.1f} ms ({r['unchanged_found']:.0f} placed), every quote "
              f"edited {r['edited']:.0f} ms ({r['edited_found']:.0f} placed, fuzzy).")  # fmt: skip
    if "import" in only:
        r = measure_import(options.import_notes, options.import_per_article)
        print(f"\n`reader notes import` of {r['notes']:,} annotations over {r['articles']} "
              f"articles: {r['seconds']:.1f} s ({r['stored']:,} stored; {r['summary']}).",
              flush=True)  # fmt: skip
    if "contention" in only:
        processes, adds = (int(n) for n in options.contention.split("x"))
        r = measure_contention(processes, adds)
        print(f"\n{processes} processes x {adds} adds to one article: {r['failed']:.0f} of "
              f"{r['adds']:.0f} failed, {r['stored']:.0f} stored, {r['seconds']:.0f} s in all; "
              f"per add median {r['median'] * 1000:.0f} ms, "
              f"longest {r['max_wait']:.2f} s.")  # fmt: skip


def run_sizes(options: argparse.Namespace) -> None:
    """The save / open / search table."""
    print("| notes | articles | save (ms) | open+place (ms) | open+place, edited (ms) "
          "| search in process (ms) | `reader notes search` (ms) |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in options.sizes.split(",")):
        r = measure(size, options.repeat)
        print(f"| {r['notes']} | {r['articles']} | {r['save_ms']:.1f} | {r['open_ms']:.1f} | "
              f"{r['open_edited_ms']:.1f} | {r['search_ms']:.0f} | {r['search_cli_ms']:.0f} |",
              flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
