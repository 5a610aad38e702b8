"""The demo bot: the project's local Coze-compatible server, started in-process on demand.

No token, no account, no internet: the app talks to it over loopback exactly as it talks to Coze.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN, CozeServer
from desktop.core.demo_target import DEMO_PACE, DEMO_TARGETS, is_demo_target
from desktop.services.connection import Connection

log = logging.getLogger(__name__)


class DemoBackend:
    """The demo server's bot, and its app's chatflow next to it (`chatflow_key`)."""

    bot_id, chatflow_key = DEMO_TARGETS

    def choices(self) -> list[str]:
        """What a new demo chat can talk to, in the header's chooser."""
        return [self.bot_id, self.chatflow_key]

    def owns(self, key: str) -> bool:
        return is_demo_target(key)

    def __init__(self, language: str, pace: float = DEMO_PACE, state_path: Path | None = None) -> None:
        self._language = "zh" if language.startswith("zh") else "en"
        self._pace = pace
        self._state_path = state_path  # where the demo bot keeps its conversations (in the profile)
        self._server: CozeServer | None = None

    @property
    def server(self) -> CozeServer:
        """The running demo server (started on first use), e.g. to script a scenario in a screenshot."""
        if self._server is None:
            self.connection("")
        assert self._server is not None
        return self._server

    @property
    def running(self) -> bool:
        return self._server is not None

    def connection(self, user_id: str, key: str = DEMO_BOT_ID) -> Connection:
        """Where a demo chat goes: the demo bot, or (`key`) the demo chatflow."""
        if self._server is None:
            self._server = CozeServer(
                accepted_tokens={DEMO_TOKEN}, pace=self._pace, language=self._language, state_path=self._state_path
            ).start()
            log.info("demo server listening on %s", self._server.base_url)
        connection = Connection(self._server.base_url, DEMO_TOKEN, DEMO_BOT_ID, user_id, demo=True)
        return connection if key == DEMO_BOT_ID else replace(connection, bot_id=key)

    def set_language(self, language: str) -> None:
        """The UI's language changed: the running demo speaks it too (its bot's name and prologue)."""
        self._language = "zh" if language.startswith("zh") else "en"
        if self._server is not None:
            self._server.language = self._language

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
