"""The export file format: its name and version, and strict parsing of its text."""

from __future__ import annotations

import json
from typing import Any, NoReturn

EXPORT_FORMAT = "coze-desktop-export"
EXPORT_VERSION = 1
# Written since the demo's ids changed (desktop.core.demo_ids): a file without it, from 0.1.0, names the demo by its
# former ids, which the import turns into the current ones (as history migration 16 and the settings do).
DEMO_IDS_KEY = "demo_ids_version"


class InvalidExportFile(ValueError):
    """The data is not a valid export file; the message is one line for the user."""


class NotJson(InvalidExportFile):
    """The data is not strict JSON in UTF-8; where, when known: `line` and `column` (from 1) of the JSON, or
    the `byte` (from 0) that is not UTF-8. The message is the parser's words, in English."""

    def __init__(
        self, message: str, *, line: int | None = None, column: int | None = None, byte: int | None = None
    ) -> None:
        super().__init__(message)
        self.line, self.column, self.byte = line, column, byte


def reject_constant(name: str) -> NoReturn:
    raise NotJson(f"not valid JSON: {name} is not allowed")


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise NotJson(f"not valid JSON: duplicate key {key!r}")
        result[key] = value
    return result


def load_export(data: str | bytes) -> Any:
    """Parse the text of an export file (strict JSON: no NaN, no duplicate keys)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotJson(f"not UTF-8 text (byte {exc.start})", byte=exc.start) from None
    try:
        return json.loads(data, parse_constant=reject_constant, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "column": exc.colno}
        raise NotJson(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", **where) from None
    except RecursionError:
        raise NotJson("not valid JSON: nested too deeply") from None
