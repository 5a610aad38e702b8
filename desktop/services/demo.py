"""The demo bot: the project's local Coze-compatible server, started in-process on demand.

No token, no account, no internet: the app talks to it over loopback exactly as it talks to Coze.
"""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN, CozeServer
from desktop.services.connection import Connection

log = logging.getLogger(__name__)

DEMO_PACE = 0.02  # seconds between deltas: reads like a real bot typing


class DemoBackend:
    bot_id = DEMO_BOT_ID

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

    def connection(self, user_id: str) -> Connection:
        if self._server is None:
            self._server = CozeServer(
                accepted_tokens={DEMO_TOKEN}, pace=self._pace, language=self._language, state_path=self._state_path
            ).start()
            log.info("demo server listening on %s", self._server.base_url)
        return Connection(self._server.base_url, DEMO_TOKEN, DEMO_BOT_ID, user_id, demo=True)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
