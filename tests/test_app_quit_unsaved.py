"""Quitting (Ctrl+Q, closing the window) while answers are not saved because the disk is full: the app
asks BEFORE the window closes, with Cancel (stay, free some space), Retry saving, Save to a file and
quit, and Quit anyway (which says they are lost). Before, the question came in DesktopApp.shutdown after
the event loop had ended: the window was gone and nothing could take the user back. The whole app runs
(its real history writer) on a profile on a real full disk: a small tmpfs filled to the last byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.logs import RedactingFilter
from desktop.core.profile import Profile
from desktop.core.store import Store
from desktop.core.vocabulary import MessageStatus
from tests.small_disk import SmallDisk, needs_root

pytestmark = needs_root


class Boxes:
    """Answers the quit's message boxes, one button text after another, and keeps what each said."""

    live: ClassVar[list[Boxes]] = []  # (the app fixture ends their looks: a later test's boxes are not theirs)

    def __init__(self, *clicks: str) -> None:
        self.clicks = list(clicks)
        self.seen: list[str] = []
        self.files: list[Path] = []  # where a file dialog is told to save
        Boxes.live.append(self)
        QTimer.singleShot(20, self._look)

    def _look(self) -> None:
        if not self.clicks:
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog) and self.files:
            name = dialog.findChild(QLineEdit, "fileNameEdit")  # (Qt's own dialog: typed as a person would)
            name.setText(str(self.files.pop(0)))
            dialog.accept()
        elif isinstance(dialog, QMessageBox):
            self.seen.append(dialog.text())
            wanted = self.clicks.pop(0)
            buttons = [b for b in dialog.buttons() if b.text().replace("&", "") == wanted]
            if buttons:
                buttons[0].click()
            else:  # not the question expected: let it go rather than hang
                self.seen.append(f"(no {wanted!r} button)")
                dialog.reject()
        QTimer.singleShot(20, self._look)


@pytest.fixture
def app(qtbot: QtBot, qapp: QApplication, disk: SmallDisk) -> Iterator[DesktopApp]:
    profile = Profile(disk.mount / "profile").ensure()
    app = DesktopApp(qapp, profile, Store.open(profile.database_path), RedactingFilter())
    app.start(demo=True)
    app.window.show()
    yield app
    if app.window.isVisible():
        Boxes("Quit anyway", "Quit without saving")
        app.window.close()
        app.shutdown()
    for boxes in Boxes.live:
        boxes.clicks.clear()
    Boxes.live.clear()
    app.window.deleteLater()


def ask_while_the_disk_fills(qtbot: QtBot, app: DesktopApp, disk: SmallDisk, question: str) -> int:
    """Ask the demo bot; the disk fills at the answer's first delta. The conversation's id."""
    filled: list[bool] = []

    def fill_once(*_args: object) -> None:
        if not filled:
            filled.append(True)
            disk.fill()

    app.chats.answerDelta.connect(fill_once)
    app.window.new_chat()
    app.window.send(question)
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: bool(filled), timeout=10_000)
    return conversation


def quit_with_ctrl_q(qtbot: QtBot, app: DesktopApp) -> None:
    qtbot.keySequence(app.window, QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))


def test_quitting_with_a_streaming_answer_on_a_full_disk_asks_first_and_cancel_stays(
    qtbot: QtBot, app: DesktopApp, disk: SmallDisk, tmp_path: Path
) -> None:
    conversation = ask_while_the_disk_fills(qtbot, app, disk, "Please give me a long answer")
    qtbot.waitUntil(lambda: any(t.disk_full for t in app.chats.streaming_turns), timeout=10_000)  # a save refused

    boxes = Boxes("Cancel")
    quit_with_ctrl_q(qtbot, app)
    qtbot.waitUntil(lambda: bool(boxes.seen), timeout=5000)
    assert app.window.isVisible() and app.chats.is_busy(conversation)  # stayed; the answer streams on
    assert "disk is full" in boxes.seen[0] and "lost" in boxes.seen[0] and "still streaming" in boxes.seen[0]
    [turn] = app.chats.streaming_turns
    so_far = turn.unsaved_answers()[0].content

    boxes = Boxes("Retry saving", "Cancel")  # the disk is still full
    assert not app.window.close()
    assert "Still not saved" in boxes.seen[1] and app.window.isVisible()

    target = tmp_path / "kept.md"  # on another disk
    boxes = Boxes("Save to a file and quit…", "nothing more")
    boxes.files.append(target)
    assert app.window.close()
    assert not app.chats.is_busy(conversation)  # the stream stopped cleanly before the file was written
    [answer] = app.chats.unsaved.answers()  # what arrived, all of it
    assert answer.status == MessageStatus.CANCELLED and answer.content.startswith(so_far)
    qtbot.waitUntil(lambda: app.window.chat.view.item(answer.id).content == answer.content)  # (the view's frames)
    assert app.shutdown()
    assert len(boxes.seen) == 1 and boxes.clicks == ["nothing more"]  # asked once, nothing after the loop
    assert answer.content in target.read_text(encoding="utf-8")


def test_retry_after_freeing_space_saves_the_answer_and_quits(qtbot: QtBot, app: DesktopApp, disk: SmallDisk) -> None:
    conversation = ask_while_the_disk_fills(qtbot, app, disk, "hello")
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=20_000)
    [unsaved] = app.chats.unsaved.answers()

    boxes = Boxes("Cancel")
    assert not app.window.close()  # stay and free some space
    disk.free()
    boxes = Boxes("Retry saving", "nothing more")
    assert app.window.close()
    assert app.shutdown()
    assert len(boxes.seen) == 1 and "disk is full" in boxes.seen[0]
    with Store.open(disk.mount / "profile" / "history.sqlite3") as reopened:
        stored = reopened.messages.get(unsaved.id)
    assert stored is not None and stored.content == unsaved.content and stored.status == MessageStatus.COMPLETE


def test_quit_anyway_says_what_is_lost_and_asks_nothing_more(qtbot: QtBot, app: DesktopApp, disk: SmallDisk) -> None:
    conversation = ask_while_the_disk_fills(qtbot, app, disk, "hello")
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=20_000)
    boxes = Boxes("Quit anyway", "nothing more")
    assert app.window.close()
    assert app.shutdown()
    assert len(boxes.seen) == 1 and "If you quit anyway, they are lost" in boxes.seen[0]
