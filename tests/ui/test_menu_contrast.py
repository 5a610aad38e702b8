"""A message's context menu stands out from the window in both themes: in the dark one Fusion drew the menu in the
window's colour with an edge a shade darker (no visible border), and an unticked Like or Dislike was a dark well on
a dark menu. The menu's edge and each check box of its rows must reach 3:1 (WCAG's non-text contrast), the ticked
box too while its row is highlighted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.vocabulary import Role
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.message_menu import message_menu
from tests.ui.contrast import contrast


def _shown(qtbot: QtBot, window: QWidget) -> QMenu:
    answer = MessageItem(1, Role.ASSISTANT, "An answer", feedback="like", can_rework=True)
    menu = message_menu(window, answer, None, lambda _md: "", lambda _a: None, open_url=print, media=None)
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitExposed(menu)
    return menu


def _rated(menu: QMenu) -> list[QAction]:
    return [action for action in menu.actions() if action.isCheckable()]


def _box_contrast(image: QImage, menu: QMenu, action: QAction) -> float:
    """The strongest contrast inside the row's check box (its left 30 px) against the row's own background."""
    row = menu.actionGeometry(action)
    background = image.pixelColor(row.right() - 2, row.center().y())
    return max(
        contrast(image.pixelColor(x, y), background)
        for x in range(row.left(), row.left() + 30)
        for y in range(row.top(), row.bottom() + 1)
    )


@pytest.mark.qt_log_ignore(  # the offscreen platform, as a menu opens
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_the_message_menu_has_a_visible_edge_and_check_boxes(qtbot: QtBot, themed: str) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 300)
    window.show()
    qtbot.waitExposed(window)
    behind = window.palette().color(window.backgroundRole())
    menu = _shown(qtbot, window)
    like, dislike = _rated(menu)
    assert like.isChecked() and not dislike.isChecked()
    image = menu.grab().toImage()
    edge = [image.pixelColor(x, 0) for x in range(image.width())] + [
        image.pixelColor(0, y) for y in range(image.height())
    ]
    assert min(contrast(color, behind) for color in edge) >= 3, themed
    for action in (like, dislike):
        assert _box_contrast(image, menu, action) >= 3, (themed, action.text())
    menu.setActiveAction(like)  # highlighted: the accent row around the accent box
    qtbot.waitUntil(lambda: menu.activeAction() is like)
    assert _box_contrast(menu.grab().toImage(), menu, like) >= 3, (themed, "highlighted")
    menu.close()
