"""Cross-article figures (issue 11): disputes, quote drift and verdict recall over a library.

Run: `python benchmarks/bench_crossarticle.py [--articles 2000] [--repeat 3]`.

The library is synthesised from the real analysis of `sample_articles/` (each analysed
once with the rule backend, as `StoredAnalysis`), copied N times with the people renamed
from a pool of 400 names drawn with Zipf weights (a few people are in hundreds of
articles, as Musk would be; most in a handful), dates spread over a year, and one word
dropped from 15% of the quotes (so there is drift to find). Entities are linked by kind
and name, standing in for the library's linker. Measured, in process:

- `cross_disputes` over the whole library, and `DisputeIndex.add` of one more article
  into an index already holding the library (what `reader add` / opening an article pays);
- `drifts` over the whole library;
- `RecallIndex` built over 2,000 past verdicts, and recalling for every claim of one
  article (what opening an article pays).

Each whole-library figure is given for the first run (word caches cold, as in a fresh
`reader add`) and as the median of `--repeat` runs (warm, as in a running reader).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from reader.analysis import analyze
from reader.document.loader import load
from reader.library.crossdispute import DisputeIndex, cross_disputes
from reader.library.drift import drifts
from reader.library.model import StoredAnalysis, StoredClaim
from reader.library.recall import GivenVerdict, RecallIndex
from reader.notes.model import article_id_for, content_hash, normalise_source

SAMPLES = Path(__file__).resolve().parents[1] / "sample_articles"
_FIRST = "Anna Boris Carla Dmitri Elena Felix Greta Hugo Ines Jonas Karin Luca Mira Nils"
FIRST = _FIRST.split()
_LAST = (
    "Musk Varga Okafor Lindgren Moreau Sato Petrov Haddad Kowalski Brennan Alvarez Nakamura "
    "Castillo Fischer Ivanova Duarte Rossi Keller Novak Osei Berg Quinn Marsh Holt Vance "
    "Crane Dorsey Ellis Frost Greer"
)
LAST = _LAST.split()


def base_analyses() -> list[StoredAnalysis]:
    """Every sample article, analysed for real."""
    out = []
    for path in sorted(SAMPLES.iterdir()):
        document = load(str(path))
        out.append(
            StoredAnalysis.from_analysis(
                analyze(document),
                article_id=article_id_for(str(path), document.text),
                content_hash=content_hash(document.text),
                source=normalise_source(str(path)),
                outlet=None,
                added="2026-12-01T00:00:00+00:00",
            )
        )
    return out


def library(bases: list[StoredAnalysis], size: int, seed: int = 11) -> list[StoredAnalysis]:
    """`size` articles: the samples with people renamed, dated, some quotes changed."""
    pick = random.Random(seed)
    pool = [f"{f} {last}" for last in LAST for f in FIRST][:400]
    pick.shuffle(pool)
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(pool))]
    out = []
    for k in range(size):
        base = bases[k % len(bases)]
        people = [e for e in base.entities if e.kind == "person"]
        names: list[str] = []
        while len(names) < len(people):
            name = pick.choices(pool, weights)[0]
            if name not in names:
                names.append(name)
        out.append(_renamed(base, k, dict(zip((e.name for e in people), names, strict=True)), pick))
    return out


def _renamed(
    base: StoredAnalysis, k: int, names: dict[str, str], pick: random.Random
) -> StoredAnalysis:
    tokens: dict[str, str] = {}
    for old, new in names.items():
        old_words, new_words = old.split(), new.split()
        tokens[old_words[-1]] = new_words[-1]
        if len(old_words) > 1:
            tokens[old_words[0]] = new_words[0]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, tokens)) + r")\b") if tokens else None

    def sub(text: str) -> str:
        return pattern.sub(lambda m: tokens[m.group()], text) if pattern else text

    def sub_opt(text: str | None) -> str | None:
        return None if text is None else sub(text)

    entities = tuple(
        replace(e, name=names.get(e.name, e.name), aliases=tuple(sub(a) for a in e.aliases))
        if e.kind == "person"
        else e
        for e in base.entities
    )
    claims = tuple(_claim(c, sub, sub_opt, pick) for c in base.claims)
    digest = hashlib.sha256(f"{base.article_id}{k}".encode()).hexdigest()[:16]
    day = 1 + k % 28
    return replace(
        base,
        article_id=digest,
        date=f"2026-{1 + k % 12:02d}-{day:02d}",
        title=sub(base.title),
        entities=entities,
        claims=claims,
    )


def _claim(
    claim: StoredClaim,
    sub: Callable[[str], str],
    sub_opt: Callable[[str | None], str | None],
    pick: random.Random,
) -> StoredClaim:
    content = sub(claim.content)
    if "quote" in claim.tags and pick.random() < 0.15:
        words = content.split()
        if len(words) > 6:
            del words[pick.randrange(1, len(words) - 1)]
            content = " ".join(words)
    return replace(
        claim, text=sub(claim.text), content=content, source_words=sub_opt(claim.source_words)
    )


def by_name(analyses: Iterable[StoredAnalysis]) -> Callable[[str, str], str | None]:
    """The stand-in linker: same kind and canonical name."""
    keys = {
        (a.article_id, e.id): f"{e.kind}:{e.name.lower()}" for a in analyses for e in a.entities
    }
    return lambda article_id, entity_id: keys.get((article_id, entity_id))


def timed(run: Callable[[], object], repeat: int) -> tuple[str, object]:
    """ "first run ms (caches cold) / median ms" and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return f"{times[0]:.0f} ms first, {statistics.median(times):.0f} ms median", result


