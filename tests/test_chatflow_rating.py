"""Rating a chatflow's answers in the whole app (demo mode, the local server over loopback). Coze rates the
text answers of a chatflow in its conversation (coze-py cozepy/conversations/message/feedback/__init__.py:63),
not its cards: a card offers no Like/Dislike, a text answer's rating reaches the server that holds the
conversation (the demo's, not the one in Settings), and a 4200 from the rating is about the conversation,
never "check the bot ID"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.coze.client import CozeClient
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.cozeserver import CozeServer
from desktop.core.demo_ids import DEMO_APP_ID, DEMO_CHATFLOW_ID
from desktop.core.profile import Profile
from desktop.core.store.coze_links import Feedback
from tests.coze_fixtures import TOKEN
from tests.test_app_session import close_app, open_app


def test_a_chatflows_text_answer_is_rated_on_its_server_and_its_cards_are_not_offered(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    app = open_app(qapp, Profile(tmp_path / "profile").ensure())
    app.start(demo=True)
    app.window.presenter.choose_bot(app.demo.chatflow_key)
    for text in ("plan", "A trip", "when: tomorrow"):  # question card, input card, then the plan as text
        app.window.send(text)
        conversation = app.window.current_conversation
        assert conversation is not None
        qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=20_000)  # noqa: B023
    answers = [m for m in app.store.messages.all(conversation) if m.type == "answer"]
    assert [a.content_type for a in answers] == ["card", "card", "text"]
    view = app.window.chat.view
    plan = answers[-1]
    assert app.sync_ui.feedback.rate(plan.id, "like")
    qtbot.waitUntil(lambda: view.item(plan.id).feedback == "like", timeout=10_000)  # type: ignore[union-attr]
    stored = app.store.conversations.get(conversation)
    assert stored is not None and stored.coze_conversation_id is not None and plan.coze_message_id is not None
    state = app.demo._server._ctx.state  # type: ignore[union-attr]
    assert state.feedback(stored.coze_conversation_id, plan.coze_message_id) == {
        "feedback_type": "like",
        "reason_types": [],
        "comment": "",
    }
    assert Feedback.from_json(app.store.messages.get(plan.id).feedback) == Feedback("like")  # type: ignore[union-attr]
    assert [view.item(a.id).feedback for a in answers] == [None, None, "like"]  # type: ignore[union-attr]
    close_app(app)


def test_a_4200_from_the_rating_or_the_message_list_is_about_the_conversation(server: CozeServer) -> None:
    with CozeClient(TOKEN, server.base_url) as client:
        calls = (
            lambda: client.send_feedback("7400000000000000999", "7400000000000000998", "like", []),
            lambda: client.delete_feedback("7400000000000000999", "7400000000000000998"),
            lambda: client.list_messages("7400000000000000999"),
            lambda: client.clear_conversation("7400000000000000999"),
        )
        for call in calls:
            try:
                call()
            except CozeError as exc:
                assert exc.code == 4200 and exc.kind is ErrorKind.CONVERSATION_NOT_FOUND, exc
            else:
                raise AssertionError("the server took an unknown conversation")


def test_the_server_rates_a_chatflows_text_answer_but_not_its_card(server: CozeServer) -> None:
    with CozeClient(TOKEN, server.base_url) as client:
        conversation = client.create_app_conversation(DEMO_APP_ID, "plan", DEMO_CHATFLOW_ID).id
        for text in ("plan", "A trip", "when: tomorrow"):
            for _event in client.stream_workflow_chat(
                DEMO_CHATFLOW_ID, "u1", text, app_id=DEMO_APP_ID, conversation_id=conversation
            ):
                pass
        listed = client.list_messages(conversation, order="asc").messages  # a chatflow's conversation lists
        answers = [m for m in listed if m.type == "answer"]
        assert [m.content_type for m in answers] == ["card", "card", "text"]
        client.send_feedback(conversation, answers[-1].id, "unlike", ["inaccurate"])
        try:
            client.send_feedback(conversation, answers[0].id, "like", [])
        except CozeError as exc:
            assert exc.code == 4000 and "text answers" in exc.msg
        else:
            raise AssertionError("the server rated a card")
