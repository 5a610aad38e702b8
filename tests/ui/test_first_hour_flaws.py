"""Flaws found by the first-hour pass of #17 (a newcomer with the demo bot, zh_CN dark and en light, at
1280×800 and 480×700; screenshots in docs/ux): each test failed before its fix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.store import NewMessage
from desktop.core.vocabulary import Role
from desktop.ui import theme
from desktop.ui.attachment_chips import Chip
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import VERSION_NEXT, VERSION_PREV
from tests.ui.test_narrow_window import resize
from tests.ui.test_rename_delete import chats, editor
from tests.ui.window_harness import Harness


def test_an_answers_small_line_wraps_instead_of_running_off_a_narrow_window(qtbot: QtBot) -> None:
    """At 480 px a regenerated chatflow answer's "‹ 2 / 2 ›" ran past the edge, its "›" cut off."""
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(460, 600)
    view.show()
    answer = MessageItem(
        2,
        Role.ASSISTANT,
        "All set.",
        created_at=1_796_000_000,
        input_tokens=3140,
        output_tokens=260,
        feedback="",
        debug_url="https://www.coze.cn/work_flow?execute_id=1",
        can_rework=True,
        version=1,
        versions=2,
    )
    view.set_messages([MessageItem(1, Role.USER, "What is in this picture?"), answer])
    rows = view.list_view
    qtbot.waitUntil(lambda: rows.delegate.layout(answer, rows.rows.get(2), rows.row_width) is not None)
    row = rows.delegate.layout(answer, rows.rows.get(2), rows.row_width)
    assert row is not None
    for label in row.labels:
        assert label.rect.right() <= row.column.right() + 0.5, label.text
    switcher = [label for label in row.labels if label.href in (VERSION_PREV, VERSION_NEXT) or label.text == "1 / 2"]
    assert len(switcher) == 2 and switcher[0].rect.top() == switcher[1].rect.top()  # "1 / 2" and "›" together


def test_an_attached_files_chip_is_framed_in_the_dark_and_its_parts_line_up(qtbot: QtBot, dark: QApplication) -> None:
    """In the dark theme the chip had no visible frame, and once read its name sat above the centre
    while the × sat on it."""
    chip = Chip("hills.png", 3400)
    qtbot.addWidget(chip)
    chip.bar.hide()  # the file is read
    chip.show()
    qtbot.waitExposed(chip)
    image = chip.grab().toImage()
    edge = image.pixelColor(image.width() // 2, 0)
    inside = image.pixelColor(image.width() // 2, image.height() // 2)
    framed = edge == QColor(theme.DARK.border_strong) and inside != edge
    name, remove = chip.name.geometry(), chip.remove.geometry()
    assert abs(name.center().y() - remove.center().y()) <= 2
    assert framed


def test_f2_in_a_narrow_window_renames_in_the_list_it_brings_out(qtbot: QtBot, harness: Harness) -> None:
    """At 480 px the list steps aside; F2 (Edit ▸ Rename chat) opened its editor there, out of sight."""
    (chat,) = chats(harness, "Old title")
    window = harness.window
    window.open_conversation(chat)
    resize(qtbot, harness, 480)
    assert window.sidebar.isHidden()
    window.menus.actions["rename"].trigger()
    field = editor(harness)
    assert window.sidebar.isVisible() and field is not None and field.text() == "Old title"
    qtbot.keyClicks(field, "Trip")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: harness.store.conversations.get(chat).title == "Trip")  # type: ignore[union-attr]


def test_every_control_tab_reaches_shows_where_the_keyboard_is(
    qtbot: QtBot, harness: Harness, dark: QApplication
) -> None:
    """The New chat, attach and chat-list buttons, the chat list, the messages and a toast's buttons looked
    the same with and without the keyboard's focus (their stylesheets replaced the style's focus frame)."""
    window = harness.window
    chat, gone = chats(harness, "Trip", "To delete")
    harness.store.messages.add(chat, NewMessage(role=Role.USER, type="question", content="hello"))
    window.open_conversation(chat)
    window.conversations.delete(gone)
    toast = window.conversations.toast
    controls = {
        "new chat": window.sidebar.new_button,
        "attach": window.chat.composer.attach_button,
        "chat list button": window.chat.header.sidebar_button,
        "chat list": window.sidebar.list,
        "messages": window.chat.view.list_view,
        "toast": toast.button("Undo"),
    }
    elsewhere = window.sidebar.search
    for name, control in controls.items():
        assert control is not None
        elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(elsewhere.hasFocus)
        without = control.grab().toImage()
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(control.hasFocus)
        assert control.grab().toImage() != without, name
