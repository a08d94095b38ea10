"""Search figures (issue 15): `reader search` as a command, a query in process, the index
update a note save adds, a rebuild from scratch, against the old `reader notes search`.

Run: `python benchmarks/bench_search.py [--only notes,library] [--repeat 15]`.

Two stores, built in a temporary directory with the real file storage:

- `notes`: 10,000 notes over 500 articles (`bench_notes.seed_store`, 20 notes each), each
  article's text indexed as the TUI does when it is opened (`index_article`);
- `library`: 2,000 Markdown files of ~750 words each (1.5 million words), windows cut
  from `sample_articles/` and `/work/shared/corpus/` (War and Peace), written to disk and
  registered in the store with two notes each; the index is then rebuilt from scratch
  (which re-reads every file), and once more with the article records kept.

Queries (medians over all of them): a rare word, a common word, two words, a phrase, a
tag. The update figure is `SearchIndex.update_notes` for one article, what the
note-store hook runs after a save (the save itself is `bench_notes.py`'s figure).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_notes import NOTES_PER_ARTICLE, seed_store, timed

from reader.notes.anchor import anchor_for
from reader.notes.model import Article, Note, article_id_for, content_hash, new_id, now
from reader.notes.shelf import SCHEMA_VERSION
from reader.notes.storage import write_atomic
from reader.notes.store import NoteStore
from reader.search import index_article, search, watch
from reader.search.index import SearchIndex

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
NOTES_QUERIES = ["audit", "council budget", '"the budget"', "#t3", "sentence 7"]
LIBRARY_QUERIES = ["napoleon", "prince andrew", '"the old prince"', "#t1", "kremlin denied"]


def command_ms(db: Path, queries: list[str], repeat: int) -> float:
    """Median wall time of `reader search QUERY` as a fresh process, over the queries."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    samples = []
    for _ in range(repeat):
        for query in queries:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "reader", "search", "--db", str(db), query],
                           check=True, capture_output=True, env=env)  # fmt: skip
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def query_ms(db: Path, queries: list[str], repeat: int) -> tuple[float, int, dict[str, float]]:
    """Median in-process `search()` time (index files read each time, as a command does),
    over all queries and per query."""
    samples: dict[str, list[float]] = {query: [] for query in queries}
    hits = 0
    for _ in range(repeat):
        for query in queries:
            start = time.perf_counter()
            hits += len(search(db, query).hits)
            samples[query].append((time.perf_counter() - start) * 1000)
    each = {query: round(statistics.median(times), 1) for query, times in samples.items()}
    return statistics.median(t for times in samples.values() for t in times), hits, each


