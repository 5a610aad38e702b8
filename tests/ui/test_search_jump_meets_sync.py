"""A search hit's jump (search, Enter or a click: the chat opens on the hit, its words selected) survives
a sync that shows the open chat again at that moment (it found something on Coze): the view stays on the
hit, with the older pages it needed, instead of jumping back to the chat's last page."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer
from desktop.core.store import Message
from desktop.ui.conversation_presenter import PAGE
from tests.coze_fixtures import BOT
from tests.ui.sync_harness import Synced
from tests.ui.test_sync_window import seed, titles
from tests.ui.window_harness import Harness


def on_the_hit(h: Harness, hit: Message) -> bool:
    """The hit is shown, in view, with its words selected, and the view does not follow the bottom."""
    view = h.window.chat.view
    point = view.list_view.viewport_point(hit.id, QPointF(0, 0))
    selection = view.list_view.rows.selection
    return (
        point is not None
        and 0 <= point.y() < view.list_view.viewport().height()
        and selection is not None
        and selection.message_id == hit.id
        and not view.list_view.following
    )


def test_a_search_hit_stays_shown_when_a_sync_shows_the_chat_again(
    qtbot: QtBot, synced: Synced, server: CozeServer
) -> None:
    h, sync, actions = synced
    conversation = h.store.conversations.create(BOT, title="a long chat")
    questions = [f"question {n}" if n != 3 else "where do zebras sleep" for n in range(PAGE * 3)]
    messages = [h.store.messages.add_question(conversation.id, text) for text in questions]
    hit = messages[3]  # two pages above the last one
    h.window.sidebar.reload()
    seed(server, ["来自另一台电脑的问题"])  # the sync finds something new, so it shows the open chat again
    side = h.window.sidebar
    side.search.setText("zebras")
    QTest.keyClick(side.search, Qt.Key.Key_Return)  # the first hit opens
    assert h.window.current_conversation == conversation.id
    assert on_the_hit(h, hit)
    with qtbot.waitSignal(sync.finished, timeout=10_000):
        actions.start()
    qtbot.waitUntil(lambda: "来自另一台电脑的问题" in titles(h))
    assert h.window.current_conversation == conversation.id
    assert on_the_hit(h, hit)
