"""The window title and the chat header follow the shown chat's title as soon as it changes (#17.1)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import Scenario
from tests.ui.window_harness import Harness


def test_the_first_question_names_the_chat_in_the_header_and_the_window_title(qtbot: QtBot, harness: Harness) -> None:
    harness.server.queue(Scenario("framing", text="Pandas eat bamboo."))
    harness.window.send("熊猫吃什么？")
    header = harness.window.chat.header
    assert header.title.text() == "熊猫吃什么？"
    assert harness.window.windowTitle() == "熊猫吃什么？ — Coze Desktop"
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    assert header.title.text() == "熊猫吃什么？"


def test_a_rename_shows_in_the_header_and_window_title_at_once(qtbot: QtBot, harness: Harness) -> None:
    conversation = harness.store.conversations.create(harness.window.presenter.bot_for_new_chat() or "", "old name")
    harness.store.messages.add_question(conversation.id, "hello")
    harness.window.sidebar.reload()
    harness.window.open_conversation(conversation.id)
    assert harness.window.windowTitle() == "old name — Coze Desktop"
    harness.window.sidebar.renameRequested.emit(conversation.id, "Panda facts")
    assert harness.window.chat.header.title.text() == "Panda facts"
    assert harness.window.windowTitle() == "Panda facts — Coze Desktop"
    other = harness.store.conversations.create(harness.window.presenter.bot_for_new_chat() or "", "another")
    harness.history.rename(other.id, "renamed elsewhere")  # another chat's rename leaves this one's title
    assert harness.window.windowTitle() == "Panda facts — Coze Desktop"


def test_a_right_to_left_title_stays_inside_its_place_in_the_window_title(qtbot: QtBot, harness: Harness) -> None:
    """A Hebrew title set the line's direction (the window manager showed "Coze Desktop — שלום"), and an
    override in a title turned the rest of the window title around."""
    conversation = harness.store.conversations.create(harness.window.presenter.bot_for_new_chat() or "", "שלום 2")
    harness.store.messages.add_question(conversation.id, "מה שלומך?")
    harness.window.sidebar.reload()
    harness.window.open_conversation(conversation.id)
    assert harness.window.windowTitle() == "\u200e\u2068שלום 2\u2069 — Coze Desktop"  # (LRM: the line's direction)
    row = harness.window.model.index(harness.window.model.row_of(conversation.id))
    delegate = harness.window.sidebar.delegate
    assert delegate.preview_text(row) == "You: \u2068מה שלומך?\u2069"  # the list's second line too
    harness.window.sidebar.renameRequested.emit(conversation.id, "\u202eabc\u2067 שלום")
    assert harness.window.windowTitle() == "\u200e\u2068abc שלום\u2069 — Coze Desktop"
    assert harness.window.conversations.delete(conversation.id)
    assert harness.window.conversations.toast.text.text() == "Deleted “\u2068abc שלום\u2069”."
