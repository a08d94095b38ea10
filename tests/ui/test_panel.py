"""Pilot tests of the side panel alone, on the hand-built demo analysis."""

from __future__ import annotations

from panel_demo import PanelDemoApp, demo_analysis

from reader.tui.panel import SidePanel
from reader.tui.panel.rows import ClaimRow, EntityRow, HeaderRow
from reader.tui.panel.tabs.claims import ClaimRows
from reader.tui.panel.tabs.entities import EntityList, EntityRows

SIZE = (60, 24)


def entity_names(app: PanelDemoApp) -> list[str]:
    return [r.entity.name for r in app.query_one(EntityRows).rows if isinstance(r, EntityRow)]


def claim_ids(app: PanelDemoApp) -> list[str]:
    return [r.claim.id for r in app.query_one(ClaimRows).rows]


def screen_text(app: PanelDemoApp) -> str:
    rows = app.query_one(EntityRows)
    return "\n".join(rows.render_line(y).text for y in range(rows.size.height))


async def test_entities_grouped_by_kind_with_counts() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE):
        rows = app.query_one(EntityRows).rows
        headers = [r.label for r in rows if isinstance(r, HeaderRow)]
        assert headers == ["People · 2", "Organisations · 2", "Places · 2"]
        assert entity_names(app)[:2] == ["Mara Lindqvist", "Piet Osterhout"]
        text = screen_text(app)
        assert "PEOPLE · 2" in text
        assert "Nordhaven Port Authority" in text


async def test_toggle_sorts_by_mentions() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        rows = app.query_one(EntityRows).rows
        assert not any(isinstance(r, HeaderRow) for r in rows)
        counts = [len(r.entity.mentions) for r in rows]
        assert counts == sorted(counts, reverse=True)
        assert "by mentions" in str(app.query_one("#entity-mode").render())
        await pilot.press("s")
        assert isinstance(app.query_one(EntityRows).rows[0], HeaderRow)


async def test_filter_narrows_as_you_type() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "o", "s", "t")
        assert len(entity_names(app)) == 6  # debounced: not rebuilt on each key
        await pilot.pause(0.3)
        assert entity_names(app) == ["Piet Osterhout"]
        await pilot.press("backspace", "backspace", "backspace", "r", "i", "g", "a", "enter")
        assert entity_names(app) == ["Riga"]
        assert app.query_one(EntityRows).has_focus


async def test_filter_matches_aliases() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"the paper", "enter")
        assert entity_names(app) == ["The Harbour Gazette"]


async def test_enter_selects_entity_and_steps_through_mentions() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        first = app.events[-1]
        assert isinstance(first, SidePanel.EntitySelected)
        assert first.entity.name == "Mara Lindqvist" and first.mention == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.events[-1].mention == 1
        mode = str(app.query_one("#entity-mode").render())
        assert mode == "Mara Lindqvist: mention 2 of 2 · enter: next"
        await pilot.press("enter")
        await pilot.pause()
        assert app.events[-1].mention == 0  # wraps after the last mention


async def test_expanded_entity_lists_claims_about_and_sourced() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")  # Piet Osterhout
        await pilot.pause()
        rows = app.query_one(EntityRows).rows
        refs = [(r.role, r.claim.id) for r in rows if isinstance(r, ClaimRow)]
        assert refs == [("source", "c3"), ("source", "c4")]
        assert "Source of · 2" in screen_text(app)
        await pilot.press("up", "enter")  # Mara Lindqvist: Osterhout folds away
        await pilot.pause()
        rows = app.query_one(EntityRows).rows
        refs = [(r.role, r.claim.id) for r in rows if isinstance(r, ClaimRow)]
        assert refs == [("about", "c1"), ("about", "c2")]
        assert "The Harbour Gazette:" in screen_text(app)


async def test_collapse_keeps_cursor_on_entity() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down", "left")
        await pilot.pause()
        rows = app.query_one(EntityRows)
        assert not any(isinstance(r, ClaimRow) for r in rows.rows)
        assert rows.cursor_row.entity.name == "Mara Lindqvist"


async def test_claim_under_entity_selects_claim() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        event = app.events[-1]
        assert isinstance(event, SidePanel.ClaimSelected)
        assert event.claim.id == "c2"


async def test_claims_tab_in_article_order_with_badges_and_disputes() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        rows = app.query_one(ClaimRows)
        assert rows.has_focus
        assert claim_ids(app) == ["c1", "c2", "c3", "c4", "c5"]
        lines = [rows.render_line(y).text for y in range(14)]
        assert "reported" in lines[0] and "The Harbour Gazette" in lines[0]
        assert "Mara Lindqvist met officials" in lines[1]
        # the chosen claim (the first) may take more lines: find where the second starts
        at = next(y for y in range(14) if rows.row_at(y) == (rows.cursor + 1, 0))
        assert "⚡ disputed by Piet Osterhout · Lindqvist allegedly" in lines[at + 1]
        assert "⚡ disputes The Harbour Gazette · that any" in lines[at + 5]


