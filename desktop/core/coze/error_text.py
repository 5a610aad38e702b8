"""What each kind of Coze error means to a person, in Chinese and English.

The core has no Qt, so these sentences cannot go through `tr()`; they live here once, for the CLI and
the window alike, and the window picks the language it shows (`zh` or `en`). What happened is said the
same way on both; what to do next names the window's pages and buttons, or with `command_line=True` the
CLI's verbs, flags and environment variables (`error_actions_cli`), where they differ.
"""

from __future__ import annotations

from desktop.core.coze.error_actions_cli import COMMAND_LINE_ACTIONS
from desktop.core.coze.error_sentences import PAT_PAGES, PAT_PAGES_COZE, PAT_PAGES_CUSTOM, TEXT, ErrorText
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.coze.sites import is_coze_site

__all__ = ["ErrorText", "describe", "error_text", "is_coze_site", "missing_permission", "text_for"]


def error_text(
    kind: ErrorKind, language: str = "en", *, command_line: bool = False, api_base: str | None = None
) -> ErrorText:
    """The sentence and next step for `kind`; `language` is "zh…" for Chinese, anything else English.
    `api_base`, when known, is the address the error came from: where to make a token is Coze's own page
    only for coze.cn and coze.com (a custom address's site has its own)."""
    lang = "zh" if language.lower().startswith("zh") else "en"
    text = TEXT[kind][lang]
    action = COMMAND_LINE_ACTIONS[kind][lang] if command_line and kind in COMMAND_LINE_ACTIONS else text.action
    pages = PAT_PAGES_CUSTOM if api_base is not None and not is_coze_site(api_base) else PAT_PAGES_COZE
    return ErrorText(text.sentence, action.replace(PAT_PAGES, pages[lang]))


def missing_permission(permission: str, language: str = "en", *, command_line: bool = False) -> ErrorText:
    """4101 when the call is known: name the permission and the way around it (give a bot ID by hand)."""
    if language.lower().startswith("zh"):
        by_hand = "或者用 --bot-id 直接给出智能体 ID" if command_line else "或者直接粘贴智能体 ID 手动添加"
        return ErrorText(
            f"你的令牌没有 {permission} 权限。",
            f"请创建勾选了 {permission} 权限的令牌（或用带此权限的 OAuth 应用登录），{by_hand}。"
            "在 coze.com 上，这也可能表示令牌属于另一个区域。",
        )
    by_hand = "pass the bot ID with --bot-id" if command_line else "paste a bot ID to add the bot by hand"
    return ErrorText(
        f"Your token does not have the {permission} permission.",
        f"Create a token with {permission} ticked (or sign in with an OAuth app that has it), or {by_hand}. "
        "On coze.com this can also mean the token belongs to the other region.",
    )


def text_for(
    error: CozeError, language: str = "en", *, command_line: bool = False, api_base: str | None = None
) -> ErrorText:
    if error.kind is ErrorKind.PERMISSION and error.permission:
        return missing_permission(error.permission, language, command_line=command_line)
    return error_text(error.kind, language, command_line=command_line, api_base=api_base)


def describe(error: CozeError, language: str = "en", *, command_line: bool = False, api_base: str | None = None) -> str:
    text = text_for(error, language, command_line=command_line, api_base=api_base)
    return f"{text.sentence} {text.action}"