def main() -> None:
    """Build the library, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    bases = base_analyses()
    lib = library(bases, options.articles)
    extra = library(bases, options.articles + 20)[options.articles :]
    link = by_name([*lib, *extra])
    claims = sum(len(a.claims) for a in lib)
    people = {link(a.article_id, e.id) for a in lib for e in a.entities if e.kind == "person"}
    print(
        f"library: {len(lib)} articles, {sum(a.words for a in lib):,} words, {claims:,} "
        f"claims, {len(people)} people; load average {os.getloadavg()[0]:.1f}"
    )

    ms, links = timed(lambda: cross_disputes(lib, link), options.repeat)
    assert isinstance(links, dict)
    print(f"cross_disputes: {ms}, {len(links):,} denials linked to "
          f"{sum(map(len, links.values())):,} claims")  # fmt: skip

    index = DisputeIndex(link)
    for analysis in lib:
        index.add(analysis)
    adds = []
    for analysis in extra:
        start = time.perf_counter()
        index.add(analysis)
        adds.append((time.perf_counter() - start) * 1000)
    median = statistics.median(adds)
    print(f"DisputeIndex.add of one article into {len(lib)}: median {median:.1f} ms, "
          f"max {max(adds):.1f} ms")  # fmt: skip

    ms, found = timed(lambda: drifts(lib, link), options.repeat)
    assert isinstance(found, list)
    print(f"drifts: {ms}, {len(found):,} drifts")

    pick = random.Random(5)
    all_claims = [(a, c) for a in lib for c in a.claims]
    given = [
        GivenVerdict(pick.choice(("false", "supported")), c.content, a.article_id, a.title, a.date)
        for a, c in pick.sample(all_claims, min(2000, len(all_claims)))
    ]
    ms_build, recall_index = timed(lambda: RecallIndex(given), options.repeat)
    assert isinstance(recall_index, RecallIndex)
    per_article = []
    hits = 0
    for analysis in extra:
        start = time.perf_counter()
        results = recall_index.all([c.content for c in analysis.claims])
        per_article.append((time.perf_counter() - start) * 1000)
        hits += sum(r is not None for r in results)
    print(f"RecallIndex over {len(given)} verdicts: build {ms_build}; recall for every "
          f"claim of one article: median {statistics.median(per_article):.1f} ms "
          f"({hits} of {sum(len(a.claims) for a in extra)} claims recalled)")  # fmt: skip


if __name__ == "__main__":
    main()
