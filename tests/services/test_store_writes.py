"""Writes from the window's slots never raise (#13 items 5 and 15): a read-only history says so and changes
nothing; a history another process holds locked is written once the lock is free, in order; a lock that
never frees is given up with a message and nothing half-done. All through StoreWrites, the one path every
slot write takes; the lock is a real `BEGIN IMMEDIATE` in a second process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from desktop.core.chat.events import MessagesMoved
from desktop.core.store import Store
from desktop.core.store.coze_links import LIKE, Feedback
from desktop.core.store.models import Message
from desktop.services.chat_controller import ChatController
from desktop.services.history import HistoryService
from desktop.services.store_writes import WriteProblem
from desktop.ui.conversation_actions import ConversationActions
from desktop.ui.write_problems import WriteProblemNotice
from tests.write_lock import WriteLock


@pytest.fixture
def path(tmp_path: Path) -> Path:
    database = tmp_path / "history.sqlite3"
    with Store.open(database) as store:
        conversation = store.conversations.create("bot1", title="原来的标题")
        store.messages.add_question(conversation.id, "问题")
    return database


class Window:
    """A history service, a chat controller and the status-bar notice, as the app wires them."""

    def __init__(self, qtbot: QtBot, store: Store) -> None:
        self.store = store
        self.history = HistoryService(store)
        self.chats = ChatController(store, lambda _bot: None)
        self.window = QMainWindow()
        qtbot.addWidget(self.window)
        notice = WriteProblemNotice(self.window)
        self.problems: list[str] = []
        for writes in (self.history.writes, self.chats.writes):
            writes.problem.connect(notice.show)
            writes.problem.connect(self.problems.append)
        self.actions = ConversationActions(self.history, self.chats, self.window, lambda: 1)

    @property
    def status(self) -> str:
        return self.window.statusBar().currentMessage()

    def title(self) -> str:
        conversation = self.store.conversations.get(1)
        assert conversation is not None
        return conversation.title


@pytest.fixture
def read_only(qtbot: QtBot, path: Path) -> Iterator[Window]:
    with Store.open(path, read_only=True) as store:
        window = Window(qtbot, store)
        yield window
        window.chats.shutdown(1000)


@pytest.fixture
def writable(qtbot: QtBot, path: Path) -> Iterator[Window]:
    with Store.open(path) as store:
        store.set_busy_timeout(50)  # as the window does (250 ms), shorter for the test
        window = Window(qtbot, store)
        window.history.writes.delays = (20, 40, 80)
        yield window
        window.chats.shutdown(1000)


def test_every_window_write_in_a_read_only_history_says_so_and_changes_nothing(read_only: Window) -> None:
    w = read_only
    rated: list[Message] = []
    w.history.rename(1, "新标题")
    w.history.set_pinned(1, True)
    assert w.actions.delete_current() is False
    assert QApplication.activeModalWidget() is None  # no confirmation asked for what cannot be done
    assert w.history.new_conversation("bot1") is None
    w.history.set_feedback(2, Feedback(LIKE), rated.append)
    w.history.add_divider(1, "section2", rated.append)
    assert w.chats.send(1, "再问一次") is False
    assert w.problems == [WriteProblem.READ_ONLY] * 7
    assert "read-only" in w.status
    conversation = w.store.conversations.get(1)
    assert conversation is not None and conversation.title == "原来的标题" and not conversation.pinned
    assert [m.content for m in w.store.messages.all(1)] == ["问题"] and rated == []
    assert w.store.conversations.count() == 1


def test_writes_a_second_process_holds_up_are_done_in_order_once_its_lock_is_free(
    qtbot: QtBot, writable: Window, path: Path
) -> None:
    w = writable
    changed: list[int] = []
    w.history.conversationsChanged.connect(lambda: changed.append(1))
    with WriteLock(path):  # a long import in another process, say
        w.history.rename(1, "第一个")  # raised "database is locked" into the slot before
        w.history.rename(1, "第二个")
        w.history.set_pinned(1, True)
        assert w.history.writes.pending == 3
        assert w.problems == [WriteProblem.BUSY]
        assert "busy" in w.status
        assert w.title() == "原来的标题"
    qtbot.waitUntil(lambda: w.history.writes.pending == 0, timeout=5000)
    conversation = w.store.conversations.get(1)
    assert conversation is not None and conversation.title == "第二个" and conversation.pinned
    assert WriteProblem.GAVE_UP not in w.problems


def test_a_lock_that_never_frees_is_given_up_with_a_message_and_nothing_half_done(
    qtbot: QtBot, writable: Window, path: Path
) -> None:
    w = writable
    with WriteLock(path):
        w.history.delete(1)
        with qtbot.waitSignal(w.history.writes.problem, check_params_cb=lambda kind: kind == WriteProblem.GAVE_UP):
            pass
        assert "not saved" in w.status
    assert w.history.writes.pending == 0
    assert w.store.conversations.get(1) is not None
    assert [m.content for m in w.store.messages.all(1)] == ["问题"]


def test_a_question_the_history_cannot_take_now_is_not_sent_and_says_why(writable: Window, path: Path) -> None:
    w = writable
    with WriteLock(path):
        assert w.chats.send(1, "锁住的时候问") is False  # the composer keeps it
        assert w.history.new_conversation("bot1") is None
    assert w.problems == [WriteProblem.NOT_NOW, WriteProblem.NOT_NOW]  # not queued: nothing is tried again
    assert "not done" in w.status and "trying again" not in w.status  # (it promised a retry that never came)
    assert not w.chats.is_busy(1)
    assert [m.content for m in w.store.messages.all(1)] == ["问题"]
    assert w.chats.send(1, "现在可以了")  # once free it goes (and fails: nothing configured, kept in history)
    assert [m.content for m in w.store.messages.all(1)][:2] == ["问题", "现在可以了"]


def test_coze_ids_of_moved_messages_wait_for_a_locked_history_instead_of_raising_into_the_slot(
    qtbot: QtBot, writable: Window, path: Path
) -> None:
    """After a regenerate, the worker says which later messages Coze now knows by new ids (MessagesMoved):
    a history another process holds locked raised "database is locked" into the controller's slot and the
    new ids were lost (the next regenerate then deleted the wrong messages on Coze)."""
    w = writable
    w.chats.writes.delays = (20, 40, 80)
    question = w.store.messages.all(1)[0]
    with WriteLock(path):
        w.chats._on_event(1, MessagesMoved(((question.id, "coze-moved-2"),)))  # as the queued worker signal calls it
        assert w.chats.writes.pending == 1
        assert w.problems == [WriteProblem.BUSY]
    qtbot.waitUntil(lambda: w.chats.writes.pending == 0, timeout=5000)
    moved = w.store.messages.get(question.id)
    assert moved is not None and moved.coze_message_id == "coze-moved-2"


def test_a_chat_write_still_waiting_for_the_lock_is_tried_once_more_at_quit(writable: Window, path: Path) -> None:
    w = writable
    w.chats.writes.delays = (60_000,)  # its own retry would come long after the quit
    question = w.store.messages.all(1)[0]
    with WriteLock(path):
        w.chats._on_event(1, MessagesMoved(((question.id, "coze-moved-at-quit"),)))
        assert w.chats.writes.pending == 1
    assert w.chats.shutdown(1000)
    assert w.chats.writes.pending == 0
    moved = w.store.messages.get(question.id)
    assert moved is not None and moved.coze_message_id == "coze-moved-at-quit"
