"""The OAuth device-code dance against the local server, every outcome, both error styles (loopback)."""

from __future__ import annotations

import threading

import pytest
import requests

from desktop.core.auth.oauth import DeviceCode, OAuthClient, OAuthError, SignInCancelled
from desktop.core.coze.error_text import describe
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import CozeServer
from tests.waits import Waits

CLIENT_ID = "12345678901234567890.app.coze"


def sign_in(server: CozeServer, waits: Waits) -> tuple[DeviceCode, object]:
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        code = oauth.device_code()
        try:
            return code, oauth.wait_for_token(code, threading.Event(), wait=waits)
        except (OAuthError, SignInCancelled) as exc:
            return code, exc


@pytest.fixture(params=["body", "http"])
def style(request: pytest.FixtureRequest, server: CozeServer) -> str:
    """coze-py reads `error_code` from the body; coze-js reads `error` from a non-2xx body: both work."""
    server.oauth.error_style = request.param
    return str(request.param)


def test_pending_then_slow_down_then_approved(server: CozeServer, style: str) -> None:
    server.oauth.script = ["pending", "slow_down", "approved"]
    waits = Waits()
    code, token = sign_in(server, waits)
    assert code.interval == 5 and code.user_code and code.verification_url.endswith(f"?user_code={code.user_code}")
    assert waits.seconds == [5, 5, 10]  # slow_down adds 5 s
    assert getattr(token, "access_token", "") and getattr(token, "refresh_token", "")
    assert server.oauth.access_valid(token.access_token)  # type: ignore[attr-defined]


def test_slow_down_is_capped_at_30_seconds(server: CozeServer, style: str) -> None:
    server.oauth.script = ["slow_down"] * 7 + ["approved"]
    waits = Waits()
    sign_in(server, waits)
    assert waits.seconds == [5, 10, 15, 20, 25, 30, 30, 30]


@pytest.mark.parametrize(
    ("outcome", "kind", "sentence"),
    [("denied", ErrorKind.SIGN_IN_DENIED, "denied"), ("expired", ErrorKind.SIGN_IN_EXPIRED, "expired")],
)
def test_denied_and_expired_end_with_a_sentence(
    server: CozeServer, style: str, outcome: str, kind: ErrorKind, sentence: str
) -> None:
    server.oauth.script = ["pending", outcome]
    _, error = sign_in(server, Waits())
    assert isinstance(error, OAuthError) and error.kind is kind
    assert sentence in describe(error, "en") and describe(error, "zh_CN") != describe(error, "en")
    assert error.logid


def test_cancel_stops_polling_at_once(server: CozeServer) -> None:
    _, error = sign_in(server, Waits(cancel_at=1))
    assert isinstance(error, SignInCancelled)
    assert server.oauth.polls == 0


def test_an_unknown_client_id_is_refused(server: CozeServer) -> None:
    server.oauth.client_ids = {"someone-else"}
    with OAuthClient(server.base_url, CLIENT_ID) as oauth, pytest.raises(OAuthError) as raised:
        oauth.device_code()
    assert raised.value.kind is ErrorKind.SIGN_IN_FAILED and "client type" in describe(raised.value, "en")


def test_the_verification_page_approves_the_code(server: CozeServer) -> None:
    server.oauth.interval = 1
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        code = oauth.device_code()
        page = requests.get(code.verification_url, timeout=5)
        assert code.user_code in page.text and "Authorize" in page.text
        requests.post(code.verification_uri, data={"user_code": code.user_code, "decision": "approve"}, timeout=5)
        token = oauth.wait_for_token(code, threading.Event(), wait=Waits())
    assert server.oauth.access_valid(token.access_token)


def test_a_refresh_token_is_spent_once(server: CozeServer, style: str) -> None:
    server.oauth.script = ["approved"]
    _, token = sign_in(server, Waits())
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        renewed = oauth.refresh(token.refresh_token)  # type: ignore[attr-defined]
        assert renewed.refresh_token != token.refresh_token  # type: ignore[attr-defined]
        assert renewed.expires_at > 1_000_000_000
        with pytest.raises(OAuthError) as raised:
            oauth.refresh(token.refresh_token)  # type: ignore[attr-defined]
    assert raised.value.error == "invalid_grant"


def test_the_server_is_scriptable_over_http_and_knows_who_is_signed_in(server: CozeServer) -> None:
    answer = requests.post(
        f"{server.base_url}/_local/oauth", json={"script": ["denied"], "error_style": "http"}, timeout=5
    )
    assert answer.json()["code"] == 0
    assert server.oauth.script == ["denied"] and server.oauth.error_style == "http"
    bad = requests.post(f"{server.base_url}/_local/oauth", json={"script": ["maybe"]}, timeout=5)
    assert bad.status_code == 400
    server.oauth.script = ["approved"]
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        token = oauth.poll(oauth.device_code().device_code)
    me = requests.get(
        f"{server.base_url}/v1/users/me", headers={"Authorization": f"Bearer {token.access_token}"}, timeout=5
    ).json()
    assert me["code"] == 0 and set(me["data"]) == {"user_id", "user_name", "nick_name", "avatar_url"}
