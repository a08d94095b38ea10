"""`reader extract PATH... [--jobs N] [--jsonl]`: many documents, real analysis, real workers."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
STORY = (
    "# {title}\n\nThe Harbour Gazette reported that Mayor {name} approved the contract. "
    '"I did nothing wrong," {last} said on Tuesday.\n'
)
NAMES = ("Ines Varga", "Tomas Berg", "Lena Okafor", "Rui Costa")


class FakeTty(io.StringIO):
    """A stderr that claims to be a terminal, so the progress bar draws into it."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """A folder of four small articles (one in a subfolder) and a file that is not one."""
    folder = tmp_path / "news"
    (folder / "more").mkdir(parents=True)
    for number, name in enumerate(NAMES):
        where = folder / "more" if number == 3 else folder
        body = STORY.format(title=f"Story {number}", name=name, last=name.split()[1])
        (where / f"{number}.md").write_text(body, encoding="utf-8")
    (folder / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


def _jsonl(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict], str]:  # type: ignore[type-arg]
    code = main(["extract", *argv])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_jsonl_is_the_json_object_plus_path_in_input_order(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, err = _jsonl([str(news), "--jsonl", "--jobs", "2"], capsys)
    assert code == 0 and err == ""
    paths = [str(news / "0.md"), str(news / "1.md"), str(news / "2.md"), str(news / "more/3.md")]
    assert [line["path"] for line in lines] == paths
    for path, line in zip(paths, lines, strict=True):
        assert main(["extract", path, "--json"]) == 0
        single = json.loads(capsys.readouterr().out)
        assert line == {**single, "path": path}
        assert list(line)[-1] == "path"


def test_a_failing_document_is_an_error_line_and_the_rest_go_on(
    news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "blob.md"
    binary.write_bytes(bytes(range(256)) * 16)
    argv = [str(news / "0.md"), str(tmp_path / "gone.md"), str(news / "1.md"), str(binary)]
    code, lines, err = _jsonl([*argv, "--jsonl"], capsys)
    assert code == 1
    assert [line["path"] for line in lines] == argv
    assert set(lines[1]) == {"path", "error"} and "gone.md" in lines[1]["error"]
    assert set(lines[3]) == {"path", "error"} and "blob.md" in lines[3]["error"]
    assert lines[0]["document"]["title"] == "Story 0"
    assert lines[2]["document"]["title"] == "Story 1"
    assert err.splitlines() == [f"reader: {lines[1]['error']}", f"reader: {lines[3]['error']}"]


def test_jobs_1_and_jobs_2_print_the_same(
    news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["extract", str(news), str(tmp_path / "gone.md"), "--jsonl"]
    outputs = []
    for jobs in ("1", "2"):
        assert main([*argv, "--jobs", jobs]) == 1
        outputs.append(capsys.readouterr())
    assert outputs[0] == outputs[1]


def test_several_paths_without_jsonl_print_the_summaries_in_turn(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(news / "0.md"), str(news / "1.md"), "--jobs", "2"]) == 0
    out = capsys.readouterr().out
    first, second = out.split("\n\n" + "Story 1", 1)
    assert first.startswith("Story 0 - ") and "Ines Varga" in first
    assert "Tomas Berg" in second and "Ines Varga" not in second


@pytest.mark.parametrize(
    "argv",
    [["a.md", "b.md", "--json"], ["{news}", "--json"], ["a.md", "--json", "--jsonl"]],
)
def test_json_takes_exactly_one_document(
    argv: list[str], news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", *(a.format(news=news) for a in argv)])
    assert exit_info.value.code == 2
    assert "usage: reader extract" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "a.md", "b.md", "--jsonl", "--jobs", jobs])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_progress_bar_only_when_stderr_is_a_terminal(
    news: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(news), "--jsonl"]) == 0
    assert capsys.readouterr().err == ""
    tty = FakeTty()
    monkeypatch.setattr("sys.stderr", tty)
    assert main(["extract", str(news), "--jsonl"]) == 0
    drawn = tty.getvalue()
    assert "extracting [" in drawn and "100%" in drawn and drawn.endswith("\r")
    assert len(capsys.readouterr().out.splitlines()) == 4  # the bar never reaches stdout


def test_hostile_names_stay_exact_in_json_and_inert_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = str(tmp_path / "x\n\x1b]52;c;cGF3bmVk\x07\x1b[2J.md")
    code, lines, err = _jsonl([name, "--jsonl"], capsys)
    assert code == 1
    assert lines[0]["path"] == name
    assert err.count("\n") == 1 and err.startswith("reader: ")
    assert not any(ch in err[:-1] for ch in "\r\n\x1b\x07")


def test_the_command_end_to_end(news: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "extract", str(news), "nope.md", "--jsonl"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("error") is None for line in lines] == [True] * 4 + [False]
    assert result.stderr == f"reader: {lines[-1]['error']}\n"


def test_a_directory_with_nothing_readable_is_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "photo.png").write_bytes(b"\x89PNG")
    assert main(["extract", str(tmp_path / "empty"), "--jsonl"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("reader: no readable files") and captured.err.count("\n") == 1


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": str(tmp_path / "home")}


def test_a_closed_pipe_ends_quietly_and_stops_the_workers(news: Path, tmp_path: Path) -> None:
    many = [str(news)] * 30
    command = [sys.executable, "-m", "reader", "extract", *many, "--jsonl", "--jobs", "2"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path)
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        json.loads(process.stdout.readline())
        process.stdout.close()  # `| head -1`
        assert process.wait(timeout=120) == 0
        assert process.stderr.read() == b""


def test_ctrl_c_stops_the_workers_without_a_traceback(news: Path, tmp_path: Path) -> None:
    import signal

    many = [str(news)] * 200
    command = [sys.executable, "-m", "reader", "extract", *many, "--jsonl", "--jobs", "2"]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
        start_new_session=True,  # its own process group, as a shell gives a command
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        json.loads(process.stdout.readline())  # the workers are running
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C reaches the whole group
        assert process.wait(timeout=120) == 130
        assert b"Traceback" not in process.stderr.read()
        with pytest.raises(ProcessLookupError):
            os.killpg(process.pid, 0)  # no worker left behind
