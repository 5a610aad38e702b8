"""Bots: what is known about each bot (name, avatar URL, prologue, suggested questions), cached locally."""

from __future__ import annotations

import json

from desktop.core.store.base import Part, clean_text
from desktop.core.store.models import BotRecord, bot_from_row


class Bots(Part):
    """`store.bots`: the bots the profile has talked to."""

    def upsert(self, bot: BotRecord) -> None:
        """Insert or replace what is known about a bot (updated_at defaults to now)."""
        with self._db.transaction():
            self._conn.execute(
                """
                INSERT INTO bots (bot_id, name, description, icon_url, prologue, suggested_questions,
                    updated_at, shortcut_commands)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (bot_id) DO UPDATE SET
                    name = excluded.name, description = excluded.description,
                    icon_url = excluded.icon_url, prologue = excluded.prologue,
                    suggested_questions = excluded.suggested_questions, updated_at = excluded.updated_at,
                    shortcut_commands = excluded.shortcut_commands
                """,
                (
                    bot.bot_id,
                    clean_text(bot.name),
                    clean_text(bot.description),
                    bot.icon_url,
                    clean_text(bot.prologue),
                    json.dumps([clean_text(q) for q in bot.suggested_questions], ensure_ascii=False),
                    bot.updated_at or self._db.now(),
                    bot.shortcut_commands,
                ),
            )

    def get(self, bot_id: str) -> BotRecord | None:
        row = self._conn.execute("SELECT * FROM bots WHERE bot_id = ?", (bot_id,)).fetchone()
        return None if row is None else bot_from_row(row)

    def all(self) -> list[BotRecord]:
        """Every known bot, the most recently updated first."""
        rows = self._conn.execute("SELECT * FROM bots ORDER BY updated_at DESC, bot_id").fetchall()
        return [bot_from_row(row) for row in rows]
