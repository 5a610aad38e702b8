"""The chat header keeps one height whatever chat it shows: a Chinese title, a Latin one, one with an emoji,
with or without the subtitle line, with or without the bot chooser. It jumped between 98 and 102 px when
switching chats (walk of session 33, 29/30/32.png): the CJK fallback font's lines are taller than the Latin
font's, so the title's label grew with a Chinese title, and everything under the header moved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui import theme
from desktop.ui.chat_pane import ChatPane


@pytest.fixture(params=["plain", "light", "dark"])
def themed(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[None]:
    palette, sheet, style_name = qapp.palette(), qapp.styleSheet(), qapp.style().name()
    if request.param != "plain":
        theme.apply_theme(qapp, request.param)
    yield
    for watcher in qapp.findChildren(theme._ThemeWatcher):
        watcher.setParent(None)
        watcher.deleteLater()
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    if qapp.style().name() != style_name:
        qapp.setStyle(style_name)


@pytest.mark.usefixtures("themed")
def test_the_header_height_does_not_depend_on_the_chat(qtbot: QtBot) -> None:
    pane = ChatPane()
    qtbot.addWidget(pane)
    pane.resize(900, 600)
    pane.show()
    qtbot.waitExposed(pane)
    header = pane.header
    heights = {}
    shows = [
        ("zh", lambda: header.set_bot("扣子演示助手", "新建对话", demo=True)),
        ("latin", lambda: header.set_bot("Coze demo bot", "hello", demo=True)),
        ("emoji", lambda: header.set_bot("Coze demo bot", "Hello 👋 world")),
        ("untitled", lambda: header.set_bot("扣子演示助手", "")),
        ("chooser", lambda: header.set_choices([("1", "扣子演示助手", None), ("2", "Other", None)], "1")),
    ]
    for name, show in shows:
        show()
        QApplication.processEvents()
        pane.layout().activate()
        heights[name] = (header.height(), pane.view.mapTo(pane, pane.view.rect().topLeft()).y())
        for label in (header.title, header.subtitle):  # nothing clipped
            if label.isVisible():
                assert label.height() >= label.sizeHint().height(), (name, label.text())
    assert len(set(heights.values())) == 1, heights
