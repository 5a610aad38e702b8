"""Chatting with a chatflow in the window: its question and input cards, answered by clicking, over loopback
through the real chat worker; answered cards go inert and show what was chosen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.chat.targets import chatflow_key
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.demo_chatflow import DEMO_APP_ID, DEMO_CHATFLOW_ID
from desktop.core.store import Store
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.services.history import HistoryService
from desktop.services.tasks import TaskRunner
from desktop.ui.chat.card_rows import CARD_INPUT, CARD_OPTION
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.main_window import MainWindow
from tests.chat_probes import point_for_action, point_for_label
from tests.coze_fixtures import TOKEN

KEY = chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID)


class FlowWindow:
    def __init__(self, store: Store, server: CozeServer, key: str = KEY) -> None:
        self.store = store
        self.server = server
        self.tasks = TaskRunner()
        self.history = HistoryService(store)
        self.bots = BotService(store.bots, self.tasks)
        self.chats = ChatController(store, lambda key: Connection(server.base_url, TOKEN, key, "u1"))
        self.chats.parameters_for = lambda key: {"budget": "100"} if key == KEY else {}
        self.window = MainWindow(
            self.history, self.chats, self.bots, language="en", bot_for_new_chat=lambda: key, is_demo=lambda: False
        )

    @property
    def view(self) -> ChatView:
        return self.window.chat.view

    def chat_bodies(self) -> list[dict[str, object]]:
        return [r.json_object() for r in self.server.requests if r.path == "/v1/workflows/chat"]

    def answers(self) -> list[tuple[str, str]]:
        conversation = self.window.presenter.current
        assert conversation is not None
        return [(m.content_type, m.status) for m in self.store.messages.all(conversation) if m.role == "assistant"]

    def click(self, qtbot: QtBot, message_id: int, href: str, text: str = "") -> None:
        point = point_for_label(self.view, message_id, text) if text else point_for_action(self.view, message_id, href)
        assert point is not None, href or text
        qtbot.mouseClick(self.view.list_view.viewport(), Qt.MouseButton.LeftButton, pos=point)


@pytest.fixture
def flow(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> Iterator[FlowWindow]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        f = FlowWindow(store, server)
        qtbot.addWidget(f.window)
        f.window.resize(900, 900)
        f.window.show()
        f.window.new_chat()
        yield f
        assert f.chats.shutdown(3000)
        f.tasks.shutdown(1000)
        f.window.detach()
        f.window.close()


def _wait_answers(qtbot: QtBot, flow: FlowWindow, count: int) -> None:
    conversation = flow.window.presenter.current
    qtbot.waitUntil(
        lambda: conversation is not None and not flow.chats.is_busy(conversation) and len(flow.answers()) == count,
        timeout=10_000,
    )


def test_a_clicked_option_and_a_filled_form_answer_the_cards(qtbot: QtBot, flow: FlowWindow) -> None:
    flow.window.presenter.send("hello")
    _wait_answers(qtbot, flow, 1)
    assert flow.answers() == [("card", "complete")]
    conversation = flow.store.conversations.get(flow.window.presenter.current or 0)
    assert conversation is not None and conversation.is_chatflow and conversation.app_id == DEMO_APP_ID
    question_card = flow.store.messages.all(conversation.id)[-1].id
    qtbot.waitUntil(lambda: flow.view.list_view.rows.get(question_card).card is not None)
    state = flow.view.list_view.rows.get(question_card).card
    assert state is not None and state.live and state.card.options == ("A trip", "A dinner", "A study week")

    flow.click(qtbot, question_card, f"{CARD_OPTION}1")
    _wait_answers(qtbot, flow, 2)
    bodies = flow.chat_bodies()
    # Exactly what the chat SDK sends for a clicked option: its name, as a plain text message.
    assert bodies[1]["additional_messages"] == [{"role": "user", "content": "A dinner", "content_type": "text"}]
    assert bodies[1]["ext"] == {"user_id": "u1", "enable_card": "true"} and bodies[1]["parameters"] == {"budget": "100"}
    answered = flow.view.list_view.rows.get(question_card).card
    assert answered is not None and not answered.live and answered.chosen() == 1

    # The answered card is inert: clicking another option sends nothing.
    flow.click(qtbot, question_card, "", text="A trip")
    qtbot.wait(50)
    assert len(flow.chat_bodies()) == 2

    input_card = flow.store.messages.all(conversation.id)[-1].id
    qtbot.waitUntil(lambda: (flow.view.list_view.rows.get(input_card).card or answered).live)
    flow.click(qtbot, input_card, CARD_INPUT)
    cards = flow.view.cards
    qtbot.waitUntil(lambda: cards.form is not None and cards.form.isVisible())
    assert cards.form is not None
    cards.form.edits["city"].setText("Rome")
    cards.form.edits["date"].setText("Friday")
    cards.form.accept()
    _wait_answers(qtbot, flow, 3)
    sent = flow.chat_bodies()[2]["additional_messages"]
    assert sent == [{"role": "user", "content": "city:Rome\ndate:Friday", "content_type": "text"}]
    done = flow.view.list_view.rows.get(input_card).card
    assert done is not None and not done.live and done.values() == {"city": "Rome", "date": "Friday"}
    final = flow.store.messages.all(conversation.id)[-1]
    assert "All set: **A dinner**." in final.content and "budget=100" in final.content
    assert final.debug_url and final.debug_url.startswith("https://www.coze.cn/work_flow?")


def test_a_chatflow_missing_parameters_says_where_to_set_them(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> None:
    server.add_chatflow("7451000000000000400", app_id=DEMO_APP_ID, required_parameters=("city",))
    with Store.open(tmp_path / "history.sqlite3") as store:
        f = FlowWindow(store, server, chatflow_key("7451000000000000400", app_id=DEMO_APP_ID))
        qtbot.addWidget(f.window)
        f.window.show()
        f.window.new_chat()
        f.window.presenter.send("hi")
        _wait_answers(qtbot, f, 1)
        (answer,) = [m for m in f.store.messages.all(f.window.presenter.current or 0) if m.role == "assistant"]
        assert answer.status == "failed" and answer.error is not None and answer.error.kind == "missing_parameters"
        item = f.view.item(answer.id)
        assert item is not None and item.error_settings
        assert item.error_sentence == "The chatflow needs input parameters that were not given."
        assert f.chats.shutdown(3000)
        f.tasks.shutdown(1000)
        f.window.detach()
        f.window.close()


def test_the_keyboard_answers_the_cards(qtbot: QtBot, flow: FlowWindow) -> None:
    """Tab from the message box into the live card, arrows move the ring, Esc goes back, 1–9 choose; an
    input card's form opens with Enter and sends with Enter; screen readers hear the focused option."""
    keys, composer, view = flow.window.chat.card_keys, flow.window.chat.composer, flow.view.list_view
    flow.window.presenter.send("hello")
    _wait_answers(qtbot, flow, 1)
    conversation = flow.window.presenter.current or 0
    question_card = flow.store.messages.all(conversation)[-1].id
    qtbot.waitUntil(lambda: keys.live() is not None)
    composer.focus()
    qtbot.waitUntil(composer.edit.hasFocus)
    plain = view.viewport().grab().toImage()

    qtbot.keyClick(composer.edit, Qt.Key.Key_Tab)
    assert view.hasFocus() and keys.focused == f"{CARD_OPTION}0"
    assert view.rows.get(question_card).focus == f"{CARD_OPTION}0"
    assert view.accessibleName() == "Option 1 of 3: A trip"
    assert view.accessibleDescription().startswith("What would you like to plan? Enter chooses it")
    view.repaint()
    assert view.viewport().grab().toImage() != plain  # the ring is drawn
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert keys.focused == f"{CARD_OPTION}1" and view.accessibleName() == "Option 2 of 3: A dinner"
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Up)  # round to the last
    assert keys.focused == f"{CARD_OPTION}2"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert composer.edit.hasFocus() and keys.focused == "" and view.rows.get(question_card).focus == ""
    assert view.accessibleName() == "Messages"  # the list's own name again
    assert len(flow.chat_bodies()) == 1  # nothing was sent

    qtbot.keyClick(composer.edit, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_2)  # option 2 at once
    _wait_answers(qtbot, flow, 2)
    assert flow.chat_bodies()[1]["additional_messages"] == [
        {"role": "user", "content": "A dinner", "content_type": "text"}
    ]
    assert composer.edit.hasFocus()  # ready for what comes next

    qtbot.waitUntil(lambda: keys.live() is not None)  # the input card
    qtbot.keyClick(composer.edit, Qt.Key.Key_Tab)
    assert keys.focused == CARD_INPUT and view.accessibleName() == "Fill in and send…"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    cards = flow.view.cards
    qtbot.waitUntil(lambda: cards.form is not None and cards.form.isVisible())
    assert cards.form is not None
    first = cards.form.edits["city"]
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClicks(first, "Rome")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.keyClicks(cards.form.edits["date"], "Friday")
    qtbot.keyClick(cards.form.edits["date"], Qt.Key.Key_Return)  # Enter sends the form
    _wait_answers(qtbot, flow, 3)
    sent = flow.chat_bodies()[2]["additional_messages"]
    assert sent == [{"role": "user", "content": "city:Rome\ndate:Friday", "content_type": "text"}]
    assert flow.window.focusWidget() is composer.edit  # the window's focus, once it is active again
    flow.window.activateWindow()  # (offscreen, nothing activates it after the form closed)
    qtbot.waitUntil(composer.edit.hasFocus)

    assert keys.live() is None  # no card left: Tab leaves the message box as usual, no ring anywhere
    qtbot.keyClick(composer.edit, Qt.Key.Key_Tab)
    assert keys.focused == "" and not composer.edit.hasFocus()


