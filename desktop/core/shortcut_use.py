"""A shortcut command as one question used it: sent to Coze (`/v3/chat` `shortcut_command`, coze-js
`ShortcutCommand`), stored with the question (JSON in `messages.shortcut`), shown in its bubble and in exports.
Plain data for the client, the store and the views alike (see desktop.core.coze.shortcuts for the commands)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def text_of(data: Mapping[str, Any], key: str) -> str:
    """A string field (a number becomes its digits), "" when missing or of another type."""
    value = data.get(key)
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""


@dataclass(frozen=True, slots=True)
class ShortcutUse:
    """A command as one question used it: sent to Coze, stored with the question, shown in its bubble."""

    command_id: str
    command: str  # "/weather"
    name: str = ""
    parameters: tuple[tuple[str, str], ...] = ()  # (component name, value) as sent, in the form's order

    def to_wire(self) -> dict[str, Any]:
        """`shortcut_command` of a `/v3/chat` body."""
        wire: dict[str, Any] = {"command_id": self.command_id}
        if self.parameters:
            wire["parameters"] = dict(self.parameters)
        return wire

    def to_json(self) -> str:
        return json.dumps(
            {
                "command_id": self.command_id,
                "command": self.command,
                "name": self.name,
                "parameters": dict(self.parameters),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, raw: str | None) -> ShortcutUse | None:
        try:
            data = json.loads(raw or "null")
        except ValueError:
            return None
        if not isinstance(data, dict) or not data.get("command_id"):
            return None
        parameters = data.get("parameters") if isinstance(data.get("parameters"), dict) else {}
        return cls(
            text_of(data, "command_id"),
            text_of(data, "command"),
            text_of(data, "name"),
            tuple((str(k), str(v)) for k, v in (parameters or {}).items()),
        )

    @classmethod
    def line_of(cls, raw: str | None) -> str:
        """The summary of a stored use ("" when there is none)."""
        use = cls.from_json(raw)
        return use.summary() if use is not None else ""

    def summary(self) -> str:
        """One line for the question's bubble and exports: `/weather · city: 上海 · unit: 华氏度`."""
        return " · ".join([self.command, *(f"{name}: {value}" for name, value in self.parameters)])
