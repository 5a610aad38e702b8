"""The OAuth side of the local server: device codes, access tokens and rotating refresh tokens.

Wire shapes from the official SDKs (coze-py `cozepy/auth/__init__.py`, coze-js `src/auth.ts`):
`POST /api/permission/oauth2/device/code {client_id}` answers a bare object `{device_code,
user_code, verification_uri, expires_in, interval}`; `POST /api/permission/oauth2/token` answers
`{access_token, expires_in, refresh_token, token_type}` where `expires_in` is an absolute Unix time,
or an OAuth error named `authorization_pending`, `slow_down`, `access_denied` or `expired_token`.
coze-py reads that name from `error_code` in the body; coze-js from `error` on a non-2xx reply:
`error_style` picks which of the two this server sends ("body" or "http").

Scripting: `script` is a list of outcomes the next polls of a new device code play in order
("pending", "slow_down", "approved", "denied", "expired"); after it, a code is pending until
`approve()`/`deny()` (or the local verification page) decides it, or its time runs out. A refresh
token can be spent once: using it again is rejected, as the real service does.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from desktop.core.cozeserver.wire import JsonDict

ACCESS_TTL = 900  # 15 minutes, as Coze's OAuth access tokens
REFRESH_TTL = 30 * 86400
DEVICE_TTL = 600
POLL_INTERVAL = 5
OUTCOMES = ("pending", "slow_down", "approved", "denied", "expired")
ERROR_STYLES = ("body", "http")
LOCAL_USER = {"user_id": "7440000000000000001", "user_name": "local_user", "nick_name": "本地用户 Local User"}


class OAuthWireError(Exception):
    """An OAuth error answer; `name` is the error's wire name."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass
class DeviceGrant:
    device_code: str
    user_code: str
    client_id: str
    expires_at: float
    script: deque[str]
    decided: str | None = None  # "approved" or "denied"


@dataclass
class OAuthState:
    access_ttl: int = ACCESS_TTL
    refresh_ttl: int = REFRESH_TTL
    interval: int = POLL_INTERVAL
    error_style: str = "body"
    script: list[str] = field(default_factory=list)
    client_ids: set[str] | None = None  # None: any client id is a registered device app
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _grants: dict[str, DeviceGrant] = field(default_factory=dict, repr=False)
    _access: dict[str, float] = field(default_factory=dict, repr=False)  # token -> expires at
    _refresh: dict[str, tuple[str, float]] = field(default_factory=dict, repr=False)  # token -> (client, expires)
    _spent: set[str] = field(default_factory=set, repr=False)
    refreshes: int = 0  # refresh grants answered with new tokens
    polls: int = 0

    # -- device code ------------------------------------------------------------------------------
    def start(self, client_id: str, verification_uri: str) -> JsonDict:
        self._check_client(client_id)
        with self._lock:
            grant = DeviceGrant(
                device_code=secrets.token_hex(16),
                user_code=f"{secrets.randbelow(10**8):08d}",
                client_id=client_id,
                expires_at=time.time() + DEVICE_TTL,
                script=deque(self.script),
            )
            self._grants[grant.device_code] = grant
        return {
            "device_code": grant.device_code,
            "user_code": grant.user_code,
            "verification_uri": verification_uri,
            "expires_in": int(grant.expires_at),
            "interval": self.interval,
        }

    def poll(self, client_id: str, device_code: str) -> JsonDict:
        with self._lock:
            self.polls += 1
            grant = self._grants.get(device_code)
            if grant is None or grant.client_id != client_id:
                raise OAuthWireError("expired_token", "The device code is invalid or has expired.")
            outcome = grant.script.popleft() if grant.script else (grant.decided or "pending")
            if outcome == "pending" and time.time() > grant.expires_at:
                outcome = "expired"
            if outcome == "pending":
                raise OAuthWireError("authorization_pending", "The user has not authorized yet.")
            if outcome == "slow_down":
                raise OAuthWireError("slow_down", "Polling too frequently; slow down.")
            del self._grants[device_code]  # a decided code is used up
            if outcome == "denied":
                raise OAuthWireError("access_denied", "The user denied the authorization request.")
            if outcome == "expired":
                raise OAuthWireError("expired_token", "The device code has expired.")
            return self._issue(client_id)

    def decide(self, user_code: str, approve: bool) -> bool:
        with self._lock:
            for grant in self._grants.values():
                if grant.user_code == user_code.replace("-", "").strip():
                    grant.decided = "approved" if approve else "denied"
                    return True
        return False

    # -- tokens -----------------------------------------------------------------------------------
    def refresh(self, client_id: str, refresh_token: str) -> JsonDict:
        with self._lock:
            if refresh_token in self._spent:
                raise OAuthWireError("invalid_grant", "The refresh token has already been used.")
            entry = self._refresh.pop(refresh_token, None)
            if entry is None or entry[0] != client_id or entry[1] < time.time():
                raise OAuthWireError("invalid_grant", "The refresh token is invalid or has expired.")
            self._spent.add(refresh_token)
            self.refreshes += 1
            return self._issue(client_id)

    def access_valid(self, token: str) -> bool:
        with self._lock:
            expires = self._access.get(token)
            return expires is not None and expires > time.time()

    def expire_access_tokens(self) -> None:
        """Every access token issued so far stops working (as 15 minutes passing would do)."""
        with self._lock:
            self._access = dict.fromkeys(self._access, 0.0)

    def expire(self, token: str) -> None:
        """This access token stops working (the others do not); a token not issued here is left alone."""
        with self._lock:
            if token in self._access:
                self._access[token] = 0.0

    def _issue(self, client_id: str) -> JsonDict:
        now = time.time()
        access, refresh = f"oauth_local_{secrets.token_hex(16)}", f"refresh_local_{secrets.token_hex(16)}"
        self._access[access] = now + self.access_ttl
        self._refresh[refresh] = (client_id, now + self.refresh_ttl)
        return {
            "access_token": access,
            "expires_in": int(now + self.access_ttl),
            "refresh_token": refresh,
            "token_type": "Bearer",
        }

    def _check_client(self, client_id: str) -> None:
        if not client_id or (self.client_ids is not None and client_id not in self.client_ids):
            raise OAuthWireError("invalid_client", "The client_id is not a registered device application.")
