"""The keyboard reaches the reasoning block as the mouse does: its Thinking toggle and, while it is open,
its links are buttons of the answer (Tab rings them in reading order, Enter opens the link)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.vocabulary import Role
from desktop.ui import i18n
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import COPY, THINKING
from desktop.ui.chat_pane import ChatPane
from tests.ui.test_message_keys import _items, _spoken, pane  # noqa: F401  (the pane fixture)

REASONING = "The user asks about SSE. The [specification](https://html.spec.whatwg.org/#server-sent-events) says it."
ANSWER = "See [the Coze docs](https://www.coze.cn/docs)."


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    i18n.install_translators(qapp, request.param)
    yield request.param
    i18n.install_translators(qapp, "en")


def test_the_reasonings_toggle_and_links_are_rung_and_enter_opens_the_link(
    qtbot: QtBot,
    language: str,
    pane: ChatPane,  # noqa: F811
) -> None:
    view, keys = pane.view.list_view, pane.view.keys
    opened: list[QUrl] = []
    pane.view.open_url = opened.append
    answer = MessageItem(3, Role.ASSISTANT, ANSWER, reasoning=REASONING, sender_name="Atlas")
    pane.view.set_messages([*_items(), answer])
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert keys.current == (3, "")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (3, THINKING)  # closed once the answer came: its toggle first
    qtbot.keyClick(view, Qt.Key.Key_Return)  # opens it
    spec = "https://html.spec.whatwg.org/#server-sent-events"
    link = next(button.rect for button in keys.buttons(3) if button.href == spec)
    corner = view.viewport_point(3, link.topLeft())
    assert corner is not None
    around = QRect(corner.x() - 6, corner.y() - 3, round(link.width()) + 12, round(link.height()) + 6)
    view.repaint()
    unringed = view.viewport().grab().copy(around).toImage()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (3, spec)
    view.repaint()
    assert view.viewport().grab().copy(around).toImage() != unringed  # the ring round the link is drawn
    assert _spoken()[0] == ("Link: specification" if language == "en" else "链接：specification")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [QUrl(spec)]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (3, "https://www.coze.cn/docs")  # then the answer's link
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (3, COPY)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert keys.current == (3, THINKING)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # closed again: its links are out of the ring
    assert spec not in [button.href for button in keys.buttons(3)]
