"""The signed-in account in a real Secret Service (gnome-keyring under D-Bus, as test.sh runs it): tokens
stored, two processes refreshing at once spend one refresh token, sign-out removes the item."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.core.auth.account import AccountCredential, StoredTokens
from desktop.core.auth.oauth import OAuthClient
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.secrets import TokenStore

CLIENT_ID = "12345678901234567890.app.coze"
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from keyring.backends import SecretService
    from desktop.core.auth.account import AccountCredential
    from desktop.core.coze import CozeClient
    from desktop.core.secrets import TokenStore
    base, go = sys.argv[1], Path(sys.argv[2])
    account = AccountCredential(base, TokenStore(SecretService.Keyring()))
    while not go.exists():
        time.sleep(0.005)
    with CozeClient(account, base) as client:
        client.get_bot(sys.argv[3])
    print(account.access_token())
    """
)


@pytest.mark.secret_service
def test_two_processes_share_one_refresh_in_a_real_keyring(server: CozeServer, tmp_path: Path) -> None:
    if not os.environ.get("COZE_DESKTOP_SECRET_SERVICE"):
        pytest.skip("needs a real Secret Service: run through ./test.sh")
    from keyring.backends import SecretService

    store = TokenStore(SecretService.Keyring())
    assert store.available, store.problem
    server.oauth.script = ["approved"]
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        token = oauth.poll(oauth.device_code().device_code)
    account = AccountCredential(server.base_url, store)
    account.save(StoredTokens(CLIENT_ID, token.access_token, token.refresh_token, time.time() - 1))
    try:
        go = tmp_path / "go"
        env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
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
        time.sleep(0.5)  # staging: both wait at the gate
        go.touch()
        outputs = [child.communicate(timeout=60) for child in children]
        assert [child.returncode for child in children] == [0, 0], outputs
        assert len({out.strip() for out, _ in outputs}) == 1
        assert server.oauth.refreshes == 1
    finally:
        account.sign_out()
    assert not AccountCredential(server.base_url, TokenStore(SecretService.Keyring())).signed_in
