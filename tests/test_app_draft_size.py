"""drafts.json is bounded: no chat's draft text is longer than a message may be. Before: a 6.6 MB paste
went into the box and drafts.json grew with it; a draft that size from an earlier version is cut when read."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.message_size import MAX_MESSAGE_CHARS
from desktop.core.profile import Profile
from tests.test_app_draft import ask_in_a_new_chat
from tests.test_app_session import close_app, open_app


def test_a_huge_draft_left_by_an_earlier_version_is_cut_to_a_message(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    huge = "很长的草稿 " * 400_000  # 2.4 M characters, as a paste into an earlier version left it
    profile.drafts_path.write_text(json.dumps({"new": huge}, ensure_ascii=False), encoding="utf-8")
    app = open_app(qapp, profile)
    app.start(demo=True)
    try:
        assert app.window.chat.composer.text() == huge[:MAX_MESSAGE_CHARS]
    finally:
        close_app(app)
    kept = json.loads(profile.drafts_path.read_text(encoding="utf-8"))
    assert kept == {"new": huge[:MAX_MESSAGE_CHARS]}
    assert profile.drafts_path.stat().st_size < MAX_MESSAGE_CHARS * 4


def test_a_draft_typed_past_the_paste_limit_is_whole_when_its_chat_comes_back(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """Only a paste is held to a message's length: text typed past it stays whole while the app runs (the
    review found it cut silently at every chat switch); drafts.json keeps what a message may hold."""
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        first = ask_in_a_new_chat(qtbot, app, "chat A")
        second = ask_in_a_new_chat(qtbot, app, "chat B")
        app.window.open_conversation(first)
        long = "长" * (MAX_MESSAGE_CHARS - 10)
        composer.set_text(long)
        composer.edit.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(composer.edit, "twenty more letters!")
        typed = long + "twenty more letters!"
        assert composer.text() == typed
        app.window.open_conversation(second)
        app.window.open_conversation(first)
        assert composer.text() == typed
        app.draft.flush()
        app.draft.save()
        assert json.loads(profile.drafts_path.read_text(encoding="utf-8"))[str(first)] == typed[:MAX_MESSAGE_CHARS]
    finally:
        close_app(app)
