"""Regenerate, edit and resend, and the version switcher in the window, through the real controller,
worker threads and local Coze server (#18 item 1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.core.chat import forget
from desktop.core.cozeserver import Scenario
from desktop.core.store import Message
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.message_menu import message_menu
from desktop.ui.chat.rows import EDIT, REGENERATE, VERSION_NEXT, VERSION_PREV
from tests.chat_probes import point_for_action
from tests.ui.test_main_window import type_and_enter
from tests.ui.window_harness import Harness


def _turn(qtbot: QtBot, harness: Harness, text: str) -> tuple[int, Message, Message]:
    type_and_enter(qtbot, harness, text)
    conversation = harness.window.presenter.current
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    question, answer = harness.store.messages.page(conversation)[-2:]
    return conversation, question, answer


def _click(qtbot: QtBot, view: ChatView, message_id: int, href: str) -> None:
    qtbot.waitUntil(lambda: point_for_action(view, message_id, href) is not None, timeout=5000)
    point = point_for_action(view, message_id, href)
    assert point is not None
    qtbot.mouseClick(view.list_view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_regenerate_replaces_the_answer_in_place_and_the_switcher_shows_both(qtbot: QtBot, harness: Harness) -> None:
    view = harness.window.chat.view
    harness.server.queue(Scenario("framing", text="the first answer"))
    conversation, _question, answer = _turn(qtbot, harness, "hello there")
    assert point_for_action(view, answer.id, VERSION_PREV) is None  # one version: no switcher

    harness.server.queue(Scenario("framing", text="the second answer"))
    _click(qtbot, view, answer.id, REGENERATE)
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    qtbot.waitUntil(lambda: view.item(answer.id).content == "the second answer", timeout=5000)  # type: ignore[union-attr]
    shown = view.item(answer.id)
    assert shown is not None and (shown.version, shown.versions) == (2, 2)
    assert harness.store.messages.count(conversation) == 2  # in place: no row was added

    _click(qtbot, view, answer.id, VERSION_PREV)
    shown = view.item(answer.id)
    assert shown is not None and (shown.content, shown.version) == ("the first answer", 1)
    assert point_for_action(view, answer.id, VERSION_PREV) is None  # nothing before the first
    _click(qtbot, view, answer.id, VERSION_NEXT)
    shown = view.item(answer.id)
    assert shown is not None and (shown.content, shown.version) == ("the second answer", 2)

    harness.window.open_conversation(conversation)  # the versions are in the history, not only on screen
    shown = view.item(answer.id)
    assert shown is not None and (shown.version, shown.versions) == (2, 2)


def test_edit_and_resend_changes_what_the_bot_remembers(qtbot: QtBot, harness: Harness) -> None:
    view = harness.window.chat.view
    asked: list[str] = []

    def edit(_parent: QWidget, text: str) -> str:
        asked.append(text)
        return "my name is Bob"

    view.edit_question = edit
    conversation, question, answer = _turn(qtbot, harness, "my name is Alice")
    _click(qtbot, view, question.id, EDIT)
    assert asked == ["my name is Alice"]
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    qtbot.waitUntil(lambda: "Bob" in view.item(answer.id).content, timeout=5000)  # type: ignore[union-attr]
    assert view.item(question.id).content == "my name is Bob"  # type: ignore[union-attr]

    _conversation, _q, later = _turn(qtbot, harness, "what is my name?")
    assert "**Bob**" in later.content and "Alice" not in later.content

    _click(qtbot, view, answer.id, VERSION_PREV)  # the earlier version shows the question it answered
    assert view.item(question.id).content == "my name is Alice"  # type: ignore[union-attr]
    assert "Alice" in view.item(answer.id).content  # type: ignore[union-attr]


def test_regenerate_and_edit_say_why_they_wait_while_an_answer_streams(qtbot: QtBot, harness: Harness) -> None:
    """#18 gap: while the chat streams, a click on Regenerate or Edit gives a tip next to the pointer
    instead of nothing; Edit does not open its dialog (the edited text would have nowhere to go)."""
    view = harness.window.chat.view
    opened: list[str] = []

    def edit(_parent: QWidget, text: str) -> str:
        opened.append(text)
        return "edited"

    view.edit_question = edit
    harness.server.queue(Scenario("framing", text="the first answer"))
    conversation, question, answer = _turn(qtbot, harness, "hello there")
    harness.server.queue(Scenario("slow", pace=0.3, text="one two three four five six seven eight nine ten"))
    type_and_enter(qtbot, harness, "and now slowly")
    qtbot.waitUntil(lambda: harness.chats.is_busy(conversation) and view.rework.busy, timeout=5000)

    _click(qtbot, view, answer.id, REGENERATE)
    toast = view.rework.toast
    assert toast.text() == "Wait for the answer to finish (or stop it), then regenerate."
    assert toast.isVisible() and toast.geometry().bottom() < view.height()  # over the messages
    _click(qtbot, view, question.id, EDIT)
    assert toast.text() == "Wait for the answer to finish (or stop it), then edit the question."
    assert opened == []  # no dialog whose text would be lost
    assert harness.store.versions.counts([answer.id]) == {}  # nothing was asked again

    shown = view.item(answer.id)
    assert shown is not None
    menu = message_menu(view, shown, None, lambda _md: "", lambda _a: None, open_url=print, media=None, busy=True)
    [regenerate] = [a for a in menu.actions() if a.text() == "Regenerate"]  # there, greyed, saying why
    assert not regenerate.isEnabled()
    assert regenerate.toolTip() == "Wait for the answer to finish (or stop it), then regenerate."

    harness.chats.stop(conversation)
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation) and not view.rework.busy, timeout=10_000)
    harness.server.queue(Scenario("framing", text="the second answer"))
    _click(qtbot, view, answer.id, REGENERATE)  # once the answer is over, Regenerate acts again
    qtbot.waitUntil(lambda: harness.store.versions.counts([answer.id]) == {answer.id: 1}, timeout=10_000)
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)


def test_the_window_says_what_the_bot_will_remember_when_coze_cannot_follow(
    qtbot: QtBot, harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forget, "MAX_MOVED", 1)
    view = harness.window.chat.view
    conversation, _question, answer = _turn(qtbot, harness, "hello there")
    _turn(qtbot, harness, "and one more")
    _click(qtbot, view, answer.id, REGENERATE)
    toast = view.rework.toast
    assert toast.isVisible() and toast.text().startswith("Too many messages follow this answer")
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
