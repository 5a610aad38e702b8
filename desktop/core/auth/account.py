"""The signed-in Coze account of one API base: its tokens in the keyring and a fresh access token on demand.

The access token lives 15 minutes, the refresh token 30 days and is rotated by every refresh. Both
live in one keyring item per API base (`oauth:<base>`), never in a file; without a keyring they are
kept for this session only. `access_token()` refreshes shortly before expiry; `renew(rejected)`
refreshes once after Coze refused a token (4100). A refresh happens under a per-user lock, after
re-reading the keyring, so two processes never spend one refresh token. A refresh token Coze
refuses ends the sign-in: the item is deleted and `SignedOut` says "sign in again" — once, no loop.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.auth.oauth import OAuthClient, OAuthError, OAuthToken
from desktop.core.auth.refresh_lock import RefreshLock
from desktop.core.coze.errors import CozeAPIError, CozeError, CozeHTTPError, ErrorKind
from desktop.core.secrets import TokenStore

log = logging.getLogger(__name__)

REFRESH_MARGIN = 60.0  # refresh when the access token has less than this left


class SignedOut(CozeError):
    """No usable sign-in for this API base: never signed in, signed out, or the refresh token is dead."""

    default_kind = ErrorKind.SIGNED_OUT


def oauth_item(api_base: str) -> str:
    """The keyring item (username under the service "coze-desktop") holding a base's OAuth tokens."""
    return f"oauth:{api_base}"


@dataclass(frozen=True)
class StoredTokens:
    client_id: str
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: float

    def to_json(self) -> str:
        return json.dumps(
            {
                "client_id": self.client_id,
                "access_token": self.access_token,
                "refresh_token": self.refresh_token,
                "expires_at": self.expires_at,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> StoredTokens | None:
        try:
            data = json.loads(text)
            return cls(
                str(data["client_id"]), str(data["access_token"]), str(data["refresh_token"]), float(data["expires_at"])
            )
        except (ValueError, KeyError, TypeError):
            return None

    @classmethod
    def from_token(cls, client_id: str, token: OAuthToken) -> StoredTokens:
        return cls(client_id, token.access_token, token.refresh_token, token.expires_at)


class AccountCredential:
    """A token source for `CozeClient`: `access_token()` and `renew(rejected)`. Thread- and process-safe."""

    def __init__(
        self,
        api_base: str,
        store: TokenStore,
        *,
        lock_dir: Path | None = None,
        oauth_factory: Callable[[str, str], OAuthClient] = OAuthClient,
        margin: float = REFRESH_MARGIN,
    ) -> None:
        self.api_base = api_base
        self.item = oauth_item(api_base)
        self._store = store
        self._lock_dir = lock_dir
        self._oauth_factory = oauth_factory
        self._margin = margin

    # -- storage ----------------------------------------------------------------------------------
    def load(self) -> StoredTokens | None:
        raw = self._store.get(self.item)
        return StoredTokens.from_json(raw) if raw else None

    def save(self, tokens: StoredTokens) -> None:
        """Into the keyring; without one, for this session only (never a file)."""
        self._store.set(self.item, tokens.to_json(), session_only=not self._store.available)

    def sign_out(self) -> None:
        self._store.delete(self.item)

    @property
    def signed_in(self) -> bool:
        return self.load() is not None

    # -- the token source -------------------------------------------------------------------------
    def access_token(self) -> str:
        tokens = self.load()
        if tokens is None:
            raise SignedOut(f"not signed in to {self.api_base}")
        if tokens.expires_at - time.time() > self._margin:
            return tokens.access_token
        return self._refresh(tokens.access_token)

    def renew(self, rejected: str) -> str | None:
        """Coze refused `rejected` (4100): a newer token, refreshing if nobody has yet. SignedOut if dead."""
        return self._refresh(rejected, force=True)

    def _refresh(self, stale: str, force: bool = False) -> str:
        with RefreshLock(self.item, self._lock_dir):
            tokens = self.load()  # re-read: another process may have refreshed while we waited
            if tokens is None:
                raise SignedOut(f"not signed in to {self.api_base}")
            fresh = tokens.expires_at - time.time() > self._margin
            if tokens.access_token != stale and (fresh or force):
                return tokens.access_token
            if fresh and not force:
                return tokens.access_token
            with self._oauth_factory(self.api_base, tokens.client_id) as oauth:
                try:
                    renewed = oauth.refresh(tokens.refresh_token)
                except (OAuthError, CozeAPIError, CozeHTTPError) as exc:
                    if isinstance(exc, CozeHTTPError) and (exc.status or 0) >= 500:
                        raise  # Coze is down: the refresh token may still be good
                    log.info("the refresh token for %s was refused (%s): signed out", self.api_base, exc.summary())
                    self.sign_out()
                    raise SignedOut(f"the sign-in for {self.api_base} has ended: {exc.msg}", logid=exc.logid) from None
            self.save(StoredTokens.from_token(tokens.client_id, renewed))
            log.info("refreshed the access token for %s", self.api_base)
            return renewed.access_token
