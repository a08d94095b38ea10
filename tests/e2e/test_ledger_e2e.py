"""End to end: `reader add` two articles, `reader claims --about` lists both, the ledger
screen in tmux shows them, and `enter` on a claim opens its article. The library's filter
typed in one write (a fast typist, a paste) keeps every key.

The commands run from this checkout (PYTHONPATH at its root), as a user types them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_driver import (
    keys,
    kill,
    quoted,
    reader_command,
    shell_env,
    start,
    wait_closed,
    wait_for,
    wait_until,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ROOT = Path(__file__).resolve().parents[2]
LEDGER = ROOT / "tests" / "fixtures" / "ledger"
SAMPLES = ROOT / "sample_articles"
REPORT = "Shipping tycoon held private talks with Kremlin aide, paper says"
DENIAL = "Kremlin denies private channel to shipping tycoon"


@pytest.fixture
def session() -> Iterator[str]:
    name = f"reader-ledger-{uuid.uuid4().hex[:8]}"
    yield name
    kill(name)


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run(reader_command(*args), capture_output=True, text=True, env=env)


def test_added_articles_are_in_claims_and_in_the_ledger_screen(
    session: str, tmp_path: Path, reader_home: Path
) -> None:
    db = tmp_path / "store" / "notes.json"
    articles = [str(LEDGER / "courier-talks.md"), str(LEDGER / "kremlin-denies.md")]
    added = run(reader_home, "add", "--db", str(db), "--jobs", "1", *articles)
    assert added.returncode == 0, added.stderr

    listed = run(reader_home, "claims", "--db", str(db), "--about", "Vendelbo", "--json")
    assert listed.returncode == 0, listed.stderr
    claims = json.loads(listed.stdout)
    assert {c["article"]["title"] for c in claims} == {REPORT, DENIAL}
    denial = next(c for c in claims if "any regular contact" in c["content"])
    assert [d["article"]["title"] for d in denial["disputes"]] == [REPORT]

    command = quoted(reader_command("--db", str(db)))
    start(session, f"{shell_env(reader_home)} PYTHONPATH={ROOT} {command}", 120, 36)
    wait_for(session, "library")
    keys(session, "e")
    wait_for(session, "PEOPLE")
    keys(session, "/")
    keys(session, "-l", "vendelbo")
    wait_for(session, "1 of ")
    keys(session, "Enter")
    wait_for(session, "claim(s) in 2 article(s)")
    # The claims are drawn first, the links to other articles once they are found.
    shown = wait_for(session, "disputed in: Kremlin denies")
    assert f"{DENIAL} — Nordic Wire, 2026-11-02" in shown
    assert f"{REPORT} — Baltic Courier, 2026-10-14" in shown
    keys(session, "Enter")  # the first claim: the Kremlin's denial, in its article
    wait_for(session, "Kremlin spokesperson Yelena Strokova denied")
    keys(session, "L")
    wait_for(session, "library")
    keys(session, "q")
    wait_closed(session)


def test_a_library_filter_sent_in_one_write_keeps_its_first_keys(
    session: str, tmp_path: Path, reader_home: Path
) -> None:
    db = tmp_path / "store" / "notes.json"
    articles = [str(SAMPLES / "kremlin-channel.md"), str(SAMPLES / "party-donations.md")]
    added = run(reader_home, "add", "--db", str(db), "--jobs", "1", *articles)
    assert added.returncode == 0, added.stderr

    command = quoted(reader_command("--db", str(db)))
    start(session, f"{shell_env(reader_home)} PYTHONPATH={ROOT} {command}", 120, 36)
    wait_for(session, "Shipping tycoon")
    keys(session, "-l", "/tycoon")  # one write: every key before the first is handled
    wait_until(session, lambda s: "Filter by title" not in s, "the filter typed")
    shown = wait_until(session, lambda s: "Ruling party" not in s, "the other article gone")
    typed = [line for line in shown.splitlines() if line.lstrip().startswith("▊  ")]
    assert typed and typed[0].split()[1] == "tycoon"  # not "coon": no key was lost
    keys(session, "Enter")
    wait_for(session, "the Danish shipping magnate")  # this article, not the other or the ledger
    keys(session, "q")
    wait_closed(session)
