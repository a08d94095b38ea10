"""The sample articles, analysed in-process, checked against hand-made gold.

Two kinds of assertion live here. Contract checks (every sample loads and
analyses, every span indexes the text) must always hold. Checks marked
ANALYSIS QUALITY (tests named `test_quality_*`) state what a reader expects to
see in the side panel for `kremlin-channel.md` and `harbour-tender.txt`, from
the gold files in `tests/gold/`; they fail when the analysis gets worse.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from reader.analysis import Analysis, Claim, Entity, analyze
from reader.document import load

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_articles").iterdir())
GOLD = ROOT / "tests" / "gold"

REPORT1 = (
    "has held regular private conversations with Russian President Anatoly Verin "
    "since the spring of 2024"
)
REPORT2 = (
    "Mr Vendelbo and Verin spoke at least nine times over two years, on subjects ranging "
    "from family matters to sanctions on Russian crude"
)
ALLEGED = (
    "the Russian President allegedly asked Mr Vendelbo to keep several older tankers out of "
    "inspection ports in the North Sea"
)
DENIAL = "denied that there was any regular contact between Verin and the shipowner"
VARGA_QUOTE = (
    "I have had no business with Mr Salis for seven years, and I played no part in judging the bids"
)


def norm(text: str) -> str:
    """Lower case, straight quotes dropped, whitespace collapsed (as the gold scorer does)."""
    text = re.sub('[\u201c\u201d"]', "", text.replace("\u2019", "'").replace("\u2018", "'"))
    return " ".join(text.split()).lower()


def name_key(name: str) -> str:
    key = norm(name)
    return key[4:] if key.startswith("the ") else key


@cache
def analysed(name: str) -> Analysis:
    return analyze(load(str(ROOT / "sample_articles" / name)))


def gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


def find_entity(analysis: Analysis, name: str) -> Entity | None:
    """The entity whose name or an alias is `name`, or None."""
    for candidate in analysis.entities:
        if name_key(name) in {name_key(n) for n in (candidate.name, *candidate.aliases)}:
            return candidate
    return None


def find_claim(analysis: Analysis, snippet: str) -> Claim | None:
    """The first claim whose highlighted text holds `snippet` (at most 3x its length)."""
    text = analysis.document.text
    for candidate in analysis.claims:
        found = norm(text[candidate.start : candidate.end])
        if norm(snippet) in found and len(found) <= 3 * len(norm(snippet)):
            return candidate
    return None


def entity(analysis: Analysis, name: str) -> Entity:
    found = find_entity(analysis, name)
    assert found is not None, f"no entity {name!r} in {[e.name for e in analysis.entities]}"
    return found


def claim(analysis: Analysis, snippet: str) -> Claim:
    found = find_claim(analysis, snippet)
    assert found is not None, f"no claim holding {snippet!r}"
    return found


def every_occurrence_is_a_mention(analysis: Analysis, word: str, name: str) -> bool:
    """Whether each place `word` occurs in the text lies inside a mention of entity `name`."""
    mentions = entity(analysis, name).mentions
    text = analysis.document.text
    places = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
    return bool(places) and all(any(s <= p < e for s, e in mentions) for p in places)


def source_names(analysis: Analysis, found: Claim) -> set[str]:
    names: set[str] = set()
    source = analysis.entity(found.source) if found.source else None
    if source is not None:
        names |= {name_key(n) for n in (source.name, *source.aliases)}
    if found.source_span is not None:
        names.add(name_key(analysis.document.text[slice(*found.source_span)]))
    return names


# --- contract checks: hold whatever the analysis quality ---------------------------------


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_analyses_with_spans_inside_the_text(path: Path) -> None:
    analysis = analysed(path.name)
    text = analysis.document.text
    assert len(text.split()) > 250
    assert analysis.document.title
    for found in analysis.entities:
        assert all(0 <= s < e <= len(text) for s, e in found.mentions)
    for found in analysis.claims:
        assert 0 <= found.start <= found.content[0] < found.content[1] <= found.end <= len(text)
    ids = {e.id for e in analysis.entities}
    assert all(c.source is None or c.source in ids for c in analysis.claims)


def test_sample_metadata_reaches_the_document() -> None:
    flagship = analysed("kremlin-channel.md").document
    assert flagship.title.startswith("Shipping tycoon kept private channel")
    assert flagship.date == "2026-10-14"
    plain = analysed("harbour-tender.txt").document
    assert plain.date == "2026-09-03"
    assert not plain.text.startswith("date")
    cp1252 = analysed("cocoa-labels-cp1252.txt").document.text
    assert "\u201cEvery bag we sold as certified was certified." in cp1252
    assert "C\u00f4te d\u2019Ivoire" in cp1252
    html = analysed("surveillance-memo.html").document.text
    assert "Interior Minister Sofia Marchetti" in html
    assert "All rights reserved" not in html and "Subscribe" not in html


# --- ANALYSIS QUALITY: what a reader expects in the side panel ---------------------------


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("Lars Vendelbo", {"person"}),
        ("Anatoly Verin", {"person"}),
        ("Yelena Strokova", {"person"}),
        ("The Financial Chronicle", {"org"}),
        ("Camilla de Vries", {"person"}),
        ("Kasper Holm-Nielsen", {"person"}),
        ("Nordhavn Lines", {"org"}),
        ("Kremlin", {"org", "place"}),
        ("Moscow", {"place"}),
    ],
)
def test_quality_flagship_key_entities(name: str, kinds: set[str]) -> None:
    assert entity(analysed("kremlin-channel.md"), name).kind in kinds


def test_quality_flagship_short_forms_are_one_entity() -> None:
    analysis = analysed("kremlin-channel.md")
    assert every_occurrence_is_a_mention(analysis, "Vendelbo", "Lars Vendelbo")  # Mr Vendelbo too
    assert every_occurrence_is_a_mention(analysis, "Strokova", "Yelena Strokova")
    assert entity(analysis, "Lars Vendelbo").name == "Lars Vendelbo"
    groups = [e for e in analysis.entities if e.name in ("Russian", "Danish", "Swedish")]
    assert all(e.kind == "other" for e in groups)  # nationalities: groups, not places


@pytest.mark.parametrize(
    ("snippet", "source", "tag"),
    [
        (REPORT2, "The Financial Chronicle", "reported"),
        (ALLEGED, None, "alleged"),
        (DENIAL, "Yelena Strokova", "denial"),
        ("the newspaper had \u201cmistaken rumour for intelligence\u201d", "Yelena Strokova", None),
        (
            "It would be stranger if a man in his position had never met the Russian president",
            "Peter Lindqvist",
            "quote",
        ),
        (
            "The European Commission is said to be preparing a request for information",
            None,
            "alleged",
        ),
    ],
)
def test_quality_flagship_key_claims(snippet: str, source: str | None, tag: str | None) -> None:
    analysis = analysed("kremlin-channel.md")
    found = claim(analysis, snippet)
    if source is not None:
        assert name_key(source) in source_names(analysis, found)
    if tag is not None:
        assert tag in found.tags


def test_quality_flagship_denial_disputes_the_report() -> None:
    analysis = analysed("kremlin-channel.md")
    denial = claim(analysis, DENIAL)
    reports = {claim(analysis, REPORT1).id, claim(analysis, REPORT2).id}
    assert reports & set(denial.disputes)
    assert denial.id in {c for r in reports for c in analysis.disputed_by(r)}


def test_quality_harbour_denial_and_quote_sources() -> None:
    analysis = analysed("harbour-tender.txt")
    varga = entity(analysis, "Ines Varga")
    assert varga.kind == "person"
    assert every_occurrence_is_a_mention(analysis, "Varga", "Ines Varga")  # Ms Varga too
    denial = claim(analysis, "Ms Varga denied any conflict of interest")
    assert "denial" in denial.tags
    assert denial.source == varga.id
    quote = claim(analysis, VARGA_QUOTE)
    assert quote.source == varga.id  # "she told the city council"


@pytest.mark.parametrize("name", ["kremlin-channel", "harbour-tender"])
def test_quality_gold_recall_and_entity_f1(name: str) -> None:
    spec = gold(name)
    analysis = analysed(Path(spec["document"]).name)
    found_entities = 0
    for item in spec["entities"]:
        found = find_entity(analysis, item["name"])
        found_entities += found is not None and found.kind in item.get("kinds_ok", [item["kind"]])
    required = [c for c in spec["claims"] if not c["optional"]]
    found_claims = sum(find_claim(analysis, c["snippet"]) is not None for c in required)
    assert found_entities / len(spec["entities"]) >= 0.8
    assert found_claims / len(required) >= 0.7


@pytest.mark.parametrize("name", ["kremlin-channel", "harbour-tender"])
def test_quality_no_gold_claim_is_shown_under_the_wrong_name(name: str) -> None:
    """A wrong source is worse than none: each gold claim found with a linked entity is
    linked to one the gold names ("A spokesperson for the company, Tobias Krag, said" is
    Tobias Krag, not the last spokesperson named)."""
    spec = gold(name)
    analysis = analysed(Path(spec["document"]).name)
    wrong = []
    for item in spec["claims"]:
        found = find_claim(analysis, item["snippet"])
        source = analysis.entity(found.source) if found and found.source else None
        if source is None or not item["source"]:
            continue
        names = {name_key(n) for n in (source.name, *source.aliases)}
        if not names & {name_key(n) for n in item["source"]}:
            wrong.append((item["snippet"][:50], source.name))
    assert wrong == []
