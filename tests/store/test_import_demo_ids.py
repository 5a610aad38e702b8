"""An export made by 0.1.0 names the demo by its former ids (desktop/core/demo_ids.py): imported now, its demo chats
go on with the demo, as the history's own do after migration 16; an export made since keeps its ids, a real bot
whose id was the demo's former one included."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.chat.targets import chatflow_key, key_of
from desktop.core.demo_ids import DEMO_APP_ID, DEMO_BOT_ID, DEMO_CHATFLOW_ID, FORMER_IDS
from desktop.core.demo_target import is_demo_target
from desktop.core.store import BotRecord, Store
from desktop.core.store.transfer import export_json, import_json

OLD_BOT, OLD_APP, OLD_FLOW = FORMER_IDS  # the demo's ids in 0.1.0


def _export_of_0_1_0() -> dict[str, object]:
    """What 0.1.0 wrote (tools: `git show 3957f92:desktop/core/store/transfer/export.py`): no demo_ids_version."""
    conversation = {"title": "t", "coze_conversation_id": None, "created_at": 1.0, "updated_at": 1.0, "pinned": False}
    return {
        "format": "coze-desktop-export",
        "version": 1,
        "exported_at": "2026-12-01T00:00:00Z",
        "bots": [{"bot_id": OLD_BOT, "name": "Demo bot"}],
        "conversations": [
            {**conversation, "id": 1, "bot_id": OLD_BOT, "messages": []},
            {**conversation, "id": 2, "title": "f", "bot_id": OLD_FLOW, "app_id": OLD_APP, "messages": []},
            {**conversation, "id": 3, "title": "m", "bot_id": "7400000000000000042", "messages": []},
        ],
    }


def test_an_export_of_0_1_0_brings_its_demo_chats_back_to_the_demo(tmp_path: Path) -> None:
    with Store.open(tmp_path / "history.sqlite3") as store:
        import_json(store, json.dumps(_export_of_0_1_0()))
        demo, flow, mine = (store.conversations.get(n) for n in (1, 2, 3))
        assert demo is not None and flow is not None and mine is not None
        assert key_of(demo) == DEMO_BOT_ID and is_demo_target(key_of(demo))
        assert key_of(flow) == chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID) and is_demo_target(key_of(flow))
        assert mine.bot_id == "7400000000000000042"
        assert store.bots.get(DEMO_BOT_ID) is not None and store.bots.get(OLD_BOT) is None


def test_an_export_made_now_keeps_a_real_bot_with_the_demos_former_id(tmp_path: Path) -> None:
    with Store.open(tmp_path / "mine.sqlite3") as store:
        store.bots.upsert(BotRecord(OLD_BOT, "My Real Bot"))
        store.conversations.create(OLD_BOT, title="mine")
        store.conversations.create(DEMO_BOT_ID, title="demo")
        document = export_json(store)
    with Store.open(tmp_path / "elsewhere.sqlite3") as store:
        import_json(store, json.dumps(document))
        assert sorted(c.bot_id for c in store.conversations.identities()) == sorted([OLD_BOT, DEMO_BOT_ID])
        real = store.bots.get(OLD_BOT)
        assert real is not None and real.name == "My Real Bot"
