"""The conversation presenter (what the chat pane shows), the window's wiring and detach() — with
the real store, services and window. Export and import: test_transfer_actions.py."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.store import BotRecord, Message, Store
from desktop.ui.conversation_presenter import PAGE
from tests.coze_fixtures import BOT
from tests.ui.window_harness import Harness

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def long_conversation(store: Store, count: int, title: str = "long chat") -> tuple[int, list[Message]]:
    conversation = store.conversations.create(BOT, title=title)
    messages = [store.messages.add_question(conversation.id, f"question {n}") for n in range(count)]
    return conversation.id, messages


def shown(harness: Harness, message: Message) -> bool:
    return harness.window.chat.view.item(message.id) is not None


def test_a_long_conversation_opens_at_its_last_page_and_loads_older_pages_on_request(harness: Harness) -> None:
    conversation_id, messages = long_conversation(harness.store, PAGE * 2 + 30)
    harness.window.open_conversation(conversation_id)
    presenter = harness.window.presenter
    assert shown(harness, messages[-PAGE]) and not shown(harness, messages[-PAGE - 1])
    assert presenter.load_older()
    assert shown(harness, messages[-2 * PAGE]) and not shown(harness, messages[-2 * PAGE - 1])
    assert presenter.load_older()
    assert shown(harness, messages[0])
    assert not presenter.load_older()  # nothing older: no empty request, no change


def test_a_search_hit_in_an_older_page_is_loaded_and_shown(harness: Harness) -> None:
    conversation_id, messages = long_conversation(harness.store, PAGE * 3)
    harness.window.sidebar.reload()
    harness.window.presenter.jump_to(conversation_id, messages[3].id)
    assert harness.window.current_conversation == conversation_id
    assert shown(harness, messages[3])
    assert harness.window.sidebar.current_id() == conversation_id


def test_only_the_shown_conversations_signals_reach_the_view(harness: Harness) -> None:
    shown_id, _ = long_conversation(harness.store, 2, "shown")
    other_id, _ = long_conversation(harness.store, 2, "other")
    harness.window.open_conversation(shown_id)
    elsewhere = harness.store.messages.add_question(other_id, "somewhere else")
    here = harness.store.messages.add_question(shown_id, "right here")
    harness.chats.messageAdded.emit(other_id, elsewhere)
    harness.chats.answerDelta.emit(other_id, elsewhere.id, "more", "")
    harness.chats.busyChanged.emit(other_id, True)
    assert not shown(harness, elsewhere)
    assert not harness.window.chat.composer.busy
    harness.chats.messageAdded.emit(shown_id, here)
    assert shown(harness, here)
    harness.chats.busyChanged.emit(other_id, False)


def test_the_header_and_window_title_follow_the_conversation_and_its_bot(harness: Harness) -> None:
    header = harness.window.chat.header
    assert header.title.text() == "New chat" and header.subtitle.text() == "Demo Bot"
    assert harness.window.windowTitle() == "Coze Desktop"
    conversation_id, _ = long_conversation(harness.store, 1, "熊猫的问题")
    harness.window.open_conversation(conversation_id)
    assert header.title.text() == "熊猫的问题"
    assert harness.window.windowTitle() == "熊猫的问题 — Coze Desktop"
    harness.store.bots.upsert(BotRecord(BOT, name="Renamed Bot"))
    harness.bots.botUpdated.emit(BOT)
    assert header.subtitle.text() == "Renamed Bot"
    harness.window.new_chat()
    assert header.title.text() == "New chat" and harness.window.windowTitle() == "Coze Desktop"


def test_the_header_is_set_from_one_place() -> None:
    callers = [p for p in DESKTOP.rglob("*.py") if "header.set_bot(" in p.read_text(encoding="utf-8")]
    assert [p.name for p in callers] == ["chat_header.py"]  # (the presenter shows it through ChatHeader.show)
    assert callers[0].read_text(encoding="utf-8").count("header.set_bot(") == 1


def test_detach_disconnects_only_what_the_window_connected(qtbot: QtBot, harness: Harness) -> None:
    conversation_id, _ = long_conversation(harness.store, 1)
    harness.window.open_conversation(conversation_id)
    heard: list[object] = []
    harness.chats.messageAdded.connect(lambda _c, message: heard.append(message))
    harness.history.conversationsChanged.connect(lambda: heard.append("changed"))
    harness.window.detach()
    late = harness.store.messages.add_question(conversation_id, "after detach")
    harness.chats.messageAdded.emit(conversation_id, late)
    harness.history.conversationsChanged.emit()
    assert heard == [late, "changed"]  # other receivers still hear the services
    assert not shown(harness, late)  # the window does not
    assert not harness.window._reload_timer.isActive()
