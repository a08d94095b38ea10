"""`reader.analysis.batch`: many sources in worker processes, outcomes in input order.

The real rule backend runs here on small articles, in real worker processes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from reader.analysis.batch import WINDOW_PER_JOB, Outcome, analyse_many, expand
from reader.analysis.model import Analysis

ARTICLE = (
    "# {title}\n\nThe Harbour Gazette reported that Mayor {name} approved the contract. "
    "{last} denied any wrongdoing, her office said.\n"
)
NAMES = ("Ines Varga", "Tomas Berg", "Lena Okafor", "Rui Costa", "Mara Lind", "Omar Haddad")


def summary(analysis: Analysis) -> tuple[str, tuple[str, ...], int]:
    """A small, picklable result: title, entity names, number of claims."""
    return analysis.document.title, tuple(e.name for e in analysis.entities), len(analysis.claims)


def die_on_berg(analysis: Analysis) -> str:
    """A `finish` whose worker dies (as on a crash in C) for one article."""
    if "Berg" in analysis.document.text:
        os._exit(3)
    return analysis.document.title


def _articles(folder: Path, count: int = len(NAMES)) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number, name in enumerate(NAMES[:count]):
        path = folder / f"{number:02d}.md"
        body = ARTICLE.format(title=f"Story {number}", name=name, last=name.split()[1])
        path.write_text(body * (1 + 20 * (number % 2)), encoding="utf-8")  # uneven sizes
        paths.append(str(path))
    return paths


def _outcomes(sources: Sequence[str], jobs: int) -> list[Outcome[object]]:
    return list(analyse_many(sources, jobs=jobs, finish=summary))


def test_outcomes_come_in_input_order_with_results(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "news")
    outcomes = _outcomes(paths, jobs=2)
    assert [o.index for o in outcomes] == list(range(len(paths)))
    assert [o.source for o in outcomes] == paths
    for number, outcome in enumerate(outcomes):
        assert outcome.error is None
        title, names, claims = outcome.result  # type: ignore[misc]
        assert title == f"Story {number}"
        assert NAMES[number] in names
        assert claims >= 1
        assert outcome.words >= 15


def test_jobs_1_and_jobs_2_give_identical_outcomes(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "news")
    paths.insert(2, str(tmp_path / "missing.md"))
    assert _outcomes(paths, jobs=1) == _outcomes(paths, jobs=2)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_document_among_good_ones(tmp_path: Path, jobs: int) -> None:
    paths = _articles(tmp_path / "news", 3)
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    sources = [paths[0], str(tmp_path / "gone.md"), paths[1], str(binary), paths[2]]
    outcomes = _outcomes(sources, jobs=jobs)
    assert [o.error is None for o in outcomes] == [True, False, True, False, True]
    assert "gone.md" in (outcomes[1].error or "")
    assert "photo.md" in (outcomes[3].error or "")
    assert all(o.result is None and o.words == 0 for o in outcomes if o.error)


def test_a_worker_that_dies_fails_its_document_only(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "news", 4)
    outcomes = list(analyse_many(paths, jobs=2, finish=die_on_berg))
    assert [o.result for o in outcomes] == ["Story 0", None, "Story 2", "Story 3"]
    assert "ended unexpectedly" in (outcomes[1].error or "")


def test_hostile_file_names_reach_errors_only_as_one_safe_line(tmp_path: Path) -> None:
    hostile = tmp_path / "evil\n\x1b]52;c;cGF3bmVk\x07\x1b[2J.md"
    hostile.write_bytes(b"\x00\x01\x02" * 500)  # binary: refused with its name
    sources = [str(hostile), str(tmp_path / "gone\r\n\x1b[31m.md")]
    for jobs in (1, 2):
        for outcome in _outcomes(sources, jobs=jobs):
            assert outcome.error
            assert not any(ch in outcome.error for ch in "\n\r\x1b\x07")
            assert "evil" in outcome.error or "gone" in outcome.error


class _Watched(Sequence[str]):
    """A list of sources that records the highest index read."""

    def __init__(self, items: list[str]) -> None:
        self.items = items
        self.highest = -1

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        self.highest = max(self.highest, index)
        return self.items[index]


def test_inputs_are_handed_out_a_window_at_a_time(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    sources = _Watched([str(folder / f"missing-{n}.md") for n in range(200)])
    outcomes = analyse_many(sources, jobs=2, finish=summary)
    first = next(outcomes)
    assert first.index == 0
    assert sources.highest < WINDOW_PER_JOB * 2
    assert len(list(outcomes)) == 199


def test_progress_counts_every_document(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "news", 3)
    seen: list[tuple[int, int]] = []
    list(analyse_many(paths, jobs=2, finish=summary, progress=lambda d, t: seen.append((d, t))))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_directory_expands_to_its_readable_files(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    (root / "b-sub" / "deeper").mkdir(parents=True)
    (root / ".hidden-dir").mkdir()
    for name in (
        "a.md",
        "c.TXT",
        "page.html",
        "b-sub/one.epub",
        "b-sub/deeper/two.pdf",
        "notes.markdown",
    ):
        (root / name).write_text("x", encoding="utf-8")
    for name in ("photo.png", "data.json", ".secret.md", ".hidden-dir/x.md", "README"):
        (root / name).write_text("x", encoding="utf-8")
    (root / "b-sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.md").symlink_to(root / "nowhere.md")
    expanded = expand(["-", str(root), "https://example.org/a", str(tmp_path / "gone.md")])
    relative = [os.path.relpath(p, root) for p in expanded[1:-2]]
    assert expanded[0] == "-"
    assert relative == [
        "a.md",
        "b-sub/deeper/two.pdf",
        "b-sub/one.epub",
        "c.TXT",
        "notes.markdown",
        "page.html",
    ]
    assert expanded[-2:] == ["https://example.org/a", str(tmp_path / "gone.md")]


def test_no_sources_no_outcomes() -> None:
    assert list(analyse_many([], jobs=2)) == []


def test_spawned_workers_give_the_same_outcomes(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "news", 3)
    paths.insert(1, str(tmp_path / "missing.md"))
    spawned = list(analyse_many(paths, jobs=2, finish=summary, start_method="spawn"))
    assert spawned == _outcomes(paths, jobs=1)


def unsendable(analysis: Analysis) -> object:
    """A `finish` whose result cannot cross back to the parent."""
    return lambda: analysis


def test_a_result_that_cannot_cross_back_is_an_error_outcome(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "news", 2)
    outcomes = list(analyse_many(paths, jobs=2, finish=unsendable))
    assert [o.result for o in outcomes] == [None, None]
    assert all("not sendable" in (o.error or "") for o in outcomes)
