"""The command line's advice names no window page or button, in either language, for every kind of error
the verbs can meet; the window's advice is unchanged (the same sentence, its own next step)."""

from __future__ import annotations

import pytest

from desktop.core.coze.error_sentences import TEXT
from desktop.core.coze.error_text import error_text, missing_permission
from desktop.core.coze.errors import ErrorKind

WINDOW_WORDS = (
    "Settings",
    "设置",
    "Continue in a new Coze conversation",
    "paste",
    "粘贴",
    "in the box",
    "输入框",
    "details below",
    "下方详情",
    "Keep the app open",
)
# Only the window meets these: the session-only token, quitting, a regenerate or an answer the disk
# could not take, and "no token" (the verbs say that before asking Coze: connect.SetupProblem).
WINDOW_ONLY = {ErrorKind.TOKEN_GONE, ErrorKind.QUIT, ErrorKind.DISK_FULL, ErrorKind.NO_ROOM_TO_ASK, ErrorKind.NO_TOKEN}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("kind", sorted(set(ErrorKind) - WINDOW_ONLY))
def test_no_window_words_on_the_command_line(kind: ErrorKind, language: str) -> None:
    text = error_text(kind, language, command_line=True)
    said = f"{text.sentence} {text.action}"
    assert not [word for word in WINDOW_WORDS if word in said], said
    assert text.sentence == TEXT[kind][language].sentence  # what happened is said once, for both


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_missing_permission_names_the_flag(language: str) -> None:
    text = missing_permission("listBot", language, command_line=True)
    assert "--bot-id" in text.action and "listBot" in text.sentence
    assert "--bot-id" not in missing_permission("listBot", language).action


def test_the_window_keeps_its_own_next_step() -> None:
    assert error_text(ErrorKind.CONVERSATION_NOT_FOUND, "en").action.startswith("Continue in a new Coze conversation")
