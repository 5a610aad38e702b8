"""What `CozeClient` needs from a signed-in account: the current access token, renewed after a 4100."""

from __future__ import annotations

from typing import Protocol


class TokenSource(Protocol):
    """Where a signed-in account's access token comes from (see core/auth/account.py)."""

    def access_token(self) -> str: ...

    def renew(self, rejected: str) -> str | None: ...
