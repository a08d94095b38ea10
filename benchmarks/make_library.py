"""Write a realistic library of news articles for `bench_library.py` (and by hand).

Each article is one of the sample articles (`sample_articles/`) retold: its people are
recast from a pool of names (a few of them in the news often, most rarely, as in a real
reading list, and some sharing a surname, so short names can be ambiguous), its outlet
and date vary, and a background section quotes a passage of the public-domain novel in
`../shared/corpus/` (War and Peace), so the articles differ in length and vocabulary.
Nothing is random text: every sentence is from the samples or the novel. Deterministic
for a given seed.

    python benchmarks/make_library.py DIR [--articles 2000] [--words 1500000] [--seed 11]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.analysis import analyze  # noqa: E402
from reader.analysis.wordlists import given_name_genders  # noqa: E402
from reader.document import load  # noqa: E402

NOVEL = ROOT.parent / "shared" / "corpus" / "war-and-peace.txt"
OUTLETS = (
    "Baltic Courier", "Northgate Review", "The Meridian Post", "Coastal Times",
    "Northern Ledger", "Harbour Gazette", "The Evening Standard-Bearer", "Valley Chronicle",
    "Capital Wire", "The Lantern", "Riverside Herald", "Metro Dispatch", "The Observer Desk",
    "Atlantic Record", "Eastern Tribune", "Highland News", "The Civic Journal",
)  # fmt: skip
WOMEN = (
    "Maren", "Ines", "Sofia", "Yelena", "Camilla", "Fiona", "Margaret", "Ruth", "Ayla",
    "Lucia", "Renata", "Miriam", "Eleanor", "Ana", "Helena", "Priya", "Chiara", "Ingrid",
    "Leila", "Nadia", "Greta", "Amara", "Elif", "Hanna", "Julia", "Marta", "Olga", "Rosa",
)  # fmt: skip
MEN = (
    "Lars", "Anatoly", "Gennady", "Tobias", "Peter", "Julian", "David", "Gregor", "Daniel",
    "Henri", "Bernardo", "Tomas", "Pieter", "Kwame", "Adebayo", "Kasper", "Erik", "Mateo",
    "Omar", "Rafael", "Stefan", "Viktor", "Yusuf", "Aaron", "Felix", "Jonas", "Karim",
)  # fmt: skip
SURNAMES = (
    "Holt", "Varga", "Lindqvist", "Marchetti", "Okafor", "Asante", "Strand", "Novak",
    "Brennan", "Castillo", "Dahl", "Ekström", "Falk", "Gallo", "Haddad", "Ivanova",
    "Jansen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Olsen", "Petrov", "Quinn",
    "Rossi", "Sandoval", "Takeda", "Ueda", "Vidal", "Weber", "Yilmaz", "Zeller", "Achebe",
    "Bauer", "Costa", "Demir", "Engel", "Fischer", "Grant", "Horvath", "Ibsen", "Jovanovic",
    "Keller", "Lund", "Meyer", "Nilsen", "Ortiz", "Pereira", "Reyes", "Schmidt",
)  # fmt: skip
PEOPLE = 240
"""Distinct people in the pool; chosen with weight 1/(rank + RANK_OFFSET), so a few are
in the news often (the first in about one article in six) and most rarely."""
RANK_OFFSET = 10


@dataclass(frozen=True, slots=True)
class Template:
    """A sample article ready to be retold."""

    title: str
    paragraphs: tuple[str, ...]
    people: tuple[tuple[str, str], ...]
    """(full name, surname) of its people, longest names first."""
    genders: tuple[str, ...]


def templates() -> list[Template]:
    """The sample articles, as paragraphs with their people found by the analysis."""
    genders = given_name_genders()
    found = []
    for path in sorted((ROOT / "sample_articles").iterdir()):
        document = load(str(path))
        analysis = analyze(document)
        people = sorted(
            {(e.name, e.name.split()[-1]) for e in analysis.entities
             if e.kind == "person" and len(e.name.split()) >= 2},
            key=lambda p: -len(p[0]),
        )  # fmt: skip
        text = document.text
        paragraphs = tuple(
            " ".join(text[b.start : b.end].split())
            for b in document.blocks
            if b.kind.value in ("paragraph", "quote", "list_item")
        )
        found.append(
            Template(
                title=document.title,
                paragraphs=paragraphs,
                people=tuple(people),
                genders=tuple(genders.get(p[0].split()[0].casefold(), "m") for p in people),
            )
        )
    return found


def pool(rng: random.Random) -> list[tuple[str, str, str]]:
    """(given name, surname, gender) of `PEOPLE` distinct people."""
    people: set[tuple[str, str, str]] = set()
    while len(people) < PEOPLE:
        gender = rng.choice("mf")
        given = rng.choice(MEN if gender == "m" else WOMEN)
        people.add((given, rng.choice(SURNAMES), gender))
    return sorted(people)


def novel_passages() -> list[str]:
    """Paragraphs of the novel of at least 40 words, in order."""
    text = NOVEL.read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return [p for p in paragraphs if len(p.split()) >= 40 and not p.isupper()]


def retell(
    template: Template,
    cast: dict[str, tuple[str, str]],
    outlet: str,
    day: date,
    background: list[str],
) -> str:
    """The article as Markdown with front matter: recast, dated, with its background."""

    def recast(text: str) -> str:
        for full, surname in sorted(cast, key=lambda p: -len(p[0])):  # type: ignore[arg-type]
            new_full, new_surname = cast[(full, surname)]  # type: ignore[index]
            text = text.replace(full, new_full)
            text = re.sub(rf"\b{re.escape(surname)}\b", new_surname, text)
        return text

    title = recast(template.title)
    body = [recast(p) for p in template.paragraphs]
    lines = ["---", f"title: {title}", f"date: {day.isoformat()}", f"source: {outlet}", "---"]
    lines += ["", f"# {title}", ""]
    for paragraph in body:
        lines += [paragraph, ""]
    if background:
        lines += ["## Background", ""]
        for paragraph in background:
            lines += [paragraph, ""]
    return "\n".join(lines)


def make(folder: Path, articles: int, words: int, seed: int) -> int:
    """Write `articles` files into `folder`; returns the words written (article bodies)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shapes = templates()
    people = pool(rng)
    rng.shuffle(people)
    weights = [1 / (rank + RANK_OFFSET) for rank in range(len(people))]
    passages = novel_passages()
    base = sum(len(" ".join(t.paragraphs).split()) for t in shapes) / len(shapes)
    extra = max(0.0, words / articles - base)
    start = date(2025, 1, 1)
    written = 0
    for number in range(articles):
        template = shapes[number % len(shapes)]
        cast: dict[tuple[str, str], tuple[str, str]] = {}
        used: set[tuple[str, str, str]] = set()
        for (full, surname), gender in zip(template.people, template.genders, strict=True):
            while True:
                person = rng.choices(people, weights)[0]
                if person not in used and (person[2] == gender or rng.random() < 0.2):
                    break
            used.add(person)
            cast[(full, surname)] = (f"{person[0]} {person[1]}", person[1])
        background: list[str] = []
        want = rng.uniform(0.5, 1.5) * extra
        first = rng.randrange(len(passages))
        size = 0
        while True:
            passage = passages[(first + len(background)) % len(passages)]
            if background and size + len(passage.split()) > want:
                break
            background.append(passage)
            size += len(passage.split())
        day = start + timedelta(days=rng.randrange(700))
        text = retell(template, cast, rng.choice(OUTLETS), day, background)
        (folder / f"article-{number:04d}.md").write_text(text, encoding="utf-8")
        written += len(text.split())
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=1_500_000)
    parser.add_argument("--seed", type=int, default=11)
    options = parser.parse_args()
    written = make(options.folder, options.articles, options.words, options.seed)
    print(f"wrote {options.articles} articles, {written:,} words, to {options.folder}")


if __name__ == "__main__":
    main()
