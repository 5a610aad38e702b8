"""The "only on this computer" tag of a chat that has no copy on Coze leaves the preview a readable width: in
English at the sidebar's usual 280 px the tag took 136 of the second line's 206 px and the preview showed
"Coze Demo Bo…". The tag takes at most 40 % of the line (its short form "local only" where the phrase does not
fit), and is never cut; the row's tooltip says the phrase whole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop.ui import i18n
from desktop.ui.conversation_delegate import ConversationDelegate
from desktop.ui.conversation_groups import ListLabels
from desktop.ui.conversation_model import Role

PREVIEW = "Plan three days in Hangzhou with the tea fields, the lake and a quiet hotel"


class Recording(QPainter):
    """A painter that keeps what the delegate writes where: (box, text)."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[tuple[QRect, str, int]] = []  # the box, the text, the text's width in the font used

    def drawText(self, *args: Any) -> None:
        if len(args) == 3 and isinstance(args[0], QRect) and isinstance(args[2], str):
            self.texts.append((QRect(args[0]), args[2], self.fontMetrics().horizontalAdvance(args[2])))
        super().drawText(*args)


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    i18n.install_translators(qapp, request.param)
    yield request.param
    i18n.install_translators(qapp, "en")


def paint_row(qtbot: QtBot, width: int) -> tuple[dict[str, tuple[QRect, str, int]], int]:
    """One local-only row painted at `width`; returns what was written (the avatar's initial, time, title, tag, preview) and the second
    line's width."""
    model = QStandardItemModel()
    item = QStandardItem("Trip to Hangzhou")
    for role, value in ((Role.PREVIEW, PREVIEW), (Role.SPEAKER, "Coze Demo Bot"), (Role.LOCAL_ONLY, True)):
        item.setData(value, role)
    item.setData(0.0, Role.UPDATED)
    model.appendRow(item)
    view = QListView()
    qtbot.addWidget(view)
    delegate = ConversationDelegate(ListLabels(view), view)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    index = model.index(0, 0)
    option.rect = QRect(0, 0, width, delegate.sizeHint(option, index).height())
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    painter = Recording(image)
    delegate.paint(painter, option, index)
    painter.end()
    line = width - 2 * 6 - (10 + delegate.AVATAR + 8) - 10  # the card's margins, the avatar, the text's right edge
    return dict(zip(("initial", "time", "title", "tag", "preview"), painter.texts, strict=True)), line


@pytest.mark.parametrize("width", [240, 280, 360])
def test_the_local_only_tag_leaves_the_preview_a_readable_width(qtbot: QtBot, language: str, width: int) -> None:
    texts, line = paint_row(qtbot, width)
    preview, tag = texts["preview"], texts["tag"]
    assert preview[1].startswith("Coze Demo B"), preview
    assert preview[0].width() >= 0.55 * line, (language, width, preview, tag)
    assert tag[1] and tag[0].width() >= tag[2], tag  # the tag's words fit its outline


def test_the_whole_phrase_shows_where_there_is_room(qtbot: QtBot, language: str) -> None:
    texts, _line = paint_row(qtbot, 520)
    assert texts["tag"][1] == ListLabels().local_only
