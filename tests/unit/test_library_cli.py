"""`reader add`, `reader entities` and `reader claims` as a user runs them: bad input is
one line each and the rest are added, twice is a no-op, an empty library is friendly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from library_articles import DENIAL, LEAK, NAMESAKE, write
from local_server import QuietHandler, serve

from reader.cli import main
from reader.library.library import Library
from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore

ROOT = Path(__file__).resolve().parents[2]

PAGE = b"""<!doctype html><html><head><title>Skarvik leak: regulator names engineers</title>
</head><body><article><h1>Skarvik leak: regulator names engineers</h1>
<p>The Norwegian Petroleum Safety Authority said on Friday that two engineers had warned
Maren Holt about the pressure readings in August.</p>
<p>Ms Holt denied that she had been told, her lawyer said.</p></article></body></html>"""


class Pages(QuietHandler):
    """`/article` is a news page; anything else is 404."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/article":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
            return
        self.send_error(404)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_bad_inputs_are_one_line_each_and_the_rest_are_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leak = write(tmp_path, "leak.md", LEAK)
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    missing = tmp_path / "gone.md"
    with serve(Pages) as base:
        code, out, err = run(
            capsys, "add", str(leak), str(missing), str(binary), f"{base}/dead", f"{base}/article",
            "--jobs", "1",
        )  # fmt: skip
    lines = err.splitlines()
    assert code == 1
    assert len(lines) == 3, err
    assert "gone.md" in lines[0] and "photo.md" in lines[1] and "/dead" in lines[2]
    assert all(line.startswith("reader: ") and "Traceback" not in line for line in lines)
    assert out.startswith("added 2 article(s); 3 failed")
    titles = sorted(a.title for a in Library().articles())
    assert titles == [
        "Skarvik leak: regulator names engineers",
        "Veltra Energy chief accused of hiding pipeline leak",
    ]
    web = next(a for a in Library().articles() if a.source.startswith("http"))
    assert web.outlet == "127.0.0.1"


def test_adding_twice_is_a_no_op_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "story", "leak.md", LEAK)
    write(tmp_path / "story", "denial.md", DENIAL)
    assert run(capsys, "add", str(tmp_path / "story"), "--jobs", "1")[1].startswith(
        "added 2 article(s)"
    )
    code, out, err = run(capsys, "add", str(tmp_path / "story"), "--jobs", "1")
    assert code == 0 and err == ""
    assert out.startswith("added 0 article(s); 2 already in the library, unchanged")


def test_a_folder_holding_the_store_adds_its_articles_not_the_stores_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "story"
    write(story, "leak.md", LEAK)
    db = str(story / "notes.json")  # the store kept inside the folder being added
    assert run(capsys, "add", str(story), "--db", db, "--jobs", "1")[1].startswith(
        "added 1 article(s)"
    )
    assert any((story / "notes.library.snapshots").iterdir())  # the kept text is there
    code, out, err = run(capsys, "add", str(story), "--db", db, "--jobs", "1")
    assert code == 0 and err == ""
    assert out.startswith("added 0 article(s); 1 already in the library, unchanged")


def test_a_directory_with_nothing_to_read_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "photo.png").write_bytes(b"\x89PNG")
    code, out, err = run(capsys, "add", str(tmp_path / "empty"))
    assert (code, out) == (1, "")
    assert err.startswith("reader: nothing to add: no readable files in ") and err.count("\n") == 1


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add")[0] == 2
    assert run(capsys, "add", "x.md", "--jobs", "0")[0] == 2
    assert run(capsys, "claims", "--verdict", "maybe")[0] == 2


def test_an_empty_library_is_friendly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "entities")
    assert (code, out) == (0, "") and "library is empty" in err and "reader add" in err
    code, out, err = run(capsys, "claims", "--about", "Holt", "--json")
    assert code == 0 and json.loads(out) == [] and "library is empty" in err


def test_add_two_articles_then_the_claims_about_holt_come_from_both(tmp_path: Path) -> None:
    leak = write(tmp_path, "leak.md", LEAK)
    denial = write(tmp_path, "denial.md", DENIAL)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "reader"]
    added = subprocess.run(
        [*command, "add", str(leak), str(denial)], capture_output=True, text=True, env=env
    )
    assert added.returncode == 0, added.stderr
    listed = subprocess.run(
        [*command, "claims", "--about", "Holt", "--json"], capture_output=True, text=True, env=env
    )
    assert listed.returncode == 0, listed.stderr
    claims = json.loads(listed.stdout)
    assert {c["article"]["title"] for c in claims} == {
        "Veltra Energy chief accused of hiding pipeline leak",
        "Veltra denies emails show early warning of leak",
    }
    assert [c["article"]["date"] for c in claims][0] == "2026-11-04"  # newest article first
    first = claims[0]
    assert set(first) >= {"article", "text", "content", "tags", "source", "about", "verdict",
                          "disputes"}  # fmt: skip
    assert set(first["article"]) >= {"id", "title", "source", "date"}
    assert all("Maren Holt" in c["about"] for c in claims)
    text = subprocess.run(
        [*command, "claims", "--about", "Ms Holt"], capture_output=True, text=True, env=env
    )
    assert "Veltra denies emails show early warning of leak  (Coastal Times, 2026-11-04)" in (
        text.stdout.splitlines()
    )


