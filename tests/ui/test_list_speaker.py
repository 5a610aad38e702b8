"""The chat list's second line says who spoke last: a question not answered yet (sent from `ask`, stopped
before the answer began, or waiting) is the user's words, not the bot's. Found by driving the app: the row
read "Demo Bot: 你好" under a question the user typed, while `coze-desktop list` said "You: 你好". In the
Chinese UI the speaker is followed by a full-width colon, as Chinese text writes it ("你：你好")."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.core.store import NewMessage
from desktop.core.vocabulary import Role
from desktop.ui import i18n
from desktop.ui.language_switch import LanguageSwitch
from tests.coze_fixtures import BOT
from tests.ui.window_harness import Harness


def _rows(harness: Harness) -> dict[str, str]:
    harness.window.sidebar.reload()
    model, delegate = harness.window.model, harness.window.sidebar.delegate
    return {str(model.data(model.index(n))): delegate.preview_text(model.index(n)) for n in range(model.rowCount())}


def _two_chats(harness: Harness) -> None:
    asked = harness.store.conversations.create(BOT, "Asked")
    harness.store.messages.add(asked.id, NewMessage(role=Role.USER, type="question", content="你好"))
    answered = harness.store.conversations.create(BOT, "Answered")
    harness.store.messages.add(answered.id, NewMessage(role=Role.USER, type="question", content="hello"))
    harness.store.messages.add(answered.id, NewMessage(role=Role.ASSISTANT, type="answer", content="hi there"))


def test_a_question_not_answered_yet_is_shown_as_the_users(harness: Harness) -> None:
    _two_chats(harness)

    rows = _rows(harness)

    assert rows["Asked"] == "You: 你好"
    assert rows["Answered"] == "Demo Bot: hi there"


def test_the_chinese_list_writes_a_full_width_colon(qapp: QApplication, harness: Harness) -> None:
    _two_chats(harness)
    switch = LanguageSwitch(qapp, harness.window)  # Settings → Language, as the app wires it
    try:
        assert switch.switch("zh_CN") == "zh"
        rows = _rows(harness)
        assert rows["Asked"] == "你：你好"
        assert rows["Answered"] == "Demo Bot：hi there"
    finally:
        i18n.install_translators(qapp, "en")
