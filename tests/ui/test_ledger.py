"""The ledger screen: entities across the library, then one's claims by article.

The library holds the two articles of tests/fixtures/ledger (a report of private talks,
and the Kremlin's denial with a spokesperson's quote changed by one word), added for
real; the reader has judged the report "false".
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.analysis import analyze
from reader.document import load
from reader.library.intake import add, prepare
from reader.library.library import Library
from reader.notes.anchor import anchor_for
from reader.tui.app import ReaderApp
from reader.tui.screens.ledger import LedgerScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.noted_reading import NotedReadingScreen
from reader.tui.widgets.ledger_rows import ClaimLine, EntityLine

from .screen_text import screen_rows
from .waiting import until as _until

until = partial(_until, wait=5.0)
"""The ledger loads in threads; it shows within 5 s."""

LEDGER = Path(__file__).parents[1] / "fixtures" / "ledger"
REPORT_TITLE = "Shipping tycoon held private talks with Kremlin aide, paper says"
DENIAL_TITLE = "Kremlin denies private channel to shipping tycoon"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The two articles (copied, so a test may remove one) in the default library."""
    paths = []
    for name in ("courier-talks.md", "kremlin-denies.md"):
        shutil.copy(LEDGER / name, tmp_path / name)
        paths.append(tmp_path / name)
    add(Library(), [(str(p), prepare(analyze(load(str(p))))) for p in paths])
    library = Library()
    talks = next(c for c in library.claims(about="Vendelbo") if "private conv" in c.content)
    text = load(str(paths[0])).text
    library.store.set_verdict(talks.article.id, anchor_for(text, talks.start, talks.end), "false")
    return tmp_path


def text_of(app: ReaderApp) -> str:
    return "\n".join(screen_rows(app))


def ledger(app: ReaderApp) -> LedgerScreen:
    assert isinstance(app.screen, LedgerScreen)
    return app.screen


async def open_ledger(pilot: Pilot[int]) -> LedgerScreen:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, LedgerScreen), "the ledger")
    screen = ledger(app)  # type: ignore[arg-type]
    await until(pilot, lambda: screen.entities is not None, "the entities")
    await pilot.pause()
    return screen


async def enter_entity(pilot: Pilot[int], screen: LedgerScreen, name: str) -> None:
    await pilot.press("slash", *name)
    await pilot.pause()
    await pilot.press("enter")
    await until(pilot, lambda: screen.dossier is not None and screen.dossier.linked, name)
    await pilot.pause()


async def test_e_in_the_library_opens_the_entities_by_kind_with_counts(library: Path) -> None:
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_ledger(pilot)
        shown = text_of(app)
        assert "PEOPLE · 4" in shown
        assert "ORGANISATIONS" in shown and "PLACES" in shown
        vendelbo = next(line for line in shown.splitlines() if "Lars Vendelbo" in line)
        assert "2 art · 6 about · 0 by" in vendelbo
        assert "/ Filter" in shown.splitlines()[-1]


async def test_the_library_footer_shows_the_ledger_key(library: Path) -> None:
    app = ReaderApp(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await pilot.pause()
        assert "e Ledger" in screen_rows(app)[-1]


async def test_typing_filters_and_escape_clears_then_goes_back(library: Path) -> None:
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_ledger(pilot)
        await pilot.press("slash", *"strok")
        await pilot.pause()
        names = [r.entity.name for r in screen.rows.rows if isinstance(r, EntityLine)]
        assert names == ["Yelena Strokova"]
        assert "1 of 12 entities" in text_of(app)
        await pilot.press("escape")
        await pilot.pause()
        assert sum(isinstance(r, EntityLine) for r in screen.rows.rows) == 12
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_enter_lists_claims_by_article_with_verdict_disputes_and_drift(
    library: Path,
) -> None:
    app = ReaderApp(None)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_ledger(pilot)
        await enter_entity(pilot, screen, "vendelbo")
        shown = text_of(app)
        # Newest article first, each under its title, outlet and date.
        assert shown.index(f"{DENIAL_TITLE} — Nordic Wire, 2026-11-02") < shown.index(
            f"{REPORT_TITLE} — Baltic Courier, 2026-10-14"
        )
        lines = shown.splitlines()
        talks = next(i for i, line in enumerate(lines) if "held regular private conv" in line)
        assert "✗ false" in lines[talks - 1] and "Financial Chronicle" in lines[talks - 1]
        assert f"disputed in: {DENIAL_TITLE}, 2026-11-02" in lines[talks + 1]
        denial = next(i for i, line in enumerate(lines) if "any regular contact" in line)
        assert "den" in lines[denial - 1] and "Yelena Strokova" in lines[denial - 1]
        assert f"disputes a claim in: {REPORT_TITLE}, 2026-10-14" in lines[denial + 1]
        assert "-once,- +twice," in shown  # the spokesperson's quote, changed
        assert "6 claim(s) in 2 article(s)" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert screen.entity is None
        assert isinstance(screen.rows.cursor_row, EntityLine)
        assert screen.rows.cursor_row.entity.name == "Lars Vendelbo"


async def test_enter_on_a_claim_opens_its_article_with_the_cursor_on_it(library: Path) -> None:
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_ledger(pilot)
        await enter_entity(pilot, screen, "anatoly")
        rows = screen.rows
        heads = [i for i, r in enumerate(rows.rows) if isinstance(r, ClaimLine)
                 and r.part == "head" and "private conv" in r.entry.claim.content]  # fmt: skip
        rows.move_to(heads[0])
        claim = rows.cursor_row.entry.claim
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, NotedReadingScreen), "the article")
        reading = app.screen
        assert isinstance(reading, NotedReadingScreen)
        assert reading.document.title == REPORT_TITLE
        sentence = reading.document.sentences[reading.article.cursor_sentence]
        assert sentence.start <= claim.start < sentence.end
        await pilot.press("escape", "L")
        await until(pilot, lambda: isinstance(app.screen, (LedgerScreen, LibraryScreen)), "back")


