"""A synced chat deleted from the window (the toast's time runs out, no "Also delete on Coze") is not brought
back by the next sync; one whose delete was undone stays as it was, linked to Coze and synced. The real
window, store and services, and the local Coze server."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.coze import CozeClient
from desktop.core.sync import Puller
from tests.coze_fixtures import BOT, TOKEN, USER
from tests.ui.window_harness import Harness


def test_a_chat_deleted_in_the_window_stays_deleted_and_an_undone_delete_keeps_its_link(
    qtbot: QtBot, harness: Harness
) -> None:
    store, actions = harness.store, harness.window.conversations
    with CozeClient(TOKEN, harness.server.base_url) as client:
        coze_ids = []
        for question in ("undo my delete", "delete me"):
            conversation = client.create_conversation(BOT)
            list(client.stream_chat(BOT, USER, question, conversation_id=conversation.id))
            coze_ids.append(conversation.id)
        Puller(client, store).pull(BOT)
        harness.window.sidebar.reload()
        kept, gone = (store.conversations.find_by_coze_id(c) for c in coze_ids)
        assert kept is not None and gone is not None
        assert actions.delete(kept.id)
        actions.toast.button("Undo").click()  # type: ignore[union-attr]
        with qtbot.waitSignal(harness.history.conversationDeleted, timeout=3000):
            assert actions.delete(gone.id)
            actions.finish_pending()  # as when the toast's time runs out
        list(client.stream_chat(BOT, USER, "later, on Coze", conversation_id=coze_ids[0]))
        report = Puller(client, store).pull(BOT)
    assert report.conversations_added == 0
    assert store.conversations.find_by_coze_id(coze_ids[1]) is None
    again = store.conversations.find_by_coze_id(coze_ids[0])
    assert again is not None and again.id == kept.id
    assert "later, on Coze" in [m.content for m in store.messages.all(kept.id)]
