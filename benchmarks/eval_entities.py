"""Score `find_entities` with the shared CoNLL scorer and on the seed article.

Adapter for `ner_eval.py` (runs in-process, so throughput is the rule's own):

    python /work/shared/eval-dev/ner_eval.py \
        --extractor benchmarks/eval_entities.py:extract [--errors /tmp/ner.tsv]

Seed entity F1 and speed on War and Peace:

    python benchmarks/eval_entities.py seed
    python benchmarks/eval_entities.py speed
    python benchmarks/eval_entities.py common-words   # regenerate reader/data/common_words.txt

Dev figures (2026-11-25, 2 shared cores):

| measure | figure | target |
| --- | --- | --- |
| CoNLL-2003 dev, typed F1 PER+ORG+LOC | 85.3 (P 89.2, R 81.7) | >= 65 |
| CoNLL-2003 dev, untyped F1 | 88.3 (P 93.0, R 84.1) | >= 78 |
| CoNLL-2003 dev, PER / ORG / LOC F1 | 91.5 / 68.6 / 88.9 | |
| seed article, entity F1 untyped / typed (also via gold_eval.py) | 1.00 / 1.00 | >= 0.9 |
| War and Peace (562k words), find_entities | 0.8-0.9 s idle, up to 1.8 s under load | < 1.2 s |
| peak RSS of that run (process, text included) | 113 MB | < 250 MB |

MISC is low (21) by design: nationality adjectives ("Russian", "Germans")
are not entities here, and CoNLL counts them as MISC.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from reader.analysis.entities import find_entities
from reader.analysis.entities.lexicon import name_key
from reader.document.model import Block, BlockKind, Document

DESCRIPTION = "reader rule backend: find_entities"
LABELS = {"person": "PER", "org": "ORG", "place": "LOC", "other": "MISC"}
SHARED = Path("/work/shared")


def _document(text: str) -> Document:
    """A document for plain text (the loader's own when it exists)."""
    try:
        from reader.document import load_text  # type: ignore[attr-defined]
    except ImportError:
        return Document(text=text, blocks=(Block(BlockKind.PARAGRAPH, 0, len(text)),))
    return load_text(text, source="x.txt")


def extract(text: str) -> list[tuple[int, int, str]]:
    """(start, end, LABEL) for every mention, as ner_eval.py expects."""
    doc = Document(text=text, blocks=(Block(BlockKind.PARAGRAPH, 0, len(text)),))
    return [(s, e, LABELS[ent.kind]) for ent in find_entities(doc) for s, e in ent.mentions]


def seed() -> None:
    """Entity precision, recall and F1 on the seed article, scored like gold_eval.py."""
    gold = json.loads((SHARED / "gold/seed.json").read_text(encoding="utf-8"))
    path = SHARED / gold["document"] if (SHARED / gold["document"]).exists() else None
    path = path or next((SHARED / "seeds").glob("*.txt"))
    text = path.read_text(encoding="utf-8")
    ents = find_entities(_document(text))
    gold_keys = [
        {name_key(n) for n in [g["name"], *g.get("aliases", [])]} for g in gold["entities"]
    ]
    matched: set[int] = set()
    typed = 0
    for e in ents:
        keys = {name_key(n) for n in [e.name, *e.aliases]}
        hit = next((i for i, g in enumerate(gold_keys) if g & keys and i not in matched), None)
        mark = "  "
        if hit is not None:
            matched.add(hit)
            g = gold["entities"][hit]
            ok = e.kind in g.get("kinds_ok", [g["kind"]])
            typed += ok
            mark = "ok" if ok else "~~"
        print(f"{mark} {e.kind:7} {e.name!r} {e.aliases} x{len(e.mentions)}")
    for i, g in enumerate(gold["entities"]):
        if i not in matched:
            print(f"MISSED {g['name']}")
    for label, tp in (("untyped", len(matched)), ("typed", typed)):
        p, r = tp / max(len(ents), 1), tp / len(gold_keys)
        print(f"{label}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}")


def speed() -> None:
    """Words per second and peak memory on War and Peace."""
    text = (SHARED / "corpus/war-and-peace.txt").read_text(encoding="utf-8")
    find_entities(_document("Warm up the word lists in Paris."))
    doc = _document(text)
    t0 = time.perf_counter()
    ents = find_entities(doc)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    words = len(text.split())
    print(
        f"{words} words in {elapsed:.2f}s: {words / elapsed:,.0f} words/s, "
        f"{len(ents)} entities, peak RSS {peak:.0f} MB (process)"
    )


def common_words() -> None:
    """Rewrite reader/data/common_words.txt from War and Peace (public domain)."""
    text = (SHARED / "corpus/war-and-peace.txt").read_text(encoding="utf-8")
    counts = Counter(re.findall(r"(?<![\w’'-])[a-z]{2,}(?![\w’'])", text))
    target = Path(__file__).resolve().parent.parent / "reader/data/common_words.txt"
    header = [ln for ln in target.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    words = sorted(w for w, n in counts.items() if n >= 3)
    target.write_text("\n".join([*header, *words]) + "\n", encoding="utf-8")
    print(f"{len(words)} words written to {target}")


if __name__ == "__main__":
    commands = {"seed": seed, "speed": speed, "common-words": common_words}
    commands[sys.argv[1] if len(sys.argv) > 1 else "seed"]()
