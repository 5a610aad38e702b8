"""Like / Dislike on an answer: sent to Coze (the local server keeps it with Coze's limits), shown on the answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.core.store.coze_links import Feedback
from desktop.ui.chat.rows import DISLIKE, LIKE
from desktop.ui.feedback_actions import DislikeDialog
from tests.chat_probes import point_for_action
from tests.ui.sync_harness import Synced
from tests.ui.test_clear_context import ask


def answer_of(synced: Synced, conversation: int) -> int:
    h = synced[0]
    return next(m.id for m in reversed(h.store.messages.all(conversation)) if m.type == "answer")


def click(qtbot: QtBot, synced: Synced, message_id: int, href: str) -> None:
    view = synced[0].window.chat.view
    qtbot.waitUntil(lambda: point_for_action(view, message_id, href) is not None, timeout=3000)
    point = point_for_action(view, message_id, href)
    assert isinstance(point, QPoint)
    qtbot.mouseClick(view.list_view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def shown_labels(synced: Synced, message_id: int) -> list[str]:
    view = synced[0].window.chat.view
    lv = view.list_view
    layout = lv.delegate.layout(view._model.find(message_id), lv.rows.get(message_id), lv.row_width)  # type: ignore[arg-type]
    return [label.text for label in layout.labels] if layout is not None else []


def on_coze(synced: Synced, conversation: int, message_id: int) -> object:
    h = synced[0]
    coze_conversation = h.store.conversations.get(conversation).coze_conversation_id  # type: ignore[union-attr]
    coze_message = h.store.messages.get(message_id).coze_message_id  # type: ignore[union-attr]
    return h.server._ctx.state.feedback(coze_conversation, coze_message)


def test_like_is_sent_shown_and_taken_back(qtbot: QtBot, synced: Synced) -> None:
    h = synced[0]
    conversation = ask(qtbot, synced, "hello")
    answer = answer_of(synced, conversation)
    view = h.window.chat.view
    assert view._model.find(answer).feedback == ""  # type: ignore[union-attr]
    click(qtbot, synced, answer, LIKE)
    qtbot.waitUntil(lambda: view._model.find(answer).feedback == "like", timeout=5000)  # type: ignore[union-attr]
    assert on_coze(synced, conversation, answer) == {"feedback_type": "like", "reason_types": [], "comment": ""}
    qtbot.waitUntil(lambda: "Liked" in shown_labels(synced, answer), timeout=3000)  # painted, not just stored
    assert Feedback.from_json(h.store.messages.get(answer).feedback) == Feedback("like")  # type: ignore[union-attr]
    click(qtbot, synced, answer, LIKE)  # again: taken back
    qtbot.waitUntil(lambda: view._model.find(answer).feedback == "", timeout=5000)  # type: ignore[union-attr]
    assert on_coze(synced, conversation, answer) is None


def test_dislike_asks_why_and_the_reasons_arrive_on_the_wire(
    qtbot: QtBot, synced: Synced, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = synced[0]
    conversation = ask(qtbot, synced, "hello")
    answer = answer_of(synced, conversation)

    def fill(dialog: DislikeDialog) -> int:
        dialog.reasons[0].setChecked(True)
        dialog.reasons[2].setChecked(True)
        dialog.comment.setText("答非所问" + "x" * 300)  # the field stops at 250
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DislikeDialog, "exec", fill)
    click(qtbot, synced, answer, DISLIKE)
    view = h.window.chat.view
    qtbot.waitUntil(lambda: view._model.find(answer).feedback == "unlike", timeout=5000)  # type: ignore[union-attr]
    sent = on_coze(synced, conversation, answer)
    assert sent == {
        "feedback_type": "unlike",
        "reason_types": ["Inaccurate", "Too long"],
        "comment": ("答非所问" + "x" * 246),
    }


def test_a_chat_only_on_this_computer_cannot_be_rated(qtbot: QtBot, synced: Synced) -> None:
    h, _sync, actions = synced
    conversation = ask(qtbot, synced, "hello")
    answer = answer_of(synced, conversation)
    h.store.conversations.set_coze_id(conversation, None)
    assert not actions.feedback.rate(answer, "like")
    assert "only on this computer" in h.window.statusBar().currentMessage()
