"""The window's sync: Coze ▸ Sync now on a worker with progress, the marker, renames and deletes pushed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.scenarios import Scenario
from desktop.ui.conversation_model import Role
from tests.coze_fixtures import BOT, TOKEN, USER
from tests.ui.sync_harness import Synced
from tests.ui.window_harness import Harness


def seed(server: CozeServer, questions: list[str]) -> str:
    with CozeClient(TOKEN, server.base_url) as client:
        conversation = client.create_conversation(BOT)
        for question in questions:
            list(client.stream_chat(BOT, USER, question, conversation_id=conversation.id))
        return conversation.id


def titles(h: Harness) -> list[str]:
    model = h.window.model
    return [model.index(row).data() for row in range(model.rowCount())]


def test_sync_now_adds_the_chats_on_coze_with_progress_and_no_duplicates(
    qtbot: QtBot, synced: Synced, server: CozeServer
) -> None:
    h, sync, actions = synced
    seed(server, ["来自另一台电脑的问题"])
    seed(server, ["second machine"])
    seen: list[tuple[int, int]] = []
    sync.progress.connect(lambda _bot, done, total, _messages: seen.append((done, total)))
    with qtbot.waitSignal(sync.finished, timeout=10_000) as finished:
        assert actions.sync_now.isEnabled()
        actions.sync_now.trigger()
        assert not actions.sync_now.isEnabled()  # one sync at a time
        assert actions.progress.isVisible()
    assert finished.args[0] == 2 and finished.args[1] >= 4
    assert seen[-1] == (2, 2)
    qtbot.waitUntil(lambda: "second machine" in titles(h))
    assert "来自另一台电脑的问题" in titles(h)
    assert not actions.progress.isVisible() and actions.sync_now.isEnabled()
    assert "New chats: 2;" in h.window.statusBar().currentMessage()
    with qtbot.waitSignal(sync.finished, timeout=10_000) as again:
        actions.start()
    assert again.args == [0, 0]
    assert h.window.statusBar().currentMessage() == "Synced with Coze: everything was already here."


def test_the_local_only_marker(qtbot: QtBot, synced: Synced) -> None:
    h, _sync, _actions = synced
    local = h.history.create_conversation(BOT)
    h.window.sidebar.reload()
    qtbot.waitUntil(lambda: h.window.model.rowCount() >= 1)
    rows = {h.window.model.index(r).data(Role.ID): h.window.model.index(r) for r in range(h.window.model.rowCount())}
    assert rows[local.id].data(Role.LOCAL_ONLY) is True
    assert "only on this computer" in rows[local.id].data(Qt.ItemDataRole.ToolTipRole)  # the row may shorten it
    h.store.conversations.set_coze_id(local.id, "7400000000000000001")
    h.window.sidebar.reload()
    qtbot.waitUntil(
        lambda: (
            not any(
                h.window.model.index(r).data(Role.LOCAL_ONLY)
                for r in range(h.window.model.rowCount())
                if h.window.model.index(r).data(Role.ID) == local.id
            )
        )
    )


def test_the_automatic_sync_is_throttled_and_can_be_switched_off(qtbot: QtBot, synced: Synced) -> None:
    _h, sync, actions = synced
    with qtbot.waitSignal(sync.finished, timeout=10_000):
        assert sync.sync_if_due()
    assert not sync.sync_if_due()  # synced a moment ago
    actions.auto.setChecked(False)
    assert sync.auto is False
    assert not sync.sync_if_due()


def test_a_drop_is_said_once_and_what_was_read_is_kept(qtbot: QtBot, synced: Synced, server: CozeServer) -> None:
    h, sync, _actions = synced
    seed(server, ["one"])
    seed(server, ["two"])
    server.queue(Scenario("list_error", skip=3))
    with qtbot.waitSignal(sync.failed, timeout=10_000):
        sync.sync_now()  # automatic-like: the status bar says it, no dialog
    qtbot.waitUntil(lambda: "The sync stopped" in h.window.statusBar().currentMessage())
    with qtbot.waitSignal(sync.finished, timeout=10_000):
        sync.sync_now()
    qtbot.waitUntil(lambda: {"one", "two"} <= set(titles(h)))


def test_rename_is_pushed_and_delete_on_coze_is_asked_for(
    qtbot: QtBot, synced: Synced, server: CozeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    h, sync, _actions = synced
    coze_id = seed(server, ["rename me"])
    with qtbot.waitSignal(sync.finished, timeout=10_000):
        sync.sync_now()
    local = h.store.conversations.find_by_coze_id(coze_id)
    assert local is not None
    h.window.sidebar.renameRequested.emit(local.id, "新名字")
    with CozeClient(TOKEN, server.base_url) as client:
        qtbot.waitUntil(lambda: client.retrieve_conversation(coze_id).name == "新名字", timeout=5000)

    assert h.window.conversations.delete(local.id)
    toast = h.window.conversations.toast  # off unless asked: the toast offers it (#17.2: no Yes/No box)
    also_on_coze = toast.button("Also delete on Coze")
    assert also_on_coze is not None
    also_on_coze.click()
    assert h.store.conversations.get(local.id) is None
    with CozeClient(TOKEN, server.base_url) as client:
        qtbot.waitUntil(lambda: coze_id not in [c.id for c in client.list_conversations(BOT).conversations])
    QApplication.processEvents()


def test_a_delete_left_to_run_out_keeps_the_copy_on_coze(qtbot: QtBot, synced: Synced, server: CozeServer) -> None:
    # Off unless asked: the toast's time running out deletes the chat here only (#17.2; the Yes/No box's
    # check box was off by default).
    h, sync, _actions = synced
    coze_id = seed(server, ["keep on coze"])
    with qtbot.waitSignal(sync.finished, timeout=10_000):
        sync.sync_now()
    local = h.store.conversations.find_by_coze_id(coze_id)
    assert local is not None
    asked: list[tuple[str, str]] = []
    h.window.conversations.deleteOnCoze.connect(lambda bot, conversation: asked.append((bot, conversation)))
    assert h.window.conversations.delete(local.id)
    assert h.window.conversations.toast.button("Also delete on Coze") is not None
    h.window.conversations.toast.expire()
    assert h.store.conversations.get(local.id) is None and asked == []
    with CozeClient(TOKEN, server.base_url) as client:
        assert coze_id in [c.id for c in client.list_conversations(BOT).conversations]
