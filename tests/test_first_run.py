"""No dead end on a fresh profile, and a plain start where the user left off (the demo chat too)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.vocabulary import MessageStatus
from tests.test_app_session import close_app, open_app


def _cancel_the_dialog() -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    dialog.reject()


def test_a_fresh_profile_never_strands_the_user(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=False)
    window = app.window
    assert window.right.currentWidget() is window.welcome
    window.new_chat()  # nothing to chat with yet: the welcome page stays, and says why (Ctrl+N did nothing)
    assert window.right.currentWidget() is window.welcome
    assert window.statusBar().currentMessage() == ("A new chat needs a bot: try the demo bot or connect your Coze bot.")
    QTimer.singleShot(0, _cancel_the_dialog)
    window.send("hello")  # asks for Settings; Cancel leads back to the welcome page, not a blank chat
    assert window.right.currentWidget() is window.welcome
    QTimer.singleShot(0, _cancel_the_dialog)
    app.open_settings()
    assert window.right.currentWidget() is window.welcome
    demo = next(a for a in window.findChildren(QAction) if a.text() == "Chat with the &demo bot")
    demo.trigger()
    assert window.right.currentWidget() is window.chat
    assert app.destinations.bot_for_new_chat() == app.demo.bot_id
    window.new_chat()
    assert window.right.currentWidget() is window.chat
    close_app(app)


@pytest.mark.parametrize("ending", ["closed", "killed"])
def test_a_plain_start_reopens_the_demo_chat_and_the_bot_remembers(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, ending: str
) -> None:
    """Closed, or killed (kill -9 skips the window's close: where the user was must already be on disk,
    found by hand under Xvfb)."""
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    app.window.send("My name is Zoe")
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=20_000)
    if ending == "closed":
        close_app(app)
        assert profile.demo_state_path.exists()
    else:
        assert Settings.load(profile.settings_path).current_conversation == conversation  # no close needed
        assert app.shutdown()  # the crash: no window close, so no save_window_state
        app.window.deleteLater()

    again = open_app(qapp, profile)
    again.start(demo=False)  # a plain start, no --demo
    window = again.window
    assert window.current_conversation == conversation
    assert window.right.currentWidget() is window.chat
    assert window.focusWidget() is window.chat.composer.edit
    window.send("What's my name?")
    qtbot.waitUntil(lambda: not again.chats.is_busy(conversation), timeout=20_000)
    answer = again.store.messages.page(conversation)[-1]
    assert answer.status == MessageStatus.COMPLETE
    assert "Your name is **Zoe**" in answer.content  # the demo server kept the conversation
    close_app(again)


def test_a_demo_start_reopens_the_demo_chat_the_user_left(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    """`--demo` opened a new chat every time, and on quitting that empty chat became where the user was:
    the chat left open was lost to `--demo` and to the plain start after it (the welcome page)."""
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    app.window.send("My name is Zoe")
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=20_000)
    close_app(app)

    again = open_app(qapp, profile)
    again.start(demo=True)
    window = again.window
    assert window.current_conversation == conversation
    assert window.right.currentWidget() is window.chat
    assert window.focusWidget() is window.chat.composer.edit
    close_app(again)


def _press_ok() -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    dialog.accept()


@pytest.mark.parametrize("press", [_press_ok, _cancel_the_dialog], ids=["ok", "cancel"])
def test_settings_leave_a_demo_chat_opened_from_the_list_open(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, press: Callable[[], None]
) -> None:
    """No token, the welcome page, a demo chat opened from the list: closing Settings (only the theme
    changed, say) put the welcome page over that chat, the window's title and the list still naming it."""
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=False)
    window = app.window
    chat = app.store.conversations.create(app.demo.bot_id, title="Demo tour").id
    window.sidebar.reload()
    window.open_conversation(chat)
    QTimer.singleShot(0, press)
    app.open_settings()
    assert window.right.currentWidget() is window.chat and window.current_conversation == chat
    close_app(app)
