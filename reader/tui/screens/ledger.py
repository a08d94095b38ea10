"""The ledger: every library entity, then every claim about and by one, across articles.

Invariant: the screen never touches the library on the event loop: the entity list and
an entity's dossier are read in thread workers (one at a time, under one lock: the
`Library` keeps caches) and shown when they land, "loading…" until then (an entity's
claims first, its links to other articles once the claims are drawn); an answer
that lands after the reader moved on is dropped. Two levels: entities (by kind,
filtered as you type) and one entity's claims grouped by article; `escape` goes back
one level. `enter` on a claim loads its article in a thread and opens it at the claim;
a source that is gone is one toast and the ledger stays. An empty library is a
friendly line, never an error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar, cast

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.safe_text import one_line
from reader.tui import ledger_memo
from reader.tui.panel.vlist import VirtualList, filter_key, focus_now
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.ledger_rows import (
    ClaimLine,
    EntityLine,
    LedgerRows,
    dossier_rows,
    entity_rows,
)

if TYPE_CHECKING:
    from reader.document.model import Document
    from reader.library.dossier import Dossier
    from reader.library.ledger import LedgerClaim
    from reader.library.library import Library
    from reader.library.linking import LibraryEntity
    from reader.tui.app import ReaderApp

T = TypeVar("T")
EMPTY = (
    "The library is empty. Articles you open are kept in it; add more with: reader add PATH|URL|DIR"
)
HINT = "enter: claims · / filter · escape: back"
LOADING_AFTER = 0.15
"""Seconds after `enter` on an entity before its list says "loading…"."""
REREAD_AFTER = 0.5
"""Seconds after drawing the remembered entity list before reading it again (the
screen's first frames are not kept waiting by the read)."""
FIRST_CLAIMS = 150
"""Claims read first for an entity with more (a few screens; the rest follow at once)."""


class LedgerScreen(Screen[None]):
    """Library entities with their counts; `enter` lists one's claims across articles."""

    DEFAULT_CSS = """
    LedgerScreen #ledger-filter { margin: 0 1; }
    LedgerScreen #ledger-status { margin: 0 1; color: $text-muted; height: auto; }
    LedgerScreen LedgerRows { height: 1fr; }
    """
    BINDINGS = [
        Binding("slash", "search", "Filter"),
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        db: str | None = None,
        entity: str | None = None,
        at: tuple[str, str] | None = None,
    ) -> None:
        """The ledger of the library beside the note store `db`; with `entity` (a name),
        open that entity's claims once the list has loaded: the library entity of `at`
        (article id, that article's entity id) when the library has it, else by name."""
        super().__init__()
        self.db = db
        self.wanted = entity
        self.at = at
        self.entities: list[LibraryEntity] | None = None
        """Every library entity, once loaded."""
        self.entity: LibraryEntity | None = None
        """The entity whose claims are shown (None: the entity list is)."""
        self.dossier: Dossier | None = None
        self._library: Library | None = None
        self._lock = threading.Lock()
        self._warned = 0

    def compose(self) -> ComposeResult:
        yield Header()
        # Not selected on focus: `/` and the letters after it arrive in one burst, the
        # first inserted before the focus event, which selected it for the next to replace.
        yield Input(
            placeholder="Filter entities by name (/)", id="ledger-filter", select_on_focus=False
        )
        yield Static("loading…", id="ledger-status")
        yield LedgerRows(id="ledger-rows")
        yield ReaderFooter()

    @property
    def rows(self) -> LedgerRows:
        """The list."""
        return self.query_one(LedgerRows)

    def on_mount(self) -> None:
        self.title = "reader · ledger"
        focus_now(self.rows)
        for warning in ledger_memo.warnings(self.db):
            self.notify(warning, severity="warning", timeout=10)
        remembered = ledger_memo.known(self.db)
        if remembered is not None and self.wanted is None and self.at is None:
            self._entities_loaded(remembered)  # drawn in the first frame, read again after it
            self.set_timer(REREAD_AFTER, self._load_entities)
        else:
            self._load_entities()

    # -- the library, in threads ------------------------------------------------------

    def _ask(self, question: Callable[[Library], T]) -> T:
        """Run `question` on this screen's library (in a worker thread), saying its
        new warnings."""
        from reader.library.library import Library

        with self._lock:
            if self._library is None:
                self._library = Library(self.db)
            library = self._library
            answer = question(library)
            new, self._warned = library.warnings[self._warned :], len(library.warnings)
        for warning in new:
            self.app.call_from_thread(self.notify, warning, severity="warning", timeout=10)
        return answer

    @work(thread=True, exclusive=True, group="ledger-entities", exit_on_error=False)
    def _load_entities(self) -> None:
        at = self.at
        try:
            with ledger_memo.reading(self.db):  # after a read-ahead in flight, not beside it
                token = self._ask(lambda library: library.cache.token())
                entities = ledger_memo.known(self.db, token)  # unchanged since last read?
                if entities is None:
                    entities = self._ask(lambda library: library.entities())
                ledger_memo.remember(self.db, token, entities)
            linked = self._ask(lambda library: library.entity_of(*at)) if at else None
        except ReaderError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        for warning in ledger_memo.warnings(self.db):  # a read-ahead's, told once
            self.app.call_from_thread(self.notify, warning, severity="warning", timeout=10)
        self.app.call_from_thread(self._entities_loaded, entities, linked)

    def _failed(self, message: str) -> None:
        self.query_one("#ledger-status", Static).update(Text(f"Not read: {one_line(message)}"))
        self.notify(message, severity="error", timeout=10)

    def _entities_loaded(
        self, entities: list[LibraryEntity], linked: LibraryEntity | None = None
    ) -> None:
        if self.entities == entities and linked is None and self.wanted is None:
            return  # the remembered list, drawn already, is the library's
        row = self.rows.cursor_row  # a list drawn already: stay on its entity
        keep = row.entity.id if isinstance(row, EntityLine) else None
        self.entities = entities
        wanted, self.wanted = self.wanted, None
        if linked is not None:
            self.open_entity(linked)
        elif wanted is not None:
            self._open_wanted(wanted)
        elif self.entity is None:
            self._fill(keep=keep)

    def _open_wanted(self, name: str) -> None:
        """The panel's jump: that entity's claims, or the list filtered by its name."""
        key = name.casefold().strip()
        assert self.entities is not None
        exact = [e for e in self.entities if e.name.casefold() == key]
        found = exact or [e for e in self.entities if key in (a.casefold() for a in e.aliases)]
        if len(found) == 1:
            self.open_entity(found[0])
            return
        self.query_one("#ledger-filter", Input).value = name  # fills the list (changed)
        self._fill()
        if not found:
            self.notify(f"{name} is not in the library yet.", timeout=4)

    # -- the entity list ----------------------------------------------------------------

    def _fill(self, keep: str | None = None) -> None:
        status = self.query_one("#ledger-status", Static)
        if self.entities is None:
            status.update("loading…")
            return
        query = self.query_one("#ledger-filter", Input).value
        rows = entity_rows(self.entities, query)
        self.rows.set_rows(rows, keep)
        shown = sum(1 for row in rows if isinstance(row, EntityLine))
        if not self.entities:
            status.update(EMPTY)
        elif not shown:
            status.update(Text(f"No entity matches “{one_line(query)}”."))
        else:
            total = len(self.entities)
            count = f"{shown} of {total}" if shown != total else f"{total}"
            status.update(f"{count} entities across the library · {HINT}")

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.entity is None:
            self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """`enter` in the filter opens the one match, else goes to the list."""
        event.stop()
        matches = [row for row in self.rows.rows if isinstance(row, EntityLine)]
        if self.entity is None and len(matches) == 1:
            self.open_entity(matches[0].entity)
        focus_now(self.rows)

    def on_key(self, event: events.Key) -> None:
        """Keys typed in one burst land in order (`vlist.filter_key`): "/musk" filters."""
        search = self.query_one("#ledger-filter", Input)
        filter_key(
            event,
            search,
            self.focused is search,  # not `has_focus`: that follows a message later
            open_search=self.action_search,
            back=self.action_back,
            to_list=lambda: focus_now(self.rows),
        )

    def action_search(self) -> None:
        """Focus the filter (back on the entity list first)."""
        if self.entity is not None:
            self._back_to_entities()
        focus_now(self.query_one("#ledger-filter", Input))

    def action_back(self) -> None:
        """`escape`: from claims back to the entities; clear the filter; else leave."""
        search = self.query_one("#ledger-filter", Input)
        if self.entity is not None:
            self._back_to_entities()
        elif search.value or self.focused is search:
            search.value = ""
            focus_now(self.rows)
        elif len(self.app.screen_stack) > 1 and self.app.screen is self:
            self.app.pop_screen()

    def _back_to_entities(self) -> None:
        entity, self.entity, self.dossier = self.entity, None, None
        self.query_one("#ledger-filter", Input).display = True
        self.title = "reader · ledger"
        self._fill(keep=entity.id if entity else None)
        focus_now(self.rows)

    # -- one entity's claims --------------------------------------------------------------

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        row = event.row
        if isinstance(row, EntityLine) and self.entity is None:
            self.open_entity(row.entity)
        elif isinstance(row, ClaimLine) and self.entity is not None:
            self.open_claim(row.entry.claim)

    def open_entity(self, entity: LibraryEntity) -> None:
        """Show every claim about and by `entity` (read in a thread). The list stays
        as it is for the first `LOADING_AFTER` seconds: claims that come sooner are
        drawn in one frame, without a "loading…" frame before them."""
        self.entity, self.dossier = entity, None
        focus_now(self.rows)
        self._load_dossier(entity)
        self.set_timer(LOADING_AFTER, partial(self._loading, entity))

    def _loading(self, entity: LibraryEntity) -> None:
        if self.entity is entity and self.dossier is None:
            self._claims_view(entity)
            self.rows.set_rows([])
            self.query_one("#ledger-status", Static).update("loading…")

    def _claims_view(self, entity: LibraryEntity) -> None:
        self.query_one("#ledger-filter", Input).display = False
        self.title = f"reader · ledger · {one_line(entity.name)}"

    @work(thread=True, exclusive=True, group="ledger-dossier", exit_on_error=False)
    def _load_dossier(self, entity: LibraryEntity) -> None:
        # The claims first (one query; for an entity in hundreds of articles, a
        # screenful of them first), then again with the links to other articles, each
        # once the one before is on screen: finding links holds the interpreter for a
        # while, and the frame with the claims must not wait for it.
        steps: list[tuple[bool, int | None]] = [(False, None), (True, None)]
        if entity.claims_about + entity.claims_by > FIRST_CLAIMS:
            steps.insert(0, (False, FIRST_CLAIMS))
        for number, (links, first) in enumerate(steps):
            drawn = threading.Event()
            if get_current_worker().is_cancelled:
                return
            try:
                found = self._ask(partial(_dossier, entity=entity, links=links, first=first))
            except ReaderError as error:
                self.app.call_from_thread(self._failed, str(error))
                return
            self.app.call_from_thread(self._dossier_loaded, found)
            if number < len(steps) - 1:
                self.app.call_from_thread(self.call_after_refresh, drawn.set)
                drawn.wait(timeout=2)

    def _dossier_loaded(self, dossier: Dossier) -> None:
        if self.entity is None or self.entity.id != dossier.entity.id:
            return  # the reader went back or chose another meanwhile
        rows, keep = self.rows, None
        if self.dossier is not None and rows.cursor_row is not None:
            keep = rows.row_key(rows.cursor_row)  # the links landed: stay on the claim
        self.dossier = dossier
        entity = dossier.entity
        self._claims_view(entity)
        rows.set_rows(dossier_rows(dossier), keep)
        aliases = f" · also {', '.join(one_line(a) for a in entity.aliases[:4])}"
        counts = f"{dossier.claims} claim(s) in {len(dossier.sections)} article(s)"
        if not dossier.complete:
            counts = f"the newest {dossier.claims} claims (reading the rest…)"
        text = (
            f"{one_line(entity.name)} ({entity.kind}): {counts}"
            + (aliases if entity.aliases else "")
            + " · enter: open the article there · escape: back"
            + (" · finding links to other articles…" * (dossier.complete and not dossier.linked))
        )
        if not dossier.sections:
            text = f"No claims about or by {one_line(entity.name)} · escape: back"
        self.query_one("#ledger-status", Static).update(Text(text))

    # -- opening an article at a claim ---------------------------------------------------

    def open_claim(self, claim: LedgerClaim) -> None:
        """Open the claim's article with the cursor on the claim (loaded in a thread)."""
        source = claim.article.source
        if source in ("", "-"):
            self.notify(
                "This article came from standard input: pipe it again (reader - < FILE).",
                severity="warning",
            )
            return
        self.notify(f"Opening {claim.article.title or source}…", timeout=2)
        self._open(claim)

    @work(thread=True, exclusive=True, group="ledger-open", exit_on_error=False)
    def _open(self, claim: LedgerClaim) -> None:
        from reader.document import load

        try:
            document = load(claim.article.source)
        except ReaderError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        position = claim_offset(document.text, claim)
        if position is None:
            message = "The article has changed since; that claim is not in it any more."
            self.app.call_from_thread(self.notify, message, severity="warning", timeout=6)
        if not get_current_worker().is_cancelled:
            source = claim.article.source
            # 0 would mean "the saved place": offset 1 is still in the first sentence.
            at = max(position, 1) if position is not None else 0
            self.app.call_from_thread(self._show, document, source, at)

    def _show(self, document: Document, origin: str, position: int) -> None:
        if self.app.screen is self:  # not if the reader went elsewhere meanwhile
            cast("ReaderApp", self.app).open_article(document, origin, position)


def _dossier(library: Library, *, entity: LibraryEntity, links: bool, first: int | None) -> Dossier:
    from reader.library.dossier import dossier

    return dossier(library, entity, links=links, first=first)


def claim_offset(text: str, claim: LedgerClaim) -> int | None:
    """Where the claim is in the article's text now: its stored place when the words are
    still there, else the nearest place of its words, else None."""
    if text[claim.start : claim.end] == claim.text:
        return claim.start
    places: list[int] = []
    at = text.find(claim.text)
    while at >= 0 and len(places) < 100:
        places.append(at)
        at = text.find(claim.text, at + 1)
    return min(places, key=lambda p: abs(p - claim.start)) if places else None
