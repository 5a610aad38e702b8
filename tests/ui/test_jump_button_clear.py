"""The "↓" jump-to-latest button floats over the messages: it must not cover the last question's file chips,
right-aligned at the bottom of the view when the user has scrolled up a little (walk of session 33, 44.png:
it hid "22 B" of "notes.txt · 22 B")."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from tests.ui.test_chat_view import conversation, idle


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    widget = ChatView(open_url=lambda _url: None)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


@pytest.mark.parametrize("width", [900, 560])
def test_the_jump_button_leaves_the_last_questions_file_chip_readable(qtbot: QtBot, view: ChatView, width: int) -> None:
    view.resize(width, 600)
    files = [{"type": "file", "name": "notes.txt", "size": 22}, {"type": "file", "name": "report.pdf", "size": 4096}]
    question = MessageItem(999, "user", json.dumps(files), content_type="object_string", created_at=1_760_000_999.0)
    view.set_messages([*conversation(12), question])
    idle(qtbot, view)
    lv, bar = view.list_view, view.list_view.verticalScrollBar()
    row = lv.delegate.layout(question, lv.rows.get(question.id), lv.row_width)
    assert row is not None
    chips = [label for label in row.labels if "notes.txt" in label.text or "report.pdf" in label.text]
    assert len(chips) == 2
    shown_at = []
    for up in range(0, 160, 2):  # the user scrolls up a little, then more: the chips leave at the bottom
        bar.setValue(bar.maximum() - up)
        jump = view._jump.geometry() if view._jump.isVisible() else QRect()
        shown_at.append(view._jump.isVisible())
        for chip in chips:
            top_left = lv.viewport_point(question.id, chip.rect.topLeft())
            assert top_left is not None
            shown = QRect(lv.viewport().mapTo(view, top_left), chip.rect.size().toSize())
            assert not shown.intersects(jump), (up, chip.text, shown, jump)
    assert not shown_at[0] and shown_at[-1]  # at the bottom no button; well above it, the button
