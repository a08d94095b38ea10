"""The reader as an impatient user and a hostile article would try it.

Each test is a path that crashed, lost typed text or let the article act on
the terminal before (issue 8): keys at start-up, keys typed ahead of a
dialog, two escapes, the library's keys, a crash's exit, an OSC 52 title.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, TextArea

from reader.document import load
from reader.notes.store import NoteStore
from reader.tui.app import ReaderApp
from reader.tui.launch import prepare
from reader.tui.screens.editor import ConfirmDiscard, NoteEditor
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.noted_reading import NotedReadingScreen
from reader.tui.widgets.article_view import ArticleView

from .waiting import until

SAMPLES = Path(__file__).parents[2] / "sample_articles"
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
"""Sets the clipboard to `rm -rf ~` in a terminal that obeys it."""


def _app(name: str = "kremlin-channel.md") -> ReaderApp:
    path = str(SAMPLES / name)
    return ReaderApp(load(path), origin=path)


async def _typed_ahead(app: ReaderApp, *keys: str) -> None:
    """Send keys the way a terminal does: all of them before the first is handled."""
    from textual import events

    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


async def test_tab_then_enter_at_start_up_does_not_crash() -> None:
    app = _app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("tab", "enter")  # before the panel's tabs have settled
        await pilot.pause(0.3)
        assert isinstance(app.screen, NotedReadingScreen)
        assert app.focused is not None and app.focused.id == "entity-rows"


async def test_two_fast_escapes_close_the_help_only() -> None:
    app = _app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        await _typed_ahead(app, "escape", "escape", "escape")
        await pilot.pause(0.3)
        assert isinstance(app.screen, NotedReadingScreen)
        assert len(app.screen_stack) == 1


async def test_text_typed_right_after_a_goes_into_the_note_and_escape_asks() -> None:
    app = _app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("J")
        await _typed_ahead(app, "a", "x", "y", "z", "escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscard), "the discard question")
        await pilot.press("n")
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one(TextArea).text == "xyz"


async def test_a_note_typed_while_the_notes_load_is_kept_and_saved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A slow store (a big library, a loaded machine) must not eat the keys after `a`."""
    import threading

    from reader.notes.session import ArticleNotes

    gate = threading.Event()
    real_open = ArticleNotes.open.__func__  # type: ignore[attr-defined]

    def slow_open(cls: type[ArticleNotes], *args: object, **kwargs: object) -> ArticleNotes:
        gate.wait(10)
        return real_open(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(ArticleNotes, "open", classmethod(slow_open))
    app = _app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("J")
        await _typed_ahead(app, "a", "x", "y", "z")

        def typed() -> bool:
            screen = app.screen
            return isinstance(screen, NoteEditor) and screen.query_one(TextArea).text == "xyz"

        await until(pilot, typed, "xyz in the editor")
        editor = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert app.screen is editor  # still waiting for the store, text kept
        gate.set()
        await until(pilot, lambda: not isinstance(app.screen, NoteEditor), "the save")
        assert isinstance(app.screen, NotedReadingScreen)
        notes = app.screen.session.notes
        assert notes is not None and [p.note.body for p in notes.placed] == ["xyz"]


async def test_ctrl_c_says_how_to_quit_and_keeps_the_reader_open() -> None:
    app = _app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("ctrl+c")
        await pilot.pause(0.2)
        assert app.is_running
        assert any("quit" in n.message.lower() for n in app._notifications)


def _library_with(names: tuple[str, ...]) -> None:
    store = NoteStore()
    for name in names:
        document = load(str(SAMPLES / name))
        store.open_article(str(SAMPLES / name), document.text, document.title)


async def test_library_enter_in_the_filter_opens_the_single_match() -> None:
    _library_with(("kremlin-channel.md", "party-donations.md"))
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("slash", *"kremlin", "enter")
        for _ in range(30):
            await pilot.pause(0.1)
            if isinstance(app.screen, NotedReadingScreen):
                break
        assert isinstance(app.screen, NotedReadingScreen)
        assert "Kremlin" in app.screen.document.title


async def test_library_question_mark_and_escape() -> None:
    _library_with(("kremlin-channel.md",))
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("slash", *"zzz")
        assert app.screen.query_one(Input).value == "zzz"
        await pilot.press("escape")
        assert app.screen.query_one(Input).value == ""
        assert app.screen.query_one(DataTable).has_focus


def test_a_crash_exits_1_with_one_line_and_a_log(
    reader_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.tui import launch

    def broken(self: ReaderApp) -> None:
        raise RuntimeError("a bug in an action")

    monkeypatch.setattr(ReaderApp, "action_help", broken)
    original_run = ReaderApp.run

    def run_headless(self: ReaderApp) -> object:
        async def press(pilot: object) -> None:
            await pilot.pause(0.3)  # type: ignore[attr-defined]
            await pilot.press("?")  # type: ignore[attr-defined]

        return original_run(self, headless=True, size=(100, 30), auto_pilot=press)

    monkeypatch.setattr(ReaderApp, "run", run_headless)
    assert launch.launch(str(SAMPLES / "harbour-tender.txt")) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0]
    assert err[0].startswith("reader: internal error (RuntimeError)")
    [log] = reader_home.glob("crash-*.log")
    assert str(log) in err[0]
    assert "a bug in an action" in log.read_text() and "Traceback" in log.read_text()


async def test_a_hostile_title_never_reaches_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "hostile.md"
    path.write_text(
        # YAML's own escapes: "\e" is ESC and "\a" is BEL once parsed.
        '---\ntitle: "Report \\e]52;c;cm0gLXJmIH4=\\a"\nsource: "Daily \\e]0;x\\a"\n---\n\n'
        f"# Heading {OSC52}\n\nBody text {OSC52} here. More text.\n",
        encoding="utf-8",
    )
    app = prepare(str(path))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("t")  # the contents list shows the heading too
        await pilot.pause(0.2)
        shown = app.export_screenshot()
        assert "\x1b]52" not in shown and "\x07" not in shown
        reading = app.screen_stack[0]
        assert "\x1b" not in reading.title + reading.sub_title
        assert "\u241b]52" in reading.title  # shown as a visible picture, not obeyed
        assert reading.sub_title.startswith("Daily ")


async def test_the_saved_place_is_on_the_first_frame(tmp_path: Path) -> None:
    """Reopened, the article is at the saved place before the store has opened."""
    paragraphs = [f"Paragraph {n} tells part {n} of the story. It ends here." for n in range(300)]
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    document = load(str(path))
    place = document.text.index("Paragraph 200 ")
    store = NoteStore()
    article = store.open_article(str(path), document.text, document.title)
    store.set_position(article.id, place)
    app = prepare(str(path))
    async with app.run_test(size=(100, 30)):
        view = app.screen.query_one("ArticleView")
        # No pause: this is the first frame, the notes store still opening in its thread.
        assert view.top_offset == place  # type: ignore[attr-defined]
        assert document.text[view.top_offset :].startswith("Paragraph 200 ")  # type: ignore[attr-defined]
        assert str(app.screen.query_one("#position").render()).endswith("%")


async def test_palette_reopened_in_a_burst_does_not_crash() -> None:
    app = _app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await _typed_ahead(app, "ctrl+p", "escape", "ctrl+p", "escape", "ctrl+p")
        await pilot.pause(0.5)
        # ctrl+p acts as soon as it is read, escape once it reaches the palette: the burst
        # may end with the palette open or closed, never with the reading screen closed.
        assert isinstance(app.screen_stack[0], NotedReadingScreen)
        assert len(app.screen_stack) <= 2 and app.is_running


async def test_a_palette_search_starting_as_the_palette_goes_does_not_crash() -> None:
    """Found by the monkey test: ctrl+p and typing in a burst can start the palette's
    search worker once its list is gone (Textual 8.2 raised NoMatches: the app ended)."""
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await palette.query_one("CommandList").remove()  # as when the palette is torn down
        palette._gather_commands("note")  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        assert app.is_running


async def test_paging_the_theme_list_as_it_opens_does_not_crash() -> None:
    app = _app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        app.search_themes()  # what the palette's "Change theme" runs
        await _typed_ahead(app, "pagedown", "pageup", "pagedown", "escape")
        await until(pilot, lambda: isinstance(app.screen, NotedReadingScreen), "the reading screen")
        assert app.is_running and len(app.screen_stack) == 1


async def test_a_toast_from_a_screen_shows_markup_in_a_title_as_text() -> None:
    app = _app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        # What the ledger says when it opens an article titled like this.
        app.screen.notify("Opening [@click=app.quit]Budget[/]…")
        await pilot.pause()
        # (The panel's one-time legend hint may come before or after it.)
        toasts = [n for n in app._notifications if n.message.startswith("Opening")]
        assert [(n.message, n.markup) for n in toasts] == [
            ("Opening [@click=app.quit]Budget[/]…", False)
        ]


@pytest.mark.parametrize("settle", [True, False], ids=["after-first-frames", "at-start-up"])
async def test_keys_typed_after_enter_in_a_search_burst_act_on_the_article(settle: bool) -> None:
    """`/Danish`, enter, `n`, `n` in one burst: the search runs, then both `n` jump on
    (match 3), none is typed into the closed line; escape closes it just as at once."""
    app = _app()
    async with app.run_test(size=(120, 36)) as pilot:
        if settle:
            await pilot.pause(0.3)
        screen = app.screen
        keys = [("slash", "/"), *((c, c) for c in "Danish"), ("enter", "\r"), ("n", "n")]
        await _typed_burst(app, [*keys, ("n", "n")])

        def at_third() -> bool:
            return "/Danish  match 3 of" in str(screen.query_one("#status-info").render())

        await until(pilot, at_third, "the third match in the status line")
        line = screen.query_one("#search", Input)
        assert line.value == "Danish" and not line.has_class("-active")

        view = screen.query_one(ArticleView)
        before = view.cursor_sentence
        await _typed_burst(app, [("slash", "/"), ("x", "x"), ("escape", None), ("J", "J")])
        await until(pilot, lambda: view.cursor_sentence == before + 1, "J on the article")
        assert line.value == "x" and not line.has_class("-active") and view.has_focus


async def _typed_burst(app: ReaderApp, keys: list[tuple[str, str | None]]) -> None:
    from textual import events

    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("settle", "enter"),
    [(True, ("enter", None)), (False, ("enter", None)), (False, ("ctrl+j", "\n"))],
    ids=["after-first-frames", "at-start-up", "at-start-up-cooked-enter"],
)
async def test_a_search_typed_in_one_burst_searches_and_runs_no_key_of_the_article(
    settle: bool, enter: tuple[str, str | None]
) -> None:
    """`/Danish` and enter sent at once (a fast typist, a paste, tmux send-keys): every
    letter after `/` goes into the search line, none to the article (`a` would open the
    note editor, `s` regroup the panel, `n` jump), and the search runs. Typed before the
    app takes the terminal, enter arrives as LF (`ctrl+j`): it still submits."""
    app = _app()
    async with app.run_test(size=(120, 36)) as pilot:
        if settle:
            await pilot.pause(0.3)
        screen = app.screen
        keys = [("slash", "/"), *((c, c) for c in "Danish"), enter]
        await _typed_burst(app, keys)

        def searched() -> bool:
            info = str(screen.query_one("#status-info").render())
            return "/Danish  match 1 of" in info

        await until(pilot, searched, "the search's match in the status line")
        assert app.screen is screen  # no note editor, no dialog
        assert not screen.query_one("#search").has_class("-active")
        assert screen.query_one("ArticleView").has_focus
