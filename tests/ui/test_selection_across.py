"""Selecting across messages (#18 item 2): dragging over rows, Shift+click, Shift+arrows, Ctrl+A;
Ctrl+C copies plain text, Ctrl+Shift+C Markdown; "Copy chat as Markdown". Through the real window,
controller and local Coze server."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import Scenario
from tests.chat_probes import point_for_text
from tests.ui.test_main_window import type_and_enter
from tests.ui.window_harness import Harness

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _chat(qtbot: QtBot, harness: Harness) -> tuple[int, list[int]]:
    """Two turns: questions in plain text, answers with Markdown."""
    for question, answer in (("first question", "Some **bold** words."), ("second question", "A `code` answer.")):
        harness.server.queue(Scenario("framing", text=answer))
        type_and_enter(qtbot, harness, question)
        conversation = harness.window.presenter.current
        assert conversation is not None
        qtbot.waitUntil(lambda c=conversation: not harness.chats.is_busy(c), timeout=10_000)
    assert conversation is not None
    ids = [m.id for m in harness.store.messages.page(conversation)]
    view = harness.window.chat.view
    qtbot.waitUntil(lambda: all(point_for_text(view, i, "o") is not None for i in ids), timeout=5000)
    return conversation, ids


def test_dragging_over_rows_selects_across_messages(qtbot: QtBot, harness: Harness) -> None:
    _conversation, ids = _chat(qtbot, harness)
    view, lv = harness.window.chat.view, harness.window.chat.view.list_view
    start, end = point_for_text(view, ids[0], "question"), point_for_text(view, ids[2], "question")
    assert start is not None and end is not None
    viewport = lv.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start - QPoint(3, 0))
    qtbot.mouseMove(viewport, end - QPoint(3, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end - QPoint(3, 0))
    assert lv.selected_text() == "question\n\nSome bold words.\n\nsecond "
    # The whole answer in the middle is its Markdown; the partly selected ends are what the screen shows.
    assert lv.selected_text(markdown=True) == "question\n\nSome **bold** words.\n\nsecond "
    qtbot.keyClick(lv, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "question\n\nSome bold words.\n\nsecond "
    qtbot.keyClick(lv, Qt.Key.Key_C, CTRL | SHIFT)
    assert QGuiApplication.clipboard().text() == "question\n\nSome **bold** words.\n\nsecond "
    painted = [lv.rows.get(i).selection for i in ids]
    assert all(s is not None for s in painted[:3]) and painted[3] is None

    finish = point_for_text(view, ids[3], "answer")  # Shift+click moves the end
    assert finish is not None
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, SHIFT, pos=finish + QPoint(400, 0))
    assert lv.selected_text().endswith("second question\n\nA code answer.")


def test_ctrl_a_and_shift_arrows_select_with_the_keyboard(qtbot: QtBot, harness: Harness) -> None:
    _conversation, _ids = _chat(qtbot, harness)
    lv = harness.window.chat.view.list_view
    lv.setFocus()
    qtbot.keyClick(lv, Qt.Key.Key_A, CTRL)
    everything = "first question\n\nSome **bold** words.\n\nsecond question\n\nA `code` answer."
    assert lv.selected_text(markdown=True) == everything
    assert lv.selected_text() == "first question\n\nSome bold words.\n\nsecond question\n\nA code answer."
    qtbot.keyClick(lv, Qt.Key.Key_Escape)
    assert lv.selected_text() == ""

    lv.verticalScrollBar().setValue(0)
    for _ in range(5):
        qtbot.keyClick(lv, Qt.Key.Key_Right, SHIFT)
    assert lv.selected_text() == "first"
    qtbot.keyClick(lv, Qt.Key.Key_Down, SHIFT)  # the question is one line: down goes on into the answer
    assert lv.selected_text() == "first question"
    qtbot.keyClick(lv, Qt.Key.Key_Right, SHIFT)
    assert lv.selected_text() == "first question\n\nS"
    qtbot.keyClick(lv, Qt.Key.Key_Left, SHIFT)
    assert lv.selected_text() == "first question"  # the start of the answer
    qtbot.keyClick(lv, Qt.Key.Key_Left, SHIFT)
    assert lv.selected_text() == "first question"  # the end of the question: the same text, one step back
    qtbot.keyClick(lv, Qt.Key.Key_Left, SHIFT)
    assert lv.selected_text() == "first questio"


def test_copy_chat_as_markdown(qtbot: QtBot, harness: Harness) -> None:
    _chat(qtbot, harness)
    QGuiApplication.clipboard().clear()
    harness.window.chat.view.copyConversationRequested.emit()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("# first question")
    for text in ("**You**", "first question", "Some **bold** words.", "A `code` answer."):
        assert text in copied
