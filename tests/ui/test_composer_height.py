"""The message box grows with its text from one line, without a scroll bar, up to ten lines (#17.3)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.composer import Composer
from desktop.ui.message_edit import MAX_VISIBLE_LINES
from desktop.ui.text_height import line_height


def shown(qtbot: QtBot, width: int = 700) -> Composer:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.resize(width, 400)
    composer.show()
    qtbot.waitExposed(composer)
    return composer


def settle(composer: Composer, text: str) -> None:
    composer.set_text(text)
    QApplication.processEvents()


def test_one_line_of_chinese_has_no_scroll_bar_and_the_same_height_as_english(qtbot: QtBot) -> None:
    composer = shown(qtbot)
    edit = composer.edit
    settle(composer, "")
    empty = edit.height()
    settle(composer, "hello")
    assert edit.height() == empty and not edit.verticalScrollBar().isVisible()
    settle(composer, "你好，今天北京的天气怎么样？")
    assert edit.height() == empty  # typing Chinese does not make the box jump
    assert not edit.verticalScrollBar().isVisible()
    assert edit.verticalScrollBar().maximum() == 0


def test_the_box_grows_line_by_line_then_scrolls(qtbot: QtBot) -> None:
    composer = shown(qtbot)
    edit = composer.edit
    heights = []
    for lines in range(1, MAX_VISIBLE_LINES + 1):
        settle(composer, "\n".join(["第几行 line"] * lines))
        heights.append(edit.height())
        assert not edit.verticalScrollBar().isVisible(), lines
    assert heights == sorted(heights) and len(set(heights)) == MAX_VISIBLE_LINES
    assert heights[-1] - heights[0] >= (MAX_VISIBLE_LINES - 1) * line_height(edit.font()) - 1
    settle(composer, "\n".join(["第几行 line"] * (MAX_VISIBLE_LINES + 5)))
    assert edit.height() == heights[-1]  # the limit: from here on it scrolls
    assert edit.verticalScrollBar().isVisible()


def test_a_long_line_that_wraps_grows_the_box_too(qtbot: QtBot) -> None:
    composer = shown(qtbot, width=400)
    edit = composer.edit
    settle(composer, "x")
    one = edit.height()
    settle(composer, "很长的一句话，" * 20)
    assert edit.height() > one and not edit.verticalScrollBar().isVisible()
    composer.resize(900, 400)
    QApplication.processEvents()
    wide = edit.height()
    composer.resize(300, 400)
    QApplication.processEvents()
    assert edit.height() > wide  # narrower: more wrapped lines, a taller box
