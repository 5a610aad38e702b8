"""A text handed over by a second start (`--send` while the window runs) goes in a new chat of its own: the
new chat's unsent draft in the window (its words, its files) stays as it was, neither sent with that text
nor erased."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from tests.test_app_draft_files import names
from tests.test_app_session import close_app, open_app


def test_a_handed_over_text_leaves_the_new_chats_draft_alone(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("the notes being written", encoding="utf-8")
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        app.window.new_chat()
        composer.set_text("my unsent words")
        composer.attach_paths([notes])
        qtbot.waitUntil(lambda: len(composer.attachments()) == 1, timeout=5000)
        assert app.send_handed_over(["the handed text"])
        qtbot.waitUntil(lambda: not app.chats.busy_conversations, timeout=20_000)
        handed = app.window.presenter.current
        assert handed is not None
        question = app.store.messages.page(handed)[0]
        assert (question.content, question.content_type) == ("the handed text", "text")  # no file went with it
        app.window.new_chat()
        assert composer.text() == "my unsent words" and names(app) == ["notes.txt"]
    finally:
        close_app(app)
