"""`Analysis.to_json_text` is `json.dumps(to_json())` to the byte: the `--json` contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis import analyze
from reader.analysis.model import Analysis, Claim, Entity
from reader.document import load
from reader.document.model import Document

SAMPLES = Path(__file__).resolve().parents[2] / "sample_articles"


def plain(analysis: Analysis) -> str:
    return json.dumps(analysis.to_json(), ensure_ascii=False)


@pytest.mark.parametrize("path", sorted(SAMPLES.iterdir()), ids=lambda p: p.name)
def test_the_json_text_of_each_sample_article(path: Path) -> None:
    analysis = analyze(load(str(path)))
    assert analysis.claims and analysis.entities
    assert analysis.to_json_text() == plain(analysis)


def test_no_cue_no_source_no_title_and_odd_characters() -> None:
    text = 'Ana "Ruiz" said \u2028 it\u2019s \\ true \x00.'
    entity = Entity("e1", 'Ana "Ruiz"', "person", ("Ruiz",), ((0, 10),))
    claims = (
        Claim("c1", 0, len(text), (17, 30), None, None, None, (), ()),
        Claim("c2", 0, 16, (0, 16), (11, 15), (0, 10), "e1", ("statement",), ("e1",), ("c1",)),
    )
    analysis = Analysis(Document(text=text), (entity,), claims)
    assert analysis.to_json_text() == plain(analysis)
    assert json.loads(analysis.to_json_text())["claims"][0]["cue"] is None


def test_an_empty_document() -> None:
    analysis = Analysis(Document(text=""), (), ())
    assert analysis.to_json_text() == plain(analysis)
