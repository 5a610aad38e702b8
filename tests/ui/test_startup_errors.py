"""The window refuses a history from a newer release with a sentence in the user's language."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.cli import build_parser
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import LATEST_VERSION, Store
from desktop.launch import run_gui
from desktop.ui import i18n


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The shared app, with what run_gui changes on it put back afterwards."""
    names = qapp.applicationName(), qapp.organizationName(), qapp.desktopFileName()
    yield qapp
    i18n.install_translators(qapp, "en")
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])
    qapp.setDesktopFileName(names[2])
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_coze_desktop", False)]:
        root.removeHandler(handler)
        handler.close()


def newer_profile(tmp_path: Path, language: str) -> Profile:
    profile = Profile(tmp_path / "profile").ensure()
    Settings(language=language).save(profile.settings_path)
    Store.open(profile.database_path).close()
    conn = sqlite3.connect(profile.database_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    return profile


def run_and_read_the_message(profile: Profile) -> tuple[int, dict[str, str]]:
    """run_gui on `profile`; the texts of the message box it shows, closed as soon as it is up."""
    seen: dict[str, str] = {}
    poll = QTimer()
    poll.setInterval(20)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            poll.stop()
            seen.update(title=box.windowTitle(), text=box.text(), info=box.informativeText())
            seen["details"] = box.detailedText()
            box.done(0)

    poll.timeout.connect(look)
    poll.start()
    try:
        code = run_gui(build_parser().parse_args(["--profile", str(profile.path)]))
    finally:
        poll.stop()
    return code, seen


@pytest.mark.parametrize(
    ("language", "title", "sentence", "action"),
    [
        ("zh_CN", "扣子桌面", "这份聊天记录由更新版本的扣子桌面保存，当前版本无法打开。", "请更新扣子桌面后再打开。"),
        ("en", "Coze Desktop", "saved by a newer version of Coze Desktop", "Update Coze Desktop"),
    ],
)
def test_the_window_refuses_a_newer_history_and_leaves_it_alone(
    app: QApplication, tmp_path: Path, language: str, title: str, sentence: str, action: str
) -> None:
    profile = newer_profile(tmp_path, language)
    before = profile.database_path.read_bytes()
    code, seen = run_and_read_the_message(profile)
    assert code == 1
    assert seen["title"] == title
    assert sentence in seen["text"]
    assert action in seen["info"]
    assert str(profile.database_path) in seen["details"]
    assert f"{LATEST_VERSION + 1}" in seen["details"]
    assert profile.database_path.read_bytes() == before
    # no -wal/-shm made, nothing moved aside (the .checked mark is the fixture's clean close)
    assert sorted(p.name for p in profile.path.glob("history.sqlite3*")) == [
        "history.sqlite3",
        "history.sqlite3.checked",
    ]
