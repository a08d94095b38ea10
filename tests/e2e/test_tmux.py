"""End to end: the installed `reader` command in tmux, driven with keys.

Each check polls `capture-pane` until the screen shows what it should (no
fixed sleeps); the tmux session is killed in a finally, pass or fail.
"""

from __future__ import annotations

import shlex
import uuid
from pathlib import Path

import pytest
from tmux_driver import (
    READER,
    TMUX,
    keys,
    kill,
    quoted,
    screen,
    shell_env,
    start,
    tmux,
    wait_closed,
    wait_until,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install tmux)"),
    pytest.mark.skipif(READER is None, reason="reader is not installed (pip install .)"),
]


def article_text() -> str:
    """A headed article several screens long, with a unique last line."""
    paragraphs = [
        f"Paragraph {n}: the ferry company cut two evening sailings, commuters said, and "
        f"the harbour board promised a review of crew numbers before the winter timetable."
        for n in range(30)
    ]
    return "# Ferry timetable\n\n" + "\n\n".join(paragraphs) + "\n\nThe last word goes here.\n"


def article_width(shown: str) -> int:
    """Widest text row of the article column (left of the side panel's border)."""
    rows = [line.split("│")[0].rstrip() for line in shown.splitlines()[1:-2]]
    return max((len(row) for row in rows if "Paragraph" in row or "ferry" in row), default=0)


def test_read_scroll_search_resize_quit(tmp_path: Path) -> None:
    path = tmp_path / "ferry.md"
    path.write_text(article_text(), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    session = f"reader-tmux-{uuid.uuid4().hex[:8]}"
    try:
        start(session, f"{shell_env(home)} {quoted([str(READER), str(path)])}", 160, 30)
        wait_until(session, lambda s: "Paragraph 0: the ferry" in s, "the first paragraph")

        keys(session, "G")
        shown = wait_until(session, lambda s: "The last word goes here." in s, "the end")
        assert "100%" in shown and "Paragraph 0:" not in shown

        keys(session, "g")
        wait_until(session, lambda s: "Paragraph 0: the ferry" in s, "the start again")

        keys(session, "/")
        wait_until(session, lambda s: "Search (enter: go" in s, "the search line")
        keys(session, "-l", "winter timetable")
        keys(session, "Enter")
        wait_until(session, lambda s: "match 1 of 30" in s, "the search status")
        keys(session, "n")
        wait_until(session, lambda s: "match 2 of 30" in s, "the next match")

        before = article_width(screen(session))
        tmux("resize-window", "-t", session, "-x", "120")
        shown = wait_until(
            session,
            lambda s: 0 < article_width(s) < before,
            f"the text re-wrapped narrower than {before} columns",
        )
        assert "Paragraph 1: the ferry" in shown  # the place (the 2nd match) is kept

        # Below 100 columns the panel gives the article the whole width (issue 14).
        beside = article_width(shown)
        tmux("resize-window", "-t", session, "-x", "90")
        shown = wait_until(
            session,
            lambda s: article_width(s) > beside and "│" not in s.splitlines()[3],
            "the article at the full width of a narrow terminal",
        )
        assert "Paragraph 1: the ferry" in shown

        keys(session, "q")
        wait_closed(session, "q did not quit the reader")
    finally:
        kill(session)


def test_article_piped_on_stdin_still_takes_keys(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(article_text(), encoding="utf-8")
    session = f"reader-pipe-{uuid.uuid4().hex[:8]}"
    command = (
        f"{shell_env(tmp_path)} "
        f"sh -c 'cat {shlex.quote(str(path))} | {shlex.quote(READER or 'reader')} -; "
        f"echo reader-exit=$?; sleep 30'"
    )
    try:
        start(session, command, 120, 30, quit_ends_session=False)
        wait_until(session, lambda s: "Paragraph 0: the ferry" in s, "the piped article")
        keys(session, "G")
        wait_until(session, lambda s: "The last word goes here." in s, "the end (keys work)")
        keys(session, "q")
        wait_until(session, lambda s: "reader-exit=0" in s, "a clean exit")
    finally:
        kill(session)
