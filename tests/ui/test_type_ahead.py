"""Typing while the message list has the focus (after a click on an answer's text, or on a suggested question
that went away) goes to the message box: the walk of session 33 typed "abc" after clicking a suggestion and
nothing appeared anywhere."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
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
