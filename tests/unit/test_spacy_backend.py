"""The spaCy backend, for real: a blank English pipeline with an `entity_ruler`.

No model download: the fixture builds a tiny pipeline whose entity ruler knows
a few names, saves it with `nlp.to_disk`, and the backend loads it by path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from reader.analysis.backends.spacy import SpacyBackend, chunks, group_mentions, trim
from reader.cli import main
from reader.errors import AnalysisError

ARTICLE = (
    "Harbour Gazette reported that Mayor Ines Varga approved the contract in Valmora.\n\n"
    "Varga denied any wrongdoing. Quayline Construction said Varga's office was not involved.\n"
    "The Danish minister met Anatoly Verin on Monday.\n"
)
PATTERNS = [
    {"label": "ORG", "pattern": "Harbour Gazette"},
    {"label": "PERSON", "pattern": "Ines Varga"},
    {"label": "PERSON", "pattern": "Varga"},
    {"label": "GPE", "pattern": "Valmora"},
    {"label": "ORG", "pattern": "Quayline Construction"},
    {"label": "NORP", "pattern": "Danish"},
    {"label": "PERSON", "pattern": "Anatoly Verin"},
    {"label": "DATE", "pattern": "Monday"},
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved blank English pipeline whose entity ruler knows the names above."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(PATTERNS)
    path = tmp_path_factory.mktemp("spacy") / "ruler_model"
    nlp.to_disk(path)
    return path


def test_extract_with_a_saved_pipeline(
    model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    argv = ["extract", str(article), "--backend", "spacy", "--model", str(model_dir), "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    text = data["document"]["text"]
    by_name = {e["name"]: e for e in data["entities"]}
    assert set(by_name) == {
        "Ines Varga",
        "Harbour Gazette",
        "Valmora",
        "Quayline Construction",
        "Anatoly Verin",
    }
    varga = by_name["Ines Varga"]
    assert varga["kind"] == "person"
    assert varga["aliases"] == ["Varga"]
    assert [text[s:e] for s, e in varga["mentions"]] == ["Ines Varga", "Varga", "Varga"]
    assert by_name["Harbour Gazette"]["kind"] == "org"
    assert by_name["Valmora"]["kind"] == "place"
    assert data["entities"][0]["name"] == "Ines Varga"  # most mentioned first
    for claim in data["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
    # claims come from the rule finder, attributed to spaCy's entities
    report, denial = data["claims"][0], data["claims"][1]
    assert report["text"].startswith("Harbour Gazette reported that")
    assert report["source"] == by_name["Harbour Gazette"]["id"]
    assert "reported" in report["tags"]
    assert denial["source"] == varga["id"]
    assert "denial" in denial["tags"]
    assert denial["disputes"] == [report["id"]]


def test_missing_model_names_the_download_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(AnalysisError) as info:
        SpacyBackend("en_core_web_nonexistent")
    message = str(info.value)
    assert message == (
        "spaCy model 'en_core_web_nonexistent' is not installed: "
        "python -m spacy download en_core_web_nonexistent"
    )


def test_missing_model_directory(tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match="does not exist"):
        SpacyBackend(str(tmp_path / "nowhere"))


def test_directory_that_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match="is not a spaCy model directory"):
        SpacyBackend(str(tmp_path))


def test_missing_spacy_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.analysis.backends import spacy as spacy_backend

    spacy_backend.load_model.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "spacy", None)
    with pytest.raises(AnalysisError) as info:
        SpacyBackend("blank:en")
    assert str(info.value) == "the spaCy backend needs spaCy: pip install 'reader[spacy]'"
    spacy_backend.load_model.cache_clear()


def test_cli_reports_a_missing_model_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Ines Varga said so.\n", encoding="utf-8")
    assert main(["extract", str(article), "--backend", "spacy", "--model", "xx_missing_sm"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "reader: spaCy model 'xx_missing_sm' is not installed: "
        "python -m spacy download xx_missing_sm\n"
    )


def test_mentions_across_chunks_index_the_whole_text(model_dir: Path) -> None:
    backend = SpacyBackend(str(model_dir))
    text = ("filler line\n" * 40 + "Ines Varga spoke in Valmora.\n") * 30
    import reader.analysis.backends.spacy as module

    original = module.CHUNK_CHARS
    module.CHUNK_CHARS = 500
    try:
        found = backend.mentions(text)
    finally:
        module.CHUNK_CHARS = original
    assert len(found) == 60
    assert {text[s:e] for (s, e), _ in found} == {"Ines Varga", "Valmora"}


@pytest.mark.parametrize(
    ("text", "size"), [("", 10), ("one line only", 5), ("a\nbb\nccc\n" * 50, 7), ("x" * 99, 10)]
)
def test_chunks_cover_the_text_exactly(text: str, size: int) -> None:
    pieces = list(chunks(text, size))
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[start : start + len(piece)] == piece for start, piece in pieces)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Varga's", "Varga"),
        ("Varga\u2019s", "Varga"),
        ("\u201cThe Gazette,", "The Gazette"),
        ("Farmers'", "Farmers"),
        ("Ines Varga", "Ines Varga"),
    ],
)
def test_trim(text: str, expected: str) -> None:
    span = trim(text, 0, len(text))
    assert span is not None and text[span[0] : span[1]] == expected


def test_trim_of_punctuation_only_is_none() -> None:
    assert trim("\u201c.,\u201d", 0, 4) is None


def test_group_mentions_folds_surnames_and_keeps_ambiguous_ones_apart() -> None:
    text = (
        "Lars Vendelbo met Anna Holm and Erik Holm. Vendelbo and Holm left. "
        "The Chronicle, Chronicle."
    )
    spans = []
    for word, kind in [
        ("Lars Vendelbo", "person"),
        ("Anna Holm", "person"),
        ("Erik Holm", "person"),
        ("Vendelbo", "person"),
        ("Holm", "person"),
        ("The Chronicle", "org"),
        ("Chronicle", "org"),
    ]:
        start = text.index(word + (" and" if word in ("Vendelbo", "Holm") else ""))
        if word == "Chronicle":
            start = text.rindex("Chronicle")
        spans.append(((start, start + len(word)), kind))
    entities = group_mentions(text, spans)  # type: ignore[arg-type]
    by_name = {e.name: e for e in entities}
    assert by_name["Lars Vendelbo"].aliases == ("Vendelbo",)
    assert "Holm" in by_name  # two Holms: the surname stays its own entity
    assert by_name["The Chronicle"].aliases == ("Chronicle",)
    assert [e.id for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
