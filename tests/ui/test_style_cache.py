"""Our stylesheets parsed once: a later start gets the same rules without parsing, and a
stale, foreign or corrupt cache is parsed around and replaced."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from reader.tui import style_cache
from reader.tui.app import ReaderApp, style_paths

VARIABLES = {"primary": "#0178d4", "surface": "#1e1e1e", "text": "#e0e0e0"}


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_HOME", str(tmp_path))
    return tmp_path


def parsed(paths: list[Path], variables: dict[str, str], *, seeded: bool) -> Stylesheet:
    """A stylesheet of `paths` parsed the way the app parses it (seeded first or not)."""
    sheet = Stylesheet(variables=dict(variables))
    assert style_cache.seed(sheet, paths, variables) is seeded
    sheet.read_all(paths)
    sheet.parse()
    return sheet


def kept(sheet: Stylesheet, paths: list[Path], variables: dict[str, str]) -> None:
    writer = style_cache.keep(sheet, paths, variables)
    assert writer is not None
    writer.join(10)
    assert not writer.is_alive()


@pytest.fixture
def theme() -> dict[str, str]:
    """The variables our stylesheets are parsed with (the default theme's and ours)."""
    return dict(ReaderApp(None).theme_variables)


def as_css(sheet: Stylesheet) -> list[tuple[str, bool, int, list[str]]]:
    """The rules as CSS text (a rule's layout, e.g. `horizontal`, is an object without
    `==`, and a set's repr depends on how it was built)."""
    return [
        (rule.css, rule.is_default_rules, rule.tie_breaker, sorted(rule.selector_names))
        for rule in sheet.rules
    ]


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("styles-*.pickle"))


def test_a_second_start_gets_the_rules_the_first_parsed(home: Path, theme: dict[str, str]) -> None:
    paths = style_paths()
    first = parsed(paths, theme, seeded=False)
    kept(first, paths, theme)
    assert len(cache_files(home)) == 1
    second = parsed(paths, theme, seeded=True)
    assert as_css(second) == as_css(first) and len(second.rules) > 20


def test_other_variables_or_an_edited_sheet_parse_anew(home: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "mine.tcss"
    sheet.write_text("#status { background: $primary; }\n", "utf-8")
    first = parsed([sheet], VARIABLES, seeded=False)
    kept(first, [sheet], VARIABLES)
    other = {**VARIABLES, "primary": "#ff0000"}  # another theme
    recoloured = parsed([sheet], other, seeded=False)
    assert as_css(recoloured) != as_css(first)
    sheet.write_text("#status { background: $surface; }\n", "utf-8")  # edited since
    edited = parsed([sheet], VARIABLES, seeded=False)
    assert as_css(edited) != as_css(first)


def test_a_corrupt_or_foreign_cache_file_is_parsed_around_and_replaced(
    home: Path, theme: dict[str, str]
) -> None:
    paths = style_paths()
    kept(parsed(paths, theme, seeded=False), paths, theme)
    (cache,) = cache_files(home)
    foreign = pickle.dumps((("another key",), [[], []]))
    for junk in (b"", b"not a pickle", cache.read_bytes()[:100], foreign):
        cache.write_bytes(junk)
        sheet = parsed(paths, theme, seeded=False)
        kept(sheet, paths, theme)
        assert as_css(parsed(paths, theme, seeded=True)) == as_css(sheet)


def test_a_cache_file_others_may_write_is_not_read(home: Path, theme: dict[str, str]) -> None:
    paths = style_paths()
    kept(parsed(paths, theme, seeded=False), paths, theme)
    (cache,) = cache_files(home)
    cache.chmod(0o666)  # anyone could have put something else in it
    parsed(paths, theme, seeded=False)
    cache.chmod(0o600)
    parsed(paths, theme, seeded=True)


def test_a_widgets_default_css_comes_back_with_the_files(home: Path, theme: dict[str, str]) -> None:
    paths = style_paths()
    default = "Probe { background: $surface; height: 3; }"
    where = ("probe.py", "Probe")

    def with_default(*, seeded: bool) -> Stylesheet:
        sheet = Stylesheet(variables=dict(theme))
        assert style_cache.seed(sheet, paths, theme) is seeded
        sheet.read_all(paths)
        sheet.add_source(default, read_from=where, is_default_css=True)
        sheet.parse()
        return sheet

    first = with_default(seeded=False)
    kept(first, paths, theme)
    second = Stylesheet(variables=dict(theme))
    assert style_cache.seed(second, paths, theme)
    assert (default, where, True, 0, "") in second._parse_cache  # before Textual parses it
    assert style_cache.keep(second, paths, theme) is None  # nothing new to write
    second.read_all(paths)
    second.add_source(default, read_from=where, is_default_css=True)
    second.parse()
    assert as_css(second) == as_css(first)
    assert any(rule.is_default_rules for rule in second.rules)
