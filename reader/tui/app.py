"""The Textual application: one reading screen over one document.

Invariant: the app receives an already loaded `Document` (loading errors
never reach Textual); styles come from `styles/*.tcss`, installed as the
package `reader.styles`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandListItem, CommandPalette, SimpleProvider
from textual.notifications import SeverityLevel
from textual.screen import Screen

from reader import start_cache
from reader.crash_log import write_crash_log
from reader.document.model import Document
from reader.notes.settings import Value, read_settings, settings_path
from reader.paths import data_dir, store_path
from reader.safe_text import for_terminal, one_line
from reader.tui import style_cache
from reader.tui.contrast import ReadableApp
from reader.tui.palette import Palette
from reader.tui.stylesheets import style_path
from reader.tui.typed_ahead import hold_for_line, takes_text

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from reader.feeds.model import Feed
    from reader.tui.panel.early_child import EarlyChild
    from reader.tui.screens.reading import Found

STYLE_FILES = ("reader.tcss", "article.tcss")
"""Stylesheets, in load order (later ones win on equal specificity)."""


def screenshot_dir() -> Path:
    """Where the palette's Screenshot command saves: ``screenshots`` in the data directory."""
    return data_dir() / "screenshots"


def style_paths() -> list[Path]:
    """Paths of the installed stylesheets."""
    return [style_path(name) for name in STYLE_FILES]


