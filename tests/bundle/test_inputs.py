"""tools/bundle/inputs.py and windows.py: the version checked against pyproject.toml, the resources and
Qt catalogs bundled, the Qt modules left out, the Windows version numbers."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from tools.bundle.inputs import (
    excluded_qt_modules,
    installed_qt_modules,
    project_version,
    qt_translation_datas,
    resource_datas,
    unneeded_guessers,
)
from tools.bundle.windows import version_numbers

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_version_is_the_installed_one_and_pyprojects() -> None:
    assert project_version(ROOT, "coze-desktop") == importlib.metadata.version("coze-desktop")


def test_a_stale_install_or_none_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "coze-desktop"\nversion = "99.0"\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"pyproject\.toml says 99\.0"):
        project_version(tmp_path, "coze-desktop")
    with pytest.raises(SystemExit, match="not installed here"):
        project_version(tmp_path, "no-such-distribution-here")


def test_resources_keep_their_subfolders(tmp_path: Path) -> None:
    for name in ("icons/b.svg", "icons/a.svg", "icons/app/app-16.png", "themes/app.qss", "translations/x.ts"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    datas = resource_datas(tmp_path, ["icons/*.svg", "icons/app/*.png", "themes/*.qss"])
    assert [(Path(src).relative_to(tmp_path).as_posix(), folder) for src, folder in datas] == [
        ("icons/a.svg", "resources/icons"),
        ("icons/b.svg", "resources/icons"),
        ("icons/app/app-16.png", "resources/icons/app"),
        ("themes/app.qss", "resources/themes"),
    ]
    with pytest.raises(SystemExit, match=r"themes/\*\.css matches nothing"):
        resource_datas(tmp_path, ["themes/*.css"])


def test_qt_catalogs_go_with_ours_and_a_missing_one_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "qtbase_zh_CN.qm").write_bytes(b"qm")
    assert qt_translation_datas(tmp_path, ["qtbase_zh_CN.qm"]) == [
        (str(tmp_path / "qtbase_zh_CN.qm"), "resources/translations")
    ]
    with pytest.raises(SystemExit, match=r"qtbase_fr\.qm not found"):
        qt_translation_datas(tmp_path, ["qtbase_fr.qm"])


def test_every_qt_module_not_used_is_excluded(tmp_path: Path) -> None:
    for name in ("QtCore.abi3.so", "QtGui.abi3.so", "QtPdf.abi3.so", "QtWidgets.pyd", "QtCore.pyi", "Qt"):
        (tmp_path / name).write_bytes(b"")
    installed = installed_qt_modules(tmp_path)
    assert installed == {"QtCore", "QtGui", "QtPdf", "QtWidgets"}
    assert excluded_qt_modules(installed, ["QtCore", "QtGui", "QtWidgets"], ["QtQuick", "QtGui"]) == [
        "PySide6.QtPdf",
        "PySide6.QtQuick",
    ]


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4)), ("2.0+local.7", (2, 0, 0, 0)), ("1.0rc1", (1, 0, 0, 0))],
)
def test_windows_version_numbers(version: str, numbers: tuple[int, int, int, int]) -> None:
    assert version_numbers(version) == numbers


def test_requests_guessers_are_left_out_only_where_requests_loads_without_them() -> None:
    """requests 2.31 imports a guesser unconditionally: a bundle without one could not start."""
    assert unneeded_guessers("2.32.3") == ["charset_normalizer", "chardet"]
    assert unneeded_guessers("2.34.0") == ["charset_normalizer", "chardet"]
    assert unneeded_guessers("2.31.0") == []
