"""Counts in the verbs' messages: "1 conversation", "2 conversations" (never "1 conversations" or
"conversation(s)"). English only, as every verb's output is."""

from __future__ import annotations


def counted(count: int, one: str, many: str | None = None) -> str:
    """`count` and the noun in the form it takes: `many` defaults to `one` + "s"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
