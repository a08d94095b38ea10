"""`reader extract`: JSON contract, readable summary, errors and exit codes.

The analysis is replaced by a fixed fake here so these tests check the command
itself; `test_samples_gold.py` runs the real analysis on the sample articles.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from reader import extract_cmd
from reader.analysis.model import Analysis, Claim, Entity
from reader.cli import main
from reader.document.model import Document
from reader.errors import AnalysisError, InputError

TEXT = (
    "The Harbour Gazette reported that Mayor Ines Varga approved the contract. "
    "Varga denied any wrongdoing, her office said."
)


def _fake_analysis(document: Document) -> Analysis:
    text = document.text
    gazette = text.index("The Harbour Gazette")
    varga = text.index("Ines Varga")
    second = text.index("Varga denied")
    entities = (
        Entity(
            "e1", "Ines Varga", "person", ("Varga",), ((varga, varga + 10), (second, second + 5))
        ),
        Entity("e2", "The Harbour Gazette", "org", (), ((gazette, gazette + 19),)),
    )
    first_end = text.index(".") + 1
    claims = (
        Claim(
            "c1", 0, first_end, (34, first_end - 1), (20, 28), (0, 19), "e2", ("reported",), ("e1",)
        ),
        Claim(
            "c2",
            second,
            len(text),
            (second, len(text) - 18),
            None,
            None,
            "e1",
            ("denial",),
            ("e1",),
            ("c1",),
        ),
    )
    return Analysis(document=document, entities=entities, claims=claims)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace `load` and `analyze` with fakes; record how `analyze` was called."""
    calls: dict[str, Any] = {}

    def load(source: str) -> Document:
        if source == "missing.md":
            raise InputError("missing.md: no such file")
        return Document(text=TEXT, title="Contract row", source=source, date="2026-11-02")

    def analyze(document: Document, **kwargs: Any) -> Analysis:
        calls.update(kwargs)
        if kwargs.get("progress") is not None:
            kwargs["progress"](0.5)
        if kwargs.get("backend") == "spacy":
            raise AnalysisError("the spaCy backend needs spaCy: pip install 'reader[spacy]'")
        return _fake_analysis(document)

    monkeypatch.setattr("reader.document.load", load, raising=False)
    monkeypatch.setattr(extract_cmd, "analyze", analyze)
    return calls


