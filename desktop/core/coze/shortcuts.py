"""A bot's shortcut commands (bot info `shortcut_commands`) and running one (`/v3/chat` `shortcut_command`).

Shapes from coze-js (coze-py has neither): `ShortcutCommandInfo` in resources/bots/bots.ts (id, name,
command, description, query_template, icon_url, agent_id?, tool {name, type plugin|workflow},
components [{name, description, type text|select|file, tool_parameter, default_value, is_hide,
options?}]); running one is desktop.core.shortcut_use.ShortcutUse (coze-js `ShortcutCommand` in
resources/chat/chat.ts: {command_id, parameters?}, each parameter a string keyed by the component's name;
an object_string item, such as a file, serialised to JSON).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.attachments.local import LocalFile
from desktop.core.shortcut_use import ShortcutUse, text_of
from desktop.core.text_safety import elide

COMPONENT_TEXT, COMPONENT_SELECT, COMPONENT_FILE = "text", "select", "file"
# What is only shown (a command's name, "/command", descriptions) is capped where it is read: a bot listing
# megabyte names made every keystroke after "/" lay them all out (1.5 s each). Ids and input names, which go
# back to Coze, are kept whole.
MAX_NAME_CHARS = 200
MAX_DESCRIPTION_CHARS = 2000
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


@dataclass(frozen=True, slots=True)
class ShortcutComponent:
    """One input of a command: what the user fills in (text, one of `options`, a file)."""

    name: str
    description: str = ""
    type: str = COMPONENT_TEXT
    default_value: str = ""
    hidden: bool = False  # set by the bot's author; never asked
    options: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ShortcutComponent:
        options = data.get("options")
        return cls(
            text_of(data, "name"),
            elide(text_of(data, "description"), MAX_DESCRIPTION_CHARS),
            text_of(data, "type") or COMPONENT_TEXT,
            text_of(data, "default_value"),
            data.get("is_hide") is True,
            tuple(str(o) for o in options if isinstance(o, str)) if isinstance(options, list) else (),
        )

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            "type": self.type,
            "tool_parameter": self.name,
            "default_value": self.default_value,
            "is_hide": self.hidden,
        }
        if self.options:
            wire["options"] = list(self.options)
        return wire


@dataclass(frozen=True, slots=True)
class ShortcutCommand:
    id: str
    name: str  # the button name ("Weather")
    command: str  # what is typed ("/weather")
    description: str = ""
    query_template: str = ""
    tool_name: str = ""
    tool_type: str = ""
    components: tuple[ShortcutComponent, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ShortcutCommand:
        tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
        components = data.get("components") if isinstance(data.get("components"), list) else []
        command = elide(text_of(data, "command") or text_of(data, "name"), MAX_NAME_CHARS)
        return cls(
            text_of(data, "id"),
            elide(text_of(data, "name"), MAX_NAME_CHARS) or command.lstrip("/"),
            command if command.startswith("/") else "/" + command,
            elide(text_of(data, "description"), MAX_DESCRIPTION_CHARS),
            text_of(data, "query_template"),
            text_of(tool or {}, "name"),
            text_of(tool or {}, "type"),
            tuple(ShortcutComponent.from_json(c) for c in components or () if isinstance(c, dict) and c.get("name")),
        )

    def to_wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "command": self.command,
            "description": self.description,
            "query_template": self.query_template,
            "tool": {"name": self.tool_name, "type": self.tool_type},
            "components": [c.to_wire() for c in self.components],
        }

    def use(self, values: Mapping[str, str], files: Mapping[str, LocalFile] | None = None) -> ShortcutUse:
        """What the user filled in for the asked components (empty ones are left to Coze's defaults);
        `files`: the file chosen for a file component (uploaded before the chat; its name is shown)."""
        files = files or {}
        shown = {**values, **{name: file.name for name, file in files.items()}}
        given = tuple((c.name, shown[c.name]) for c in self.asked if shown.get(c.name, "").strip())
        chosen = tuple((c.name, files[c.name]) for c in self.asked if c.name in files)
        return ShortcutUse(self.id, self.command, self.name, given, files=chosen)

    @property
    def asked(self) -> tuple[ShortcutComponent, ...]:
        """The components the user fills in (hidden ones keep the author's default)."""
        return tuple(c for c in self.components if not c.hidden)

    def question(self, values: Mapping[str, str]) -> str:
        """The question sent with the command: its template with the values (or defaults) filled in."""
        defaults = {c.name: c.default_value for c in self.components}

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            return values.get(name) or defaults.get(name, "")

        filled = _PLACEHOLDER.sub(value, self.query_template).strip()
        return filled or self.command


def parse_commands(raw: object) -> tuple[ShortcutCommand, ...]:
    """Bot info's `shortcut_commands` (a list, or that list as stored JSON); what is not a command is skipped."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw or "[]")
        except ValueError:
            return ()
    if not isinstance(raw, list):
        return ()
    commands = (ShortcutCommand.from_json(item) for item in raw if isinstance(item, dict))
    return tuple(c for c in commands if c.id)


def commands_json(commands: tuple[ShortcutCommand, ...]) -> str:
    """Commands as stored with the bot (the wire's shape, so `parse_commands` reads them back)."""
    return json.dumps([c.to_wire() for c in commands], ensure_ascii=False)
