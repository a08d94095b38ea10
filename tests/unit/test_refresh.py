"""`reader refresh` as a user runs it: an article served by a local server is added, its
text changes on the server (a quote altered, a sentence removed, one added), and the
refresh lists exactly those, orphans the note on the removed sentence (with its old
text), stores the new claims, and says unchanged the second time."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_server import QuietHandler, serve

from reader.cli import main
from reader.document import load
from reader.library.library import Library
from reader.library.snapshots import snapshot_folder
from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore

HEAD = "<!doctype html><html><head><title>{title}</title></head><body><article>"
FIRST = """<h1>Harbour plan: mayor defends the budget</h1>
<p>The Baltic Courier reported on Monday that the harbour plan would cost 40 million euros.</p>
<p>"We will finish the harbour by June," Mayor Ana Ruiz said.</p>
<p>Critics said the council had ignored the engineers' warnings about the quay wall.</p>
<p>The port authority declined to comment on the schedule.</p>"""
SECOND = """<h1>Harbour plan: mayor defends the budget</h1>
<p>The Baltic Courier reported on Monday that the harbour plan would cost 40 million euros.</p>
<p>"We will finish the harbour by September," Mayor Ana Ruiz said.</p>
<p>The port authority declined to comment on the schedule.</p>
<p>The Finance Ministry denied that the harbour budget had been cut.</p>"""
REMOVED = "Critics said the council had ignored the engineers' warnings about the quay wall."
ADDED = "The Finance Ministry denied that the harbour budget had been cut."
HOSTILE = "Harbour \x1b]0;pwned\x07 plan \x1b[2J"
PAGES: dict[str, str] = {}
"""Path to the body served there now (tests change it between runs)."""


def page(body: str, title: str = "Harbour plan: mayor defends the budget") -> str:
    return HEAD.format(title=title) + body + "</article></body></html>"


class Pages(QuietHandler):
    """Serves `PAGES`; anything else is 404."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        body = PAGES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def server() -> Iterator[str]:
    PAGES.clear()
    with serve(Pages) as base:
        yield base
    PAGES.clear()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def note_on(url: str, sentence: str, body: str) -> str:
    """Write a note on `sentence` of the article as the reader sees it; its id."""
    text = load(url).text
    start = text.index(sentence)
    store = NoteStore()
    article = store.find_article(url)
    assert article is not None
    return store.add_note(article.id, anchor_for(text, start, start + len(sentence)), body).id


