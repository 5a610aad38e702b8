"""Help → About shows pyproject.toml's version (the one version number; see docs/packaging.md)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.window_harness import Harness

VERSION = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"
]


def test_about_shows_the_project_version(harness: Harness) -> None:
    about = [a for a in harness.window.findChildren(QAction) if a.text() == "&About Coze Desktop"]
    assert len(about) == 1
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.done(0)
        else:
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(0, read_and_close)
    about[0].trigger()
    assert seen and f"Coze Desktop {VERSION}" in seen[0]
