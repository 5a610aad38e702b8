"""An answer cut inside an italic, bold or code phrase (interrupted, failed, stopped) shows the phrase as the
stream showed it — closed — not its raw opening mark: the walk of session 33 (14.png, 82.png) found
"_This is our 5th…" with its "_" after a failure, though while it streamed it read in italics. A complete
answer is shown as written."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.vocabulary import MessageStatus
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem

CUT = "Hello.\n\n_This is our 5th exchange in this conversation; last time you asked: “long"


def shown(qtbot: QtBot, status: MessageStatus, content: str) -> str:
    view = ChatView(open_url=lambda _url: None)
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.set_messages([MessageItem(1, "assistant", content, sender_name="Bot", status=status)])
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    rendered = view.list_view.delegate.cached(1)
    assert rendered is not None
    return rendered.content.rendered_text()


@pytest.mark.parametrize("status", [MessageStatus.INTERRUPTED, MessageStatus.FAILED, MessageStatus.CANCELLED])
def test_a_cut_answers_open_marks_are_closed(qtbot: QtBot, status: MessageStatus) -> None:
    text = shown(qtbot, status, CUT)
    assert "_This" not in text and "This is our 5th exchange" in text
    assert "**" not in shown(qtbot, status, "Done.\n\nThe **main point")
    assert "`" not in shown(qtbot, status, "Run `pip inst")


def test_a_complete_answer_is_shown_as_written(qtbot: QtBot) -> None:
    assert "_This is" in shown(qtbot, MessageStatus.COMPLETE, CUT)