class ReaderApp(ReadableApp[int]):
    """Read one document; the exit code is the app's return value (0)."""

    CSS_PATH = style_paths()  # type: ignore[assignment]
    TITLE = "reader"
    BINDINGS = [
        Binding("question_mark", "help", "Help", show=False),
        Binding("escape", "back_to_feed", "Back to the feed", show=False),
    ]

    def __init__(
        self,
        document: Document | None,
        *,
        db: str | None = None,
        origin: str | None = None,
        position: int = 0,
        whole: Callable[[], Document] | None = None,
        early: EarlyChild | None = None,
        feed: Feed | None = None,
    ) -> None:
        """Show ``document`` (the library when None); ``db`` is the note store path for
        this run (or None); ``origin`` the path or URL it was loaded from; ``position``
        the saved reading place, shown from the first frame; ``whole``, if given, loads
        the whole article that ``document`` is the head of (see `reader.document.head`);
        ``early`` its analysis child, started at the first frame (`early_child`); ``feed`` a
        feed to open on its own screen instead (``document`` None, ``origin`` what was
        given)."""
        super().__init__()
        self.document = document
        self.whole = whole
        self.early = early
        self.feed = feed
        self.db = db
        self.origin = origin
        self.position = position
        self.crash: tuple[BaseException, Path | None] | None = None
        """The error that ended the app and its log file, after a crash (see `launch`)."""
        self.settings: dict[str, Value] = read_settings(settings_path(store_path(db)))
        """The saved settings (theme, panel width), read once at start (issue 14)."""
        self._styles_cached = style_cache.seed(self.stylesheet, self.css_path, self.theme_variables)

    def get_default_screen(self) -> Screen:
        # Notes (issue 5): the reading screen with note keys, or the library without a document.
        if self.feed is not None:
            from reader.tui.screens.feed import FeedScreen

            return FeedScreen(self.feed, self.origin or self.feed.source, db=self.db)
        if self.document is None:
            return self._library()
        return self._reading(
            self.document, self.origin, self.position, whole=self.whole, early=self.early
        )

    # -- the screens, opened here so that screens never import each other ----------------

    def open_article(
        self, document: Document, origin: str | None, position: int = 0, found: Found | None = None
    ) -> None:
        """Read `document` (loaded from `origin`) from `position`, with this run's notes;
        `found`: a library search's (query, matches), shown for `n` / `N`."""
        self.push_screen(self._reading(document, origin, position, found))

    def show_search(self) -> None:
        """Open the library-wide search (issue 15)."""
        from reader.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(db=self.db))

    def show_library(self) -> None:
        """Go (back) to the library of articles."""
        from reader.tui.screens.library import LibraryScreen

        stack = self.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], LibraryScreen):
            self.pop_screen()
        else:
            self.push_screen(self._library())

    def show_ledger(self, entity: str | None = None, at: tuple[str, str] | None = None) -> None:
        """Open the ledger (entities across the library); at `entity`'s claims if given
        (`at`: the article id and that article's entity id, to find it exactly)."""
        from reader.tui.screens.ledger import LedgerScreen

        self.push_screen(LedgerScreen(db=self.db, entity=entity, at=at))

    def show_feeds(self) -> None:
        """Open the list of subscribed feeds (from the library)."""
        from reader.tui.screens.feed import FeedsScreen

        self.push_screen(FeedsScreen())

    def show_feed(self, source: str) -> None:
        """Open the feed screen of `source` (read in the screen's worker)."""
        from reader.tui.screens.feed import FeedScreen

        self.push_screen(FeedScreen(None, source, db=self.db))

    def action_back_to_feed(self) -> None:
        """`escape` in an article opened from a feed: back to the feed's items."""
        from reader.tui.screens.feed import FeedScreen

        stack = self.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], FeedScreen):
            self.pop_screen()

    def _library(self) -> Screen:
        from reader.tui.screens.library import LibraryScreen

        return LibraryScreen(db=self.db)

    def _reading(
        self,
        document: Document,
        origin: str | None,
        position: int,
        found: Found | None = None,
        whole: Callable[[], Document] | None = None,
        early: EarlyChild | None = None,
    ) -> Screen:
        from reader.tui.screens.noted_reading import NotedReadingScreen

        return NotedReadingScreen(
            document,
            origin=origin,
            db=self.db,
            position=position,
            found=found,
            whole=whole,
            early=early,
        )

    def on_mount(self) -> None:
        """Restore the saved theme; save the theme whenever it changes."""
        theme = self.settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, lambda new: self.remember("theme", new.name))

    def remember(self, key: str, value: Value) -> None:
        """Save the setting `key` in the store's settings, in a thread."""
        if self.settings.get(key) == value:
            return
        self.settings[key] = value
        self.run_worker(
            partial(self._save_setting, key, value),
            thread=True,
            group="settings",
            exit_on_error=False,
        )

    def _save_setting(self, key: str, value: Value) -> None:
        from reader.errors import ReaderError
        from reader.notes.store import NoteStore

        try:
            NoteStore(db=self.db).set_setting(key, value)
        except ReaderError as error:
            self.call_from_thread(self.notify, str(error), severity="warning", timeout=5)

    def on_ready(self) -> None:
        """The first frame is on screen: resume garbage collection (see `launch`), and
        let the reading screen load the rest of a long book (see `reader.document.head`)."""
        gc.enable()
        if self.early is not None:  # a long book's analysis child (see `early_child`)
            self.early.start()
        style_cache.keep(self.stylesheet, self.css_path, self.theme_variables)  # if new
        start_cache.keep()  # what this start compiled that the next need not
        shown = getattr(self.screen, "first_frame_shown", None)
        if shown is not None:
            shown()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a toast; messages quote article text and file names, so never markup
        and never a raw control character. (`Widget.notify`, which every screen's
        toast goes through, passes `markup=True`: a title such as
        "[@click=app.quit]x[/]" would have been a live link; `markup` is ignored.)"""
        super().notify(
            for_terminal(message),
            title=one_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- keys typed ahead go where the user is, not where they were ---------------------

    async def on_event(self, event: events.Event) -> None:
        """Note which screen and widget a key was sent to (see `_on_key`)."""
        if isinstance(event, events.Key) and event.key == "ctrl+j" and not event.is_forwarded:
            # Enter typed before the app took the terminal: its line discipline, still in
            # cooked mode, made the CR an LF (`ctrl+j`, bound nowhere), so `/word` and
            # enter typed as the reader starts opened the line and never searched.
            event = events.Key("enter", "\r")
        if isinstance(event, events.Key):
            if not self.screen_stack:
                return  # the app is closing: a key typed (or sent again) has nowhere to go
            if hold_for_line(self.screen, event):
                return
            if not event.is_forwarded:
                event._reader_screen = self.screen  # type: ignore[attr-defined]
                event._reader_focus = self.screen.focused  # type: ignore[attr-defined]
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        # A key comes back here, to the app's bindings, after the focused widget has seen
        # it. Keys typed quickly are all sent before the first one acts: after `a` opens
        # the note editor, the `xyz` and `escape` typed next were sent to the reading
        # screen and would be matched against the editor's bindings (escape: close the
        # editor, the text lost); after `/` opens the search line, the word typed next
        # was sent to the article (`a`: a note, `s`: the panel regrouped). Such a key is
        # sent again, to the screen now on top or the text field now focused.
        # (Textual calls this before `App._on_key`, which matches the bindings.)
        if not self.screen_stack:
            return  # the app is closing: its screens are gone, and so is the key's
        screen = self.screen
        origin = getattr(event, "_reader_screen", None)
        if origin is screen and hold_for_line(screen, event):
            event.prevent_default()
            return
        moved = origin is not None and origin is not screen and screen.is_attached
        focus = getattr(event, "_reader_focus", None)
        typing = origin is screen and focus is not screen.focused
        if moved or (typing and takes_text(screen.focused)):
            event.prevent_default()
            self.post_message(events.Key(event.key, event.character))

    def action_command_palette(self) -> None:
        """`ctrl+p`: the palette (see `Palette`)."""
        # No fixed id: ctrl+p, escape, ctrl+p in a burst met the closing palette, not yet
        # removed, under the same id (DuplicateIds, a crash).
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette())

    def search_commands(
        self, commands: Sequence[CommandListItem], placeholder: str = "Search for commands…"
    ) -> AwaitMount:
        """Textual's list of commands, in the safe `Palette`."""
        provider = SimpleProvider(self.screen, list(commands))
        return self.push_screen(Palette(providers=[provider], placeholder=placeholder))

    def search_themes(self) -> None:
        """The palette's "Change theme", in the safe `Palette` too (Textual's own paged a
        list not laid out yet into a KeyError: page down typed right after choosing it)."""
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_help(self) -> None:
        """`?` on any screen: the keys of each of its panes, whatever has the focus, and
        the panel's legend where the screen shows the panel."""
        from reader.tui.panel.legend import legend_rows
        from reader.tui.panel.looks import Palette
        from reader.tui.panel.panel import SidePanel
        from reader.tui.screens.help import HelpScreen, help_sections

        screen = self.screen
        if not isinstance(screen, HelpScreen):
            palette = Palette.from_variables(self.theme_variables)
            legend = legend_rows(palette) if screen.query(SidePanel) else None
            self.push_screen(HelpScreen(help_sections(screen), legend))

    # -- crashes: one line and a log file, never a traceback (see `crash_log`) --------

    def _handle_exception(self, error: Exception) -> None:
        if self.crash is None:
            self.crash = (error, write_crash_log(error))
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.crash is None:
            super()._print_error_renderables()
        else:
            self._exit_renderables.clear()  # `launch` prints the one line instead

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: each described binding of the screen once, titled with its keys
        ("All tags · 0"), then Textual's own commands that no binding already gives."""
        commands: dict[str, tuple[str, list[str], partial[object]]] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.system or not binding.description:
                continue
            key = self.get_key_display(binding)
            action = binding.action.removeprefix("app.")  # `q` on a screen, ctrl+q on the app
            if action in commands:
                keys = commands[action][1]
                if key not in keys:
                    keys.append(key)
                continue
            run = partial(active.node.run_action, binding.action)
            commands[action] = (binding.description, [key], run)
        for description, keys, run in commands.values():
            yield SystemCommand(f"{description} · {', '.join(keys)}", "", run)
        given = {action.rpartition(".")[2] for action in commands}
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                yield SystemCommand(
                    "Screenshot",
                    f"Save an SVG picture of the screen in {screenshot_dir()}",
                    lambda: self.set_timer(0.1, self.action_screenshot),
                )
            elif command.title == "Quit" and "quit" in given:
                continue
            elif command.title == "Keys" and "help" in given:
                continue  # `?` lists the keys; Textual's panel would say it again
            else:
                yield command

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG picture of the screen in the data directory, and say where."""
        folder = Path(path) if path else screenshot_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(filename=filename, path=str(folder))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.notify(f"Screenshot not saved in {folder}: {reason}", severity="error")
            return
        self.notify(f"Screenshot saved: {saved}", title="Screenshot")