def old_search_ms(db: Path, repeat: int) -> tuple[float, float]:
    """The old `NoteStore.search` in process, and `reader notes search` as a command."""
    store = NoteStore(db=db)
    inproc = timed(lambda: store.search("audit"), max(3, repeat // 3))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "reader", "notes", "--db", str(db), "search", "audit"]
    cli = timed(lambda: subprocess.run(command, check=True, capture_output=True, env=env), 3)
    return inproc, cli


def update_ms(db: Path, article_ids: list[str], repeat: int) -> float:
    """Median time of the note-store hook's work for one article (re-index its notes)."""
    index = SearchIndex(db)
    pick = random.Random(3)
    return timed(lambda: index.update_notes([pick.choice(article_ids)]), repeat * 3)


def save_ms(db: Path, articles: list[tuple[Article, str]], repeat: int, hooked: bool) -> float:
    """Median `add_note` (durable) with or without the search hook."""
    from reader.notes import observe
    from reader.search import _notes_changed

    store = NoteStore(db=db)
    if hooked:
        watch()
    else:
        observe.unsubscribe(_notes_changed)
    pick = random.Random(5)

    def save() -> None:
        article, text = pick.choice(articles)
        store.add_note(article.id, anchor_for(text, 10, 60), "a new note about the audit #bench")

    try:
        return timed(save, repeat)
    finally:
        observe.unsubscribe(_notes_changed)


def measure_notes(repeat: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "notes.json"
        articles = seed_store(db, 10_000)
        start = time.perf_counter()
        for article, text in articles:
            index_article(db, article_id=article.id, title=article.title, source=article.source,
                          date=None, text=text)  # fmt: skip
        feed_s = time.perf_counter() - start
        search(db, "warm")  # first use: builds what is missing
        ids = [article.id for article, _ in articles]
        query, hits, each = query_ms(db, NOTES_QUERIES, repeat)
        figures: dict[str, object] = {
            "store": f"{len(articles) * NOTES_PER_ARTICLE} notes / {len(articles)} articles",
            "feed_500_texts_s": round(feed_s, 1),
            "command_ms": command_ms(db, NOTES_QUERIES, max(2, repeat // 5)),
            "query_ms": query,
            "query_ms_each": each,
            "hits": hits,
            "update_ms": update_ms(db, ids, repeat),
            "save_ms_unhooked": save_ms(db, articles, repeat, hooked=False),
            "save_ms_hooked": save_ms(db, articles, repeat, hooked=True),
        }
        figures["old_search_ms"], figures["old_command_ms"] = old_search_ms(db, repeat)
        figures["rebuild_s"] = _rebuild_s(db, keep_records=True)
        return figures


def _corpus_words() -> list[str]:
    samples = sorted((ROOT / "sample_articles").glob("*"))
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in samples
        if p.suffix in (".md", ".txt")
    ]
    for book in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []:
        texts.append(book.read_text(encoding="utf-8"))
    return re.findall(r"\S+", "\n".join(texts))


def write_library(folder: Path, db: Path, count: int, words_each: int) -> int:
    """Markdown files cut from the corpus, registered in the store with two notes each."""
    words = _corpus_words()
    pick = random.Random(11)
    folder.mkdir(parents=True)
    index: dict[str, dict[str, object]] = {}
    total = 0
    for number in range(count):
        size = pick.randint(words_each // 2, words_each * 3 // 2)
        first = pick.randrange(0, len(words) - size)
        chunk = words[first : first + size]
        total += len(chunk)
        paragraphs = [" ".join(chunk[i : i + 80]) for i in range(0, len(chunk), 80)]
        date = f"20{10 + number % 16}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        body = "\n\n".join(paragraphs)
        path = folder / f"article-{number:04d}.md"
        path.write_text(f"---\ntitle: Article {number}\ndate: {date}\n---\n\n{body}\n")
        text = body  # close enough for the notes' anchors; the index reads the file itself
        stamp = now()
        article = Article(article_id_for(str(path), text), str(path), f"Article {number}",
                          content_hash(text), stamp, stamp)  # fmt: skip
        index[str(number + 1)] = article.to_dict()
        notes = {
            str(i + 1): Note(
                new_id(),
                article.id,
                anchor_for(text, i * 40, i * 40 + 30),
                f"note {i} on article {number} #t{(number + i) % 7}",
                (f"t{(number + i) % 7}",),
                stamp,
                stamp,
            ).to_dict()  # fmt: skip
            for i in range(2)
        }
        payload = {"meta": {"1": {"schema": SCHEMA_VERSION}}, "notes": notes,
                   "article": {"1": article.to_dict()}}  # fmt: skip
        write_atomic(db.with_name(f"{db.stem}.articles") / f"{article.id}.json",
                     json.dumps(payload).encode())  # fmt: skip
    write_atomic(db, json.dumps({"meta": {"1": {"schema": SCHEMA_VERSION}},
                                 "articles": index}).encode())  # fmt: skip
    return total


def _rebuild_s(db: Path, keep_records: bool) -> float:
    folder = db.with_name(f"{db.stem}.search")
    if keep_records:
        for part in folder.iterdir():
            if part.name != "records":
                shutil.rmtree(part) if part.is_dir() else part.unlink()
    else:
        shutil.rmtree(folder)
    start = time.perf_counter()
    SearchIndex(db).rebuild()
    return round(time.perf_counter() - start, 2)


def measure_library(repeat: int, count: int = 2000, words_each: int = 750) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store" / "notes.json"
        total = write_library(Path(tmp) / "articles", db, count, words_each)
        os.makedirs(db.with_name(f"{db.stem}.search"), exist_ok=True)
        scratch = _rebuild_s(db, keep_records=False)  # re-reads all 2,000 files
        kept = _rebuild_s(db, keep_records=True)
        ids = sorted(p.stem for p in db.with_name(f"{db.stem}.articles").glob("*.json"))
        query, hits, each = query_ms(db, LIBRARY_QUERIES, repeat)
        old_inproc, old_cli = old_search_ms(db, repeat)
        return {
            "store": f"{count} articles / {total} words / {2 * count} notes",
            "rebuild_from_files_s": scratch,
            "rebuild_with_records_s": kept,
            "command_ms": command_ms(db, LIBRARY_QUERIES, max(2, repeat // 5)),
            "query_ms": query,
            "query_ms_each": each,
            "hits": hits,
            "update_ms": update_ms(db, ids, repeat),
            "old_search_ms": old_inproc,
            "old_command_ms": old_cli,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="notes,library")
    parser.add_argument("--repeat", type=int, default=15)
    options = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for part in options.only.split(","):
        figures = (
            measure_notes(options.repeat) if part == "notes" else measure_library(options.repeat)
        )
        rounded = {k: round(v, 1) if isinstance(v, float) else v for k, v in figures.items()}
        print(part, json.dumps(rounded))
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
