"""A shortcut command as one question used it: sent to Coze (`/v3/chat` `shortcut_command`, coze-js
`ShortcutCommand`), stored with the question (JSON in `messages.shortcut`), shown in its bubble and in exports.
Plain data for the client, the store and the views alike (see desktop.core.coze.shortcuts for the commands)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from desktop.core import media
from desktop.core.attachments.local import LocalFile


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
    # File components: (component name, the chosen file) to upload before the chat; their `parameters`
    # value is the file's name (shown), and on the wire the uploaded file as coze-js sends it. A stored
    # use's files have no path: its `sha256` names the local copy, `coze_file_id` the last upload.
    files: tuple[tuple[str, LocalFile], ...] = ()
    uploaded: tuple[tuple[str, str], ...] = ()  # (component name, Coze file_id) once uploaded, or to reuse
    file_components: tuple[str, ...] = ()  # names of file components (from a stored use: no file at hand)

    def to_wire(self) -> dict[str, Any]:
        """`shortcut_command` of a `/v3/chat` body. A file component's value is an object_string item
        serialised to JSON, as coze-js `handleParameters` sends it (`{"type":"image","file_id":"…"}`);
        one not uploaded (a stored use asked again without its file) is left out."""
        wire: dict[str, Any] = {"command_id": self.command_id}
        files = dict(self.files)
        ids = dict(self.uploaded)
        parameters: dict[str, str] = {}
        for name, value in self.parameters:
            if name in ids:
                kind = "image" if name in files and files[name].is_image else "file"
                parameters[name] = json.dumps({"type": kind, "file_id": ids[name]}, separators=(",", ":"))
            elif name not in files and name not in self.file_components:
                parameters[name] = value
        if parameters:
            wire["parameters"] = parameters
        return wire

    def with_uploads(self, file_ids: Mapping[str, str]) -> ShortcutUse:
        """This use once its files are on Coze (component name → file_id)."""
        return replace(self, uploaded=tuple((n, file_ids[n]) for n, _f in self.files if n in file_ids))

    def to_json(self) -> str:
        """As stored with the question: a file component's file is kept as an item (`file_items`: its type,
        name, size, the sha256 of its local copy and the file_id of its last upload), so asking again
        sends it again (desktop.core.attachments.copies.shortcut_to_send)."""
        ids = dict(self.uploaded)
        items = {name: _item(file, ids.get(name, file.coze_file_id)) for name, file in self.files}
        return json.dumps(
            {
                "command_id": self.command_id,
                "command": self.command,
                "name": self.name,
                "parameters": dict(self.parameters),
                **({"files": names} if (names := list(dict.fromkeys([*items, *self.file_components]))) else {}),
                **({"file_items": items} if items else {}),
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
        files = data.get("files") if isinstance(data.get("files"), list) else []
        items = data.get("file_items") if isinstance(data.get("file_items"), dict) else {}
        stored = ((str(name), _stored_file(item)) for name, item in (items or {}).items())
        return cls(
            text_of(data, "command_id"),
            text_of(data, "command"),
            text_of(data, "name"),
            tuple((str(k), str(v)) for k, v in (parameters or {}).items()),
            files=tuple((name, file) for name, file in stored if file is not None),
            file_components=tuple(str(name) for name in files or ()),
        )

    @classmethod
    def line_of(cls, raw: str | None) -> str:
        """The summary of a stored use ("" when there is none)."""
        use = cls.from_json(raw)
        return use.summary() if use is not None else ""

    def summary(self) -> str:
        """One line for the question's bubble and exports: `/weather · city: 上海 · unit: 华氏度`."""
        return " · ".join([self.command, *(f"{name}: {value}" for name, value in self.parameters)])


def _item(file: LocalFile, file_id: str) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "image" if file.is_image else "file", "name": file.name, "size": file.size}
    item.update({"sha256": file.sha256} if file.sha256 else {})
    item.update({"file_id": file_id} if file_id else {})
    return item


def _stored_file(item: object) -> LocalFile | None:
    """A stored file item as a file without a path (None when it names neither a local copy nor an upload)."""
    if not isinstance(item, dict):
        return None
    sha, file_id = text_of(item, "sha256"), text_of(item, "file_id")
    if not sha and not file_id:
        return None
    size = item.get("size")
    kind = media.COZE_PICTURE if item.get("type") == "image" else media.KINDS["unknown"]
    return LocalFile(None, text_of(item, "name"), size if isinstance(size, int) else 0, kind, sha, coze_file_id=file_id)
