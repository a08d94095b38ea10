"""Messages the reading screen's threads send back to it: a store job done, the analysis
kept in the library."""

from __future__ import annotations

from textual.message import Message

from reader.tui.session import Outcome


class StoreDone(Message):
    """A store job run in a thread has finished (see `ArticleSession.finish`)."""

    bubble = False

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome
        """The job's result or error."""


class LibraryKept(Message):
    """The analysis was kept in the library (`warning`: why it could not be, if so), with
    what other articles say about its claims (`across`)."""

    bubble = False

    def __init__(self, warning: str | None, across: dict[str, tuple[str, ...]]) -> None:
        super().__init__()
        self.warning = warning
        self.across = across
