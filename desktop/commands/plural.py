"""Counts in the verbs' messages: "1 conversation", "2 conversations" (never "1 conversations" or
"conversation(s)"); in Chinese the count, its measure word and the noun ("2 个对话", "5 条消息")."""

from __future__ import annotations

from desktop.commands.speech import language

# The nouns the verbs count, in Chinese with their measure word (tests/cli/test_cli_chinese.py finds a
# counted noun missing here).
CHINESE = {"conversation": "个对话", "message": "条消息", "damaged part": "处损坏的部分"}


def counted(count: int, one: str, many: str | None = None) -> str:
    """`count` and the noun in the form it takes: `many` defaults to `one` + "s"."""
    if language() == "zh" and one in CHINESE:
        return f"{count} {CHINESE[one]}"
    return f"{count} {one if count == 1 else (many or one + 's')}"
