"""A chatflow as a target of the window's services: its name, avatar and prologue cached like a bot's, the
demo backend's chatflow next to its bot, a new conversation created for a chatflow key."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.chat.targets import chatflow_key, info_id, key_of, parse_key
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.demo_chatflow import DEMO_APP_ID, DEMO_CHATFLOW_ID
from desktop.core.store import Store
from desktop.services.bots import BotService
from desktop.services.connection import Connection
from desktop.services.demo import DemoBackend
from desktop.services.history import HistoryService
from desktop.services.sync import SyncService
from desktop.services.tasks import TaskRunner
from tests.coze_fixtures import BOT, TOKEN

KEY = chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID)


def test_keys_round_trip_and_bot_ids_stay_bot_ids() -> None:
    flow = parse_key(KEY, {"a": "1"})
    assert flow is not None and (flow.workflow_id, flow.app_id, flow.bot_id) == (DEMO_CHATFLOW_ID, DEMO_APP_ID, "")
    assert dict(flow.parameters) == {"a": "1"}
    in_bot = parse_key(chatflow_key("7", bot_id="9"))
    assert in_bot is not None and (in_bot.app_id, in_bot.bot_id) == ("", "9")
    assert parse_key("7451000000000000001") is None and parse_key("chatflow:7@nothing") is None
    assert info_id(KEY) == DEMO_CHATFLOW_ID and info_id("123") == "123"


def test_a_chatflow_key_makes_a_chatflow_conversation(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        conversation = HistoryService(store).create_conversation(KEY)
        assert conversation.is_chatflow and conversation.bot_id == DEMO_CHATFLOW_ID
        assert key_of(conversation) == KEY
        assert key_of(HistoryService(store).create_conversation("42")) == "42"


def test_refresh_caches_a_chatflow_like_a_bot(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        tasks = TaskRunner()
        bots = BotService(store.bots, tasks, tmp_path / "icons")
        updates: list[str] = []
        bots.botUpdated.connect(updates.append)
        bots.refresh(Connection(server.base_url, TOKEN, KEY, "u"))
        qtbot.waitUntil(lambda: len(updates) == 2, timeout=5000)  # info first, then the avatar
        assert updates[0] == KEY
        assert bots.name(KEY) == "Plan with me" == bots.name(DEMO_CHATFLOW_ID)
        record = bots.bot(KEY)
        assert record is not None and record.prologue.startswith("Hi! I plan trips")
        assert bots.icon_path(KEY) is not None
        assert tasks.shutdown(2000)


def test_the_demo_offers_its_chatflow_next_to_its_bot() -> None:
    demo = DemoBackend("en")
    try:
        assert demo.choices() == [demo.bot_id, KEY]
        assert demo.owns(KEY) and demo.owns(demo.bot_id) and not demo.owns("42")
        assert demo.connection("u", KEY).bot_id == KEY
        assert demo.connection("u").bot_id == demo.bot_id
    finally:
        demo.stop()


def test_sync_pulls_bots_only(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        tasks = TaskRunner()
        sync = SyncService(
            store.path, lambda key: Connection(server.base_url, TOKEN, key, "u"), lambda: [BOT, KEY], tasks
        )
        assert not sync.sync_now([KEY])  # a chatflow alone: nothing to pull
        with qtbot.waitSignal(sync.finished, timeout=10_000):
            assert sync.sync_now()
        listed = [r.query.get("bot_id") for r in server.requests if r.path == "/v1/conversations"]
        assert listed and set(listed) == {BOT}
        assert sync.shutdown(3000) and tasks.shutdown(1000)
