"""An answer the history could not take because another process held it locked (not a full disk) when
the app quits: the offer to save it to a file says the history was busy, not "the disk is full" (it said
the disk was full whatever the reason)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.ui.unsaved_answers import offer_to_save
from tests.ui.window_harness import Harness
from tests.write_lock import WriteLock


def read_and_let_go(seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(20, lambda: read_and_let_go(seen))
        return
    seen.append(box.text())
    next(b for b in box.buttons() if b.text() == "Quit without saving").click()


def test_an_answer_a_locked_history_refused_is_offered_as_busy_not_disk_full(
    qtbot: QtBot, server: CozeServer, tmp_path: Path
) -> None:
    path = tmp_path / "history.sqlite3"
    lock = WriteLock(path)
    with Store.open(path) as store:
        store.set_busy_timeout(50)  # the window waits 250 ms
        h = Harness(store, server)
        qtbot.addWidget(h.window)
        h.window.new_chat()
        server.queue(Scenario("slow", pace=0.01, text="held up by another program " * 5))

        held: list[bool] = []

        def lock_once(*_args: object) -> None:
            if not held:  # after the question is saved, before the answer is
                held.append(True)
                lock.hold()

        h.chats.answerDelta.connect(lock_once)
        try:
            h.window.send("busy?")
            conversation = h.window.current_conversation
            assert conversation is not None
            qtbot.waitUntil(lambda: not h.chats.is_busy(conversation), timeout=20_000)
            assert h.chats.shutdown(3000)
            unsaved = h.chats.unsaved.answers()
            assert unsaved
            seen: list[str] = []
            QTimer.singleShot(0, lambda: read_and_let_go(seen))
            assert offer_to_save(h.window, unsaved) is None
        finally:
            lock.release()
            h.close()
    assert "busy" in seen[0] and "disk is full" not in seen[0]
