"""`reader feed ...` end to end in-process: files, a local server on 127.0.0.1, subscriptions."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from feed_samples import ATOM, EMPTY_FEED, HOSTILE_TITLE, HTML_PAGE, RSS1, RSS2, rss
from local_server import QuietHandler, serve

from reader.cli import main
from reader.feeds import feeds_path

ROUTES: dict[str, tuple[str, bytes]] = {
    "/rss2": ("application/rss+xml; charset=utf-8", RSS2.encode()),
    "/rss1": ("application/rdf+xml", RSS1.encode()),
    "/atom": ("application/atom+xml", ATOM.encode()),
    "/page": ("text/html", HTML_PAGE.encode()),
    "/evil": ("text/xml", HOSTILE_TITLE.encode()),
    "/image": ("image/png", b"\x89PNG\r\n\x1a\n"),
}
GROWING: dict[str, int] = {"count": 3}


class Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/growing":
            ctype, body = "application/xml", rss("grow", GROWING["count"]).encode()
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        elif self.path == "/slow":
            threading.Event().wait(3)
            ctype, body = "application/xml", rss("slow", 1).encode()
        elif self.path in ROUTES:
            ctype, body = ROUTES[self.path]
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(Handler) as url:
        yield url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["feed", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("route", ["/rss2", "/rss1", "/atom"])
def test_feed_from_url_as_json(server: str, route: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, f"{server}{route}", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"title", "link", "items"}
    dates = [item["date"] for item in data["items"] if item["date"]]
    assert dates == sorted(dates, reverse=True)
    keys = {"title", "link", "date", "author", "summary"}
    assert all(set(item) == keys for item in data["items"])


def test_feed_from_file_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, write(tmp_path, "h.xml", RSS2))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Harbour & Town  https://example.org/"
    assert lines[1].startswith("2024-01-03 08:30  Ferry timetable changes")
    assert "The council delayed the vote. Again & again." in out


def test_hostile_title_is_inert_on_the_terminal_and_exact_in_json(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, f"{server}/evil")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "␛]52;c;" in out
    code, out, _ = run(capsys, f"{server}/evil", "--json")
    assert "\x1b]52;c;ZWNobyBwd25lZA==\x07" in json.loads(out)["items"][0]["title"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d, s: write(d, "page.xml", HTML_PAGE), "is an HTML page, not a feed"),
        (lambda d, s: f"{s}/page", "is an HTML page, not a feed"),
        (lambda d, s: write(d, "empty.xml", ""), "is empty, not a feed"),
        (lambda d, s: write(d, "quiet.xml", EMPTY_FEED), "is a feed without items"),
        (lambda d, s: str(d / "missing.xml"), "no such file"),
        (lambda d, s: f"{s}/image", "is not a text document"),
        (lambda d, s: f"{s}/nothing", "HTTP 404"),
        (lambda d, s: f"{s}/to-file", "only http and https redirects"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    tmp_path: Path, server: str, make: object, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert callable(make)
    code, out, err = run(capsys, make(tmp_path, server))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for args in ([], ["remove"], ["update", "x", "--all"], ["--bogus"]):
        with pytest.raises(SystemExit) as caught:
            main(["feed", *args])
        assert caught.value.code == 2
    capsys.readouterr()


def test_subscribe_update_and_remove(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    GROWING["count"] = 3
    grow, local = f"{server}/growing", write(tmp_path, "atom.xml", ATOM)
    assert run(capsys, "list")[1] == "no feeds yet: reader feed add URL\n"
    code, out, _ = run(capsys, "add", grow)
    assert code == 0 and "subscribed to grow (3 items)" in out
    assert run(capsys, "add", grow)[1].startswith("already subscribed")
    assert run(capsys, "add", local)[0] == 0
    code, out, _ = run(capsys, "list", "--json")
    assert [row["url"] for row in json.loads(out)] == [grow, str(Path(local).resolve())]

    code, out, _ = run(capsys, "update")
    assert code == 0 and out.splitlines() == ["    0 new  grow", "    0 new  Atom Log"]
    GROWING["count"] = 5
    code, out, _ = run(capsys, "update", "--all")
    assert out.splitlines() == ["    2 new  grow", "    0 new  Atom Log"]
    assert run(capsys, "update", grow)[1] == "    0 new  grow\n"

    Path(local).unlink()
    code, out, err = run(capsys, "update")
    assert code == 1 and out == "    0 new  grow\n" and "no such file" in err

    assert run(capsys, "remove", local)[0] == 0
    code, _, err = run(capsys, "remove", local)
    assert code == 1 and "not subscribed" in err
    assert [row["url"] for row in json.loads(run(capsys, "list", "--json")[1])] == [grow]
    assert json.loads(feeds_path().read_text())["feeds"][0]["seen"][-1] == "grow-4"


def test_update_keeps_to_the_fetch_deadline(
    server: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.feeds import Subscription, Subscriptions

    with Subscriptions().editing() as feeds:  # subscribed while the server was quick
        feeds += [Subscription(f"{server}/slow", "slow"), Subscription(f"{server}/atom", "atom")]
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "1")
    start = time.perf_counter()
    code, out, err = run(capsys, "update")
    assert time.perf_counter() - start < 2.8  # the server would take 3 s
    assert code == 1 and out == "    2 new  Atom Log\n"
    assert "timed out after 1 s" in err and err.count("\n") == 1


def test_a_damaged_subscriptions_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds_path().write_text("{not json", encoding="utf-8")
    for args in (["list"], ["update"], ["add", write(tmp_path, "a.xml", ATOM)]):
        code, out, err = run(capsys, *args)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "feeds.json is damaged" in err
    assert feeds_path().read_text() == "{not json"
    feeds_path().write_text('{"feeds": [{"url": 3}]}', encoding="utf-8")
    assert "is damaged" in run(capsys, "list")[2]


def test_the_write_is_atomic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", write(tmp_path, "a.xml", ATOM))
    leftovers = [p.name for p in feeds_path().parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert json.loads(feeds_path().read_text())["version"] == 1
