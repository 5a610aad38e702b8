"""The message box's unsent text survives closing the app, a crash and a kill -9, one draft per chat.

Found in the packaged app under Xvfb: a question typed and not sent was gone after closing the window
(or a kill -9 a few seconds later), with no warning; the box came back empty. Then: there was one draft
for the whole app, so a half-typed question followed the user into every chat they opened.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.profile import Profile
from desktop.services.draft import SAVE_AFTER_MS
from tests.test_app_session import close_app, open_app

DRAFT = "第一行：一个还没发出去的长问题\nsecond line of a question I have not sent yet"


def kept(profile: Profile) -> dict[str, str]:
    """The drafts on disk, by chat ("new" for a chat not created yet)."""
    try:
        return dict(json.loads(profile.drafts_path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {}


def test_an_unsent_draft_is_back_after_closing_the_app(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    app.window.chat.composer.set_text(DRAFT)
    close_app(app)  # at once: no pause for the timer, the quit writes it
    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        assert again.window.chat.composer.text() == DRAFT
    finally:
        close_app(again)


def test_a_sent_question_leaves_no_draft(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    app.window.chat.composer.set_text("hello")
    qtbot.waitUntil(profile.drafts_path.exists, timeout=SAVE_AFTER_MS * 5)
    qtbot.keyClick(app.window.chat.composer.edit, Qt.Key.Key_Return)  # sent: the box empties
    assert app.window.chat.composer.text() == ""
    qtbot.waitUntil(lambda: not profile.drafts_path.exists(), timeout=SAVE_AFTER_MS * 5)
    close_app(app)
    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        assert again.window.chat.composer.text() == ""
    finally:
        close_app(again)


def test_an_unsent_draft_survives_a_kill(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    """What a kill -9 leaves is what is on the disk while the app runs: a copy of the profile then, taken
    after a pause in typing, opens with the draft in the box."""
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    try:
        app.window.chat.composer.set_text(DRAFT)
        qtbot.waitUntil(lambda: DRAFT in kept(profile).values(), timeout=SAVE_AFTER_MS * 5)
        killed = Profile(tmp_path / "killed")
        shutil.copytree(profile.path, killed.path)  # the disk as the kill left it: nothing written at quit
    finally:
        close_app(app)
    again = open_app(qapp, killed)
    again.start(demo=True)
    try:
        assert again.window.chat.composer.text() == DRAFT
    finally:
        close_app(again)


def ask_in_a_new_chat(qtbot: QtBot, app: DesktopApp, question: str) -> int:
    app.window.new_chat()
    app.window.chat.composer.set_text(question)
    qtbot.keyClick(app.window.chat.composer.edit, Qt.Key.Key_Return)
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=15_000)
    return conversation


def test_each_chat_keeps_its_own_draft(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        first = ask_in_a_new_chat(qtbot, app, "first chat")
        second = ask_in_a_new_chat(qtbot, app, "second chat")
        assert composer.text() == ""  # sent: nothing left to keep
        composer.set_text("half a question for the second chat")
        app.window.open_conversation(first)
        assert composer.text() == ""  # the second chat's text stays with it
        composer.set_text(DRAFT)
        app.window.new_chat()
        assert composer.text() == ""  # a new chat starts empty
        app.window.open_conversation(second)
        assert composer.text() == "half a question for the second chat"
        app.window.open_conversation(first)
        assert composer.text() == DRAFT
        qtbot.waitUntil(lambda: len(kept(profile)) == 2, timeout=SAVE_AFTER_MS * 5)  # on disk for a kill -9
        assert kept(profile) == {str(first): DRAFT, str(second): "half a question for the second chat"}
    finally:
        close_app(app)
    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        again.window.open_conversation(second)
        assert again.window.chat.composer.text() == "half a question for the second chat"
    finally:
        close_app(again)


def test_the_one_draft_of_an_earlier_version_goes_to_the_chat_shown(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    profile.draft_path.write_text(DRAFT, encoding="utf-8")  # as versions with one draft for the app left it
    app = open_app(qapp, profile)
    app.start(demo=True)
    try:
        assert app.window.chat.composer.text() == DRAFT
        assert kept(profile) == {"new": DRAFT}  # moved, not lost: then the old file goes
        assert not profile.draft_path.exists()
    finally:
        close_app(app)
