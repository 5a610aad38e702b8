"""Where chats go: an API base, a token and a bot. Built by the composition root from the settings,
the keyring and the environment, or from the embedded demo server."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.coze import CozeClient


@dataclass(frozen=True)
class Connection:
    api_base: str
    token: str = field(repr=False)  # never printed, never logged
    bot_id: str
    user_id: str
    demo: bool = False

    def client(self) -> CozeClient:
        return CozeClient(self.token, self.api_base)
