"""The answer's version switch "‹ 2/3 ›" reads and clicks like a control, in both themes: the arrows in the body
font's size, bold, in the text colour (4.5:1 or more against the page), each a hit area at least as wide as it
is tall, with a disc under the mouse; the count readable (not the small line's grey); an arrow that goes
nowhere dimmer than one that does. They were the small line's tiny grey "‹" and "›" (walk of session 33,
19.png)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo
from pytestqt.qtbot import QtBot

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import VERSION_NEXT, VERSION_PREV
from tests.ui.contrast import contrast, themed

__all__ = ["themed"]


@pytest.mark.usefixtures("themed")
def test_the_version_arrows_are_readable_clickable_controls(qtbot: QtBot) -> None:
    view = ChatView(open_url=lambda _url: None)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    answer = MessageItem(
        1,
        "assistant",
        "An answer.",
        sender_name="Bot",
        created_at=1_760_000_000.0,
        can_rework=True,
        version=3,
        versions=3,
    )
    view.set_messages([answer])
    qtbot.waitUntil(view.is_idle, timeout=20_000)
    lv = view.list_view
    style = lv.delegate.style
    row = lv.delegate.layout(view.item(1), lv.rows.get(1), lv.row_width)
    assert row is not None
    prev = next(label for label in row.labels if label.href == VERSION_PREV)
    count = next(label for label in row.labels if label.text.replace(" ", "") == "3/3")
    last = next(label for label in row.labels if label.text == "›")
    assert last.href != VERSION_NEXT  # the newest is shown: nowhere to go
    body = QFontInfo(style.font).pixelSize()
    assert QFontInfo(prev.font).pixelSize() >= body and prev.font.bold()
    assert contrast(prev.color, style.base) >= 4.5
    assert contrast(count.color, style.base) >= 4.5
    assert contrast(last.color, style.base) < contrast(prev.color, style.base)
    assert prev.rect.width() >= prev.rect.height() >= QFontInfo(style.small).pixelSize()
    assert prev.button  # a disc under the mouse
