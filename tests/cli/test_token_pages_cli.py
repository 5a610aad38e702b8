"""The command line's advice after a refused token cites Coze's token pages (coze.cn, coze.com) only when the API
address is Coze's own, as the window's sentences do: at a custom address (here the local Coze server) those links
are another site's, so the advice names the personal access token page of the user's Coze site instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.commands.advice import advice, failure_advice
from desktop.core.chat.events import ChatFailure
from desktop.core.coze import CozeError
from desktop.core.coze.error_sentences import PAT_PAGE_CN, PAT_PAGE_COM
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.settings import Settings
from tests.cli.verbs import run_verb

CUSTOM = {"en": "personal access token page of your Coze site", "zh_CN": "个人访问令牌页面"}


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def _cites_no_coze_token_page(err: str) -> None:
    assert "open/oauth/pats" not in err, err  # before: https://www.coze.cn/open/oauth/pats, …coze.com…
    assert CUSTOM["en"] in err, err


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("verb", [("ask", "hello"), ("bots",), ("sync", "--bot-id", "7400000000000000001")])
def test_a_refused_token_at_a_custom_address_names_no_coze_token_page(
    verb: tuple[str, ...],
    env: CozeServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("COZE_API_TOKEN", "pat_not_one_the_server_knows")
    code, _out, err = run_verb(capsys, tmp_path, *verb)
    assert code == 1 and "4100" in err and "COZE_API_TOKEN" in err
    _cites_no_coze_token_page(err)


@pytest.mark.usefixtures("english")
def test_a_token_refused_partway_at_a_custom_address_names_no_coze_token_page(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.queue(Scenario("error_event", text="Half an answer, then the token is refused.", after_deltas=3, code=4100))
    code, _out, err = run_verb(capsys, tmp_path, "ask", "hello")
    assert code == 1 and "COZE_API_TOKEN" in err
    _cites_no_coze_token_page(err)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("base", ["https://api.coze.cn", "https://api.coze.com", None])
def test_coze_s_own_addresses_still_cite_its_token_pages(language: str, base: str | None) -> None:
    settings = Settings(language=language)
    refused = CozeError("token invalid", code=4100, kind=ErrorKind.INVALID_TOKEN)
    partway = ChatFailure(ErrorKind.TOKEN_ENDED_PARTWAY, "4100 partway")
    for said in (advice(refused, settings, api_base=base), failure_advice(partway, settings, api_base=base)):
        assert PAT_PAGE_CN in said and PAT_PAGE_COM in said and "{" not in said
    custom = advice(refused, settings, api_base="https://coze.example.org")
    assert "open/oauth/pats" not in custom and CUSTOM[language] in custom