def test_an_input_card_sends_nothing_with_a_field_blank_and_looks_like_what_a_click_does(
    qtbot: QtBot, flow: FlowWindow
) -> None:
    """The form sent "city:Rome\\ndate:" with the date left blank, and the flow took it; the card's fields were
    drawn as text boxes with "Enter city…" in them, yet a click on them opened a separate form."""
    flow.window.presenter.send("hello")
    _wait_answers(qtbot, flow, 1)
    conversation = flow.window.presenter.current or 0
    flow.click(qtbot, flow.store.messages.all(conversation)[-1].id, f"{CARD_OPTION}0")
    _wait_answers(qtbot, flow, 2)
    input_card = flow.store.messages.all(conversation)[-1].id
    qtbot.waitUntil(lambda: (state := flow.view.list_view.rows.get(input_card).card) is not None and state.live)
    row = flow.view.list_view.delegate.layout(
        flow.view.item(input_card), flow.view.list_view.rows.get(input_card), flow.view.list_view.row_width
    )
    assert row is not None
    assert not any(label.box for label in row.labels)  # no text boxes that cannot be typed in
    assert not any("Enter" in label.text for label in row.labels)
    assert [label.text for label in row.labels if label.href == CARD_INPUT] == [
        "•  city",
        "•  date",
        "Fill in and send…",
    ]

    flow.click(qtbot, input_card, "", text="date")  # a field opens the form, as the button does
    cards = flow.view.cards
    qtbot.waitUntil(lambda: cards.form is not None and cards.form.isVisible())
    form = cards.form
    assert form is not None
    form.edits["city"].setText("Rome")
    form.accept()
    assert form.isVisible() and form.problem.isVisible()
    assert form.problem.text() == "Fill in “date” before sending: the flow needs them."
    assert form.focusWidget() is form.edits["date"]
    form.edits["city"].setText("  ")
    form.accept()
    assert form.problem.text() == "Fill in “city”, “date” before sending: the flow needs them."
    assert len(flow.chat_bodies()) == 2  # nothing sent
    form.edits["city"].setText("Rome")
    form.edits["date"].setText("Friday")
    form.accept()
    _wait_answers(qtbot, flow, 3)
    assert flow.chat_bodies()[2]["additional_messages"] == [
        {"role": "user", "content": "city:Rome\ndate:Friday", "content_type": "text"}
    ]
