"""Where chats go: an API base, a token and a bot. Built by the composition root from the settings,
the keyring and the environment, or from the embedded demo server."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.coze import CozeClient
from desktop.core.coze.client import CONNECT_TIMEOUT, READ_TIMEOUT
from desktop.core.destination import Credential


@dataclass(frozen=True)
class Connection:
    api_base: str
    token: Credential = field(repr=False)  # a token or a signed-in account: never printed, never logged
    bot_id: str
    user_id: str
    demo: bool = False
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT

    def client(self) -> CozeClient:
        return CozeClient(
            self.token, self.api_base, connect_timeout=self.connect_timeout, read_timeout=self.read_timeout
        )
