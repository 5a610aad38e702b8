"""Migration 16: the demo's ids changed (desktop.core.demo_ids): its bot and chatflow had 19-digit ids a real
Coze bot could have, and a chat with such a bot went to the demo. The demo chats kept here, the demo bot's
cached name and picture and the deleted demo chats the sync skips now name the new ids, so they go on with
the demo as before."""

from __future__ import annotations

import sqlite3

from desktop.core.demo_ids import FORMER_IDS


def rename_demo_ids(conn: sqlite3.Connection) -> None:
    for former, current in FORMER_IDS.items():
        for column in ("bot_id", "app_id", "host_bot_id"):
            conn.execute(f"UPDATE conversations SET {column} = ? WHERE {column} = ?", (current, former))
        conn.execute("UPDATE deleted_coze_conversations SET bot_id = ? WHERE bot_id = ?", (current, former))
        conn.execute(
            "DELETE FROM bots WHERE bot_id = ? AND EXISTS (SELECT 1 FROM bots WHERE bot_id = ?)", (former, current)
        )
        conn.execute("UPDATE bots SET bot_id = ? WHERE bot_id = ?", (current, former))


V16 = (rename_demo_ids,)