def test_claims_across_articles_load_neither_the_analysis_nor_the_documents() -> None:
    # `reader claims` answers from the ledger cache: the topic words that link a denial to
    # the claim it answers in another article were kept when the claims were stored, and
    # a cache found fresh is not linked again (the linker's rules load only to relink).
    ledger = ROOT / "tests" / "fixtures" / "ledger"
    added = [str(ledger / "courier-talks.md"), str(ledger / "kremlin-denies.md")]
    assert main(["add", *added, "--jobs", "1"]) == 0
    code = (
        "import contextlib, io, json, sys\n"
        "from reader.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    main(['claims', '--by', 'Strokova', '--json'])\n"
        "heavy = ('reader.analysis', 'reader.document', 'reader.notes.model', 'platformdirs',\n"
        "         'reader.library.linking')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "print(json.dumps({'claims': json.loads(out.getvalue()), 'loaded': loaded}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["loaded"] == []
    denial = next(c for c in answer["claims"] if "any regular contact" in c["content"])
    assert [d["article"]["date"] for d in denial["disputes"]] == ["2026-10-14"]


def test_entities_json_and_the_readers_merge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [
        write(tmp_path, n, t) for n, t in (("a.md", LEAK), ("b.md", DENIAL), ("c.md", NAMESAKE))
    ]
    run(capsys, "add", *map(str, paths), "--jobs", "1")
    code, out, _ = run(capsys, "entities", "--kind", "person", "--json")
    entities = {e["name"]: e for e in json.loads(out)}
    assert code == 0 and {"Maren Holt", "Tomas Holt", "Holt"} <= set(entities)
    holt = entities["Holt"]
    assert set(holt) >= {"name", "kind", "aliases", "articles", "claims_about", "claims_by"}
    assert holt["possibly"] == ["Maren Holt", "Tomas Holt"]
    code, out, err = run(capsys, "entities", "merge", "Maren Holt", "Holt")
    assert code == 0 and out.startswith("merged: Maren Holt (person): 2 article(s)"), err
    code, out, err = run(capsys, "entities", "merge", "Nobody", "Holt")
    assert code == 1 and err == "reader: no entity called 'Nobody' in the library\n"
    code, out, err = run(capsys, "entities", "split", "Maren Holt", "Holt")
    assert code == 0 and out.startswith("split off: Holt (person): 1 article(s)"), err


def test_claimreview_lists_the_claims_with_a_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leak = write(tmp_path, "leak.md", LEAK)
    run(capsys, "add", str(leak), "--jobs", "1")
    claim = next(c for c in Library().claims(by="Maren Holt") if "quote" in c.tags)
    from reader.document import load

    text = load(str(leak)).text
    NoteStore().set_verdict(claim.article.id, anchor_for(text, claim.start, claim.end), "false")
    code, out, _ = run(capsys, "claims", "--format", "claimreview")
    graph = json.loads(out)["@graph"]
    assert code == 0 and len(graph) == 1
    review = graph[0]
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == claim.content
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Maren Holt"}
    assert review["reviewRating"]["alternateName"] == "false"
    assert review["itemReviewed"]["appearance"]["publisher"]["name"] == "Northern Ledger"


def test_hostile_titles_and_names_reach_the_terminal_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = LEAK.replace("Veltra Energy chief", "Veltra \x1b]52;c;aGk=\x07 chief").replace(
        "Maren Holt", "Maren \x1b[31mHolt"
    )
    run(capsys, "add", str(write(tmp_path, "leak.md", hostile)), "--jobs", "1")
    for argv in (("entities",), ("claims",)):
        code, out, err = run(capsys, *argv)
        assert code == 0 and out and "\x1b" not in out + err and "\x07" not in out


def test_db_keeps_the_library_beside_that_store(
    tmp_path: Path, reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "elsewhere" / "mine.json"
    leak = write(tmp_path, "leak.md", LEAK)
    assert run(capsys, "add", str(leak), "--jobs", "1", "--db", str(db))[0] == 0
    assert (tmp_path / "elsewhere" / "mine.library.articles").is_dir()
    assert not list(reader_home.glob("notes*"))  # nothing of the store or library here
    code, out, _ = run(capsys, "claims", "--about", "Holt", "--json", "--db", str(db))
    assert code == 0 and len(json.loads(out)) >= 2
    assert json.loads(run(capsys, "claims", "--about", "Holt", "--json")[1]) == []
