"""BotService: what the window knows about bots (name, prologue, suggested questions), cached in the
store and refreshed from Coze in the background.

Signals: botUpdated(bot_id)
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.chat.targets import info_id, parse_key
from desktop.core.coze import BotInfo, CozeClient, CozeError
from desktop.core.coze.assets import download_icon
from desktop.core.coze.shortcuts import ShortcutCommand, commands_json, parse_commands
from desktop.core.coze.token_source import TokenSource
from desktop.core.coze.workflows import chatflow_info
from desktop.core.files import atomic_write_bytes
from desktop.core.store import BotRecord
from desktop.core.store.bots import Bots
from desktop.services.connection import Connection
from desktop.services.tasks import TaskRunner

log = logging.getLogger(__name__)

REFRESH_AFTER = 3600.0  # seconds a cached bot is fresh enough


def _safe_name(bot_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", bot_id)[:80] or "bot"


def record_from_info(info: BotInfo) -> BotRecord:
    return BotRecord(
        bot_id=info.bot_id,
        name=info.name,
        description=info.description,
        icon_url=info.icon_url,
        prologue=info.prologue,
        suggested_questions=tuple(info.suggested_questions),
        updated_at=time.time(),
        shortcut_commands=commands_json(info.shortcut_commands),
    )


def chatflow_as_bot(client: CozeClient, workflow_id: str) -> BotInfo:
    """A chatflow's name, avatar and prologue, cached like a bot's (under its workflow id)."""
    info = chatflow_info(client, workflow_id)
    return BotInfo(
        workflow_id,
        info.name,
        info.description,
        info.icon_url,
        prologue=info.prologue,
        suggested_questions=info.suggested_questions,
    )


class BotService(QObject):
    botUpdated = Signal(str)

    def __init__(
        self,
        bots: Bots,
        tasks: TaskRunner,
        icon_dir: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bots = bots
        self._tasks = tasks
        self._icon_dir = icon_dir
        self._in_flight: set[str] = set()
        self._again: dict[str, Connection] = {}  # forced while in flight: fetched once more after it lands

    def icon_path(self, bot_id: str) -> Path | None:
        """The cached avatar of a bot (or a chatflow's, by its key), if it was downloaded."""
        if self._icon_dir is None:
            return None
        path = self._icon_dir / f"{_safe_name(info_id(bot_id))}.img"
        return path if path.is_file() else None

    def _fetch_icon(self, info: BotInfo) -> None:
        icon_dir = self._icon_dir
        if icon_dir is None or not info.icon_url:
            return
        target = icon_dir / f"{_safe_name(info.bot_id)}.img"

        def fetch() -> None:
            data = download_icon(info.icon_url)
            icon_dir.mkdir(parents=True, exist_ok=True)
            with atomic_write_bytes(target) as out:
                out.write(data)

        def failed(exc: Exception) -> None:
            summary = exc.summary() if isinstance(exc, CozeError) else type(exc).__name__
            log.info("icon of bot %s not downloaded: %s", info.bot_id, summary)

        self._tasks.submit(fetch, lambda _none: self.botUpdated.emit(info.bot_id), failed)

    def bot(self, bot_id: str) -> BotRecord | None:
        """A bot's cached info; for a chatflow key, the chatflow's (cached under its workflow id)."""
        return self._bots.get(info_id(bot_id))

    def shortcut_commands(self, bot_id: str) -> tuple[ShortcutCommand, ...]:
        """The bot's shortcut commands as last fetched (none for a chatflow, or a bot not fetched yet)."""
        bot = self._bots.get(bot_id)
        return parse_commands(bot.shortcut_commands) if bot is not None else ()

    def name(self, bot_id: str) -> str:
        """The name Coze gave the bot (or chatflow), "" until its details have been fetched."""
        bot = self._bots.get(info_id(bot_id))
        return bot.name if bot is not None and bot.name else ""

    def remember_names(self, names: Mapping[str, str]) -> None:
        """Names the Settings dialog learnt (its picker's catalog, its Test button), kept for targets never
        fetched: the header's chooser names them at once. Stale on purpose: the details are fetched when
        the target is first used, and Coze's name then replaces this one."""
        for key, name in names.items():
            cached = self.bot(key)
            if name.strip() and (cached is None or not cached.name):
                kept = (
                    replace(cached, name=name.strip())
                    if cached
                    else BotRecord(info_id(key), name.strip(), updated_at=1.0)
                )
                self._bots.upsert(kept)

    def names(self) -> dict[str, str]:
        return {bot.bot_id: bot.name for bot in self._bots.all() if bot.name}

    def refresh(self, connection: Connection, *, force: bool = False) -> None:
        """Fetch the bot's info from Coze unless the cache is fresh; botUpdated fires when it lands."""
        bot_id = connection.bot_id
        cached = self.bot(bot_id)
        if not force and cached is not None and time.time() - cached.updated_at < REFRESH_AFTER:
            return
        if bot_id in self._in_flight:
            if force:  # what is on its way may already be stale (the demo's language just changed)
                self._again[bot_id] = connection
            return
        self._in_flight.add(bot_id)

        def fetch() -> BotInfo:
            with connection.client() as client:
                flow = parse_key(bot_id)
                return client.get_bot(bot_id) if flow is None else chatflow_as_bot(client, flow.workflow_id)

        def done(info: BotInfo) -> None:
            self._in_flight.discard(bot_id)
            self._bots.upsert(record_from_info(info))
            self.botUpdated.emit(bot_id)
            self._fetch_icon(info)
            self._refresh_again(bot_id)

        def failed(exc: Exception) -> None:
            self._in_flight.discard(bot_id)
            summary = exc.summary() if isinstance(exc, CozeError) else type(exc).__name__
            log.info("bot info for %s not refreshed: %s", bot_id, summary)
            self._refresh_again(bot_id)

        self._tasks.submit(fetch, done, failed)

    def _refresh_again(self, bot_id: str) -> None:
        again = self._again.pop(bot_id, None)
        if again is not None:
            self.refresh(again, force=True)

    def test(
        self,
        api_base: str,
        token: str | TokenSource,
        bot_id: str,
        on_done: Callable[[BotInfo], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """The Settings dialog's Test button: fetch a bot with credentials that are not saved yet."""

        def fetch() -> BotInfo:
            connection = Connection(api_base, token, bot_id, user_id="")
            with connection.client() as client:
                return client.get_bot(bot_id)

        def done(info: BotInfo) -> None:
            self._bots.upsert(record_from_info(info))
            on_done(info)

        self._tasks.submit(fetch, done, on_error)