def test_refresh_lists_exactly_what_changed_and_orphans_the_note_on_the_removed_sentence(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/harbour"
    PAGES["/harbour"] = page(FIRST)
    assert run(capsys, "add", url)[0] == 0
    gone = note_on(url, REMOVED, "who are the critics? #quay")
    kept = note_on(url, "The port authority declined to comment", "ask them again")
    PAGES["/harbour"] = page(SECOND)

    code, out, err = run(capsys, "refresh", url, "--json")
    assert code == 0, err
    [result] = json.loads(out)
    assert result["status"] == "changed" and result["error"] is None
    assert result["added"] == [ADDED]
    assert result["removed"] == [REMOVED]
    assert result["altered"] == [
        {
            "before": '"We will finish the harbour by June," Mayor Ana Ruiz said.',
            "after": '"We will finish the harbour by September," Mayor Ana Ruiz said.',
            "quote": True,
        }
    ]
    [orphan] = result["orphaned_notes"]
    assert orphan["id"] == gone and orphan["text"] == REMOVED
    assert orphan["sentence"] == REMOVED

    notes = {note.id: note for note in NoteStore().all_notes()}
    assert notes[gone].orphan and notes[gone].anchor.exact == REMOVED  # kept, never deleted
    assert not notes[kept].orphan
    new_text = load(url).text
    anchor = notes[kept].anchor
    assert new_text[anchor.start : anchor.end] == "The port authority declined to comment"

    [stored] = [Library().stored(a.id) for a in Library().articles()]
    assert stored is not None
    contents = " | ".join(claim.text for claim in stored.claims)
    assert "September" in contents and "June" not in contents
    assert any("denial" in c.tags and "Finance Ministry" in c.text for c in stored.claims)
    assert not any("Critics" in claim.text for claim in stored.claims)

    code, out, err = run(capsys, "refresh", url)
    assert (code, err) == (0, "")
    assert out.startswith("unchanged: Harbour plan: mayor defends the budget")
    assert len(out.splitlines()) == 1


def test_the_text_report_puts_the_altered_quote_first_with_its_word_differences(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/harbour"
    PAGES["/harbour"] = page(FIRST)
    run(capsys, "add", url)
    gone = note_on(url, REMOVED, "who are the critics?")
    PAGES["/harbour"] = page(SECOND)
    code, out, _ = run(capsys, "refresh", url)
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == f"changed: Harbour plan: mayor defends the budget ({url})"
    assert lines[1] == (
        '  quote altered: "We will finish the harbour by -June,"- +September,"+ '
        "Mayor Ana Ruiz said."
    )
    assert lines[2] == f'  removed: "{REMOVED}"'
    assert lines[3] == f'  added: "{ADDED}"'
    assert lines[4] == f'  orphaned note {gone[:8]}: "{REMOVED}": who are the critics?'
    assert len(lines) == 5


def test_a_dead_url_mid_all_is_one_line_and_the_rest_go_on(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b", "c"):
        PAGES[f"/{name}"] = page(FIRST.replace("Harbour plan", f"Story {name}"), f"Story {name}")
    code, _, err = run(capsys, "add", f"{server}/a", f"{server}/b", f"{server}/c")
    assert code == 0, err
    del PAGES["/b"]
    PAGES["/c"] = page(SECOND.replace("Harbour plan", "Story c"), "Story c")
    code, out, err = run(capsys, "refresh", "--all")
    assert code == 1
    [line] = err.splitlines()
    assert (
        line
        == f"reader: Story b: mayor defends the budget: cannot fetch {server}/b: HTTP 404 Not Found"
    )
    assert f"unchanged: Story a: mayor defends the budget ({server}/a)" in out
    assert f"changed: Story c: mayor defends the budget ({server}/c)" in out
    assert out.splitlines()[-1] == "3 refreshed; 0 local file(s) unchanged on disk"


def test_all_says_which_local_files_changed_and_a_gone_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    still, edited, gone = (tmp_path / f"{n}.md" for n in ("still", "edited", "gone"))
    for path in (still, edited, gone):
        path.write_text(f"# {path.stem}\n\nThe mayor said the quay would open in June.\n")
    assert run(capsys, "add", str(still), str(edited), str(gone))[0] == 0
    edited.write_text("# edited\n\nThe mayor said the quay would open in August.\n")
    gone.unlink()
    code, out, err = run(capsys, "refresh", "--all")
    assert code == 1
    assert err == f"reader: gone: the file is gone: {gone}\n"
    assert f"changed (local file changed on disk): edited ({edited})" in out
    assert "-June.- +August.+" in out
    assert "still" not in out.replace("unchanged on disk", "")
    assert out.splitlines()[-1] == "2 refreshed; 1 local file(s) unchanged on disk"


def test_an_article_stored_before_snapshots_says_no_earlier_text_was_kept(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/harbour"
    PAGES["/harbour"] = page(FIRST)
    run(capsys, "add", url)
    shutil.rmtree(snapshot_folder(None))  # as if added before this feature
    PAGES["/harbour"] = page(SECOND)
    code, out, _ = run(capsys, "refresh", url)
    assert code == 0
    assert out.splitlines() == [
        f"changed: Harbour plan: mayor defends the budget ({url})",
        "  no earlier text kept; kept this one",
    ]
    [stored] = [Library().stored(a.id) for a in Library().articles()]
    assert stored is not None and "September" in " ".join(c.text for c in stored.claims)
    code, out, _ = run(capsys, "refresh", url)
    assert out.splitlines() == [f"unchanged: Harbour plan: mayor defends the budget ({url})"]


def test_hostile_server_text_never_reaches_the_terminal_raw(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/evil"
    PAGES["/evil"] = page("<p>The mayor said the quay would open in June.</p>", HOSTILE)
    run(capsys, "add", url)
    PAGES["/evil"] = page(
        "<p>The mayor said \x1b[31mthe quay\x1b[0m would open in \x9b2J August.</p>"
        "<p>Officials said \x07\x1b]52;c;cHduZWQ=\x07 the budget was cut.</p>",
        HOSTILE,
    )
    code, out, err = run(capsys, "refresh", url)
    assert code == 0, err
    assert "changed: " in out and "August" in out and "budget was cut" in out
    for stream in (out, err):
        assert not any(ord(ch) < 0x20 and ch != "\n" for ch in stream)
        assert not any(0x7F <= ord(ch) <= 0x9F for ch in stream)
    code, out, _ = run(capsys, "refresh", url, "--json")
    assert "\x1b" not in out  # JSON escapes what it keeps


def test_usage_and_unknown_articles(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "refresh")[0] == 2
    assert run(capsys, "refresh", "x", "--all")[0] == 2
    code, out, err = run(capsys, "refresh", "../../../etc/passwd")
    assert (code, out) == (1, "")
    assert err == "reader: no article '../../../etc/passwd' in the library\n"


def test_verdicts_follow_their_claims_to_the_new_text_and_a_lost_one_is_kept(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/harbour"
    PAGES["/harbour"] = page(FIRST)
    run(capsys, "add", url)
    store = NoteStore()
    article = store.find_article(url)
    stored = Library().stored(article.id) if article else None
    assert article is not None and stored is not None
    quote = next(c for c in stored.claims if "June" in c.text)
    critics = next(c for c in stored.claims if "Critics" in c.text)
    text = load(url).text
    for claim, verdict in ((quote, "disputed"), (critics, "needs-checking")):
        store.set_verdict(article.id, anchor_for(text, claim.start, claim.end), verdict, claim.id)
    PAGES["/harbour"] = page(SECOND)

    code, out, _ = run(capsys, "refresh", url, "--json")
    assert code == 0 and json.loads(out)[0]["lost_verdicts"] == 1
    code, out, _ = run(capsys, "claims", "--verdict", "disputed", "--json")
    [claim] = json.loads(out)
    assert "September" in claim["text"] and claim["verdict"] == "disputed"
    verdicts = {v.verdict: v for v in NoteStore().verdicts(article.id)}
    assert set(verdicts) == {"disputed", "needs-checking"}  # the lost one is kept
    assert verdicts["needs-checking"].anchor.exact == critics.text


def test_an_empty_library_is_friendly(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "refresh", "--all") == (
        0,
        "",
        "reader: no URL or file articles in the library to refresh\n",
    )
    assert run(capsys, "refresh", "--all", "--json")[:2] == (0, "[]\n")


def test_an_article_read_from_stdin_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    article = NoteStore().open_article("-", "The mayor said the quay would open in June.", "Quay")
    code, out, err = run(capsys, "refresh", article.id)
    assert (code, out) == (1, "")
    assert err == "reader: Quay: read from stdin: cannot be fetched again\n"


def test_an_analysis_that_breaks_on_one_article_leaves_it_as_it_was_and_the_rest_go_on(
    server: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.analysis

    PAGES["/a"] = page(FIRST.replace("Harbour plan", "Story a"), "Story a")
    PAGES["/b"] = page(FIRST.replace("Harbour plan", "Story b"), "Story b")
    run(capsys, "add", f"{server}/a", f"{server}/b")
    PAGES["/a"] = page(SECOND.replace("Harbour plan", "Story a"), "Story a")
    PAGES["/b"] = page(SECOND.replace("Harbour plan", "Story b"), "Story b")
    real = reader.analysis.analyze

    def analyze(document, *args, **kwargs):  # type: ignore[no-untyped-def]
        if document.source.endswith("/a"):
            raise RuntimeError("a bug")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(reader.analysis, "analyze", analyze)
    code, out, err = run(capsys, "refresh", "--all")
    assert code == 1
    assert err == (
        "reader: Story a: mayor defends the budget: internal error in the analysis (RuntimeError)\n"
    )
    assert f"changed: Story b: mayor defends the budget ({server}/b)" in out
    stored = {e.title: Library().stored(e.id) for e in Library().articles()}
    assert "June" in " ".join(c.text for c in stored["Story a: mayor defends the budget"].claims)
    monkeypatch.setattr(reader.analysis, "analyze", real)  # fixed: the next refresh sees it
    code, out, err = run(capsys, "refresh", f"{server}/a")
    assert (code, err) == (0, ""), out
    assert out.startswith("changed: Story a") and '+September,"+' in out
