"""What each kind of Coze error means to a person, in Chinese and English.

The core has no Qt, so these sentences cannot go through `tr()`; they live here once, for the CLI and
the window alike, and the window picks the language it shows (`zh` or `en`).
"""

from __future__ import annotations

from desktop.core.coze.error_sentences import TEXT, ErrorText
from desktop.core.coze.errors import CozeError, ErrorKind

__all__ = ["ErrorText", "describe", "error_text", "missing_permission", "text_for"]


def error_text(kind: ErrorKind, language: str = "en") -> ErrorText:
    """The sentence and next step for `kind`; `language` is "zh…" for Chinese, anything else English."""
    lang = "zh" if language.lower().startswith("zh") else "en"
    return TEXT[kind][lang]


def missing_permission(permission: str, language: str = "en") -> ErrorText:
    """4101 when the call is known: name the permission and the way around it (paste a bot ID)."""
    if language.lower().startswith("zh"):
        return ErrorText(
            f"你的令牌没有 {permission} 权限。",
            f"请创建勾选了 {permission} 权限的令牌（或用带此权限的 OAuth 应用登录），或者直接粘贴智能体 ID 手动添加。"
            "在 coze.com 上，这也可能表示令牌属于另一个区域。",
        )
    return ErrorText(
        f"Your token does not have the {permission} permission.",
        f"Create a token with {permission} ticked (or sign in with an OAuth app that has it), or paste a bot ID "
        "to add the bot by hand. On coze.com this can also mean the token belongs to the other region.",
    )


def text_for(error: CozeError, language: str = "en") -> ErrorText:
    if error.kind is ErrorKind.PERMISSION and error.permission:
        return missing_permission(error.permission, language)
    return error_text(error.kind, language)


def describe(error: CozeError, language: str = "en") -> str:
    text = text_for(error, language)
    return f"{text.sentence} {text.action}"
