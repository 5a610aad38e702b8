"""The error sentences send a person to the Settings tab that holds what they name (a personal access token
and the API address are on Connection, signing in on Account), and cite Coze's token pages only when the API
address is Coze's own: with a custom address those links would be the wrong site."""

from __future__ import annotations

import pytest

from desktop.core.coze.error_sentences import PAT_PAGE_CN, PAT_PAGE_COM, TEXT
from desktop.core.coze.error_text import error_text
from desktop.core.coze.errors import ErrorKind

TOKEN_KINDS = [ErrorKind.INVALID_TOKEN, ErrorKind.TOKEN_ENDED_PARTWAY, ErrorKind.NO_TOKEN, ErrorKind.TOKEN_GONE]
ADDRESS_KINDS = [ErrorKind.NETWORK, ErrorKind.TLS, ErrorKind.PROTOCOL]  # INSECURE_URL's fits the CLI too


@pytest.mark.parametrize("kind", TOKEN_KINDS + ADDRESS_KINDS)
def test_pasting_a_token_or_the_api_address_points_at_the_connection_tab(kind: ErrorKind) -> None:
    assert "Settings → Connection" in error_text(kind, "en").action
    assert "“设置 → 连接”" in error_text(kind, "zh").action


@pytest.mark.parametrize("kind", [ErrorKind.INVALID_TOKEN, ErrorKind.SIGNED_OUT, ErrorKind.SIGNED_OUT_PARTWAY])
def test_signing_in_points_at_the_account_tab(kind: ErrorKind) -> None:
    assert "Settings → Account" in error_text(kind, "en").action
    assert "“设置 → 账号”" in error_text(kind, "zh").action


def test_no_action_names_a_tab_the_window_does_not_have() -> None:
    for kind in TEXT:
        for lang, tabs in (
            ("en", ("Connection", "Account", "Bots", "Appearance")),
            ("zh", ("连接", "账号", "智能体", "外观")),
        ):
            action = error_text(kind, lang).action
            arrow = "Settings → " if lang == "en" else "设置 → "
            for part in action.split(arrow)[1:]:
                assert part.startswith(tabs), (kind, lang, action)


@pytest.mark.parametrize("kind", [ErrorKind.INVALID_TOKEN, ErrorKind.TOKEN_ENDED_PARTWAY, ErrorKind.NO_TOKEN])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_coze_token_pages_are_cited_for_coze_and_not_for_a_custom_address(kind: ErrorKind, lang: str) -> None:
    for base in (None, "https://api.coze.cn", "https://api.coze.com"):
        action = error_text(kind, lang, api_base=base).action
        assert PAT_PAGE_CN in action and PAT_PAGE_COM in action
    custom = error_text(kind, lang, api_base="https://coze.example.org").action
    assert "coze.cn" not in custom and "coze.com" not in custom and "{" not in custom
    assert ("personal access token page" if lang == "en" else "个人访问令牌页面") in custom
