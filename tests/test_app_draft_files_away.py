"""A draft's file brought back after a restart is checked by its content (its SHA-256), not its size: a
copy changed to other bytes of the same size would send what was never attached.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from tests.test_app_draft_files import names
from tests.test_app_session import close_app, open_app


def test_a_drafts_file_changed_to_the_same_size_is_not_brought_back(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("the words that were attached", encoding="utf-8")
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        composer.attach_paths([notes])
        qtbot.waitUntil(lambda: len(composer.attachments()) == 1, timeout=5000)
        copy = composer.attachments()[0].path
    finally:
        close_app(app)
    assert copy is not None
    copy.write_text("the words that were changed!", encoding="utf-8")  # the same size, other contents
    assert copy.stat().st_size == notes.stat().st_size
    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        assert names(again) == []  # it would send what was never attached
    finally:
        close_app(again)
