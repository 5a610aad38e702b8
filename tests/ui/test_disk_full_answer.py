"""A full disk while an answer streams into the window (#13 item 1, window side), on a real full disk: a
small tmpfs the test fills to the last byte. The answer shows whole and says "not saved yet: the disk is
full"; nothing raises into a slot; once space returns it is saved whole and the notice goes; if the disk
is still full at quit, the unsaved answer is offered to be saved to a file of the user's choice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.core.vocabulary import MessageStatus
from desktop.ui.unsaved_answers import offer_to_save
from tests.small_disk import SmallDisk, needs_root
from tests.ui.window_harness import Harness

pytestmark = needs_root

ANSWER = "磁盘满了也不能丢。" * 400 + "THE END"


@pytest.fixture
def full_disk_harness(qtbot: QtBot, disk: SmallDisk, server: CozeServer) -> Iterator[Harness]:
    with Store.open(disk.mount / "history.sqlite3") as store:
        h = Harness(store, server)
        qtbot.addWidget(h.window)
        h.window.show()
        h.window.new_chat()
        yield h
        h.close()


def answer_while_the_disk_fills(qtbot: QtBot, h: Harness, disk: SmallDisk) -> int:
    """Ask; the disk fills up at the first delta (the answer's row exists, its text cannot be written)."""
    h.server.queue(Scenario("slow", pace=0.002, text=ANSWER))
    filled: list[int] = []

    def fill_once(_conversation: int, message_id: int, _text: str, _reasoning: str) -> None:
        if not filled:
            filled.append(message_id)
            disk.fill()

    h.chats.answerDelta.connect(fill_once)
    h.window.send("会不会丢？")
    conversation = h.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not h.chats.is_busy(conversation), timeout=20_000)
    assert filled
    return filled[0]


def test_a_full_disk_shows_on_the_answer_and_nothing_is_lost_once_space_returns(
    qtbot: QtBot, full_disk_harness: Harness, disk: SmallDisk
) -> None:
    h = full_disk_harness
    answer_id = answer_while_the_disk_fills(qtbot, h, disk)
    item = h.window.chat.view.item(answer_id)
    assert "disk is full" in item.error_sentence and "Free some disk space" in item.error_action
    assert item.content == ANSWER  # the window shows it whole
    stored = h.store.messages.get(answer_id)
    assert stored is not None and stored.content != ANSWER  # the history could not take it (yet)
    assert stored.status != MessageStatus.COMPLETE  # and never says it did
    assert h.chats.unsaved.answers()[0].content == ANSWER

    disk.free()
    qtbot.waitUntil(lambda: not h.chats.unsaved.answers(), timeout=10_000)  # saved on the next try
    stored = h.store.messages.get(answer_id)
    assert stored is not None and stored.content == ANSWER and stored.status == MessageStatus.COMPLETE
    assert h.window.chat.view.item(answer_id).error_sentence == ""


class BoxClicker:
    """Clicks `button_text` on each message box asked for, keeping what the box said. Stopped when its test
    ends: before, a look asked for a box that never came polled on into later tests and clicked their boxes
    (a StopIteration in test_app_quit_unsaved when this file ran first)."""

    def __init__(self, button_text: str) -> None:
        self.button_text = button_text
        self.seen: list[str] = []
        self.stopped = False

    def click_next(self) -> None:
        QTimer.singleShot(0, self._look)

    def _look(self) -> None:
        if self.stopped:
            return
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, self._look)
            return
        self.seen.append(box.text())
        next(b for b in box.buttons() if b.text() == self.button_text).click()


@pytest.fixture
def save_to_file_clicks() -> Iterator[BoxClicker]:
    clicker = BoxClicker("Save to a file…")
    yield clicker
    clicker.stopped = True  # a look still pending (its box never came) ends here, not in a later test


def test_at_quit_a_still_unsaved_answer_is_offered_to_be_saved_to_a_file(
    qtbot: QtBot, full_disk_harness: Harness, disk: SmallDisk, tmp_path: Path, save_to_file_clicks: BoxClicker
) -> None:
    h = full_disk_harness
    answer_while_the_disk_fills(qtbot, h, disk)
    assert h.chats.shutdown(3000)  # the quit: one last try, still full
    unsaved = h.chats.unsaved.answers()
    assert [a.content for a in unsaved] == [ANSWER]

    places = iter([str(disk.mount / "here.md"), str(tmp_path / "elsewhere.md")])  # the full disk first
    seen = save_to_file_clicks.seen

    def choose(_parent: QWidget | None) -> str:
        save_to_file_clicks.click_next()  # (after the last place no box comes: the fixture stops this look)
        return next(places)

    save_to_file_clicks.click_next()
    saved = offer_to_save(h.window, unsaved, choose)
    assert saved == tmp_path / "elsewhere.md"
    assert ANSWER in saved.read_text(encoding="utf-8")
    assert "disk is full" in seen[0]
    assert "could not be written" in seen[1] and "here.md" in seen[1]  # said, then asked again
    assert not (disk.mount / "here.md").exists()
