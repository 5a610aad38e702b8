"""Small files, split by concern: no module of the package over 400 lines, and the main window, which
only lays out, builds the menus and wires (`_connect`), under 300."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"
MAX_LINES = 400
MAX_WINDOW_LINES = 300


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_file_in_the_package_is_over_400_lines() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 50
    too_long = {str(p.relative_to(PACKAGE)): n for p in sources if (n := line_count(p)) > MAX_LINES}
    assert too_long == {}, "split these by concern"


def test_the_main_window_is_under_300_lines() -> None:
    assert line_count(PACKAGE / "ui" / "main_window.py") < MAX_WINDOW_LINES


def test_the_line_count_is_the_editors(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("a = 1\n\nb = 2\n", encoding="utf-8")  # what an editor shows as 3 lines
    assert line_count(sample) == 3
