"""Starting the reader: the document is loaded before the app, errors are one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main


def test_a_missing_file_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: ") and err.count("\n") == 1
    assert "Traceback" not in err


async def test_prepare_builds_the_app_on_the_loaded_document(tmp_path: Path) -> None:
    from reader.tui.launch import prepare
    from reader.tui.widgets.article_view import ArticleView

    path = tmp_path / "note.md"
    path.write_text("# Ferry news\n\nThe ferry runs again. It is late.\n", encoding="utf-8")
    app = prepare(str(path))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        lines = [view.render_line(y).text.strip() for y in range(5)]
        assert lines[:2] == ["Ferry news", ""]
        assert " ".join(line for line in lines[2:] if line) == "The ferry runs again. It is late."
        assert app.screen.title == "Ferry news"


def test_ctrl_c_during_start_up_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import reader.cli
    from reader.entry import main as entry

    def interrupted() -> int:
        raise KeyboardInterrupt  # as if ctrl+c landed in an import

    monkeypatch.setattr(reader.cli, "main", interrupted)
    assert entry() == 130
    assert capsys.readouterr().err == ""
