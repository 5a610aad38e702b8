"""Until a bot's details arrive from Coze, the chat shows a word for it ("Bot", "Chatflow"), never its raw
id as a name: as the answers' sender, in the header, on an empty chat's intro, in the list's avatar
letter. When the details land, the answers already shown are signed with the real name."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.chat.targets import chatflow_key
from desktop.core.store import NewMessage
from desktop.core.vocabulary import Role
from desktop.services.connection import Connection
from desktop.ui.conversation_model import Role as ListRole
from tests.coze_fixtures import TOKEN
from tests.ui.window_harness import Harness

UNKNOWN = "7450000000000000077"


def _chat_with(harness: Harness, bot_id: str) -> int:
    conversation = harness.store.conversations.create(bot_id, "Trip")
    harness.store.messages.add(conversation.id, NewMessage(role=Role.USER, type="question", content="hello"))
    harness.store.messages.add(conversation.id, NewMessage(role=Role.ASSISTANT, type="answer", content="hi there"))
    return conversation.id


def _answer_sender(harness: Harness) -> str:
    view = harness.window.chat.view
    answers = [m for m in harness.history.messages(harness.window.current_conversation or 0) if m.role == "assistant"]
    item = view.item(answers[-1].id)
    assert item is not None
    return item.sender_name


def test_an_unknown_bot_is_called_bot_until_its_details_arrive(qtbot: QtBot, harness: Harness) -> None:
    harness.server.add_bot(UNKNOWN, name="Translator", prologue="I translate.")
    conversation_id = _chat_with(harness, UNKNOWN)
    harness.window.sidebar.reload()
    harness.window.open_conversation(conversation_id)
    header = harness.window.chat.header
    assert _answer_sender(harness) == "Bot"
    assert UNKNOWN not in header.title.text() + header.subtitle.text() + header.avatar.text()
    row = harness.window.model.index(0)
    assert harness.window.model.data(row, ListRole.BOT_NAME) == "Bot"

    with qtbot.waitSignal(harness.bots.botUpdated, timeout=5000):
        harness.bots.refresh(Connection(harness.server.base_url, TOKEN, UNKNOWN, "u1"))
    assert _answer_sender(harness) == "Translator"  # the answers shown before are signed with the name now
    assert "Translator" in header.subtitle.text()


def test_a_new_chat_with_an_unknown_bot_introduces_it_as_bot(harness: Harness) -> None:
    harness.window.presenter.choose_bot(UNKNOWN)
    intro = harness.window.chat.view.intro
    assert intro.isVisible()
    assert [label.text() for label in intro.findChildren(QLabel) if label.text()] == ["Bot"]
    assert harness.window.chat.header.title.text() == "New chat"
    assert UNKNOWN not in harness.window.chat.header.subtitle.text()


def test_an_unknown_chatflow_is_called_chatflow(harness: Harness) -> None:
    conversation = harness.store.conversations.create("7450000000000000088", "Plan", app_id="7450000000000000099")
    harness.store.messages.add(conversation.id, NewMessage(role=Role.ASSISTANT, type="answer", content="planned"))
    harness.window.open_conversation(conversation.id)
    assert _answer_sender(harness) == "Chatflow"
    assert chatflow_key("7450000000000000088", "7450000000000000099") not in harness.window.chat.header.subtitle.text()


def test_the_chooser_tells_unknown_bots_apart_without_showing_ids(harness: Harness) -> None:
    presenter = harness.window.presenter
    assert presenter.header.choice_name(UNKNOWN) == "Bot …0077"
