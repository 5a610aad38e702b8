"""What the verbs say after a Coze error: the shared sentence with the command line's next step
(`error_text(..., command_line=True)`), in the profile's language: its Settings choice, or for "system"
the environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them). `api_base` is the address the
error came from: where to make a token is Coze's own page only for coze.cn and coze.com (error_text)."""

from __future__ import annotations

from collections.abc import Mapping

from desktop.core.chat.events import ChatFailure
from desktop.core.coze import CozeError
from desktop.core.coze.error_text import describe, error_text
from desktop.core.language import choose_language, environment_languages
from desktop.core.settings import Settings


def language_of(settings: Settings, environ: Mapping[str, str] | None = None) -> str:
    """ "zh" or "en", as the window would choose it for this profile (the rule: desktop.core.language)."""
    return choose_language(settings.language, environment_languages(environ))


def advice(error: CozeError, settings: Settings, *, api_base: str | None) -> str:
    """What happened and what to do next with this command line."""
    return describe(error, language_of(settings), command_line=True, api_base=api_base)


def failure_advice(failure: ChatFailure, settings: Settings, *, api_base: str | None) -> str:
    """The same for a chat's failure."""
    text = error_text(failure.kind, language_of(settings), command_line=True, api_base=api_base)
    return f"{text.sentence} {text.action}"
