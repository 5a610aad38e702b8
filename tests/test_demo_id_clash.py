"""The demo's ids can never be a real Coze bot's or chatflow's (desktop/core/demo_ids.py): a user's own bot whose id
was the demo's (7451000000000000001 until 0.1.0) goes to Coze, not to the demo. What kept the former ids moves to
the new ones once: the history (migration 16), the settings, the demo's own state, so demo chats go on."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.chat.targets import chatflow_key, key_of
from desktop.core.cozeserver import CozeServer
from desktop.core.demo_ids import DEMO_APP_ID, DEMO_BOT_ID, DEMO_CHATFLOW_ID, FORMER_IDS
from desktop.core.demo_target import is_demo_target
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import Store
from desktop.core.store.migrations import migrate
from tests.coze_fixtures import TOKEN
from tests.cozeserver.test_state_file import say
from tests.memory_keyring import MemoryKeyring
from tests.test_app_session import close_app, open_app

OLD_BOT, OLD_APP, OLD_FLOW = FORMER_IDS  # the demo's ids in 0.1.0
OLD_FLOW_KEY = f"chatflow:{OLD_FLOW}@app:{OLD_APP}"


def test_no_demo_id_can_be_a_coze_id() -> None:
    """Coze's ids are positive int64 in decimal: no leading zero. A demo id is never one."""
    for demo in (DEMO_BOT_ID, DEMO_APP_ID, DEMO_CHATFLOW_ID):
        assert demo.isdigit() and str(int(demo)) != demo
    assert not is_demo_target(OLD_BOT) and not is_demo_target(OLD_FLOW_KEY)


def test_a_real_bot_with_the_demos_former_id_goes_to_coze(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer, memory_keyring: MemoryKeyring
) -> None:
    server.add_bot(OLD_BOT, name="My Real Bot")
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    app.start(demo=False)
    chosen = replace(Settings(), api_base=server.base_url, bot_ids=[OLD_BOT], default_bot_id=OLD_BOT)
    app.apply_settings(chosen, TOKEN, previous_token=None)
    app.window.send("hello, my own bot")
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=10_000)
    _question, answer = app.store.messages.page(conversation)
    assert answer.status == "complete" and answer.content
    chats = [r for r in server.requests if r["path"] == "/v3/chat"]
    assert len(chats) == 1 and chats[0]["body"]["bot_id"] == OLD_BOT
    assert not app.demo.running
    close_app(app)


def test_the_history_renames_the_demos_former_ids_once(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    migrate(conn, target=15)
    rows = [(OLD_BOT, None), (OLD_FLOW, OLD_APP), ("7400000000000000042", None)]
    for bot_id, app_id in rows:
        kind = "chatflow" if app_id else "bot"
        conn.execute(
            "INSERT INTO conversations (title, bot_id, app_id, target_kind, created_at, updated_at)"
            " VALUES ('t', ?, ?, ?, 1, 1)",
            (bot_id, app_id, kind),
        )
    conn.execute("INSERT INTO bots (bot_id, name, updated_at) VALUES (?, 'Demo', 1)", (OLD_BOT,))
    conn.execute("INSERT INTO deleted_coze_conversations VALUES ('c1', ?, 1)", (OLD_BOT,))
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        demo, flow, mine = (store.conversations.get(n) for n in (1, 2, 3))
        assert demo is not None and flow is not None and mine is not None
        assert key_of(demo) == DEMO_BOT_ID and is_demo_target(key_of(demo))
        assert key_of(flow) == chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID) and is_demo_target(key_of(flow))
        assert mine.bot_id == "7400000000000000042"
        assert store.bots.get(DEMO_BOT_ID) is not None and store.bots.get(OLD_BOT) is None


def test_the_settings_rename_the_demos_former_ids_once(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(
        "[settings]\n"
        f"bot_ids = 7400000000000000042,{OLD_BOT},{OLD_FLOW_KEY}\n"
        f"default_bot_id = {OLD_BOT}\nlast_bot_id = {OLD_FLOW_KEY}\n"
        f"chatflow_parameters = {OLD_FLOW_KEY}?city=Rome\n",
        encoding="utf-8",
    )
    settings = Settings.load(path)
    flow = chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID)
    assert settings.bot_ids == ["7400000000000000042", DEMO_BOT_ID, flow]
    assert (settings.default_bot_id, settings.last_bot_id) == (DEMO_BOT_ID, flow)
    assert settings.chatflow_parameters == [f"{flow}?city=Rome"]
    settings.add_bot(OLD_BOT)  # after the change: a real bot with that id stays itself
    settings.save(path)
    again = Settings.load(path)
    assert again.bot_ids == ["7400000000000000042", DEMO_BOT_ID, flow, OLD_BOT]
    assert Settings.load(path).bot_ids == again.bot_ids


def test_the_demo_goes_on_with_a_conversation_it_kept_under_its_former_id(tmp_path: Path) -> None:
    path = tmp_path / "demo-server.json"
    with CozeServer(state_path=path) as first:
        conversation, _ = say(first, "My name is Ada")
    data = json.loads(path.read_text(encoding="utf-8"))  # as 0.1.0 wrote it: no demo_ids_version
    data.pop("demo_ids_version")
    text = json.dumps(data).replace(f'"{DEMO_BOT_ID}"', f'"{OLD_BOT}"')
    assert OLD_BOT in text
    path.write_text(text, encoding="utf-8")
    with CozeServer(state_path=path) as second:
        _, answer = say(second, "What is my name?", conversation)
    assert "Ada" in answer
    assert OLD_BOT not in path.read_text(encoding="utf-8")


def test_the_settings_keep_a_custom_servers_bot_with_the_demos_former_id(tmp_path: Path) -> None:
    """At a custom address (a Coze-compatible server of the user's) the configured 7451000000000000001 is that
    server's bot, not the demo picked from the list: the walk of session 33 (71.png) found it turned into
    "0000000000000000001 — default", and had to add its own bot again beside it."""
    path = tmp_path / "settings.ini"
    path.write_text(
        "[settings]\napi_base = http://127.0.0.1:47811\n"
        f"bot_ids = {OLD_BOT},{OLD_FLOW_KEY}\ndefault_bot_id = {OLD_BOT}\nlast_bot_id = {OLD_BOT}\n"
        f"chatflow_parameters = {OLD_FLOW_KEY}?city=Rome\n",
        encoding="utf-8",
    )
    settings = Settings.load(path)
    assert settings.bot_ids == [OLD_BOT, OLD_FLOW_KEY]
    assert (settings.default_bot_id, settings.last_bot_id) == (OLD_BOT, OLD_BOT)
    assert settings.chatflow_parameters == [f"{OLD_FLOW_KEY}?city=Rome"]
    assert DEMO_BOT_ID not in settings.bot_ids
