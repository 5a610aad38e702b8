"""An answer's small line (time, duration, tokens, Copy, Like, Dislike, Run details, Regenerate, versions)
at the biggest font sizes: at 24–28 pt in an 800 px window it ran off the right edge and its last actions
could not be reached. Real ChatView, offscreen; English and Chinese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui import i18n
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import COPY, DISLIKE, LIKE, REGENERATE, VERSION_PREV
from tests.chat_probes import point_for_action

RUN = "https://www.coze.cn/work_flow?execute_id=7"


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_translators(app, request.param)
    yield request.param
    i18n.install_translators(app, "en")


@pytest.mark.parametrize("size", [24, 28])
@pytest.mark.parametrize("width", [530, 930])  # the chat beside the list in an 800 and a 1200 px window
def test_every_action_of_an_answer_stays_in_reach(qtbot: QtBot, language: str, size: int, width: int) -> None:
    del language
    opened: list[QUrl] = []
    view = ChatView(open_url=opened.append)
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_font_point_size(size)
    item = MessageItem(
        1,
        "assistant",
        "A short answer.",
        sender_name="Bot",
        created_at=1_760_000_000.0,
        duration=3.1,
        input_tokens=18_400,
        output_tokens=1_234,
        feedback="",
        debug_url=RUN,
        can_rework=True,
        version=2,
        versions=3,
    )
    view.set_messages([item])
    qtbot.waitUntil(view.is_idle, timeout=20_000)
    viewport = view.list_view.viewport()
    for href in (COPY, LIKE, DISLIKE, RUN, REGENERATE, VERSION_PREV):
        point = point_for_action(view, 1, href)
        assert point is not None, href
        assert 0 <= point.x() < viewport.width(), (href, point.x(), viewport.width())
    row = view.list_view.delegate.layout(view.item(1), view.list_view.rows.get(1), view.list_view.row_width)
    assert row is not None
    assert all(label.rect.right() <= viewport.width() for label in row.labels), [
        (label.text, label.rect.right()) for label in row.labels if label.rect.right() > viewport.width()
    ]
    with qtbot.waitSignal(view.feedbackRequested) as rated:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_for_action(view, 1, DISLIKE))
    assert rated.args == [1, "unlike"]
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_for_action(view, 1, RUN))
    assert opened == [QUrl(RUN)]
