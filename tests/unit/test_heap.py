"""`heap.paused`: no collection inside, the collector as it was after, and no pass over
everything the block made at the next allocation (`reader.analysis.heap`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from reader.analysis.heap import paused


@pytest.fixture
def passes() -> Iterator[list[int]]:
    """The generation of every collection pass while the test runs."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def test_restores_the_collector() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused():
        raise ValueError
    assert gc.isenabled()
    with paused(False):
        assert gc.isenabled()


def test_no_pass_inside_nor_over_what_it_made(passes: list[int]) -> None:
    threshold = gc.get_threshold()[0]
    with paused():
        made = [[i] for i in range(threshold * 20)]
    assert passes == []
    after = [[i] for i in range(threshold // 2)]  # fewer than one pass's worth
    assert passes == []
    assert len(made) + len(after) > threshold
