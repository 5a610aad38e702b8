"""The signed-in account's tokens: keyring only, refresh before expiry and once on 4100, rotation,
a dead refresh token, and two processes refreshing at once (loopback, real file locks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop.core.auth.account import AccountCredential, SignedOut, StoredTokens, oauth_item
from desktop.core.auth.oauth import OAuthClient
from desktop.core.coze import CozeClient
from desktop.core.coze.error_text import describe
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.secrets import SERVICE, TokenStore
from tests.file_keyring import FileKeyring
from tests.memory_keyring import MemoryKeyring

CLIENT_ID = "12345678901234567890.app.coze"


def signed_in(server: CozeServer, store: TokenStore, tmp_path: Path) -> AccountCredential:
    """Sign in over the wire (device code, approved at once) and store the tokens like the app does."""
    server.oauth.script = ["approved"]
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        code = oauth.device_code()
        token = oauth.poll(code.device_code)
    account = AccountCredential(server.base_url, store, lock_dir=tmp_path / "locks")
    account.save(StoredTokens.from_token(CLIENT_ID, token))
    return account


def token_calls(server: CozeServer) -> int:
    return sum(1 for r in server.requests if r.path == "/api/permission/oauth2/token")


def test_tokens_live_in_the_keyring_only(
    server: CozeServer, memory_keyring: MemoryKeyring, tmp_path: Path, _private_home: Path
) -> None:
    account = signed_in(server, TokenStore(), tmp_path)
    stored = json.loads(memory_keyring.secrets[(SERVICE, oauth_item(server.base_url))])
    assert stored["client_id"] == CLIENT_ID and stored["access_token"] and stored["refresh_token"]
    secret = stored["refresh_token"]
    for folder in (tmp_path, _private_home):
        for path in folder.rglob("*"):
            assert not path.is_file() or secret.encode() not in path.read_bytes(), path
    account.sign_out()
    assert memory_keyring.secrets == {}


def test_without_a_keyring_the_tokens_last_the_session(server: CozeServer, tmp_path: Path) -> None:
    store = TokenStore(backend=fail.Keyring())
    account = signed_in(server, store, tmp_path)
    assert account.signed_in and account.access_token()
    assert not AccountCredential(server.base_url, TokenStore(backend=fail.Keyring())).signed_in


def test_refresh_shortly_before_expiry(server: CozeServer, tmp_path: Path) -> None:
    server.oauth.access_ttl = 30  # less than the 60 s margin: the next use refreshes
    account = signed_in(server, TokenStore(), tmp_path)
    first = account.load()
    assert first is not None
    server.oauth.access_ttl = 900
    token = account.access_token()
    assert token != first.access_token and server.oauth.refreshes == 1
    assert account.access_token() == token and server.oauth.refreshes == 1  # fresh now: no more refreshing
    with CozeClient(account, server.base_url) as client:
        assert client.get_bot(DEMO_BOT_ID).name


def test_a_4100_refreshes_once_then_retries(server: CozeServer, tmp_path: Path) -> None:
    account = signed_in(server, TokenStore(), tmp_path)
    server.oauth.expire_access_tokens()  # Coze forgot the token although its time is not up
    with CozeClient(account, server.base_url) as client:
        assert client.get_bot(DEMO_BOT_ID).name
        stream = client.stream_chat(DEMO_BOT_ID, "u", "hello")
        assert "".join(e.message.content for e in stream if e.message and e.type == "conversation.message.delta")
    assert server.oauth.refreshes == 1
    bot_calls = [r for r in server.requests if r.path.startswith("/v1/bots/")]
    assert len(bot_calls) == 2  # refused once, then answered


def test_a_dead_refresh_token_means_sign_in_again_once(server: CozeServer, tmp_path: Path) -> None:
    store = TokenStore()
    account = signed_in(server, store, tmp_path)
    stored = account.load()
    assert stored is not None
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        oauth.refresh(stored.refresh_token)  # someone spent it behind our back (rotation)
    server.oauth.expire_access_tokens()
    calls = token_calls(server)
    with CozeClient(account, server.base_url) as client, pytest.raises(SignedOut) as raised:
        client.get_bot(DEMO_BOT_ID)
    assert raised.value.kind is ErrorKind.SIGNED_OUT and "Sign in again" in describe(raised.value, "en")
    assert token_calls(server) == calls + 1  # one refresh attempt, no loop
    assert not account.signed_in  # the dead tokens are gone from the keyring
    with CozeClient(account, server.base_url) as client, pytest.raises(SignedOut):
        client.get_bot(DEMO_BOT_ID)
    assert token_calls(server) == calls + 1


def test_a_reused_refresh_token_is_rejected_by_the_server(server: CozeServer, tmp_path: Path) -> None:
    account = signed_in(server, TokenStore(), tmp_path)
    stored = account.load()
    assert stored is not None
    server.oauth.expire_access_tokens()
    account.renew(stored.access_token)
    # A process that read the keyring before that refresh and spends the old refresh token is refused...
    stale = AccountCredential(server.base_url, TokenStore(backend=MemoryKeyring()), lock_dir=tmp_path / "locks")
    stale.save(stored)
    with pytest.raises(SignedOut):
        stale.renew(stored.access_token)
    # ...which is why a refresh re-reads the keyring under the lock: the same keyring gives the new token.
    assert account.renew(stored.access_token) != stored.access_token and server.oauth.refreshes == 1


CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import keyring
    from tests.file_keyring import FileKeyring
    keyring.set_keyring(FileKeyring())
    from desktop.core.auth.account import AccountCredential
    from desktop.core.coze import CozeClient
    from desktop.core.secrets import TokenStore
    base, go = sys.argv[1], Path(sys.argv[2])
    account = AccountCredential(base, TokenStore())
    while not go.exists():
        time.sleep(0.005)
    with CozeClient(account, base) as client:
        client.get_bot(sys.argv[3])
    print(account.access_token())
    """
)


def test_two_processes_refreshing_at_once_spend_one_refresh_token(server: CozeServer, tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(keyring_file))
    account = signed_in(server, TokenStore(), tmp_path)
    stored = account.load()
    assert stored is not None
    # The access token has run out: both processes must refresh before their first request.
    account.save(StoredTokens(stored.client_id, stored.access_token, stored.refresh_token, time.time() - 1))
    go = tmp_path / "go"
    env = {**os.environ, "TEST_KEYRING_FILE": str(keyring_file), "PYTHONPATH": str(Path.cwd())}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, server.base_url, str(go), DEMO_BOT_ID],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    time.sleep(0.5)  # let both start up and wait at the gate (this is staging, not waiting for a result)
    go.touch()
    outputs = [child.communicate(timeout=30) for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    tokens = {out.strip() for out, _ in outputs}
    assert len(tokens) == 1 and stored.access_token not in tokens  # both signed in with the one new token
    assert server.oauth.refreshes == 1 and token_calls(server) == 2  # sign-in + exactly one refresh
