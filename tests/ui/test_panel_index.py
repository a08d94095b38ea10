"""The panel's look-up tables (plain Python) and the panel at book scale."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from panel_demo import demo_analysis
from panel_synthetic import synthetic_analysis

from reader.tui.panel.index import PanelIndex, by_kind, by_mentions, fold
from reader.tui.panel.rows import dispute_note

BOOK = Path("/work/shared/corpus/war-and-peace.txt")


@pytest.fixture(scope="module")
def index() -> PanelIndex:
    return PanelIndex(demo_analysis())


def test_claims_about_and_sourced(index: PanelIndex) -> None:
    assert [c.id for c in index.claims_about("e1")] == ["c1", "c2"]
    assert [c.id for c in index.claims_sourced_by("e3")] == ["c3", "c4"]
    assert index.claims_about("nobody") == ()


def test_disputes_both_ways(index: PanelIndex) -> None:
    assert index.disputed_by("c2") == ["c4"]
    assert index.related("c4") == ["c2"]
    assert index.related("c2") == ["c4"]
    assert index.related("c1") == []


def test_claim_at_and_neighbours(index: PanelIndex) -> None:
    text = index.analysis.document.text
    denial = text.index("Osterhout denied")
    assert index.claim_at(denial + 3).id == "c4"
    assert index.claim_at(text.index("The morning ferry")) is None
    assert index.neighbour(denial, 1).id == "c5"
    assert index.neighbour(denial, -1).id == "c3"
    assert index.neighbour(-1, 1).id == "c1"
    assert index.neighbour(0, -1) is None
    assert index.neighbour(len(text), 1) is None


def test_matching_is_case_insensitive_and_covers_aliases(index: PanelIndex) -> None:
    assert [e.name for e in index.matching_entities("OSTER")] == ["Piet Osterhout"]
    assert [e.name for e in index.matching_entities("the paper")] == ["The Harbour Gazette"]
    assert fold("Bolkónski") == "bolkonski"
    assert len(index.matching_entities("  ")) == len(index.entities)


def test_source_names_and_content(index: PanelIndex) -> None:
    c5 = index.claim("c5")
    assert index.source_name(c5) == "Critics"  # no entity: the words at the place
    assert index.source_name(index.claim("c4")) == "Piet Osterhout"
    assert index.content_text(c5) == "the arrangement a scandal"


def test_grouping_and_sorting(index: PanelIndex) -> None:
    groups = by_kind(index.entities)
    assert [kind for kind, _ in groups] == ["person", "org", "place"]
    counts = [len(e.mentions) for e in by_mentions(index.entities)]
    assert counts == sorted(counts, reverse=True)


def test_tag_filter(index: PanelIndex) -> None:
    assert [c.id for c in index.claims_tagged({"denial", "opinion"})] == ["c4", "c5"]
    assert len(index.claims_tagged(set())) == 5


def test_index_module_does_not_import_textual() -> None:
    code = "import sys, reader.tui.panel.index; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


@pytest.mark.skipif(not BOOK.exists(), reason="the corpus is not here")
async def test_panel_at_book_scale_filters_and_regroups() -> None:
    from panel_demo import PanelDemoApp

    from reader.tui.panel.rows import EntityRow
    from reader.tui.panel.tabs.claims import ClaimRows
    from reader.tui.panel.tabs.entities import EntityRows

    analysis = synthetic_analysis(BOOK.read_text(encoding="utf-8"))
    assert len(analysis.entities) > 3000 and len(analysis.claims) > 20000
    app = PanelDemoApp(analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"pierre", "enter")
        names = [r.entity.name for r in app.query_one(EntityRows).rows if isinstance(r, EntityRow)]
        assert names and all("pierre" in fold(n) for n in names)
        await pilot.press("s", "end")
        assert app.query_one(EntityRows).cursor == len(app.query_one(EntityRows).rows) - 1
        await pilot.press("w", "5")
        rows = app.query_one(ClaimRows).rows
        assert rows and all("denial" in r.claim.tags for r in rows)
        await pilot.press("end")
        assert app.query_one(ClaimRows).cursor_row is rows[-1]


def test_a_source_disputing_twice_is_named_once() -> None:
    analysis = demo_analysis()
    denial = next(c for c in analysis.claims if c.id == "c4")
    again = replace(denial, id="c9", start=denial.end, end=denial.end)
    twice = replace(analysis, claims=(*analysis.claims, again))
    index = PanelIndex(twice)
    disputed = index.claim("c2")
    source = index.source_name(denial)
    assert index.disputed_by("c2") == ["c4", "c9"]
    assert dispute_note(disputed, index) == f"disputed by {source}"


def test_a_source_found_through_she_shows_its_evidence() -> None:
    """`Marit Solberg · via “she”`: the reader can check a resolved pronoun at a glance."""
    from reader.analysis import analyze
    from reader.document import load
    from reader.tui.panel.looks import Palette
    from reader.tui.panel.rows import ClaimRow, claim_heading

    path = Path(__file__).parents[2] / "sample_articles" / "harbour-tender.txt"
    index = PanelIndex(analyze(load(str(path))))
    by_pronoun = [c for c in index.claims if c.source_via == "pronoun"]
    by_name = [c for c in index.claims if c.source_via == "name"]
    assert by_pronoun and by_name
    claim = by_pronoun[0]
    heading = claim_heading(ClaimRow(claim), index, Palette.from_variables({})).plain
    name = index.source_name(claim)
    assert f"{name} · via “{index.source_evidence(claim)}”" in heading
    assert index.source_evidence(claim).lower() in ("he", "she", "they")
    named = claim_heading(ClaimRow(by_name[0]), index, Palette.from_variables({})).plain
    assert "via" not in named
