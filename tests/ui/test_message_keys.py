"""The keyboard reaches what the mouse does on a message: into the list from the message box, Up/Down
between messages, Enter/Ctrl+C copies, the Menu key and Shift+F10 open the message's menu, Tab rings its
buttons and the suggested questions, Esc goes back; a screen reader hears who spoke and what."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QAccessible, QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.vocabulary import MessageStatus, Role
from desktop.ui import i18n
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import COPY, COPY_CODE, COPY_DETAILS, DETAILS, DISLIKE, FOLLOW_UP, LIKE, REGENERATE, RETRY
from desktop.ui.chat_pane import ChatPane
from desktop.ui.commands import command
from desktop.ui.shortcuts_dialog import ShortcutsDialog
from tests.chat_probes import point_for_action
from tests.ui.window_harness import Harness

ANSWER = "Paris is the **capital** of France."


def _items(extra: int = 0) -> list[MessageItem]:
    older = [
        MessageItem(100 + n, Role.USER if n % 2 == 0 else Role.ASSISTANT, f"older message {n}\n\n" + "words " * 60)
        for n in range(extra)
    ]
    return [
        *older,
        MessageItem(1, Role.USER, "What is the capital of France?", can_rework=True),
        MessageItem(2, Role.ASSISTANT, ANSWER, sender_name="Atlas", can_rework=True, feedback=""),
    ]


@pytest.fixture
def pane(qtbot: QtBot) -> Iterator[ChatPane]:
    pane = ChatPane()
    qtbot.addWidget(pane)
    pane.resize(760, 560)
    pane.show()
    qtbot.waitExposed(pane)
    pane.activateWindow()
    pane.view.set_messages(_items())
    pane.view.set_follow_ups(["And of Italy?", "How big is it?"])
    qtbot.waitUntil(lambda: pane.view.list_view.delegate.cached(2) is not None)
    pane.composer.focus()
    qtbot.waitUntil(pane.composer.edit.hasFocus)
    yield pane


def _spoken() -> tuple[str, str]:
    widget = QApplication.focusWidget()
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name), interface.text(QAccessible.Text.Description)


def _menu_texts(qtbot: QtBot, open_it: Callable[[], object], choose: str = "") -> tuple[list[str], QPoint]:
    """Open a menu (modal) by calling `open_it`, read its actions and where it is; choose `choose` with the
    keys (Down to it, Enter) or close it."""
    seen: list[str] = []
    where = QPoint()

    def read() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read)
            return
        seen.extend(action.text() for action in menu.actions() if action.text())
        where.setX(menu.pos().x())
        where.setY(menu.pos().y())
        if not choose:
            menu.close()
            return
        for _ in range(len(menu.actions())):
            qtbot.keyClick(menu, Qt.Key.Key_Down)
            if menu.activeAction() is not None and menu.activeAction().text() == choose:
                break
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(20, read)
    open_it()
    qtbot.waitUntil(lambda: bool(seen))
    return seen, where


def _top_and_height(pane: ChatPane, message_id: int) -> tuple[int, int]:
    """A message's top in the list's viewport and its height."""
    view, item = pane.view.list_view, pane.view.item(message_id)
    assert item is not None
    layout = view.delegate.layout(item, view.rows.get(message_id), view.row_width)
    point = view.viewport_point(message_id, QPointF(0, 0))
    assert layout is not None and point is not None
    return point.y(), layout.height


def test_shift_tab_from_the_message_box_rings_the_latest_message_and_up_down_move(qtbot: QtBot, pane: ChatPane) -> None:
    view = pane.view.list_view
    keys = pane.view.keys
    plain = view.viewport().grab().toImage()
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.hasFocus() and keys.current == (2, "")
    assert view.rows.get(2).marked
    name, description = _spoken()
    assert name == "Atlas: Paris is the capital of France."
    assert description.startswith("Message 2 of 2. Enter copies it, the Menu key opens its menu")
    view.repaint()
    assert view.viewport().grab().toImage() != plain  # the ring is drawn

    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert keys.current == (1, "") and view.rows.get(1).marked and not view.rows.get(2).marked
    assert _spoken()[0] == "You: What is the capital of France?"
    qtbot.keyClick(view, Qt.Key.Key_Up)  # the first: it stays
    assert keys.current == (1, "")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert keys.current == (2, "")

    other = QWidget()  # another window (a dialog, another app) and back: the ring is where it was
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not view.hasFocus())
    assert not view.rows.get(2).marked and view.accessibleName() == "Messages"
    pane.activateWindow()
    qtbot.waitUntil(view.hasFocus)
    assert keys.current == (2, "") and view.rows.get(2).marked

    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert pane.composer.edit.hasFocus() and keys.current == (-1, "")
    assert not view.rows.get(2).marked and view.accessibleName() == "Messages"


def test_enter_copies_the_message_and_tab_rings_its_buttons_and_the_suggested_questions(
    qtbot: QtBot, pane: ChatPane
) -> None:
    view, keys = pane.view.list_view, pane.view.keys
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == ANSWER
    assert view.rows.get(2).copied == COPY  # "Copied", as after a click

    order = []
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        order.append(keys.current[1])
    assert order == [COPY, LIKE, DISLIKE, REGENERATE, f"{FOLLOW_UP}0", f"{FOLLOW_UP}1"]
    assert view.rows.get(2).focus == f"{FOLLOW_UP}1"
    assert _spoken()[0] == "Ask: How big is it?"
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert keys.current == (2, f"{FOLLOW_UP}0")
    with qtbot.waitSignal(pane.view.followUpClicked) as asked:
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert asked.args == ["And of Italy?"]

    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert keys.current == (2, LIKE) and _spoken()[0] == "Like"
    with qtbot.waitSignal(pane.view.feedbackRequested) as rated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert rated.args == [2, "like"]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    with qtbot.waitSignal(pane.view.regenerateRequested) as regenerated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert regenerated.args == [2]


def test_tab_past_the_last_button_leaves_the_list(qtbot: QtBot, pane: ChatPane) -> None:
    view, keys = pane.view.list_view, pane.view.keys
    pane.view.set_follow_ups([])
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    for _ in range(4):  # Copy, Like, Dislike, Regenerate
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (2, REGENERATE)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus() and keys.current == (-1, "") and view.rows.get(2).focus == ""


@pytest.mark.qt_log_ignore(  # the offscreen platform, as a menu opens
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_the_menu_key_and_shift_f10_open_the_messages_menu_where_it_is(qtbot: QtBot, pane: ChatPane) -> None:
    view = pane.view.list_view
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up)

    def menu_key() -> None:  # as the platform sends it for the Menu key (xcb: before the key press)
        event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), view.mapToGlobal(QPoint(5, 5)))
        QApplication.sendEvent(view, event)

    texts, where = _menu_texts(qtbot, menu_key)
    assert texts[:2] == ["Copy message", "Edit question…"]  # the question's menu, not what is at (5, 5)
    top, height = _top_and_height(pane, 1)
    assert (
        view.viewport().mapToGlobal(QPoint(0, top)).y()
        <= where.y()
        <= view.viewport().mapToGlobal(QPoint(0, top + height)).y()
    )  # over the message

    qtbot.keyClick(view, Qt.Key.Key_Down)
    shift_f10 = lambda: qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # noqa: E731
    with qtbot.waitSignal(pane.view.feedbackRequested) as rated:
        texts, _where = _menu_texts(qtbot, shift_f10, choose="Dislike")
    assert texts[:4] == ["Copy message", "Like", "Dislike", "Regenerate"]  # what the row's buttons do
    assert rated.args == [2, "unlike"]
    assert view.hasFocus() and view.rows.get(2).marked  # back from the menu, the ring is where it was


def test_up_and_down_scroll_a_long_history_and_home_end_ring_its_ends(qtbot: QtBot, pane: ChatPane) -> None:
    view, keys = pane.view.list_view, pane.view.keys
    pane.view.set_messages(_items(extra=30))
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert keys.current == (2, "")
    seen: list[int] = []
    for _ in range(8):
        qtbot.keyClick(view, Qt.Key.Key_Up)
        seen.append(keys.current[0])
        top, height = _top_and_height(pane, keys.current[0])
        assert top >= 0 and top + height <= view.viewport().height()  # all of it in view
    assert seen == [1, 129, 128, 127, 126, 125, 124, 123]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert keys.current == (100, "") and view.verticalScrollBar().value() == 0
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert keys.current == (2, "") and view.following


def test_a_message_taller_than_the_view_scrolls_before_the_ring_moves_on(qtbot: QtBot, pane: ChatPane) -> None:
    view, keys = pane.view.list_view, pane.view.keys
    long = MessageItem(3, Role.ASSISTANT, "\n\n".join(f"Paragraph {n}: " + "words " * 40 for n in range(40)))
    pane.view.set_messages([*_items(), long, MessageItem(4, Role.USER, "thanks")])
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert keys.current == (3, "")
    top, height = _top_and_height(pane, 3)
    assert height > view.viewport().height() and top + height == view.viewport().height()  # its end shows
    ups = 0
    while keys.current[0] == 3 and ups < 100:
        before = view.verticalScrollBar().value()
        qtbot.keyClick(view, Qt.Key.Key_Up)
        ups += 1
        assert keys.current[0] != 3 or view.verticalScrollBar().value() < before  # read on upwards
    assert keys.current == (2, "") and ups > 3
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert keys.current == (3, "") and _top_and_height(pane, 3)[0] == 0  # its start shows
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # its Copy, at its end: scrolled to
    assert keys.current == (3, COPY)
    copy = point_for_action(pane.view, 3, COPY)
    assert copy is not None and 0 <= copy.y() <= view.viewport().height()
    value = view.verticalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # copied: the view stays at its end
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # back to the message: stays
    assert keys.current == (3, "") and view.verticalScrollBar().value() == value


def test_a_code_blocks_copy_is_a_button_too(qtbot: QtBot, pane: ChatPane) -> None:
    view, keys = pane.view.list_view, pane.view.keys
    code = MessageItem(
        3, Role.ASSISTANT, "Run this:\n\n```python\nprint('hi')\n```\n\nand then this:\n\n```\nls -la\n```"
    )
    pane.view.set_messages([*_items(), code])
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    plain = view.viewport().grab().toImage()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (3, f"{COPY_CODE}0") and _spoken()[0] == "Copy code (python)"
    view.repaint()
    assert view.viewport().grab().toImage() != plain  # its ring is drawn
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == "print('hi')"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (3, f"{COPY_CODE}1") and _spoken()[0] == "Copy code"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == "ls -la"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (3, COPY)


def test_ctrl_c_copies_the_ringed_message_and_ctrl_shift_y_the_last_answer(qtbot: QtBot, harness: Harness) -> None:
    chat = harness.window.chat
    view = chat.view.list_view
    chat.view.set_messages(_items())
    qtbot.waitUntil(lambda: view.delegate.cached(1) is not None)
    QGuiApplication.clipboard().setText("")
    harness.window.activateWindow()
    chat.composer.focus()
    qtbot.waitUntil(chat.composer.edit.hasFocus)
    qtbot.keyClick(
        chat.composer.edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert QGuiApplication.clipboard().text() == ANSWER  # from the message box: the last answer
    qtbot.keyClick(chat.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "What is the capital of France?"
    assert "Ctrl+Shift+Y" in [s.toString() for s in command("copy_last_answer").sequences()]


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[QApplication]:
    assert i18n.install_translators(qapp, "zh_CN") == "zh"
    yield qapp
    i18n.install_translators(qapp, "en")


def test_the_shortcuts_help_lists_the_message_keys_in_chinese(qtbot: QtBot, chinese: QApplication) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    rows = {(action, keys) for _heading, action, keys in ShortcutsDialog(parent).rows()}
    assert ("消息的菜单", "菜单, Shift+F10") in rows and ("逐个转到消息的按钮和推荐问题", "Tab, Shift+Tab") in rows
    assert ("上一条消息（长消息先滚动）", "上方向") in rows and ("跳到最新消息", "Shift+Tab") in rows
    assert ("复制最后一条回答", "Ctrl+Shift+Y") in rows


def test_links_and_the_error_boxs_actions_are_buttons_too(qtbot: QtBot, pane: ChatPane) -> None:
    view, keys = pane.view.list_view, pane.view.keys
    opened: list[QUrl] = []
    pane.view.open_url = opened.append
    linked = MessageItem(3, Role.ASSISTANT, "See [the **Coze** docs](https://www.coze.cn/docs) for more.")
    failed = MessageItem(
        4, Role.ASSISTANT, "", status=MessageStatus.FAILED, error_sentence="The bot is busy.", error_details="code 4009"
    )
    pane.view.set_messages([*_items(), linked, MessageItem(5, Role.USER, "again"), failed])
    qtbot.keyClick(pane.composer.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert keys.current == (4, "")
    plain = view.viewport().grab().toImage()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (4, RETRY) and _spoken()[0] == "Retry"
    view.repaint()
    assert view.viewport().grab().toImage() != plain  # the ring round Retry is drawn
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (4, DETAILS)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the details open
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (4, COPY_DETAILS)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == "code 4009"
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(pane.view.retryRequested) as retried:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert retried.args == [4]

    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert keys.current == (3, "")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (3, "https://www.coze.cn/docs") and _spoken()[0] == "Link: the Coze docs"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [QUrl("https://www.coze.cn/docs")]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert keys.current == (3, COPY)  # one link in bold pieces is one button
