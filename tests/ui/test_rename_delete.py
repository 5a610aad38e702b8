"""Rename in place in the list (F2, Enter keeps, Esc cancels) and delete with Undo; where the focus
lands after both (#17.2). The real window, store and services."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.coze_fixtures import BOT
from tests.ui.window_harness import Harness


def chats(harness: Harness, *titles: str) -> list[int]:
    ids = [harness.store.conversations.create(BOT, title=title).id for title in titles]
    harness.window.sidebar.reload()
    return ids


def editor(harness: Harness) -> QLineEdit | None:
    """The open rename field. A closed one lingers hidden until its deferred delete runs (later under
    load), and findChild would return it first: look at every one."""
    found = harness.window.sidebar.list.findChildren(QLineEdit, "renameEditor")
    return next((field for field in found if field.isVisible()), None)


def test_f2_renames_in_place_enter_keeps_esc_cancels(qtbot: QtBot, harness: Harness) -> None:
    (chat,) = chats(harness, "Old title")
    harness.window.open_conversation(chat)
    rename = next(a for a in harness.window.findChildren(QAction) if a.text() == "Re&name chat")
    assert rename.shortcut() == QKeySequence(Qt.Key.Key_F2)
    rename.trigger()
    field = editor(harness)
    assert field is not None and field.text() == "Old title" and field.selectedText() == "Old title"
    assert QApplication.activeModalWidget() is None  # no dialog
    qtbot.keyClicks(field, "Trip to Xi'an")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: editor(harness) is None, timeout=2000)
    assert harness.store.conversations.get(chat).title == "Trip to Xi'an"  # type: ignore[union-attr]
    assert harness.window.sidebar.list.hasFocus()  # back on the list
    assert harness.window.windowTitle() == "Trip to Xi'an — Coze Desktop"

    harness.window.sidebar.rename_current()
    field = editor(harness)
    assert field is not None
    qtbot.keyClicks(field, "never mind")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor(harness) is None, timeout=2000)
    assert harness.store.conversations.get(chat).title == "Trip to Xi'an"  # type: ignore[union-attr]
    assert harness.window.sidebar.list.hasFocus()


def test_an_empty_title_changes_nothing(qtbot: QtBot, harness: Harness) -> None:
    (chat,) = chats(harness, "Keep me")
    harness.window.open_conversation(chat)
    harness.window.sidebar.rename_current()
    field = editor(harness)
    assert field is not None
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor(harness) is None, timeout=2000)
    assert harness.store.conversations.get(chat).title == "Keep me"  # type: ignore[union-attr]


def test_delete_opens_the_next_chat_and_keeps_the_focus_on_the_list(qtbot: QtBot, harness: Harness) -> None:
    first, second, third = chats(harness, "first", "second", "third")  # listed newest first: third, second, first
    harness.window.open_conversation(second)
    assert harness.window.conversations.delete(second)
    assert harness.window.current_conversation == first  # the one below it
    assert harness.window.sidebar.list.hasFocus()
    assert [harness.window.model.id_at(r) for r in range(harness.window.model.rowCount())] == [third, first]
    assert harness.window.conversations.delete(first)  # the last row: the one above opens; the first is gone now
    assert harness.store.conversations.get(second) is None
    assert harness.window.current_conversation == third
    harness.window.conversations.toast.button("Undo").click()  # type: ignore[union-attr]
    assert harness.window.current_conversation == first
    assert harness.window.conversations.delete(third)
    assert harness.window.conversations.delete(first)
    assert harness.window.current_conversation is None  # nothing left: a new chat
    harness.window.close()  # quitting while Undo is offered deletes it
    assert harness.store.conversations.get(first) is None


def test_the_toast_floats_over_the_window_without_moving_the_layout(qtbot: QtBot, harness: Harness) -> None:
    (chat,) = chats(harness, "gone soon")
    harness.window.open_conversation(chat)
    composer = harness.window.chat.composer
    before = composer.geometry()
    harness.window.conversations.delete(chat)
    toast = harness.window.conversations.toast
    assert toast.isVisible() and toast.parentWidget() is harness.window
    assert composer.geometry() == before
    assert harness.window.rect().contains(toast.geometry())


def test_the_delete_key_on_the_list_deletes_with_undo(qtbot: QtBot, harness: Harness) -> None:
    keep, gone = chats(harness, "keep", "gone")
    harness.store.messages.add_question(gone, "a question to show")
    harness.window.open_conversation(gone)
    listing = harness.window.sidebar.list
    listing.setFocus()
    qtbot.waitUntil(listing.hasFocus)
    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    assert harness.window.conversations.toast.isVisible()
    assert [harness.window.model.id_at(r) for r in range(harness.window.model.rowCount())] == [keep]
    harness.window.conversations.toast.button("Undo").click()  # type: ignore[union-attr]
    assert harness.store.conversations.get(gone) is not None

    harness.window.chat.composer.focus()  # Del in the message box edits text, never deletes a chat
    qtbot.waitUntil(harness.window.chat.composer.edit.hasFocus)
    qtbot.keyClick(harness.window.chat.composer.edit, Qt.Key.Key_Delete)
    assert not harness.window.conversations.toast.isVisible()
    messages = harness.window.chat.view.list_view  # nor in the chat's messages
    messages.setFocus()
    qtbot.waitUntil(messages.hasFocus)
    qtbot.keyClick(messages, Qt.Key.Key_Delete)
    assert not harness.window.conversations.toast.isVisible()


def test_a_pasted_page_of_text_renames_to_at_most_200_characters(qtbot: QtBot, harness: Harness) -> None:
    """The field took QLineEdit's 32,767 characters and the history stored them all."""
    (chat,) = chats(harness, "Short")
    harness.window.open_conversation(chat)
    harness.window.sidebar.rename_current()
    field = editor(harness)
    assert field is not None
    field.insert("很长的标题 " * 8000)  # as a paste: 48,000 characters
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor(harness) is None, timeout=2000)
    title = harness.store.conversations.get(chat).title  # type: ignore[union-attr]
    assert title.startswith("很长的标题 很长的标题") and len(title) <= 200
    assert len(harness.window.windowTitle()) <= 200 + len(" — Coze Desktop")
    header = harness.window.chat.header.title
    assert header.width() < harness.window.width() and header.text().endswith("…")  # elided, the layout kept
