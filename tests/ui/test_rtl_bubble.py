"""A question written right to left (Arabic, Hebrew) shows inside its bubble: its paragraph is
right-aligned by Qt, so laid out at the column's width and painted in a bubble as narrow as the text
it would sit to the right of the bubble, off the window (found by the attack run: an empty bubble)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from tests.chat_probes import text_point
from tests.ui.test_chat_view import idle


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    widget = ChatView(open_url=lambda _url: None)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def where(view: ChatView, message_id: int, needle: str) -> tuple[QPointF, bool]:
    """Row coordinates of `needle`'s first character, and whether they are in the bubble."""
    item, rows = view.item(message_id), view.list_view
    assert item is not None
    state = rows.rows.get(message_id)
    point = text_point(rows.delegate, item, state, rows.row_width, needle)
    row = rows.delegate.layout(item, state, rows.row_width)
    assert point is not None and row is not None and row.bubble is not None
    return point, row.bubble.contains(point)


@pytest.mark.parametrize(
    "text",
    ["مرحبا، كيف حالك؟ This is mixed text.", "שלום עולם", "hello مرحبا"],
    ids=["arabic-first", "hebrew", "latin-first"],
)
def test_a_question_is_painted_inside_its_bubble(qtbot: QtBot, view: ChatView, text: str) -> None:
    view.set_messages([MessageItem(1, "user", text, created_at=1_760_000_000.0)])
    idle(qtbot, view)
    for needle in (text[:3], text[-3:]):
        point, inside = where(view, 1, needle)
        assert inside, f"{needle!r} at {point} is outside the bubble"
