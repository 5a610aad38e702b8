"""COZE_API_TOKEN set but holding no token (only whitespace, only "Bearer", or nothing) is treated as not set, and
said once on stderr: the verb goes on with the saved token. Before, it fell back to the keyring's token silently,
so a `COZE_API_TOKEN=$(cat token.txt)` whose file was empty used another token without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.cozeserver import CozeServer
from desktop.core.secrets import SERVICE
from desktop.core.settings import Overrides
from tests.cli.verbs import run_verb
from tests.coze_fixtures import TOKEN
from tests.memory_keyring import MemoryKeyring

WARNING = (
    "warning: COZE_API_TOKEN is set but holds no token, so it is ignored; unset it or set it to a personal access token"
)


@pytest.mark.parametrize("value", ["", "   ", "\n", "Bearer", " bearer \n", "Authorization: Bearer "])
def test_a_set_but_empty_token_is_not_a_token_and_says_so(value: str) -> None:
    overrides = Overrides.from_environment({"COZE_API_TOKEN": value})
    assert overrides.token is None and overrides.token_set_empty


def test_an_unset_or_real_token_says_nothing() -> None:
    assert not Overrides.from_environment({}).token_set_empty
    overrides = Overrides.from_environment({"COZE_API_TOKEN": f"Bearer {TOKEN}\n"})
    assert overrides.token == TOKEN and not overrides.token_set_empty


@pytest.mark.parametrize("value", ["  ", "Bearer"])
def test_ask_with_a_blank_environment_token_uses_the_saved_one_and_says_so_once(
    value: str,
    env: CozeServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    memory_keyring.secrets[(SERVICE, env.base_url)] = TOKEN  # the PAT saved for this address
    monkeypatch.setenv("COZE_API_TOKEN", value)
    code, out, err = run_verb(capsys, tmp_path, "ask", "hello")
    assert code == 0 and out.strip(), err
    assert err.splitlines().count(WARNING) == 1, err  # before: nothing said
    assert {r["headers"]["authorization"] for r in env.requests} == {f"Bearer {TOKEN}"}


def test_the_warning_is_said_in_chinese(
    env: CozeServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    memory_keyring.secrets[(SERVICE, env.base_url)] = TOKEN
    monkeypatch.setenv("COZE_API_TOKEN", " ")
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    code, _out, err = run_verb(capsys, tmp_path, "bots", "--json")
    assert code == 0, err
    assert "COZE_API_TOKEN 已设置但没有令牌" in err, err
