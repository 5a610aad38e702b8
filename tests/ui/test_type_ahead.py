"""Typing while the message list has the focus (after a click on an answer's text, or on a suggested question
that went away) goes to the message box: the walk of session 33 typed "abc" after clicking a suggestion and
nothing appeared anywhere."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QInputMethodQueryEvent
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.vocabulary import Role
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat_pane import ChatPane
from tests.chat_probes import point_for_text


@pytest.fixture
def pane(qtbot: QtBot) -> Iterator[ChatPane]:
    pane = ChatPane()
    qtbot.addWidget(pane)
    pane.resize(760, 560)
    pane.show()
    qtbot.waitExposed(pane)
    pane.activateWindow()
    pane.view.set_messages(
        [
            MessageItem(1, Role.USER, "What is the capital of France?", can_rework=True),
            MessageItem(2, Role.ASSISTANT, "Paris is the capital of France.", sender_name="Atlas", can_rework=True),
        ]
    )
    qtbot.waitUntil(lambda: pane.view.list_view.delegate.cached(2) is not None)
    yield pane


def test_typing_after_a_click_on_an_answer_goes_to_the_message_box(qtbot: QtBot, pane: ChatPane) -> None:
    rows = pane.view.list_view
    point = point_for_text(pane.view, 2, "Paris")
    assert point is not None
    qtbot.mouseClick(rows.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(rows.hasFocus)

    qtbot.keyClicks(rows, "And Italy")

    assert pane.composer.text() == "And Italy"
    assert pane.composer.edit.hasFocus()


def test_the_list_keeps_its_own_keys(qtbot: QtBot, pane: ChatPane) -> None:
    """Arrows, Home, End and Ctrl+C are the list's (and its keyboard ring's): none of them lands in the box."""
    rows = pane.view.list_view
    rows.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(rows.hasFocus)
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End):
        qtbot.keyClick(rows, key)
    qtbot.keyClick(rows, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert pane.composer.text() == ""
    assert rows.hasFocus()


def _compose(rows: QWidget, preedit: str, commit: str = "") -> None:
    """What a pinyin input method (ibus, fcitx) sends to the focused widget: the composition so far, then what it
    commits (the commit string, no composition left)."""
    event = QInputMethodEvent(preedit, [])
    if commit:
        event.setCommitString(commit)
    QCoreApplication.sendEvent(rows, event)


def _ask(widget: QWidget, query: Qt.InputMethodQuery) -> object:
    event = QInputMethodQueryEvent(query)
    QCoreApplication.sendEvent(widget, event)
    return event.value(query)


def _preedit(pane: ChatPane) -> str:
    return pane.composer.edit.textCursor().block().layout().preeditAreaText()


def test_pinyin_typed_on_the_list_is_composed_in_the_message_box(qtbot: QtBot, pane: ChatPane) -> None:
    """The list takes input methods and lends them the box: the first letter went past the input method before
    ("n你好" in the box instead of "你好"), as the list did not accept one."""
    rows = pane.view.list_view
    rows.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(rows.hasFocus)
    assert _ask(rows, Qt.InputMethodQuery.ImEnabled) is True  # so Qt gives the keys to the input method first

    _compose(rows, "n")
    _compose(rows, "ni")
    _compose(rows, "ni hao")

    assert _preedit(pane) == "ni hao"  # the composition shows in the box, as if typed there
    assert pane.composer.text() == ""  # and none of its Latin letters is in the message
    assert rows.hasFocus()  # (moving the focus now would make the input method commit the letters)

    _compose(rows, "", "你好")

    assert pane.composer.text() == "你好"
    assert _preedit(pane) == ""
    assert pane.composer.edit.hasFocus()


def test_the_candidate_window_sits_at_the_message_box(qtbot: QtBot, pane: ChatPane) -> None:
    """The input method asks the focused list where the text cursor is: it answers with the box's, in its own
    coordinates, and with the box's text, so candidates and surrounding text are the box's."""
    pane.composer.set_text("Hello ")
    rows = pane.view.list_view
    rows.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(rows.hasFocus)
    _compose(rows, "ni")

    edit = pane.composer.edit
    asked = _ask(rows, Qt.InputMethodQuery.ImCursorRectangle)
    assert isinstance(asked, (QRect, QRectF))
    expected = QRectF(edit.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle))
    assert QRectF(asked).topLeft() + QPointF(rows.mapToGlobal(QPoint(0, 0))) == expected.topLeft() + QPointF(
        edit.mapToGlobal(QPoint(0, 0))
    )
    assert _ask(rows, Qt.InputMethodQuery.ImSurroundingText) == "Hello "


def test_a_cancelled_composition_leaves_the_box_and_the_focus_alone(qtbot: QtBot, pane: ChatPane) -> None:
    rows = pane.view.list_view
    rows.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(rows.hasFocus)
    _compose(rows, "ni")
    _compose(rows, "")  # Esc in the input method, or Backspace over the last letter

    assert pane.composer.text() == ""
    assert _preedit(pane) == ""
    assert rows.hasFocus()


def test_a_composition_left_for_another_widget_leaves_no_letters_in_the_box(qtbot: QtBot, pane: ChatPane) -> None:
    """A click elsewhere (the search box, a button) while pinyin is being composed on the list: the composition the
    box showed for the list goes, as the box's own does when it loses the focus; before, "ni hao" stayed drawn in
    the box though none of it was in the message. A window left for another keeps it (the input method's own
    window may take the activation)."""
    other = QLineEdit(pane)
    other.show()
    rows = pane.view.list_view
    rows.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(rows.hasFocus)
    _compose(rows, "ni hao")
    QCoreApplication.sendEvent(rows, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.ActiveWindowFocusReason))
    assert _preedit(pane) == "ni hao"

    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(other.hasFocus)

    assert _preedit(pane) == ""
    assert pane.composer.text() == ""
    assert other.text() == ""


def test_a_composition_carried_on_in_the_box_stays(qtbot: QtBot, pane: ChatPane) -> None:
    """A click on the box itself mid-composition: the input method goes on composing there, so it stays shown."""
    rows = pane.view.list_view
    rows.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(rows.hasFocus)
    _compose(rows, "ni")

    qtbot.mouseClick(pane.composer.edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(pane.composer.edit.hasFocus)
    assert _preedit(pane) == "ni"
    _compose(pane.composer.edit, "", "你")

    assert pane.composer.text() == "你"