async def test_a_source_that_is_gone_is_one_toast_and_the_ledger_stays(library: Path) -> None:
    (library / "courier-talks.md").unlink()
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_ledger(pilot)
        await enter_entity(pilot, screen, "anatoly")
        rows = screen.rows
        report = next(i for i, r in enumerate(rows.rows) if isinstance(r, ClaimLine)
                      and r.entry.claim.article.title == REPORT_TITLE)  # fmt: skip
        rows.move_to(report)
        await pilot.press("enter")
        await until(pilot, lambda: any(n.severity == "error" for n in app._notifications), "toast")
        await pilot.pause(0.2)
        assert app.screen is screen
        assert sum(n.severity == "error" for n in app._notifications) == 1


async def test_an_empty_library_is_a_friendly_ledger() -> None:
    app = ReaderApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_ledger(pilot)
        assert "The library is empty" in text_of(app)
        await pilot.press("enter", "down", "slash", "x", "enter")
        await pilot.pause()
        assert "The library is empty" in text_of(app)
        assert screen.rows.rows == []
        await pilot.press("escape", "escape")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library again")


async def test_l_on_an_entity_in_the_panel_opens_its_ledger(library: Path) -> None:
    path = library / "kremlin-denies.md"
    app = ReaderApp(load(str(path)), origin=str(path))
    async with app.run_test(size=(160, 45)) as pilot:
        reading = app.screen
        await until(pilot, lambda: reading.body.panel.index is not None, "the analysis")  # type: ignore[attr-defined]
        reading.body.panel.focus_list()  # type: ignore[attr-defined]
        await pilot.pause()
        rows = reading.body.panel.entities.rows  # type: ignore[attr-defined]
        at = next(i for i, r in enumerate(rows.rows) if getattr(r, "entity", None)
                  and r.entity.name == "Anatoly Verin")  # fmt: skip
        rows.move_to(at)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LedgerScreen), "the ledger")
        screen = ledger(app)
        verin = rows.rows[at].entity
        assert screen.at == (reading.article_id(), verin.id)  # type: ignore[attr-defined]
        await until(pilot, lambda: screen.dossier is not None, "Verin's claims")
        await until(pilot, lambda: screen.dossier.linked, "Verin's links")  # type: ignore[union-attr]
        assert screen.dossier is not None and screen.dossier.entity.name == "Anatoly Verin"
        await pilot.press("escape", "escape")
        await until(pilot, lambda: app.screen is reading, "the article again")


def test_a_claim_is_found_again_in_an_article_edited_since(library: Path) -> None:
    from reader.tui.screens.ledger import claim_offset

    claim = next(c for c in Library().claims(about="Vendelbo") if "private conv" in c.content)
    text = load(str(library / "courier-talks.md")).text
    assert claim_offset(text, claim) == claim.start
    edited = "A new first paragraph was added.\n\n" + text
    assert claim_offset(edited, claim) == claim.start + len("A new first paragraph was added.\n\n")
    assert claim_offset(text.replace("private conversations", "talks"), claim) is None


async def test_a_remembered_entity_list_is_replaced_by_the_library_as_it_is_now(
    library: Path,
) -> None:
    from reader.tui import ledger_memo

    # Read ahead when the library showed; then an article came in: the list must follow.
    ledger_memo.prefetch(None)
    before = ledger_memo.known(None)
    assert before is not None and not any(e.name == "Ingrid Solberg" for e in before)
    later = library / "later.md"
    later.write_text(
        "---\ntitle: Port authority names a new chief\ndate: 2026-11-05\n---\n\n"
        "Ingrid Solberg said on Tuesday that the port would reopen in March.\n",
        encoding="utf-8",
    )
    add(Library(), [(str(later), prepare(analyze(load(str(later)))))])
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_ledger(pilot)
        await until(pilot, lambda: screen.entities != before, "the list read again")
        await pilot.pause()
        assert any(e.name == "Ingrid Solberg" for e in screen.entities or [])
        assert "Ingrid Solberg" in text_of(app)


async def test_an_entity_with_many_claims_shows_the_newest_first_then_all(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.tui.screens.ledger as ledger_screen

    monkeypatch.setattr(ledger_screen, "FIRST_CLAIMS", 2)  # Vendelbo has 6
    app = ReaderApp(None)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_ledger(pilot)
        await enter_entity(pilot, screen, "vendelbo")  # waits for the links: the last step
        assert screen.dossier is not None and screen.dossier.complete
        assert "6 claim(s) in 2 article(s)" in text_of(app)
        assert f"disputed in: {DENIAL_TITLE}, 2026-11-02" in text_of(app)


async def test_a_damaged_cache_found_while_reading_ahead_is_told_when_the_ledger_opens(
    library: Path,
) -> None:
    import gc

    from reader.library.shelf import beside_store

    gc.collect()  # the fixture's libraries: their connections closed, as in a new process
    cache = beside_store(None, "ledger.sqlite")
    for end in ("-wal", "-shm"):
        cache.with_name(cache.name + end).unlink(missing_ok=True)
    cache.write_bytes(b"not a database, just bytes" * 100)
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_ledger(pilot)
        await until(pilot, lambda: any("was damaged" in str(n.message)
                                       for n in app._notifications), "the warning")  # fmt: skip
        assert screen.entities and any(e.name == "Lars Vendelbo" for e in screen.entities)
