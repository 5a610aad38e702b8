"""Coze OAuth for a device app (Qt-free, blocking): device code, polling for the token, refresh.

Wire shapes as the official SDKs use them (coze-py `cozepy/auth/__init__.py` DeviceOAuthApp,
coze-js `packages/coze-js/src/auth.ts`):

- `POST {base}/api/permission/oauth2/device/code {client_id}` ->
  `{device_code, user_code, verification_uri, expires_in, interval}`;
- `POST {base}/api/permission/oauth2/token {client_id, grant_type:
  "urn:ietf:params:oauth:grant-type:device_code", device_code}` and `{client_id, grant_type:
  "refresh_token", refresh_token}` -> `{access_token, expires_in, refresh_token, token_type}`, where
  `expires_in` is an absolute Unix time (coze-py's example CLI checks `expires_in + 30 > now`);
- errors by name: `error_code` in the JSON body (what coze-py reads) or `error` in the body of a
  non-2xx reply (what coze-js reads); both are accepted.

Polling follows the SDKs: every `interval` seconds (5 if none), `slow_down` adds 5 s up to 30 s.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests

from desktop.core.coze.addresses import normalize_base_url
from desktop.core.coze.client import CONNECT_TIMEOUT, user_agent
from desktop.core.coze.deadline import with_deadlines
from desktop.core.coze.errors import CozeError, CozeProtocolError, ErrorKind
from desktop.core.coze.responses import (
    bounded_content,
    connection_error,
    error_from_envelope,
    header_logid,
    http_error,
    json_body,
    short_text,
)

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
DEFAULT_INTERVAL = 5
SLOW_DOWN_STEP = 5
MAX_INTERVAL = 30
READ_TIMEOUT = 30.0

PENDING = "authorization_pending"
SLOW_DOWN = "slow_down"
_KINDS = {"access_denied": ErrorKind.SIGN_IN_DENIED, "expired_token": ErrorKind.SIGN_IN_EXPIRED}
ABSOLUTE_AFTER = 1_000_000_000  # an `expires_in` this large is a Unix time, not a number of seconds


class OAuthError(CozeError):
    """An OAuth error answer; `error` is its wire name (authorization_pending, slow_down, ...)."""

    default_kind = ErrorKind.SIGN_IN_FAILED

    def __init__(self, error: str, msg: str = "", *, status: int | None = None, logid: str | None = None) -> None:
        super().__init__(msg or error, status=status, logid=logid, kind=_KINDS.get(error, ErrorKind.SIGN_IN_FAILED))
        self.error = error

    def summary(self) -> str:
        tail = f" (logid {self.logid})" if self.logid else ""
        return f"OAuth {self.error}: {self.msg}{tail}"


class SignInCancelled(Exception):
    """The user cancelled while the app was waiting for the code to be confirmed."""


def absolute_time(expires_in: Any, now: float | None = None) -> float:
    """`expires_in` as a Unix time: Coze sends one; a small number is read as seconds from now."""
    try:
        value = float(expires_in)
    except (TypeError, ValueError):
        value = 0.0
    if value >= ABSOLUTE_AFTER:
        return value
    return (time.time() if now is None else now) + max(value, 0.0)


@dataclass(frozen=True)
class DeviceCode:
    device_code: str = field(repr=False)
    user_code: str
    verification_uri: str
    expires_at: float
    interval: int

    @property
    def verification_url(self) -> str:
        """The page that opens with the code filled in (as coze-py builds it)."""
        return f"{self.verification_uri}?user_code={quote(self.user_code, safe='')}"


@dataclass(frozen=True)
class OAuthToken:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: float  # Unix time


class OAuthClient:
    """One OAuth app (client id) on one API base."""

    def __init__(self, api_base: str, client_id: str, *, session: requests.Session | None = None) -> None:
        self.api_base = normalize_base_url(api_base)
        self.client_id = client_id.strip()
        self._session = with_deadlines(session or requests.Session())
        self._session.headers.update({"User-Agent": user_agent(), "Accept": "application/json"})

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> OAuthClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def device_code(self) -> DeviceCode:
        body = self._post("/api/permission/oauth2/device/code", {"client_id": self.client_id})
        try:
            interval = int(body.get("interval") or 0)
        except (TypeError, ValueError):
            interval = 0
        code = DeviceCode(
            device_code=str(body.get("device_code") or ""),
            user_code=str(body.get("user_code") or ""),
            verification_uri=str(body.get("verification_uri") or ""),
            expires_at=absolute_time(body.get("expires_in")),
            interval=interval if interval > 0 else DEFAULT_INTERVAL,
        )
        if not code.device_code or not code.user_code or not code.verification_uri:
            raise CozeProtocolError("the device code answer lacks device_code, user_code or verification_uri")
        return code

    def poll(self, device_code: str) -> OAuthToken:
        """One try: the token, or an OAuthError (authorization_pending and slow_down included)."""
        body = {"client_id": self.client_id, "grant_type": DEVICE_GRANT, "device_code": device_code}
        return _token(self._post("/api/permission/oauth2/token", body))

    def wait_for_token(
        self,
        code: DeviceCode,
        cancel: threading.Event,
        on_poll: Callable[[int], None] | None = None,
        wait: Callable[[float], bool] | None = None,
    ) -> OAuthToken:
        """Poll until the user decides. `wait(seconds)` returns True when cancelled (default: `cancel.wait`);
        `on_poll(interval)` is told the interval before each wait. Raises OAuthError for access_denied,
        expired_token or anything else, and SignInCancelled."""
        interval = code.interval
        pause = wait or cancel.wait
        while True:
            if on_poll is not None:
                on_poll(interval)
            if pause(interval) or cancel.is_set():
                raise SignInCancelled
            if time.time() > code.expires_at:
                raise OAuthError("expired_token", "the code was not confirmed in time")
            try:
                return self.poll(code.device_code)
            except OAuthError as exc:
                if exc.error == PENDING:
                    continue
                if exc.error == SLOW_DOWN:
                    interval = min(interval + SLOW_DOWN_STEP, MAX_INTERVAL)
                    continue
                raise

    def refresh(self, refresh_token: str) -> OAuthToken:
        body = {"grant_type": "refresh_token", "client_id": self.client_id, "refresh_token": refresh_token}
        return _token(self._post("/api/permission/oauth2/token", body))

    def _post(self, path: str, body: dict[str, str]) -> dict[str, Any]:
        try:
            response = self._session.post(
                self.api_base + path,
                json=body,
                timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                allow_redirects=False,
                stream=True,  # read bounded (bounded_content)
            )
        except requests.RequestException as exc:
            raise connection_error(exc) from exc
        with response:
            return _oauth_body(response)


def _oauth_body(response: requests.Response) -> dict[str, Any]:
    content = bounded_content(response)
    body = json_body(response, content)
    if body is None:
        if response.status_code >= 300:
            raise http_error(response, content)
        raise CozeProtocolError(
            f"expected JSON, got {short_text(content)}", status=response.status_code, logid=header_logid(response)
        )
    logid = header_logid(response)
    name = body.get("error_code")
    if not isinstance(name, str) or not name:
        name = body.get("error") if response.status_code >= 300 else None
    if isinstance(name, str) and name:
        msg = body.get("error_message") or body.get("error_description") or ""
        raise OAuthError(name, str(msg), status=response.status_code, logid=logid)
    if body.get("code") not in (0, "0", None) or response.status_code >= 300:
        raise error_from_envelope(body, response)
    return body


def _token(body: dict[str, Any]) -> OAuthToken:
    access = body.get("access_token")
    if not isinstance(access, str) or not access:
        raise CozeProtocolError("the token answer has no access_token")
    return OAuthToken(access, str(body.get("refresh_token") or ""), absolute_time(body.get("expires_in")))