def test_json_is_the_contract_object(
    fake: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "article.md", "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    data = json.loads(out)
    assert set(data) == {"document", "entities", "claims"}
    assert data["document"]["title"] == "Contract row"
    assert data["document"]["text"] == TEXT
    assert [e["name"] for e in data["entities"]] == ["Ines Varga", "The Harbour Gazette"]
    assert data["claims"][1]["disputes"] == ["c1"]
    assert data["claims"][0]["text"] == TEXT[: TEXT.index(".") + 1]


def test_json_keeps_non_ascii(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "\u201cNo,\u201d said Zo\u00eb Ba\u0161i\u0107."
    monkeypatch.setattr("reader.document.load", lambda s: Document(text=text), raising=False)
    monkeypatch.setattr(extract_cmd, "analyze", lambda d, **k: Analysis(d, (), ()))
    assert main(["extract", "x.txt", "--json"]) == 0
    out = capsys.readouterr().out
    assert "Ba\u0161i\u0107" in out and "\\u" not in out


def test_backend_and_model_are_passed_on(fake: dict[str, Any]) -> None:
    assert main(["extract", "a.md", "--json", "--backend", "spacy", "--model", "m"]) == 1
    assert fake["backend"] == "spacy"
    assert fake["model"] == "m"
    assert main(["extract", "a.md", "--json"]) == 0
    assert fake["backend"] == "rules"
    assert fake["model"] is None


def test_summary_groups_entities_by_kind_with_claims(
    fake: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "article.md"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Contract row - 2026-11-02 - article.md"
    assert lines.index("People") < lines.index("Organisations")
    assert "  Ines Varga (2 mentions)  aka Varga" in lines
    assert "  The Harbour Gazette (1 mention)" in lines
    claim_lines = [line for line in lines if line.startswith("    c")]
    assert claim_lines[0].split()[:2] == ["c1", "reported"]
    assert "The Harbour Gazette: Mayor Ines Varga approved the contract" in claim_lines[0]
    assert "(disputes c1)" in claim_lines[1]
    # aligned: the source column starts at the same place on every claim line
    assert {line[29] + line[30] for line in claim_lines} == {" T", " I"}
    assert not any("\033[" in line for line in lines)


def test_input_error_is_one_line_exit_1(
    fake: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "missing.md"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "reader: missing.md: no such file\n"
    assert captured.out == ""


def test_missing_backend_is_exit_1(
    fake: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "a.md", "--backend", "spacy"]) == 1
    assert "pip install 'reader[spacy]'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["extract"],
        ["extract", "a.md", "--backend", "nope"],
        ["extract", "a.md", "--bogus"],
        ["extract", "a.md", "--model", "en_core_web_sm"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: reader extract" in capsys.readouterr().err


def test_progress_bar_draws_only_on_a_tty(tmp_path: Path) -> None:
    from reader.progress import ProgressBar

    class Tty:
        def __init__(self) -> None:
            self.written = ""

        def isatty(self) -> bool:
            return True

        def write(self, s: str) -> None:
            self.written += s

        def flush(self) -> None:
            pass

    tty = Tty()
    bar = ProgressBar("analysing", tty)  # type: ignore[arg-type]
    bar(0.5)
    bar(0.5)
    assert tty.written.count("50%") == 1
    bar.close()
    assert tty.written.endswith("\r")
    with (tmp_path / "log").open("w") as log:
        quiet = ProgressBar("analysing", log)
        quiet(0.5)
    assert (tmp_path / "log").read_text() == ""


SAMPLE = Path(__file__).resolve().parents[2] / "sample_articles" / "kremlin-channel.md"


def test_real_extract_of_the_flagship_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    text = data["document"]["text"]
    assert data["document"]["date"] == "2026-10-14"
    assert not text.startswith("---")
    assert data["entities"] and data["claims"]
    for entity in data["entities"]:
        assert entity["kind"] in {"person", "org", "place", "other"}
        assert all(0 <= s < e <= len(text) for s, e in entity["mentions"])
    for claim in data["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["source"] is None or claim["source"] in {e["id"] for e in data["entities"]}


def test_real_summary_of_the_flagship_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Shipping tycoon kept private channel to the Kremlin")
    assert "People" in lines
    assert any(line.startswith("    c") for line in lines)


def test_real_missing_file_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope.md"), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("reader: ") and captured.err.count("\n") == 1


class FakeTty(io.StringIO):
    """A stderr that claims to be a terminal, so the progress bar draws into it."""

    def isatty(self) -> bool:
        return True


def test_long_document_draws_a_progress_bar_on_a_tty_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    long_text = "Ines Varga said the port was ready. " * 2000
    monkeypatch.setattr("reader.document.load", lambda s: Document(text=long_text), raising=False)

    def analyze(document: Document, **kwargs: Any) -> Analysis:
        for step in range(5):
            kwargs["progress"](step / 4)
        return Analysis(document, (), ())

    monkeypatch.setattr(extract_cmd, "analyze", analyze)
    tty = FakeTty()
    monkeypatch.setattr("sys.stderr", tty)
    assert main(["extract", "long.txt", "--json"]) == 0
    drawn = tty.getvalue()
    assert "analysing [" in drawn and " 50%" in drawn and "100%" in drawn
    assert drawn.endswith("\r")  # erased at the end
    assert json.loads(capsys.readouterr().out)["document"]["text"] == long_text


def test_short_document_draws_no_progress_bar(
    fake: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    tty = FakeTty()
    monkeypatch.setattr("sys.stderr", tty)
    assert main(["extract", "a.md", "--json"]) == 0
    assert tty.getvalue() == ""
