"""A bot's shortcut commands in the window: "/" opens the menu, the keyboard picks, a command with inputs
asks for them, the parameters go to Coze exactly, and the question keeps its command (shown, stored,
exported, after a restart). The bot's tool steps show folded under the answer, never in its text."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.core.coze import CozeClient
from desktop.core.coze.shortcuts import parse_commands
from desktop.core.cozeserver.demo_shortcuts import WEATHER_ID
from desktop.core.store import Store
from desktop.core.store.transfer import export_json
from desktop.services.bots import record_from_info
from desktop.ui.chat.actions import Act, RowAction
from tests.coze_fixtures import BOT, TOKEN
from tests.ui.window_harness import Harness


def with_commands(h: Harness) -> None:
    with CozeClient(TOKEN, h.server.base_url) as client:
        h.store.bots.upsert(record_from_info(client.get_bot(BOT)))
    h.window.new_chat()


def type_text(qtbot: QtBot, h: Harness, text: str) -> None:
    qtbot.keyClicks(h.window.chat.composer.edit, text)


def answered(qtbot: QtBot, h: Harness) -> int:
    """The chat the command was sent in, once its answer is done."""
    qtbot.waitUntil(lambda: h.window.current_conversation is not None, timeout=3000)
    conversation = h.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not h.chats.is_busy(conversation), timeout=10_000)
    return conversation


def chat_requests(h: Harness) -> list[dict[str, object]]:
    return [r.json for r in h.server.requests if r.path == "/v3/chat" and r.json is not None]


def test_slash_opens_the_menu_filters_and_esc_closes_it(qtbot: QtBot, harness: Harness) -> None:
    with_commands(harness)
    composer = harness.window.chat.composer
    menu = composer.shortcuts.menu
    type_text(qtbot, harness, "/")
    assert menu.isVisible()
    assert [c.command for c in menu.shown_commands()] == ["/weather", "/translate", "/summary", "/docs", "/look"]
    type_text(qtbot, harness, "tra")
    assert [c.command for c in menu.shown_commands()] == ["/translate"]
    qtbot.keyClick(composer.edit, Qt.Key.Key_Escape)
    assert not menu.isVisible() and composer.text() == "/tra"  # the text stays
    composer.set_text("")
    type_text(qtbot, harness, "/zzz")
    assert menu.isVisible() and menu.current() is None  # "no command matches"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Space)
    assert not menu.isVisible()  # a space: it is a message, not a command


def test_a_command_without_inputs_runs_from_the_keyboard(qtbot: QtBot, harness: Harness) -> None:
    with_commands(harness)
    composer = harness.window.chat.composer
    type_text(qtbot, harness, "/")
    for _ in range(2):
        qtbot.keyClick(composer.edit, Qt.Key.Key_Down)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Up)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Down)
    assert composer.shortcuts.menu.current().command == "/summary"  # type: ignore[union-attr]
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    conversation = answered(qtbot, harness)
    sent = chat_requests(harness)[-1]
    assert sent["shortcut_command"] == {
        "command_id": parse_commands(harness.store.bots.get(BOT).shortcut_commands)[2].id
    }  # type: ignore[union-attr]
    question = harness.store.messages.all(conversation)[0]
    assert json.loads(question.shortcut or "{}")["command"] == "/summary"
    assert composer.text() == ""


def test_a_command_with_inputs_asks_and_sends_them_exactly(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    with_commands(harness)
    composer = harness.window.chat.composer
    type_text(qtbot, harness, "/wea")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    form = composer.shortcuts.form
    assert form is not None and form.isVisible()
    city = form.fields["city"]
    unit = form.fields["unit"]
    assert isinstance(city, QLineEdit) and isinstance(unit, QComboBox)
    assert city.text() == "Beijing" and unit.currentText() == "Celsius"  # the defaults
    city.setText("Shanghai")
    unit.setCurrentText("Fahrenheit")
    form.send_button.click()
    conversation = answered(qtbot, harness)
    sent = chat_requests(harness)[-1]
    assert sent["shortcut_command"] == {
        "command_id": WEATHER_ID,
        "parameters": {"city": "Shanghai", "unit": "Fahrenheit"},
    }
    assert sent["additional_messages"][0]["content"] == "What is the weather in Shanghai today? In Fahrenheit."  # type: ignore[index]
    view = harness.window.chat.view
    items = view._model.items()
    assert items[0].shortcut == "/weather · city: Shanghai · unit: Fahrenheit"
    answer = items[-1]
    assert [s.name for s in answer.steps] == ["weather-getWeather"] and answer.steps[0].answered
    assert "{" not in answer.content and "weather-getWeather" not in answer.content  # no JSON in the text
    view.row_actions.handle(answer.id, RowAction(Act.STEP, 0))  # open the step: readable lines, not JSON
    assert view._list.rows.get(answer.id).steps == frozenset({0})
    exported = export_json(harness.store, conversation)["conversations"][0]["messages"]
    assert exported[0]["shortcut"]["parameters"] == {"city": "Shanghai", "unit": "Fahrenheit"}
    assert [m["type"] for m in exported][:3] == ["question", "function_call", "tool_response"]


def test_the_command_and_the_steps_survive_a_restart(qtbot: QtBot, harness: Harness) -> None:
    with_commands(harness)
    harness.window.chat.composer.shortcuts.choose(parse_commands(harness.store.bots.get(BOT).shortcut_commands)[3])  # type: ignore[union-attr]
    form = harness.window.chat.composer.shortcuts.form
    assert form is not None
    form.fields["question"].setText("where is the token kept")  # type: ignore[union-attr]
    form.send_button.click()
    conversation = answered(qtbot, harness)
    path = harness.store.path
    with Store.open(path) as reopened:  # another process, or the next start, reads it back
        question = reopened.messages.all(conversation)[0]
        assert json.loads(question.shortcut or "{}")["parameters"] == {"question": "where is the token kept"}
    harness.window.open_conversation(conversation)
    items = harness.window.chat.view._model.items()
    assert items[0].shortcut.startswith("/docs")
    assert [s.kind for s in items[-1].steps] == ["recall"]
