"""A file brought back from a saved draft after a restart has its content checked off the window's thread. A Send
pressed before that check reports waits for it ("Checking the attached files before sending…", Send greyed out):
a file found changed leaves the box, says so, and nothing is sent; unchanged, the message goes. A file taken out of
a saved draft (its copy gone, unreadable or changed) is said under the box in its chat, in the user's language;
before, only the log said it.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.attachments.local import AttachmentRefused, Refusal
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.ui import i18n
from desktop.ui.attachment_reading import png_bytes
from tests.draft_restart import changed, paste_a_picture, questions, restarted_with_a_draft
from tests.test_app_draft import ask_in_a_new_chat
from tests.test_app_draft_files import names
from tests.test_app_session import close_app, open_app

CHECKING = "Checking the attached files before sending…"
NOTHING_SENT = "Nothing was sent: your message is still here. Check it and send it again."
READING = "Sending once the attached files are read…"
CHANGED = "notes.txt changed since it was attached, so it was taken out of this unsent message. Attach it again to send it as it is now."


def test_a_send_before_the_check_reports_waits_and_a_changed_file_is_not_sent(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event
) -> None:
    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate, change=changed) as (app, _copy):
        composer = app.window.chat.composer
        assert names(app) == ["notes.txt"]  # (its copy is there with its size: its content is being checked)
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        upload = app.window.presenter.upload
        assert upload is not None and not upload.active  # the changed copy is not on its way to Coze
        assert composer.problem.isVisibleTo(composer) and composer.problem.text() == CHECKING
        assert not composer.button.isEnabled()
        gate.set()
        qtbot.waitUntil(lambda: names(app) == [], timeout=10_000)
        assert composer.problem.text() == f"{CHANGED}\n{NOTHING_SENT}"
        assert composer.text() == "what is in it?" and composer.button.isEnabled()
        assert app.window.presenter.current is None and questions(app) == []


def test_a_send_before_the_check_reports_goes_on_once_the_file_is_found_unchanged(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event
) -> None:
    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate) as (app, _copy):
        composer = app.window.chat.composer
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        assert composer.problem.text() == CHECKING
        composer.set_text("what is in this file?")  # typed while it waits: what goes is the box as it is then
        gate.set()
        qtbot.waitUntil(lambda: app.window.presenter.current is not None, timeout=10_000)
        qtbot.waitUntil(lambda: not app.chats.busy_conversations, timeout=15_000)
        assert len(questions(app)) == 1 and questions(app)[0][1] == 1
        assert "what is in this file?" in questions(app)[0][0]
        assert composer.problem.isHidden() and composer.text() == "" and names(app) == []


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "notes.txt was taken out of this unsent message: the app's copy of it is gone or cannot be read. "
            "Attach it again to send it.",
        ),
        ("zh_CN", "notes.txt 已从这条未发送的消息中移除：应用保存的副本已不存在或无法读取。请重新附加后再发送。"),
    ],
)
def test_a_drafts_file_whose_copy_is_gone_is_said_in_its_chat(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, language: str, said: str
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("for chat A's draft", encoding="utf-8")
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        first = ask_in_a_new_chat(qtbot, app, "chat A")
        second = ask_in_a_new_chat(qtbot, app, "chat B")
        app.window.open_conversation(first)
        composer.attach_paths([notes])
        qtbot.waitUntil(lambda: len(composer.attachments()) == 1, timeout=5000)
        copy = composer.attachments()[0].path
        app.window.open_conversation(second)
    finally:
        close_app(app)
    assert copy is not None
    copy.unlink()
    replace(Settings.load(profile.settings_path), language=language).save(
        profile.settings_path
    )  # the profile's language
    again = open_app(qapp, profile)
    again.start(demo=True)
    composer = again.window.chat.composer
    try:
        assert composer.problem.isHidden()  # not over the chat shown at start
        again.window.open_conversation(second)
        assert composer.problem.isHidden()  # nor over chat B
        again.window.open_conversation(first)
        assert names(again) == [] and composer.problem.isVisibleTo(composer) and composer.problem.text() == said
        again.window.open_conversation(second)
        again.window.open_conversation(first)
        assert composer.problem.isHidden()  # said once
    finally:
        close_app(again)
        i18n.install_translators(qapp, "en")


GONE = (
    "notes.txt was taken out of this unsent message: the app's copy of it is gone or cannot be read. "
    "Attach it again to send it."
)


def test_a_drafts_file_whose_copy_is_deleted_during_the_check_is_said_gone_not_changed(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event
) -> None:
    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate) as (app, copy):
        composer = app.window.chat.composer
        assert names(app) == ["notes.txt"]  # (there with its size when read back: its content is being checked)
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        copy.unlink()  # deleted while the check runs
        gate.set()
        qtbot.waitUntil(lambda: names(app) == [], timeout=10_000)
        assert composer.problem.text() == f"{GONE}\n{NOTHING_SENT}"  # before: "changed since it was attached"
        assert composer.text() == "what is in it?" and questions(app) == []


def test_a_send_waiting_for_the_check_goes_on_once_a_file_attached_meanwhile_is_read(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event
) -> None:
    reading = threading.Event()

    def held_encode(image: QImage) -> bytes:
        assert reading.wait(20)
        return png_bytes(image)

    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate, reading) as (app, _copy):
        composer = app.window.chat.composer
        composer.encode_png = held_encode
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        assert composer.problem.text() == CHECKING
        paste_a_picture(composer)  # a picture pasted while Send waits: "Reading…" when the check reports
        gate.set()
        qtbot.waitUntil(lambda: composer.problem.text() == READING, timeout=10_000)
        assert not composer.button.isEnabled() and questions(app) == []
        reading.set()  # before: the waiting Send was dropped here, the words left in the box, nothing said
        qtbot.waitUntil(lambda: app.window.presenter.current is not None, timeout=10_000)
        qtbot.waitUntil(lambda: not app.chats.busy_conversations, timeout=15_000)
        assert questions(app) == [(questions(app)[0][0], 2)] and "what is in it?" in questions(app)[0][0]
        assert composer.problem.isHidden() and composer.text() == "" and names(app) == []


def test_a_send_waiting_for_a_file_attached_meanwhile_is_not_made_when_that_file_is_refused(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event
) -> None:
    reading = threading.Event()

    def refused_encode(_image: QImage) -> bytes:
        assert reading.wait(20)
        raise AttachmentRefused(Refusal.NO_SPACE, "pasted.png")

    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate, reading) as (app, _copy):
        composer = app.window.chat.composer
        composer.encode_png = refused_encode
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        paste_a_picture(composer)
        gate.set()
        qtbot.waitUntil(lambda: composer.problem.text() == READING, timeout=10_000)
        reading.set()
        qtbot.waitUntil(lambda: composer.problem.text().endswith(NOTHING_SENT), timeout=10_000)
        assert names(app) == ["notes.txt"] and composer.text() == "what is in it?" and composer.button.isEnabled()
        assert app.window.presenter.current is None and questions(app) == []


def test_a_send_waiting_for_the_check_is_not_made_when_a_file_attached_meanwhile_was_refused_before_it_reported(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, gate: threading.Event
) -> None:
    """The same Send and the same refused picture as above, the refusal only coming before the check reports: the
    outcome must not depend on which of the two ends first. Before, the refusal was forgotten when the check
    reported and the message went without the picture the person had added to it."""

    def refused_encode(_image: QImage) -> bytes:
        raise AttachmentRefused(Refusal.NO_SPACE, "pasted.png")

    with restarted_with_a_draft(qapp, qtbot, tmp_path, gate) as (app, _copy):
        composer = app.window.chat.composer
        composer.encode_png = refused_encode
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        paste_a_picture(composer)
        qtbot.waitUntil(lambda: composer.problem.text().endswith(f"\n{CHECKING}"), timeout=10_000)  # refused
        assert names(app) == ["notes.txt"]
        gate.set()
        qtbot.waitUntil(lambda: CHECKING not in composer.problem.text(), timeout=10_000)
        assert composer.problem.text().endswith(NOTHING_SENT)
        assert names(app) == ["notes.txt"] and composer.text() == "what is in it?" and composer.button.isEnabled()
        assert app.window.presenter.current is None and questions(app) == []