async def test_claims_tab_tag_filter_keys() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "5")
        assert claim_ids(app) == ["c4"]
        await pilot.press("4")
        assert claim_ids(app) == ["c2", "c4"]
        assert str(app.query_one("#claim-filter").render()).startswith(
            "2 of 5 ·  alleged   denial "
        )
        await pilot.press("0")
        assert claim_ids(app) == ["c1", "c2", "c3", "c4", "c5"]


async def test_tag_chips_toggle_with_the_mouse() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert str(app.query_one("#tag-bar").render()).startswith("rep sta quo all den opi")
        await pilot.click("#tag-bar", offset=(1 + 4 * 4 + 1, 0))  # "den"
        await pilot.pause()
        assert claim_ids(app) == ["c4"]
        await pilot.click("#tag-bar", offset=(1 + 4 * 4 + 1, 0))
        await pilot.pause()
        assert len(claim_ids(app)) == 5


async def test_dispute_key_jumps_both_ways() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "5", "o")
        await pilot.pause()
        assert app.events[-1].claim.id == "c2"
        assert app.query_one(ClaimRows).cursor_row.claim.id == "c2"
        assert claim_ids(app)[1] == "c2"  # the denial filter was lifted to show it
        await pilot.press("o")
        await pilot.pause()
        assert app.events[-1].claim.id == "c4"


async def test_dispute_key_without_dispute_says_so() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "o")
        await pilot.pause()
        assert app.events == []
        assert any("disputes nothing" in str(n.message) for n in app._notifications)


async def test_click_selects_claim() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        rows = app.query_one(ClaimRows)
        await pilot.click(rows, offset=(3, 5))  # third claim, second line
        await pilot.pause()
        assert app.events[-1].claim.id == "c3"


async def test_follow_claim_moves_cursor_without_message() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(SidePanel)
        panel.claims.tags = {"opinion"}
        panel.follow_claim("c3")
        await pilot.pause()
        assert app.query_one(ClaimRows).cursor_row.claim.id == "c3"
        assert app.events == []


async def test_loading_progress_and_failure_messages() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(SidePanel)
        panel.loading("Harbour talks")
        panel.progress(0.4)
        await pilot.pause()
        assert app.query_one("#panel-status").display
        assert "Analysing Harbour talks" in str(app.query_one("#panel-message").render())
        assert app.query_one("#panel-progress").percentage == 0.4
        assert entity_names(app) == []
        panel.failed("the rule data could not be read")
        await pilot.pause()
        message = str(app.query_one("#panel-message").render())
        assert message == "Analysis failed: the rule data could not be read"
        assert not app.query_one("#panel-progress").display
        panel.show(demo_analysis())
        await pilot.pause()
        assert not app.query_one("#panel-status").display
        assert len(entity_names(app)) == 6


async def test_extra_pane_is_a_third_tab() -> None:
    from textual.app import ComposeResult
    from textual.widgets import Static, TabbedContent, TabPane

    from reader.tui.contrast import ReadableApp

    class Host(ReadableApp[None]):
        def compose(self) -> ComposeResult:
            yield SidePanel(TabPane("Notes", Static("no notes yet"), id="notes"))

    app = Host()
    async with app.run_test(size=SIZE):
        tabs = app.query_one(TabbedContent)
        assert [p.id for p in tabs.query(TabPane)] == ["entities", "claims", "notes"]


async def test_theme_change_recolours_badges() -> None:
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        rows = app.query_one(EntityRows)
        dark = rows.palette.tags["reported"]
        app.theme = "textual-light"
        await pilot.pause()
        assert rows.palette.tags["reported"] != dark or rows.palette.foreground != "#E0E0E0"
        assert app.query_one(ClaimRows).palette == rows.palette


async def test_entity_list_survives_empty_analysis() -> None:
    from reader.analysis.model import Analysis
    from reader.document.model import Document

    app = PanelDemoApp(Analysis(Document(text="Nothing here."), (), ()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down", "s", "w", "o")
        assert "No entities or claims" in str(app.query_one("#panel-message").render())
        assert app.query_one(EntityList).rows.rows == []


async def test_no_count_is_shown_while_the_analysis_runs() -> None:
    """A panel still analysing says no "0 entities": the count comes with the analysis."""
    app = PanelDemoApp()
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(SidePanel).loading("Demo")
        await pilot.pause()
        mode = str(app.query_one("#entity-mode").render())
        assert mode == "entities · by kind (s)"
        app.query_one(SidePanel).show(demo_analysis())
        await pilot.pause()
        assert str(app.query_one("#entity-mode").render()).startswith("6 entities")
