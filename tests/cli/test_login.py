"""`coze-desktop login` / `logout` against the local server: the code, the keyring, exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.auth.account import oauth_item
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario
from desktop.core.secrets import SERVICE
from desktop.core.settings import Settings
from tests.cli.verbs import run_verb as run
from tests.memory_keyring import MemoryKeyring

CLIENT_ID = "98765432109876543210.app.coze"


@pytest.fixture
def fast(server: CozeServer) -> CozeServer:
    server.oauth.interval = 1
    return server


def test_login_prints_the_code_and_stores_the_tokens(
    fast: CozeServer, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fast.oauth.script = ["pending", "approved"]
    code, out, err = run(capsys, tmp_path, "login", "--api-base", fast.base_url, "--client-id", CLIENT_ID)
    assert code == 0, err
    assert "/_local/oauth/device?user_code=" in out and "Signed in" in out
    stored = json.loads(memory_keyring.secrets[(SERVICE, oauth_item(fast.base_url))])
    assert stored["client_id"] == CLIENT_ID
    settings = Settings.load(tmp_path / "profile" / "settings.ini")
    assert f"{fast.base_url}={CLIENT_ID}" in settings.oauth_client_ids
    # The client id is remembered for that base: the next login needs no --client-id.
    fast.oauth.script = ["approved"]
    assert run(capsys, tmp_path, "login", "--api-base", fast.base_url)[0] == 0


@pytest.mark.parametrize("outcome", ["denied", "expired"])
def test_a_refused_login_exits_1(
    fast: CozeServer, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str], tmp_path: Path, outcome: str
) -> None:
    fast.oauth.script = [outcome]
    code, _, err = run(capsys, tmp_path, "login", "--api-base", fast.base_url, "--client-id", CLIENT_ID)
    assert code == 1 and outcome in err
    assert memory_keyring.secrets == {}


def test_no_client_id_is_a_usage_error_that_says_how_to_get_one(
    fast: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, tmp_path, "login", "--api-base", fast.base_url)
    assert code == 2 and "TV端/设备应用/类命令行程序" in err and "--client-id" in err


def test_coze_client_id_comes_from_the_environment(
    fast: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COZE_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("COZE_API_BASE", fast.base_url)
    fast.oauth.script = ["approved"]
    assert run(capsys, tmp_path, "login")[0] == 0


def test_logout_deletes_the_tokens(
    fast: CozeServer, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fast.oauth.script = ["approved"]
    run(capsys, tmp_path, "login", "--api-base", fast.base_url, "--client-id", CLIENT_ID)
    memory_keyring.secrets[(SERVICE, fast.base_url)] = "pat_kept"  # a PAT for the same base is not the account
    code, out, _ = run(capsys, tmp_path, "logout", "--api-base", fast.base_url)
    assert code == 0 and "Signed out" in out
    assert memory_keyring.secrets == {(SERVICE, fast.base_url): "pat_kept"}
    assert "nothing to remove" in run(capsys, tmp_path, "logout", "--api-base", fast.base_url)[1]


def test_bad_region_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["login", "--region", "eu"])
    assert raised.value.code == 2


def test_ask_uses_the_signed_in_account_and_refreshes_it(
    fast: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast.oauth.script = ["approved"]
    run(capsys, tmp_path, "login", "--api-base", fast.base_url, "--client-id", CLIENT_ID)
    monkeypatch.setenv("COZE_API_BASE", fast.base_url)
    fast.oauth.expire_access_tokens()
    code, out, err = run(capsys, tmp_path, "ask", "--bot-id", DEMO_BOT_ID, "hello")
    assert code == 0, err
    assert out.strip() and fast.oauth.refreshes == 1


def test_ask_renews_a_token_refused_inside_the_event_stream(
    fast: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast.oauth.script = ["approved"]
    run(capsys, tmp_path, "login", "--api-base", fast.base_url, "--client-id", CLIENT_ID)
    monkeypatch.setenv("COZE_API_BASE", fast.base_url)
    fast.queue(Scenario("error_event_first", code=4100))  # `event:error` {"code":4100}, not an HTTP 401
    code, out, err = run(capsys, tmp_path, "ask", "--bot-id", DEMO_BOT_ID, "hello")
    assert code == 0, err
    assert out.strip() and fast.oauth.refreshes == 1
    assert sum(1 for r in fast.requests if r.path == "/v3/chat") == 2


def test_ask_with_a_dead_sign_in_says_sign_in_again(
    fast: CozeServer,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast.oauth.script = ["approved"]
    run(capsys, tmp_path, "login", "--api-base", fast.base_url, "--client-id", CLIENT_ID)
    stored = json.loads(memory_keyring.secrets[(SERVICE, oauth_item(fast.base_url))])
    stored["refresh_token"] = "refresh_local_spent"
    memory_keyring.secrets[(SERVICE, oauth_item(fast.base_url))] = json.dumps(stored)
    fast.oauth.expire_access_tokens()
    monkeypatch.setenv("COZE_API_BASE", fast.base_url)
    code, _, err = run(capsys, tmp_path, "ask", "--bot-id", DEMO_BOT_ID, "hello")
    assert code == 1 and "Sign in again" in err
