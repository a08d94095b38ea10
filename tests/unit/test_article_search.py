"""`ArticleSearch`, the article view's search state, without a terminal."""

from __future__ import annotations

from reader.tui.widgets.article_search import ArticleSearch


def test_find_starts_after_the_offset_and_steps_wrap() -> None:
    search = ArticleSearch("one fish, two fish, red fish")
    first = search.find("fish", after=10)
    assert search.matches == [(4, 8), (14, 18), (24, 28)] and first == 1
    assert search.go(first) == (14, 18)
    assert search.step(1) == 2 and search.step(-1) == 0
    search.go(2)
    assert search.step(1) == 0  # wraps to the first
    assert search.find("fish", after=99) == 0


def test_an_empty_or_missing_query_clears() -> None:
    search = ArticleSearch("one fish")
    assert search.find("cat", after=0) == -1 and search.matches == []
    assert search.find("  ", after=0) == -1 and search.step(1) == -1
